/**
 * The plugins a worker knows at start-up: Sluice's connectors, Apache Kafka's converters,
 * transforms and predicates, then
 * whatever `plugin.path` adds. Converters from plugin packages also join the converter registry
 * the task converters are built from.
 */
import { BUILTIN_CONNECTORS } from '../../connectors/index.js';
import { BUILTIN_PREDICATES, BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { BUILTIN_CONVERTERS, registerConverter } from '../converters/builtin-converters.js';
import { converterRegistry } from '../converters/builtin-converters.js';
import { isConverter, isHeaderConverter, type Converter, type HeaderConverter } from '../converters/converter.js';
import { Plugins, type PluginDescriptor } from './plugins.js';
import { SLUICE_VERSION } from './version.js';

function converterDescriptors(): PluginDescriptor[] {
  const out: PluginDescriptor[] = [];
  for (const [className, factory] of BUILTIN_CONVERTERS) {
    const sample = factory();
    if (isConverter(sample)) out.push({ className, kind: 'converter', version: SLUICE_VERSION, create: factory });
    if (isHeaderConverter(sample)) out.push({ className, kind: 'header_converter', version: SLUICE_VERSION, create: factory });
  }
  return out;
}

export async function loadPlugins(pluginPath: readonly string[] = []): Promise<Plugins> {
  const plugins = new Plugins().register(...BUILTIN_CONNECTORS, ...converterDescriptors(), ...BUILTIN_TRANSFORMS, ...BUILTIN_PREDICATES);
  if (pluginPath.length > 0) {
    await plugins.loadPluginPath(pluginPath);
    for (const d of plugins.list(['converter', 'header_converter'])) {
      if (converterRegistry.resolve(d.className) === null) registerConverter(d.className, undefined, () => d.create() as Converter | HeaderConverter);
    }
  }
  return plugins;
}
