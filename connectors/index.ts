/** The connectors built into Sluice (the catalog's), all loaded; the runtime loads each only when a config names it. */
import { descriptorsIn, type PluginDescriptor } from '../src/runtime/plugins.js';
import { CONNECTOR_MODULES } from './catalog.js';

const modules = await Promise.all([...new Set(CONNECTOR_MODULES.map((m) => m.load))].map((load) => load()));

export const BUILTIN_CONNECTORS: PluginDescriptor[] = modules
  .flatMap(descriptorsIn)
  .filter((d) => CONNECTOR_MODULES.some((m) => m.kind === d.kind && m.classNames.includes(d.className)));
