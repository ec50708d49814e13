/**
 * The plugins a worker knows at start-up: Sluice's connectors, Apache Kafka's converters,
 * transforms and predicates, then
 * whatever `plugin.path` adds. Converters from plugin packages also join the converter registry
 * the task converters are built from.
 *
 * The built-ins are registered by name and imported when a config first uses them
 * (DeferredPlugin): an idle worker loads no connector, converter or transform, and one running
 * FileStream connectors loads neither the JDBC drivers nor the transforms; loading them all kept
 * the worker's idle memory above target. Connectors and transforms come from their catalogs
 * (connectors/catalog.ts, transforms/catalog.ts); the converters are named here, and
 * builtin-plugins.test.ts checks them against BUILTIN_CONVERTERS.
 */
import type { Converter, HeaderConverter } from '../converters/converter.js';
import { descriptorsIn, Plugins, type DeferredPlugin, type PluginDescriptor, type PluginKind } from './plugins.js';
import { CONNECTOR_MODULES } from '../../connectors/catalog.js';
import { TRANSFORM_MODULES } from '../../transforms/catalog.js';
import { SLUICE_VERSION } from './version.js';

type ModuleLoader = () => Promise<Record<string, unknown>>;

function deferred(kind: PluginKind, classNames: readonly string[], loader: ModuleLoader): DeferredPlugin[] {
  let loading: Promise<PluginDescriptor[]> | undefined;
  const load = (): Promise<PluginDescriptor[]> => {
    loading ??= loader().then(descriptorsIn);
    // A failed import (a missing driver, say) is retried next time rather than remembered.
    loading.catch(() => (loading = undefined));
    return loading;
  };
  return classNames.map((className) => ({ className, kind, version: SLUICE_VERSION, load }));
}

/** Both kinds unless said otherwise, as the converter classes implement Converter and HeaderConverter. */
function converters(classNames: readonly string[], kinds: readonly PluginKind[] = ['converter', 'header_converter']): DeferredPlugin[] {
  return kinds.flatMap((kind) => deferred(kind, classNames, loadConverters));
}

const loadConverters: ModuleLoader = async () => {
  const [{ BUILTIN_CONVERTERS }, { isConverter, isHeaderConverter }] = await Promise.all([import('../converters/builtin-converters.js'), import('../converters/converter.js')]);
  const out: PluginDescriptor[] = [];
  for (const [className, factory] of BUILTIN_CONVERTERS) {
    const sample = factory();
    if (isConverter(sample)) out.push({ className, kind: 'converter', version: SLUICE_VERSION, create: factory });
    if (isHeaderConverter(sample)) out.push({ className, kind: 'header_converter', version: SLUICE_VERSION, create: factory });
  }
  return { converters: out };
};

export const DEFERRED_BUILTINS: readonly DeferredPlugin[] = [
  ...CONNECTOR_MODULES.flatMap((m) => deferred(m.kind, m.classNames, m.load)),
  ...converters([
    'org.apache.kafka.connect.json.JsonConverter',
    'org.apache.kafka.connect.storage.StringConverter',
    'org.apache.kafka.connect.converters.ByteArrayConverter',
    'org.apache.kafka.connect.converters.LongConverter',
    'org.apache.kafka.connect.converters.IntegerConverter',
    'org.apache.kafka.connect.converters.ShortConverter',
    'org.apache.kafka.connect.converters.FloatConverter',
    'org.apache.kafka.connect.converters.DoubleConverter',
    'org.apache.kafka.connect.converters.BooleanConverter',
  ]),
  ...converters(['org.apache.kafka.connect.storage.SimpleHeaderConverter'], ['header_converter']),
  ...converters(['io.confluent.connect.avro.AvroConverter'], ['converter']),
  ...TRANSFORM_MODULES.flatMap((m) => deferred(m.kind, m.classNames, m.load)),
];

export async function loadPlugins(pluginPath: readonly string[] = []): Promise<Plugins> {
  const plugins = new Plugins().registerDeferred(...DEFERRED_BUILTINS);
  if (pluginPath.length > 0) {
    await plugins.loadPluginPath(pluginPath);
    const { converterRegistry, registerConverter } = await import('../converters/builtin-converters.js');
    for (const d of plugins.list(['converter', 'header_converter'])) {
      if (converterRegistry.resolve(d.className) === null) registerConverter(d.className, undefined, () => d.create() as Converter | HeaderConverter);
    }
  }
  return plugins;
}
