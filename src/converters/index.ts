/** Converters between Connect data and record bytes, and the registry that finds them by class name. */
export { BooleanConverter } from './boolean-converter.js';
export { ByteArrayConverter } from './byte-array-converter.js';
export { BUILTIN_CONVERTERS, converterRegistry, registerBuiltinConverters, registerConverter } from './builtin-converters.js';
export { javaCharset, type JavaCharset } from './charset.js';
export {
  configuredConverters,
  DEFAULT_HEADER_CONVERTER,
  HEADER_CONVERTER_CONFIG,
  KEY_CONVERTER_CONFIG,
  newConverter,
  newHeaderConverter,
  settingsWithPrefix,
  VALUE_CONVERTER_CONFIG,
  type ConfiguredConverters,
} from './configured-converters.js';
export { isConverter, isHeaderConverter, type Converter, type ConverterConfigs, type ConverterType, type HeaderConverter } from './converter.js';
export { ConverterConfigException, converterTypeSetting, withConverterType } from './converter-config.js';
export { JsonConverter, ENVELOPE_REQUIRED_MESSAGE } from './json/json-converter.js';
export { DEFAULT_JSON_CONVERTER_CONFIG, parseJsonConverterConfig, type DecimalFormat, type JsonConverterConfig } from './json/json-converter-config.js';
export { readJson, JsonSyntaxError } from './json/json-reader.js';
export { quoteJson, writeNode } from './json/json-writer.js';
export { nodeType, type JsonNode } from './json/json-node.js';
export { LruCache } from './lru-cache.js';
export { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converters.js';
export { converterAliases, ConverterRegistry, type ConverterFactory, type ConverterPlugin } from './registry.js';
export { SimpleHeaderConverter } from './simple-header-converter.js';
export { StringConverter } from './string-converter.js';
