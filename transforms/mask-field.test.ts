import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  Schema,
  SchemaBuilder,
  SinkRecord,
  Struct,
  isSchemalessDouble,
  markSchemalessDouble,
} from '../src/data/index.js';
import { MaskField, descriptors } from './mask-field.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

const SCHEMA = SchemaBuilder.struct()
  .field('magic', Schema.INT32_SCHEMA)
  .field('bool', Schema.BOOLEAN_SCHEMA)
  .field('byte', Schema.INT8_SCHEMA)
  .field('short', Schema.INT16_SCHEMA)
  .field('int', Schema.INT32_SCHEMA)
  .field('long', Schema.INT64_SCHEMA)
  .field('float', Schema.FLOAT32_SCHEMA)
  .field('double', Schema.FLOAT64_SCHEMA)
  .field('string', Schema.STRING_SCHEMA)
  .field('date', ConnectDate.SCHEMA)
  .field('time', ConnectTime.SCHEMA)
  .field('timestamp', ConnectTimestamp.SCHEMA)
  .field('decimal', Decimal.schema(0))
  .field('array', SchemaBuilder.array(Schema.INT32_SCHEMA).build())
  .field('map', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
  .field('withDefault', SchemaBuilder.string().optional().defaultValue('default').build())
  .field('bytes', Schema.BYTES_SCHEMA)
  .build();

function valuesWithSchema(): Struct {
  return new Struct(SCHEMA)
    .put('magic', 42)
    .put('bool', true)
    .put('byte', 42)
    .put('short', 42)
    .put('int', 42)
    .put('long', 42n)
    .put('float', 42)
    .put('double', 42)
    .put('string', 'hmm')
    .put('date', new Date(Date.UTC(2024, 0, 2)))
    .put('time', new Date(1000))
    .put('timestamp', new Date())
    .put('decimal', new BigDecimal(42n))
    .put('array', [1, 2, 3])
    .put('map', new Map([['what', 'what']]))
    .put('withDefault', null)
    .put('bytes', Buffer.from('x'));
}

function schemalessValues(): Map<string, unknown> {
  const values = new Map<string, unknown>([
    ['magic', 42],
    ['bool', true],
    ['int', 42],
    ['long', 42n],
    ['double', 42.5],
    ['string', '55.121.20.20'],
    ['date', new Date()],
    ['bigdec', BigDecimal.fromString('42.0')],
    ['list', [42]],
    ['map', new Map([['key', 'value']])],
    ['doubleFromJson', 42],
  ]);
  markSchemalessDouble(values, 'doubleFromJson', 42);
  return values;
}

function transform(fields: string[], replacement: string | null, side: KeyOrValue = VALUE): MaskField {
  const xform = new MaskField(side);
  const props: Record<string, string> = { fields: fields.join(','), 'replace.null.with.default': 'false' };
  if (replacement !== null) props.replacement = replacement;
  xform.configure(props);
  return xform;
}

function record(valueSchema: Schema | null, value: unknown): SinkRecord {
  return new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, valueSchema, value });
}

function maskSchemaless(fields: string[], replacement: string | null): Map<string, unknown> {
  return transform(fields, replacement).apply(record(null, schemalessValues()))!.value() as Map<string, unknown>;
}

function maskWithSchema(fields: string[], replacement: string | null): Struct {
  return transform(fields, replacement).apply(record(SCHEMA, valuesWithSchema()))!.value() as Struct;
}

describe('MaskField', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.MaskField$Key',
      'org.apache.kafka.connect.transforms.MaskField$Value',
    ]);
  });

  it('masks schemaless values with their empty value', () => {
    const fields = [...schemalessValues().keys()].filter((k) => k !== 'magic');
    const updated = maskSchemaless(fields, null);
    expect(updated.get('magic')).toBe(42);
    expect(updated.get('bool')).toBe(false);
    expect(updated.get('int')).toBe(0);
    expect(updated.get('long')).toBe(0n);
    expect(updated.get('double')).toBe(0);
    expect(updated.get('string')).toBe('');
    expect(updated.get('date')).toEqual(new Date(0));
    expect((updated.get('bigdec') as BigDecimal).equals(BigDecimal.ZERO)).toBe(true);
    expect(updated.get('list')).toEqual([]);
    expect(updated.get('map')).toEqual(new Map());
    // Java's masked Double is 0.0, which a JSON writer prints as a double.
    expect(isSchemalessDouble(updated, 'double', 0)).toBe(true);
    expect(isSchemalessDouble(updated, 'doubleFromJson', 0)).toBe(true);
    expect(isSchemalessDouble(updated, 'int', 0)).toBe(false);
  });

  it('masks struct fields by their schema type, keeping the schema', () => {
    const fields = SCHEMA.fields()
      .map((f) => f.name())
      .filter((name) => name !== 'magic' && name !== 'bytes');
    const transformed = transform(fields, null).apply(record(SCHEMA, valuesWithSchema()))!;
    expect(transformed.valueSchema()).toBe(SCHEMA);
    const updated = transformed.value() as Struct;
    expect(updated.get('magic')).toBe(42);
    expect(updated.get('bool')).toBe(false);
    for (const name of ['byte', 'short', 'int', 'float', 'double']) expect(updated.get(name)).toBe(0);
    expect(updated.get('long')).toBe(0n);
    expect(updated.get('string')).toBe('');
    for (const name of ['date', 'time', 'timestamp']) expect(updated.get(name)).toEqual(new Date(0));
    expect((updated.get('decimal') as BigDecimal).equals(BigDecimal.ZERO)).toBe(true);
    expect(updated.get('array')).toEqual([]);
    expect(updated.get('map')).toEqual(new Map());
    expect(updated.getWithoutDefault('withDefault')).toBeNull();
  });

  it('cannot mask bytes or structs', () => {
    expect(() => maskWithSchema(['bytes'], null)).toThrow(new DataException('Cannot mask value of type: class [B'));
  });

  it('parses the replacement to the schemaless value type', () => {
    const cases: Array<[string, unknown]> = [
      ['int', 123],
      ['long', 123n],
      ['double', 123],
      ['string', '123'],
    ];
    for (const [field, expected] of cases) expect(maskSchemaless([field], '123').get(field)).toBe(expected);
    expect((maskSchemaless(['bigdec'], '123.0').get('bigdec') as BigDecimal).equals(BigDecimal.fromString('123.0'))).toBe(true);
  });

  it('rejects replacements for unsupported schemaless types', () => {
    for (const field of ['date', 'bool', 'list', 'map']) {
      expect(() => maskSchemaless([field], '123')).toThrow(DataException);
      expect(() => maskSchemaless([field], '123')).toThrow(/^Cannot mask value of type class .* with custom replacement\.$/);
    }
    expect(() => maskSchemaless(['date'], '1')).toThrow('Cannot mask value of type class java.util.Date with custom replacement.');
  });

  it('parses the replacement to the field schema type', () => {
    const cases: Array<[string, unknown]> = [
      ['short', 123],
      ['byte', 123],
      ['int', 123],
      ['long', 123n],
      ['float', 123],
      ['double', 123],
      ['string', '123'],
    ];
    for (const [field, expected] of cases) expect(maskWithSchema([field], '123').get(field)).toBe(expected);
    expect((maskWithSchema(['decimal'], '123.0').get('decimal') as BigDecimal).equals(BigDecimal.fromString('123.0'))).toBe(true);
  });

  it('rejects replacements for unsupported schema types', () => {
    for (const field of ['time', 'timestamp', 'array']) expect(() => maskWithSchema([field], '123')).toThrow(/^Cannot mask value of type/);
  });

  it('fails when the replacement does not parse as the type', () => {
    for (const field of ['int', 'long', 'double', 'bigdec']) expect(() => maskSchemaless([field], 'foo')).toThrow(DataException);
    expect(() => maskSchemaless(['bigdec'], 'foo')).toThrow('Unable to convert foo (class java.lang.String) to number');
    // Kafka's wording for the two paths differs ("a number" from Values, "number" for BigDecimal).
    expect(() => maskSchemaless(['int'], 'foo')).toThrow(new DataException('Unable to convert foo (class java.lang.String) to a number'));
    expect(() => maskSchemaless(['string', 'int'], 'foo')).toThrow(DataException);
    for (const field of ['byte', 'short']) expect(() => maskWithSchema([field], 'foo')).toThrow(DataException);
  });

  it('rejects an empty replacement and an empty field list', () => {
    expect(() => transform(['short'], '')).toThrow(ConfigException);
    expect(() => transform(['short'], '')).toThrow('Invalid value  for configuration replacement: String must be non-empty');
    expect(() => transform([], null)).toThrow('Invalid value [] for configuration fields: Empty list');
    expect(() => new MaskField(VALUE).configure({})).toThrow('Missing required configuration "fields" which has no default value.');
  });

  it('adds listed fields missing from a schemaless map as null, leaves nulls null', () => {
    const updated = transform(['absent', 'nothing'], null).apply(record(null, new Map<string, unknown>([['nothing', null]])))!.value() as Map<string, unknown>;
    expect(updated.has('absent')).toBe(true);
    expect(updated.get('absent')).toBeNull();
    expect(updated.get('nothing')).toBeNull();
  });

  it('requires a map or struct even for tombstones', () => {
    expect(() => transform(['a'], null).apply(record(null, null))).toThrow(
      'Only Map objects supported in absence of schema for [mask fields], found: null',
    );
    expect(() => transform(['a'], null).apply(record(SCHEMA, null))).toThrow('Only Struct objects supported for [mask fields], found: null');
  });

  it('$Key masks the key', () => {
    const keyRecord = new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, key: new Map([['id', 'secret']]), value: 'v' });
    const transformed = transform(['id'], null, KEY).apply(keyRecord)!;
    expect((transformed.key() as Map<string, unknown>).get('id')).toBe('');
    expect(transformed.value()).toBe('v');
  });
});

describe('MaskField on Structs, per schema', () => {
  const orderSchema = (): Schema =>
    SchemaBuilder.struct()
      .name('order')
      .field('id', Schema.INT64_SCHEMA)
      .field('email', Schema.STRING_SCHEMA)
      .field('note', Schema.OPTIONAL_STRING_SCHEMA)
      .field('photo', Schema.OPTIONAL_BYTES_SCHEMA)
      .build();
  const ORDER = orderSchema();
  const order = (schema: Schema, photo: Buffer | null = null): Struct =>
    new Struct(schema).put('id', 7n).put('email', 'a@b.c').put('note', null).put('photo', photo);

  it('gives the record of an equal schema object its own schema back, masked the same', () => {
    const xform = transform(['email', 'note'], null);
    const first = xform.apply(record(ORDER, order(ORDER)))!;
    const twin = orderSchema();
    expect(twin).not.toBe(ORDER);
    const second = xform.apply(record(twin, order(twin)))!;
    expect(first.valueSchema()).toBe(ORDER);
    expect(second.valueSchema()).toBe(twin);
    expect((second.value() as Struct).schema()).toBe(twin);
    for (const out of [first, second]) expect(String(out.value())).toBe('Struct{id=7,email=}');
  });

  it('fails on a field it cannot mask only when the field has a value, leaving the input as it was', () => {
    const xform = transform(['email', 'photo'], null);
    expect(String(xform.apply(record(ORDER, order(ORDER)))!.value())).toBe('Struct{id=7,email=}');
    const input = order(ORDER, Buffer.from('x'));
    expect(() => xform.apply(record(ORDER, input))).toThrow(new DataException('Cannot mask value of type: class [B'));
    expect(input.get('email')).toBe('a@b.c');
    // The next record with a null there masks as before.
    expect(String(xform.apply(record(ORDER, order(ORDER)))!.value())).toBe('Struct{id=7,email=}');
  });

  it('gives each record its own empty mutable values', () => {
    const schema = SchemaBuilder.struct().field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
    const xform = transform(['tags'], null);
    const a = xform.apply(record(schema, new Struct(schema).put('tags', ['x'])))!.value() as Struct;
    const b = xform.apply(record(schema, new Struct(schema).put('tags', ['y'])))!.value() as Struct;
    expect(a.get('tags')).toEqual([]);
    expect(a.get('tags')).not.toBe(b.get('tags'));
  });
});
