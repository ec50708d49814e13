import type { PluginDescriptor, Predicate } from '../../src/connect/index.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

const PREDICATES_PACKAGE = 'org.apache.kafka.connect.transforms.predicates';

/** A built-in predicate as the plugin registry takes it: Kafka's class name and a factory. */
export interface PredicateDescriptor extends PluginDescriptor<Predicate> {
  readonly kind: 'predicate';
}

/** Describes `org.apache.kafka.connect.transforms.predicates.<simpleName>`. */
export function describePredicate(simpleName: string, create: () => Predicate): PredicateDescriptor {
  return { className: `${PREDICATES_PACKAGE}.${simpleName}`, kind: 'predicate', version: SLUICE_VERSION, create };
}
