import { describe, expect, it } from 'vitest';
import { Schema } from '../data/index.js';
import { ByteArrayConverter } from './byte-array-converter.js';
import { converterRegistry, registerBuiltinConverters } from './builtin-converters.js';
import { configuredConverters } from './configured-converters.js';
import { JsonConverter } from './json/json-converter.js';
import { converterAliases, ConverterRegistry } from './registry.js';
import { SimpleHeaderConverter } from './simple-header-converter.js';
import { StringConverter } from './string-converter.js';

describe('converter registry', () => {
  it('resolves Java class names and Kafka aliases', () => {
    expect(converterRegistry.resolve('org.apache.kafka.connect.json.JsonConverter')).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(converterRegistry.resolve('JsonConverter')).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(converterRegistry.resolve('Json')).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(converterRegistry.resolve('StringConverter')).toBe('org.apache.kafka.connect.storage.StringConverter');
    expect(converterRegistry.resolve('LongConverter')).toBe('org.apache.kafka.connect.converters.LongConverter');
    expect(converterRegistry.resolve('SimpleHeaderConverter')).toBe('org.apache.kafka.connect.storage.SimpleHeaderConverter');
    expect(converterRegistry.resolve('Simple')).toBe('org.apache.kafka.connect.storage.SimpleHeaderConverter');
    expect(converterAliases('io.confluent.connect.avro.AvroConverter')).toEqual(['AvroConverter', 'Avro']);
    expect(converterRegistry.newConverter('ByteArrayConverter')).toBeInstanceOf(ByteArrayConverter);
  });

  it('refuses unknown names and kinds', () => {
    expect(() => converterRegistry.newConverter('com.example.Missing')).toThrow(
      'Failed to find any class that implements Converter and which name matches com.example.Missing',
    );
    expect(() => converterRegistry.newConverter('SimpleHeaderConverter')).toThrow('Failed to find any class that implements Converter');
    expect(converterRegistry.newHeaderConverter('JsonConverter')).toBeInstanceOf(JsonConverter);
  });

  it('lets plugins register more, and drops ambiguous aliases', () => {
    const registry = registerBuiltinConverters(new ConverterRegistry());
    registry.register('com.example.a.CsvConverter', undefined, () => new StringConverter());
    expect(registry.resolve('Csv')).toBe('com.example.a.CsvConverter');
    registry.register('com.example.b.CsvConverter', undefined, () => new StringConverter());
    expect(registry.resolve('Csv')).toBeNull();
    expect(registry.resolve('com.example.b.CsvConverter')).toBe('com.example.b.CsvConverter');
  });
});

describe('configuredConverters', () => {
  const worker = {
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
  };

  it('uses the worker converters with the worker settings', () => {
    const { keyConverter, valueConverter, headerConverter } = configuredConverters(worker);
    expect(keyConverter).toBeInstanceOf(StringConverter);
    expect(valueConverter).toBeInstanceOf(JsonConverter);
    expect((valueConverter as JsonConverter).config().schemasEnabled).toBe(false);
    expect(headerConverter).toBeInstanceOf(SimpleHeaderConverter);
  });

  it('lets a connector-level class override with only the connector settings', () => {
    const { valueConverter } = configuredConverters(worker, { 'value.converter': 'JsonConverter', 'value.converter.decimal.format': 'NUMERIC' });
    const json = valueConverter as JsonConverter;
    expect(json.config().schemasEnabled).toBe(true);
    expect(json.config().decimalFormat).toBe('NUMERIC');
    // Settings without a connector-level class are ignored, as in Kafka Connect.
    const ignored = configuredConverters(worker, { 'value.converter.schemas.enable': 'true' }).valueConverter as JsonConverter;
    expect(ignored.config().schemasEnabled).toBe(false);
  });

  it('configures the key converter as a key converter', () => {
    const { keyConverter } = configuredConverters({ ...worker, 'key.converter': 'JsonConverter' });
    expect(keyConverter.fromConnectData('t', null, Schema.STRING_SCHEMA, 'k')?.toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"k"}');
  });

  it('requires key and value converters and validates settings', () => {
    expect(() => configuredConverters({})).toThrow('Missing required configuration "key.converter" which has no default value.');
    expect(() => configuredConverters({ ...worker, 'value.converter.schemas.enable': 'maybe' })).toThrow(
      'Invalid value maybe for configuration schemas.enable: Expected value to be either true or false',
    );
    expect(() => configuredConverters({ ...worker, 'value.converter.decimal.format': 'hex' })).toThrow(
      'Invalid value hex for configuration decimal.format',
    );
  });
});
