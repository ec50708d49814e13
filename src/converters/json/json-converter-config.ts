import type { ConverterConfigs } from '../converter.js';
import { booleanSetting, ConverterConfigException, intSetting, stringSetting } from '../converter-config.js';

export type DecimalFormat = 'BASE64' | 'NUMERIC';

/** JsonConverterConfig: the JsonConverter's own settings. */
export interface JsonConverterConfig {
  /** `schemas.enable` (default true): write and require the {"schema","payload"} envelope. */
  readonly schemasEnabled: boolean;
  /** `schemas.cache.size` (default 1000). */
  readonly schemaCacheSize: number;
  /** `decimal.format` (default BASE64, case-insensitive). */
  readonly decimalFormat: DecimalFormat;
  /** `replace.null.with.default` (default true): a null with a schema default is written/read as the default. */
  readonly replaceNullWithDefault: boolean;
}

export const DEFAULT_JSON_CONVERTER_CONFIG: JsonConverterConfig = Object.freeze({
  schemasEnabled: true,
  schemaCacheSize: 1000,
  decimalFormat: 'BASE64',
  replaceNullWithDefault: true,
});

export function parseJsonConverterConfig(configs: ConverterConfigs): JsonConverterConfig {
  const format = stringSetting(configs, 'decimal.format', 'BASE64');
  const upper = format.toUpperCase();
  if (upper !== 'BASE64' && upper !== 'NUMERIC') {
    throw ConverterConfigException.invalidValue('decimal.format', format, 'String must be one of (case insensitive): BASE64, NUMERIC');
  }
  return {
    schemasEnabled: booleanSetting(configs, 'schemas.enable', true),
    schemaCacheSize: intSetting(configs, 'schemas.cache.size', 1000),
    decimalFormat: upper,
    replaceNullWithDefault: booleanSetting(configs, 'replace.null.with.default', true),
  };
}
