/** The connectors built into Sluice (the catalog's), all loaded; the runtime loads each only when a config names it. */
import { loadBuiltinModules, type PluginDescriptor } from '../src/runtime/plugins.js';
import { CONNECTOR_MODULES } from './catalog.js';

export const BUILTIN_CONNECTORS: PluginDescriptor[] = await loadBuiltinModules(CONNECTOR_MODULES);
