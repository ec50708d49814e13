/**
 * The config definitions Kafka's converters publish (ConverterConfig, JsonConverterConfig,
 * StringConverterConfig, ...), for GET /connector-plugins/{converter}/config.
 */
import { ConfigDef, ConfigType, Importance, Range, ValidString, Width } from '../config/index.js';

function converterDef(): ConfigDef {
  return new ConfigDef().define({
    name: 'converter.type',
    type: ConfigType.STRING,
    validator: ValidString.in('key', 'value', 'header'),
    importance: Importance.LOW,
    documentation: 'How this converter will be used.',
  });
}

const JSON_DEF = (): ConfigDef =>
  converterDef()
    .define({ name: 'schemas.enable', type: ConfigType.BOOLEAN, defaultValue: 'true', importance: Importance.HIGH, documentation: 'Include schemas within each of the serialized values and keys.', group: 'Schemas', orderInGroup: 1, width: Width.MEDIUM, displayName: 'Enable Schemas' })
    .define({ name: 'schemas.cache.size', type: ConfigType.INT, defaultValue: '1000', validator: Range.atLeast(0), importance: Importance.HIGH, documentation: 'The maximum number of schemas that can be cached in this converter instance.', group: 'Schemas', orderInGroup: 2, width: Width.MEDIUM, displayName: 'Schema Cache Size' })
    .define({ name: 'decimal.format', type: ConfigType.STRING, defaultValue: 'BASE64', validator: ValidString.in('BASE64', 'NUMERIC'), importance: Importance.LOW, documentation: 'Controls which format this converter will serialize decimals in. This value is case insensitive and can be either \'BASE64\' (default) or \'NUMERIC\'', group: 'Serialization', orderInGroup: 1, width: Width.MEDIUM, displayName: 'Decimal Format' })
    .define({ name: 'replace.null.with.default', type: ConfigType.BOOLEAN, defaultValue: 'true', importance: Importance.LOW, documentation: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.', group: 'Serialization', orderInGroup: 2, width: Width.MEDIUM, displayName: 'Replace null with default' });

const STRING_DEF = (): ConfigDef =>
  converterDef().define({ name: 'converter.encoding', type: ConfigType.STRING, defaultValue: 'UTF8', importance: Importance.HIGH, documentation: 'The name of the Java character set to use for encoding strings as byte arrays.', group: 'Converter', orderInGroup: 1, width: Width.MEDIUM, displayName: 'Converter encoding' });

const DEFS: Record<string, () => ConfigDef> = {
  'org.apache.kafka.connect.json.JsonConverter': JSON_DEF,
  'org.apache.kafka.connect.storage.StringConverter': STRING_DEF,
  'org.apache.kafka.connect.storage.SimpleHeaderConverter': converterDef,
  'org.apache.kafka.connect.converters.ByteArrayConverter': () => new ConfigDef(),
  'org.apache.kafka.connect.converters.LongConverter': converterDef,
  'org.apache.kafka.connect.converters.IntegerConverter': converterDef,
  'org.apache.kafka.connect.converters.ShortConverter': converterDef,
  'org.apache.kafka.connect.converters.FloatConverter': converterDef,
  'org.apache.kafka.connect.converters.DoubleConverter': converterDef,
  'org.apache.kafka.connect.converters.BooleanConverter': converterDef,
};

export function converterConfigDef(className: string): ConfigDef | undefined {
  return DEFS[className]?.();
}
