/**
 * The transforms and predicates built into Sluice: all of Apache Kafka's
 * (org.apache.kafka.connect.transforms.* and .predicates.*), under Kafka's class names, so that
 * connector configs written for Kafka Connect resolve as they are. Importing this module loads
 * every one of them (the catalog lists them; the runtime loads each only when a config names it).
 */
import { descriptorsIn, type PluginDescriptor } from '../src/runtime/plugins.js';
import { TRANSFORM_MODULES } from './catalog.js';

const loaded = await Promise.all(TRANSFORM_MODULES.map(async (m) => ({ kind: m.kind, descriptors: descriptorsIn(await m.load()) })));

export const BUILTIN_TRANSFORMS: PluginDescriptor[] = loaded.filter((m) => m.kind === 'transformation').flatMap((m) => m.descriptors);
export const BUILTIN_PREDICATES: PluginDescriptor[] = loaded.filter((m) => m.kind === 'predicate').flatMap((m) => m.descriptors);
