import { AvroConverter } from './avro/avro-converter.js';
import { BooleanConverter } from './boolean-converter.js';
import { ByteArrayConverter } from './byte-array-converter.js';
import { JsonConverter } from './json/json-converter.js';
import { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converters.js';
import { ConverterRegistry, type ConverterFactory } from './registry.js';
import { SimpleHeaderConverter } from './simple-header-converter.js';
import { StringConverter } from './string-converter.js';

/** Apache Kafka's converters, under their Java class names. */
export const BUILTIN_CONVERTERS: ReadonlyArray<readonly [string, ConverterFactory]> = [
  ['org.apache.kafka.connect.json.JsonConverter', () => new JsonConverter()],
  ['org.apache.kafka.connect.storage.StringConverter', () => new StringConverter()],
  ['org.apache.kafka.connect.converters.ByteArrayConverter', () => new ByteArrayConverter()],
  ['org.apache.kafka.connect.converters.LongConverter', () => new LongConverter()],
  ['org.apache.kafka.connect.converters.IntegerConverter', () => new IntegerConverter()],
  ['org.apache.kafka.connect.converters.ShortConverter', () => new ShortConverter()],
  ['org.apache.kafka.connect.converters.FloatConverter', () => new FloatConverter()],
  ['org.apache.kafka.connect.converters.DoubleConverter', () => new DoubleConverter()],
  ['org.apache.kafka.connect.converters.BooleanConverter', () => new BooleanConverter()],
  ['org.apache.kafka.connect.storage.SimpleHeaderConverter', () => new SimpleHeaderConverter()],
  ['io.confluent.connect.avro.AvroConverter', () => new AvroConverter()],
];

export function registerBuiltinConverters(registry: ConverterRegistry): ConverterRegistry {
  for (const [className, factory] of BUILTIN_CONVERTERS) registry.register(className, undefined, factory);
  return registry;
}

/** The process-wide registry the worker resolves `key.converter` & co. against. */
export const converterRegistry: ConverterRegistry = registerBuiltinConverters(new ConverterRegistry());

/**
 * Adds a converter class (e.g. the Avro converter or a plugin's) to the process-wide registry:
 * `registerConverter('io.confluent.connect.avro.AvroConverter', undefined, () => new AvroConverter())`.
 * Without `aliases`, Kafka's alias rule applies (`AvroConverter`, `Avro`).
 */
export function registerConverter(className: string, aliases: readonly string[] | undefined, factory: ConverterFactory): void {
  converterRegistry.register(className, aliases, factory);
}
