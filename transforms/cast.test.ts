import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import {
  BigDecimal,
  ConnectDate,
  ConnectSchema,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  Schema,
  SchemaBuilder,
  SourceRecord,
  Struct,
  formatDateValue,
  isSchemalessDouble,
  markSchemalessDouble,
} from '../src/data/index.js';
import { Cast, descriptors } from './cast.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

const MILLIS_PER_HOUR = 3_600_000;
const MILLIS_PER_DAY = 86_400_000;

function configured(spec: string, side: KeyOrValue = VALUE, extra: Record<string, string> = {}): Cast {
  const xform = new Cast(side);
  xform.configure({ spec, ...extra });
  return xform;
}

function record(fields: Partial<ConstructorParameters<typeof SourceRecord>[0]>): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'topic', kafkaPartition: 0, ...fields });
}

function castValue(spec: string, valueSchema: Schema | null, value: unknown): SourceRecord {
  return configured(spec).apply(record({ valueSchema, value }))!;
}

describe('Cast config', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.Cast$Key', 'org.apache.kafka.connect.transforms.Cast$Value']);
  });

  it('rejects bad specs with Kafka messages', () => {
    expect(() => configured('')).toThrow(new ConfigException('Must specify at least one field to cast.'));
    expect(() => configured('foo:faketype')).toThrow(
      'Invalid value java.lang.IllegalArgumentException: No enum constant org.apache.kafka.connect.data.Schema.Type.FAKETYPE for configuration Invalid type found in casting spec: faketype',
    );
    expect(() => configured('foo:array')).toThrow(
      'Cast transformation does not support casting to ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
    );
    expect(() => configured('array')).toThrow(ConfigException);
    expect(() => configured('foo:bytes')).toThrow('Cast transformation does not support casting to BYTES');
    expect(() => configured('foo:int8:extra')).toThrow('Invalid value [foo:int8:extra] for configuration renames: Invalid rename mapping: foo:int8:extra');
    expect(() => configured('foo:int8,int32')).toThrow(
      'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec',
    );
    expect(() => new Cast(KEY).configure({})).toThrow('Missing required configuration "spec" which has no default value.');
  });

  it('accepts types in any case, with spaces around', () => {
    expect(castValue(' foo : INT64 ', null, new Map([['foo', 1]])).value()).toEqual(new Map([['foo', 1n]]));
  });
});

describe('Cast', () => {
  it('leaves null keys and values unchanged', () => {
    const nullValue = record({ keySchema: Schema.STRING_SCHEMA, key: 'key', valueSchema: Schema.STRING_SCHEMA });
    expect(configured('foo:int64').apply(nullValue)).toBe(nullValue);
    const schemaless = record({ keySchema: Schema.STRING_SCHEMA, key: 'key' });
    expect(configured('foo:int64').apply(schemaless)).toBe(schemaless);
    const nullKey = record({ keySchema: Schema.STRING_SCHEMA, valueSchema: Schema.STRING_SCHEMA, value: 'value' });
    expect(configured('foo:int64', KEY).apply(nullKey)).toBe(nullKey);
  });

  it.each([
    [false, null],
    [true, '10'],
  ])('replace.null.with.default=%s on a cast field', (replace, expected) => {
    const structSchema = SchemaBuilder.struct().field('magic', SchemaBuilder.int32().optional().defaultValue(10).build()).build();
    const transformed = configured('magic:string', VALUE, { 'replace.null.with.default': String(replace) }).apply(
      record({ keySchema: Schema.STRING_SCHEMA, key: 'key', valueSchema: structSchema, value: new Struct(structSchema).put('magic', null) }),
    )!;
    expect(transformed.valueSchema()!.field('magic')!.schema().type()).toBe('STRING');
    expect((transformed.value() as Struct).getWithoutDefault('magic')).toBe(expected);
  });

  it('casts a whole key with a schema', () => {
    const transformed = configured('int8', KEY).apply(record({ keySchema: Schema.INT32_SCHEMA, key: 42, valueSchema: Schema.STRING_SCHEMA, value: 'bogus' }))!;
    expect(transformed.keySchema()!.type()).toBe('INT8');
    expect(transformed.key()).toBe(42);
    expect(transformed.value()).toBe('bogus');
  });

  it.each([
    ['int8', 'INT8', 42],
    ['int16', 'INT16', 42],
    ['int32', 'INT32', 42],
    ['int64', 'INT64', 42n],
    ['float32', 'FLOAT32', 42],
    ['float64', 'FLOAT64', 42],
    ['boolean', 'BOOLEAN', true],
    ['string', 'STRING', '42'],
  ])('casts a whole INT32 value to %s, with and without schema', (spec, type, expected) => {
    const withSchema = castValue(spec, Schema.INT32_SCHEMA, 42);
    expect(withSchema.valueSchema()!.type()).toBe(type);
    expect(withSchema.value()).toBe(expected);
    const schemaless = castValue(spec, null, 42);
    expect(schemaless.valueSchema()).toBeNull();
    expect(schemaless.value()).toBe(expected);
  });

  it('casts 0 to false', () => {
    expect(castValue('boolean', Schema.INT32_SCHEMA, 0).value()).toBe(false);
    expect(castValue('boolean', null, 0).value()).toBe(false);
  });

  it('casts whole Decimal and Timestamp values to string', () => {
    expect(castValue('string', Decimal.schema(0), new BigDecimal(42n)).value()).toBe('42');
    const timestamp = new Date(MILLIS_PER_DAY + 1);
    const transformed = castValue('string', ConnectTimestamp.SCHEMA, timestamp);
    expect(transformed.valueSchema()!.type()).toBe('STRING');
    expect(transformed.value()).toBe('1970-01-02T00:00:00.001Z');
    // As in Kafka, the whole-value schema keeps the original's name.
    expect(transformed.valueSchema()!.name()).toBe(ConnectTimestamp.LOGICAL_NAME);
  });

  it('casts the schema default of a whole value', () => {
    const transformed = castValue('int32', SchemaBuilder.float32().defaultValue(-42.125).build(), 42.125);
    expect(transformed.valueSchema()!.type()).toBe('INT32');
    expect(transformed.value()).toBe(42);
    expect(transformed.valueSchema()!.defaultValue()).toBe(-42);
  });

  it('casts a whole schemaless key', () => {
    const transformed = configured('int8', KEY).apply(record({ key: 42, valueSchema: Schema.STRING_SCHEMA, value: 'bogus' }))!;
    expect(transformed.keySchema()).toBeNull();
    expect(transformed.key()).toBe(42);
  });

  it('rejects unsupported schemaless types', () => {
    expect(() => castValue('int8', null, ['foo'])).toThrow(
      new DataException(
        'Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]',
      ),
    );
    expect(() => castValue('int8', null, new Date(0))).toThrow(
      "Cast transformation was passed a value of type class java.util.Date which is not supported by Connect's data API",
    );
  });

  it('casts logical values to their raw numbers', () => {
    const spec = [
      'date_to_int32:int32',
      'timestamp_to_int64:int64',
      'time_to_int64:int64',
      'decimal_to_int32:int32',
      'timestamp_to_float64:float64',
      'null_timestamp_to_int32:int32',
    ].join(',');
    const schema = SchemaBuilder.struct()
      .field('date_to_int32', ConnectDate.SCHEMA)
      .field('timestamp_to_int64', ConnectTimestamp.SCHEMA)
      .field('time_to_int64', ConnectTime.SCHEMA)
      .field('decimal_to_int32', Decimal.schema(0))
      .field('timestamp_to_float64', ConnectTimestamp.SCHEMA)
      .field('null_timestamp_to_int32', ConnectTimestamp.builder().optional().build())
      .build();
    const value = new Struct(schema)
      .put('date_to_int32', new Date(MILLIS_PER_DAY))
      .put('timestamp_to_int64', new Date(0))
      .put('time_to_int64', new Date(1))
      .put('decimal_to_int32', new BigDecimal(2147483648n))
      .put('timestamp_to_float64', new Date(8.64e15))
      .put('null_timestamp_to_int32', null);
    const updated = castValue(spec, schema, value).value() as Struct;
    expect(updated.get('date_to_int32')).toBe(1);
    expect(updated.get('timestamp_to_int64')).toBe(0n);
    expect(updated.get('time_to_int64')).toBe(1n);
    expect(updated.get('decimal_to_int32')).toBe(-2147483648);
    expect(updated.get('timestamp_to_float64')).toBe(8.64e15);
    expect(updated.get('null_timestamp_to_int32')).toBeNull();
    const types = updated.schema().fields().map((f) => f.schema().type());
    expect(types).toEqual(['INT32', 'INT64', 'INT64', 'INT32', 'FLOAT64', 'INT32']);
    expect(updated.schema().field('null_timestamp_to_int32')!.schema().isOptional()).toBe(true);
  });

  it('casts logical values to ISO text', () => {
    const timestamp = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 10));
    const schema = SchemaBuilder.struct()
      .field('date', ConnectDate.SCHEMA)
      .field('decimal', Decimal.schema(0))
      .field('time', ConnectTime.SCHEMA)
      .field('timestamp', ConnectTimestamp.SCHEMA)
      .build();
    const value = new Struct(schema).put('date', new Date(MILLIS_PER_DAY)).put('decimal', new BigDecimal(1982n)).put('time', new Date(MILLIS_PER_HOUR)).put('timestamp', timestamp);
    const updated = castValue('date:string,decimal:string,time:string,timestamp:string', schema, value).value() as Struct;
    expect(updated.get('date')).toBe('1970-01-02');
    expect(updated.get('decimal')).toBe('1982');
    expect(updated.get('time')).toBe('01:00:00.000Z');
    expect(updated.get('timestamp')).toBe('2024-05-06T07:08:09.010Z');
    expect(updated.get('timestamp')).toBe(formatDateValue(timestamp));
    expect(updated.schema().fields().every((f) => f.schema().type() === 'STRING')).toBe(true);
  });

  it('casts struct fields, keeping optionality and casting defaults', () => {
    const bytes = Buffer.from([0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10]);
    const spec =
      'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string';
    const schema = SchemaBuilder.struct()
      .field('int8', Schema.INT8_SCHEMA)
      .field('int16', Schema.OPTIONAL_INT16_SCHEMA)
      .field('int32', SchemaBuilder.int32().defaultValue(2).build())
      .field('int64', Schema.INT64_SCHEMA)
      .field('float32', Schema.FLOAT32_SCHEMA)
      .field('float64', SchemaBuilder.float64().defaultValue(-1.125).build())
      .field('boolean', Schema.BOOLEAN_SCHEMA)
      .field('string', Schema.STRING_SCHEMA)
      .field('bigdecimal', Decimal.schema(0))
      .field('date', ConnectDate.SCHEMA)
      .field('optional', Schema.OPTIONAL_FLOAT32_SCHEMA)
      .field('timestamp', ConnectTimestamp.SCHEMA)
      .field('bytes', Schema.BYTES_SCHEMA)
      .build();
    const value = new Struct(schema)
      .put('int8', 8)
      .put('int16', 16)
      .put('int32', 32)
      .put('int64', 64n)
      .put('float32', 32)
      .put('float64', -64)
      .put('boolean', true)
      .put('bigdecimal', new BigDecimal(42n))
      .put('date', new Date(MILLIS_PER_DAY))
      .put('string', '42')
      .put('timestamp', new Date(0))
      .put('bytes', bytes);
    const xform = configured(spec);
    const transformed = xform.apply(record({ valueSchema: schema, value }))!;
    const updated = transformed.value() as Struct;
    const updatedSchema = updated.schema();
    expect(updated.get('int8')).toBe(8);
    expect(updatedSchema.field('int16')!.schema().isOptional()).toBe(true);
    expect(updated.get('int16')).toBe(16);
    expect(updated.get('int32')).toBe(32n);
    expect(updatedSchema.field('int32')!.schema().defaultValue()).toBe(2n);
    expect(updated.get('int64')).toBe(true);
    expect(updated.get('float32')).toBe(32);
    expect(updated.get('float64')).toBe(true);
    expect(updatedSchema.field('float64')!.schema().defaultValue()).toBe(true);
    expect(updated.get('boolean')).toBe(1);
    expect(updated.get('string')).toBe(42);
    expect(updated.get('bigdecimal')).toBe('42');
    expect(updated.get('date')).toBe('1970-01-02');
    expect(updated.get('timestamp')).toEqual(new Date(0));
    expect(updated.get('bytes')).toBe('/ty6mHZUMhA=');
    expect(updated.get('optional')).toBeNull();
    expect(updatedSchema.fields().map((f) => f.schema().type())).toEqual([
      'INT16', 'INT32', 'INT64', 'BOOLEAN', 'FLOAT64', 'BOOLEAN', 'INT8', 'INT32', 'STRING', 'STRING', 'INT32', 'INT64', 'STRING',
    ]);
    expect(updatedSchema.field('timestamp')!.schema()).toBe(ConnectTimestamp.SCHEMA);
    // The derived schema is cached per input schema.
    expect(xform.apply(record({ valueSchema: schema, value }))!.valueSchema()).toBe(transformed.valueSchema());
  });

  it('casts schemaless fields; missing ones are added as null', () => {
    const value = new Map<string, unknown>([
      ['int8', 8],
      ['int16', 16],
      ['int32', 32],
      ['int64', 64n],
      ['float32', 32.5],
      ['float64', -64.5],
      ['boolean', true],
      ['string', '42'],
    ]);
    const spec = 'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,absent:int8';
    const transformed = castValue(spec, null, value);
    expect(transformed.valueSchema()).toBeNull();
    const updated = transformed.value() as Map<string, unknown>;
    expect(updated.get('int8')).toBe(8);
    expect(updated.get('int16')).toBe(16);
    expect(updated.get('int32')).toBe(32n);
    expect(updated.get('int64')).toBe(true);
    expect(updated.get('float32')).toBe(32.5);
    expect(updated.get('float64')).toBe(true);
    expect(updated.get('boolean')).toBe(1);
    expect(updated.get('string')).toBe(42);
    expect(updated.has('absent')).toBe(true);
    expect(updated.get('absent')).toBeNull();
  });

  it('schemaless: JSON doubles stay doubles, casts to floats print as doubles', () => {
    const value = new Map<string, unknown>([
      ['d', 20],
      ['i', 20],
    ]);
    markSchemalessDouble(value, 'd', 20);
    const updated = castValue('d:string,i:float64', null, value).value() as Map<string, unknown>;
    expect(updated.get('d')).toBe('20.0');
    expect(updated.get('i')).toBe(20);
    expect(isSchemalessDouble(updated, 'i', 20)).toBe(true);
  });

  it('schemaless: a JSON double cast to an integer type is no longer a double (20.0 -> 20)', () => {
    for (const target of ['int8', 'int16', 'int32']) {
      const value = new Map<string, unknown>([['d', 20]]);
      markSchemalessDouble(value, 'd', 20);
      const updated = castValue(`d:${target}`, null, value).value() as Map<string, unknown>;
      expect(updated.get('d')).toBe(20);
      expect(isSchemalessDouble(updated, 'd', 20), target).toBe(false);
    }
    const kept = new Map<string, unknown>([['d', 20]]);
    markSchemalessDouble(kept, 'd', 20);
    expect(isSchemalessDouble(castValue('d:float32', null, kept).value() as object, 'd', 20)).toBe(true);
  });

  it('follows Java narrowing, truncation and parsing', () => {
    expect(castValue('int8', Schema.FLOAT64_SCHEMA, 300.7).value()).toBe(44);
    expect(castValue('int8', Schema.FLOAT64_SCHEMA, 1e20).value()).toBe(-1);
    expect(castValue('int32', Schema.FLOAT64_SCHEMA, 1e20).value()).toBe(2147483647);
    expect(castValue('int32', Schema.INT64_SCHEMA, 4294967297n).value()).toBe(1);
    expect(castValue('boolean', Schema.FLOAT64_SCHEMA, 0.5).value()).toBe(false);
    expect(castValue('float64', Schema.FLOAT32_SCHEMA, Math.fround(1.1)).value()).toBe(1.100000023841858);
    expect(castValue('string', Schema.FLOAT32_SCHEMA, Math.fround(1.1)).value()).toBe('1.1');
    expect(castValue('string', Schema.FLOAT64_SCHEMA, -64).value()).toBe('-64.0');
    expect(castValue('float32', Schema.STRING_SCHEMA, ' 1e3f ').value()).toBe(1000);
    expect(castValue('float64', Schema.STRING_SCHEMA, '0x1p3').value()).toBe(8);
    expect(castValue('boolean', Schema.STRING_SCHEMA, 'TRUE').value()).toBe(true);
    expect(castValue('boolean', Schema.STRING_SCHEMA, 'yes').value()).toBe(false);
    expect(castValue('int64', Schema.BOOLEAN_SCHEMA, true).value()).toBe(1n);
  });

  it('fails on strings out of range and on bytes to numbers', () => {
    expect(() => castValue('int8', Schema.STRING_SCHEMA, '300')).toThrow(new DataException('Value (300) was out of range for requested data type'));
    expect(() => castValue('int32', Schema.STRING_SCHEMA, ' 1')).toThrow('Value ( 1) was out of range for requested data type');
    expect(() => castValue('float64', null, 'abc')).toThrow('Value (abc) was out of range for requested data type');
    expect(() => castValue('int8', Schema.BYTES_SCHEMA, Buffer.from('a'))).toThrow('Unexpected type in Cast transformation: class [B');
    expect(() => castValue('int8', null, new Map([['a', 1]]))).toThrow('Cast transformation does not support casting from MAP');
  });

  it('fails on structs with a default, as Kafka does', () => {
    const plain = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    const schema = new ConnectSchema({ type: 'STRUCT', fields: plain.fields(), defaultValue: new Struct(plain).put('a', 1) });
    expect(() => castValue('a:int64', schema, new Struct(schema).put('a', 1))).toThrow('Cast transformation does not support casting from STRUCT');
  });

  // Outputs of Kafka's own Cast (3.9 sources, JDK 17) for the same inputs.
  it.each([
    ['+7', 'int8', 7],
    ['+7', 'boolean', false],
    ['1.5', 'int32', 'error'],
    ['1.5', 'float32', 1.5],
    ['1e3', 'int64', 'error'],
    ['1e3', 'float64', 1000],
    [' 4', 'int16', 'error'],
    [' 4', 'float32', 4],
    ['300', 'int8', 'error'],
    ['300', 'int16', 300],
    ['70000', 'int16', 'error'],
    ['3000000000', 'int32', 'error'],
    ['3000000000', 'int64', 3000000000n],
    ['9223372036854775808', 'int64', 'error'],
    ['9223372036854775808', 'float64', 9223372036854775808],
    ['NaN', 'int32', 'error'],
    ['NaN', 'float64', NaN],
    ['-Infinity', 'float32', -Infinity],
    ['0x10p0', 'float64', 16],
    ['0x10p0', 'int32', 'error'],
    ['1.5f', 'float64', 1.5],
    ['TRUE', 'boolean', true],
    ['TRUE', 'float32', 'error'],
    ['', 'int8', 'error'],
    ['', 'boolean', false],
    ['abc', 'float64', 'error'],
  ])('casts the string %j to %s as Kafka does', (text, spec, expected) => {
    if (expected === 'error') {
      expect(() => castValue(spec, Schema.STRING_SCHEMA, text)).toThrow(`Value (${text}) was out of range for requested data type`);
    } else {
      expect(castValue(spec, Schema.STRING_SCHEMA, text).value()).toStrictEqual(expected);
    }
  });
});
