import type { PluginDescriptor, Transformation } from '../../src/connect/index.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';
import { KEY, VALUE, type KeyOrValue } from './key-or-value.js';

const TRANSFORMS_PACKAGE = 'org.apache.kafka.connect.transforms';

/** A built-in transform as the plugin registry takes it: Kafka's class name and a factory. */
export interface TransformDescriptor extends PluginDescriptor<Transformation> {
  readonly className: string;
  readonly kind: 'transformation';
  readonly version: string;
  create(): Transformation;
}

/** Describes `org.apache.kafka.connect.transforms.<simpleName>` (e.g. `RegexRouter`, `InsertField$Value`). */
export function describeTransform(simpleName: string, create: () => Transformation): TransformDescriptor {
  return { className: `${TRANSFORMS_PACKAGE}.${simpleName}`, kind: 'transformation', version: SLUICE_VERSION, create };
}

/** The `$Key` and `$Value` descriptors of a transform written once against KeyOrValue. */
export function describeKeyAndValue(simpleName: string, create: (side: KeyOrValue) => Transformation): TransformDescriptor[] {
  return [KEY, VALUE].map((side) => describeTransform(`${simpleName}$${side.suffix}`, () => create(side)));
}
