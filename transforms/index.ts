/**
 * The transforms and predicates built into Sluice: all of Apache Kafka's
 * (org.apache.kafka.connect.transforms.* and .predicates.*), under Kafka's class names, so that
 * connector configs written for Kafka Connect resolve as they are. Importing this module loads
 * every one of them (the catalog lists them; the runtime loads each only when a config names it).
 */
import { loadBuiltinModules, type PluginDescriptor } from '../src/runtime/plugins.js';
import { TRANSFORM_MODULES } from './catalog.js';

const loaded = await loadBuiltinModules(TRANSFORM_MODULES);

export const BUILTIN_TRANSFORMS: PluginDescriptor[] = loaded.filter((d) => d.kind === 'transformation');
export const BUILTIN_PREDICATES: PluginDescriptor[] = loaded.filter((d) => d.kind === 'predicate');
