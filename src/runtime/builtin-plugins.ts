/**
 * The plugins a worker knows at start-up: Sluice's connectors, Apache Kafka's converters,
 * transforms and predicates, then
 * whatever `plugin.path` adds. Converters from plugin packages also join the converter registry
 * the task converters are built from.
 *
 * The built-ins are listed here by name and imported when a config first uses them
 * (DeferredPlugin): an idle worker loads no connector, converter or transform, and one running
 * FileStream connectors loads neither the JDBC drivers nor the transforms; loading them all kept
 * the worker's idle memory above target. BUILTIN_CONNECTORS (connectors/index.ts),
 * BUILTIN_CONVERTERS (src/converters/builtin-converters.ts) and BUILTIN_TRANSFORMS /
 * BUILTIN_PREDICATES (transforms/index.ts) stay the lists of record; builtin-plugins.test.ts checks
 * that this one names the same plugins.
 */
import type { Converter, HeaderConverter } from '../converters/converter.js';
import { Plugins, type DeferredPlugin, type PluginDescriptor, type PluginKind } from './plugins.js';
import { SLUICE_VERSION } from './version.js';

type ModuleLoader = () => Promise<Record<string, unknown>>;

/** The descriptors a module exports, as single descriptors or arrays of them. */
function descriptorsIn(module: Record<string, unknown>): PluginDescriptor[] {
  const isDescriptor = (v: unknown): v is PluginDescriptor =>
    v !== null && typeof v === 'object' && typeof (v as PluginDescriptor).className === 'string' && typeof (v as PluginDescriptor).create === 'function';
  return Object.values(module).flatMap((v) => (Array.isArray(v) ? v.filter(isDescriptor) : isDescriptor(v) ? [v] : []));
}

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

const keyAndValue = (name: string): string[] => [`${name}$Key`, `${name}$Value`];

function transforms(names: readonly string[], loader: ModuleLoader): DeferredPlugin[] {
  return deferred('transformation', names.map((n) => `org.apache.kafka.connect.transforms.${n}`), loader);
}

function predicate(name: string, loader: ModuleLoader): DeferredPlugin[] {
  return deferred('predicate', [`org.apache.kafka.connect.transforms.predicates.${name}`], loader);
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

const fileConnectors: ModuleLoader = () => import('../../connectors/file/index.js');
const jdbcConnectors: ModuleLoader = () => import('../../connectors/jdbc/index.js');

export const DEFERRED_BUILTINS: readonly DeferredPlugin[] = [
  ...deferred('source', ['org.apache.kafka.connect.file.FileStreamSourceConnector'], fileConnectors),
  ...deferred('sink', ['org.apache.kafka.connect.file.FileStreamSinkConnector'], fileConnectors),
  ...deferred('source', ['io.confluent.connect.jdbc.JdbcSourceConnector'], jdbcConnectors),
  ...deferred('sink', ['io.confluent.connect.jdbc.JdbcSinkConnector'], jdbcConnectors),
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
  ...transforms(keyAndValue('Cast'), () => import('../../transforms/cast.js')),
  ...transforms(['DropHeaders'], () => import('../../transforms/drop-headers.js')),
  ...transforms(keyAndValue('ExtractField'), () => import('../../transforms/extract-field.js')),
  ...transforms(['Filter'], () => import('../../transforms/filter.js')),
  ...transforms(keyAndValue('Flatten'), () => import('../../transforms/flatten.js')),
  ...transforms(keyAndValue('HeaderFrom'), () => import('../../transforms/header-from.js')),
  ...transforms(keyAndValue('HoistField'), () => import('../../transforms/hoist-field.js')),
  ...transforms(keyAndValue('InsertField'), () => import('../../transforms/insert-field.js')),
  ...transforms(['InsertHeader'], () => import('../../transforms/insert-header.js')),
  ...transforms(keyAndValue('MaskField'), () => import('../../transforms/mask-field.js')),
  ...transforms(['RegexRouter'], () => import('../../transforms/regex-router.js')),
  ...transforms(keyAndValue('ReplaceField'), () => import('../../transforms/replace-field.js')),
  ...transforms(keyAndValue('SetSchemaMetadata'), () => import('../../transforms/set-schema-metadata.js')),
  ...transforms(keyAndValue('TimestampConverter'), () => import('../../transforms/timestamp-converter.js')),
  ...transforms(['TimestampRouter'], () => import('../../transforms/timestamp-router.js')),
  ...transforms(['ValueToKey'], () => import('../../transforms/value-to-key.js')),
  ...predicate('HasHeaderKey', () => import('../../transforms/predicates/has-header-key.js')),
  ...predicate('RecordIsTombstone', () => import('../../transforms/predicates/record-is-tombstone.js')),
  ...predicate('TopicNameMatches', () => import('../../transforms/predicates/topic-name-matches.js')),
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
