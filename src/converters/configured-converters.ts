import { withPrefix } from '../config/prefixed.js';
import type { Converter, ConverterConfigs, HeaderConverter } from './converter.js';
import { ConverterConfigException } from './converter-config.js';
import { converterRegistry } from './builtin-converters.js';
import type { ConverterRegistry } from './registry.js';

export const KEY_CONVERTER_CONFIG = 'key.converter';
export const VALUE_CONVERTER_CONFIG = 'value.converter';
export const HEADER_CONVERTER_CONFIG = 'header.converter';
export const DEFAULT_HEADER_CONVERTER = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';

/** The converters of one connector's tasks. */
export interface ConfiguredConverters {
  readonly keyConverter: Converter;
  readonly valueConverter: Converter;
  readonly headerConverter: HeaderConverter;
}

type Config = Readonly<Record<string, string>>;

export { withPrefix as settingsWithPrefix } from '../config/prefixed.js';

/** The key or value converter a config defines, configured with its prefixed settings; null if the class key is absent. */
export function newConverter(config: Config, classKey: typeof KEY_CONVERTER_CONFIG | typeof VALUE_CONVERTER_CONFIG, registry: ConverterRegistry = converterRegistry): Converter | null {
  const className = config[classKey];
  if (className === undefined) return null;
  const converter = registry.newConverter(className);
  converter.configure(withPrefix(config, `${classKey}.`) as ConverterConfigs, classKey === KEY_CONVERTER_CONFIG);
  return converter;
}

/** The header converter a config defines, configured with `converter.type=header`; null if absent. */
export function newHeaderConverter(config: Config, registry: ConverterRegistry = converterRegistry): HeaderConverter | null {
  const className = config[HEADER_CONVERTER_CONFIG];
  if (className === undefined) return null;
  const converter = registry.newHeaderConverter(className);
  converter.configure({ ...withPrefix(config, `${HEADER_CONVERTER_CONFIG}.`), 'converter.type': 'header' });
  return converter;
}

/**
 * Builds a task's converters as Kafka Connect's Worker does: a converter class set in the
 * connector config wins, together with only the connector's own `key.converter.*` (etc.)
 * settings; otherwise the worker's class and the worker's settings are used. Connector-level
 * settings without a connector-level class are ignored, exactly as in Kafka Connect.
 * `key.converter` and `value.converter` are required of the worker; `header.converter`
 * defaults to SimpleHeaderConverter.
 */
export function configuredConverters(workerConfig: Config, connectorConfig: Config = {}, registry: ConverterRegistry = converterRegistry): ConfiguredConverters {
  const keyConverter = newConverter(connectorConfig, KEY_CONVERTER_CONFIG, registry) ?? newConverter(workerConfig, KEY_CONVERTER_CONFIG, registry);
  if (keyConverter === null) throw missing(KEY_CONVERTER_CONFIG);
  const valueConverter = newConverter(connectorConfig, VALUE_CONVERTER_CONFIG, registry) ?? newConverter(workerConfig, VALUE_CONVERTER_CONFIG, registry);
  if (valueConverter === null) throw missing(VALUE_CONVERTER_CONFIG);
  const headerConverter =
    newHeaderConverter(connectorConfig, registry) ??
    newHeaderConverter({ [HEADER_CONVERTER_CONFIG]: DEFAULT_HEADER_CONVERTER, ...workerConfig }, registry);
  if (headerConverter === null) throw missing(HEADER_CONVERTER_CONFIG);
  return { keyConverter, valueConverter, headerConverter };
}

function missing(name: string): ConverterConfigException {
  return new ConverterConfigException(name, `Missing required configuration "${name}" which has no default value.`);
}
