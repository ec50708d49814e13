import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { ConnectHeaders, DataException, Schema, SchemaBuilder, SourceRecord, Struct, schemaEquals, valuesEqual } from '../src/data/index.js';
import { HeaderFrom, descriptors } from './header-from.js';
import { KEY, VALUE } from './util/index.js';

/** Kafka HeaderFromTest's RecordBuilder: fields of the key or value, and headers. */
class RecordBuilder {
  readonly fields: Array<[string, Schema, unknown]> = [];
  readonly headers: Array<[string, Schema, unknown]> = [];

  withField(name: string, schema: Schema, value: unknown): this {
    this.fields.push([name, schema, value]);
    return this;
  }

  addHeader(name: string, schema: Schema, value: unknown): this {
    this.headers.push([name, schema, value]);
    return this;
  }

  schemaless(keyTransform: boolean): SourceRecord {
    const map = new Map(this.fields.map(([name, , value]) => [name, value]));
    // Schemaless, headers carry no schema.
    const headers = new ConnectHeaders();
    for (const [name, , value] of this.headers) headers.add(name, value, null);
    return this.#record(keyTransform, null, map, headers);
  }

  withSchema(keyTransform: boolean): SourceRecord {
    const builder = SchemaBuilder.struct();
    for (const [name, schema] of this.fields) builder.field(name, schema);
    const schema = builder.build();
    const struct = new Struct(schema);
    for (const [name, , value] of this.fields) struct.put(name, value);
    const headers = new ConnectHeaders();
    for (const [name, headerSchema, value] of this.headers) headers.add(name, value, headerSchema);
    return this.#record(keyTransform, schema, struct, headers);
  }

  #record(keyTransform: boolean, schema: Schema | null, data: unknown, headers: ConnectHeaders): SourceRecord {
    return new SourceRecord({
      sourcePartition: { foo: 'bar' },
      sourceOffset: { baz: 'quxx' },
      topic: 'topic',
      kafkaPartition: 0,
      keySchema: keyTransform ? schema : null,
      key: keyTransform ? data : 'key',
      valueSchema: keyTransform ? null : schema,
      value: keyTransform ? 'value' : data,
      timestamp: 0,
      headers,
    });
  }
}

const S = Schema.STRING_SCHEMA;
const optionalWithDefault = (): Schema => SchemaBuilder.string().defaultValue('default').optional().build();
const structSchema = SchemaBuilder.struct().field('foo', S).build();
const struct = new Struct(structSchema).put('foo', 'foo-value');

type Case = [string, RecordBuilder, string[], string[], 'copy' | 'move', boolean, RecordBuilder];

const CASES: Case[] = [
  [
    'basic copy',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'copy', true,
    new RecordBuilder()
      .withField('field1', S, 'field1-value')
      .withField('field2', S, 'field2-value')
      .addHeader('header1', S, 'existing-value')
      .addHeader('inserted1', S, 'field1-value'),
  ],
  [
    'basic move',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'move', true,
    new RecordBuilder().withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value').addHeader('inserted1', S, 'field1-value'),
  ],
  [
    'copy with preexisting header',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('inserted1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'copy', true,
    new RecordBuilder()
      .withField('field1', S, 'field1-value')
      .withField('field2', S, 'field2-value')
      .addHeader('inserted1', S, 'existing-value')
      .addHeader('inserted1', S, 'field1-value'),
  ],
  [
    'move with preexisting header',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('inserted1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'move', true,
    new RecordBuilder().withField('field2', S, 'field2-value').addHeader('inserted1', S, 'existing-value').addHeader('inserted1', S, 'field1-value'),
  ],
  [
    'copy with struct value',
    new RecordBuilder().withField('field1', structSchema, struct).withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'copy', true,
    new RecordBuilder()
      .withField('field1', structSchema, struct)
      .withField('field2', S, 'field2-value')
      .addHeader('header1', S, 'existing-value')
      .addHeader('inserted1', structSchema, struct),
  ],
  [
    'move with struct value',
    new RecordBuilder().withField('field1', structSchema, struct).withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1'], ['inserted1'], 'move', true,
    new RecordBuilder().withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value').addHeader('inserted1', structSchema, struct),
  ],
  [
    'two headers from same field',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1', 'field1'], ['inserted1', 'inserted2'], 'move', true,
    new RecordBuilder()
      .withField('field2', S, 'field2-value')
      .addHeader('header1', S, 'existing-value')
      .addHeader('inserted1', S, 'field1-value')
      .addHeader('inserted2', S, 'field1-value'),
  ],
  [
    'two fields to same header',
    new RecordBuilder().withField('field1', S, 'field1-value').withField('field2', S, 'field2-value').addHeader('header1', S, 'existing-value'),
    ['field1', 'field2'], ['inserted1', 'inserted1'], 'move', true,
    new RecordBuilder().addHeader('header1', S, 'existing-value').addHeader('inserted1', S, 'field1-value').addHeader('inserted1', S, 'field2-value'),
  ],
  [
    'copy null field without default',
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', S, 'existing-value'),
    ['field1', 'field2'], ['inserted1', 'inserted2'], 'copy', false,
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', S, 'existing-value')
      .addHeader('inserted1', optionalWithDefault(), 'field1-value')
      .addHeader('inserted2', optionalWithDefault(), null),
  ],
  [
    'move null field without default',
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', S, 'existing-value'),
    ['field1', 'field2'], ['inserted1', 'inserted2'], 'move', false,
    new RecordBuilder()
      .addHeader('header1', S, 'existing-value')
      .addHeader('inserted1', optionalWithDefault(), 'field1-value')
      .addHeader('inserted2', optionalWithDefault(), null),
  ],
];

const withSides = CASES.flatMap((c) => [true, false].map((keyTransform): [string, boolean, ...Case] => [`${c[0]} (${keyTransform ? 'key' : 'value'})`, keyTransform, ...c]));

function configured(keyTransform: boolean, fields: string[], headers: string[], operation: string, replaceNullWithDefault: boolean): HeaderFrom {
  const xform = new HeaderFrom(keyTransform ? KEY : VALUE);
  xform.configure({ fields: fields.join(','), headers: headers.join(','), operation, 'replace.null.with.default': String(replaceNullWithDefault) });
  return xform;
}

function expectSameRecord(expected: SourceRecord, actual: SourceRecord): void {
  expect(actual.sourcePartition()).toEqual(expected.sourcePartition());
  expect(actual.sourceOffset()).toEqual(expected.sourceOffset());
  expect(actual.topic()).toBe(expected.topic());
  expect(actual.kafkaPartition()).toBe(expected.kafkaPartition());
  expect(schemaEquals(actual.keySchema(), expected.keySchema())).toBe(true);
  expect(valuesEqual(actual.key(), expected.key())).toBe(true);
  expect(schemaEquals(actual.valueSchema(), expected.valueSchema())).toBe(true);
  expect(valuesEqual(actual.value(), expected.value())).toBe(true);
  expect(actual.timestamp()).toBe(expected.timestamp());
  expect(actual.headers().equals(expected.headers()), `${actual.headers().toString()}\n${expected.headers().toString()}`).toBe(true);
}

describe('HeaderFrom (Kafka HeaderFromTest)', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.HeaderFrom$Key',
      'org.apache.kafka.connect.transforms.HeaderFrom$Value',
    ]);
  });

  it.each(withSides)('schemaless: %s', (_name, keyTransform, _desc, original, fields, headers, operation, replace, expected) => {
    const transformed = configured(keyTransform, fields, headers, operation, replace).apply(original.schemaless(keyTransform));
    expectSameRecord(expected.schemaless(keyTransform), transformed);
  });

  it.each(withSides)('with schema: %s', (_name, keyTransform, _desc, original, fields, headers, operation, replace, expected) => {
    const transformed = configured(keyTransform, fields, headers, operation, replace).apply(original.withSchema(keyTransform));
    expectSameRecord(expected.withSchema(keyTransform), transformed);
  });

  it.each([true, false])('rejects more fields than headers, and the reverse (key: %s)', (keyTransform) => {
    const xform = new HeaderFrom(keyTransform ? KEY : VALUE);
    expect(() => xform.configure({ headers: 'foo', fields: 'foo,bar', operation: 'copy' })).toThrow(
      "'fields' config must have the same number of elements as 'headers' config.",
    );
    expect(() => xform.configure({ headers: 'foo,bar', fields: 'foo', operation: 'copy' })).toThrow(ConfigException);
  });

  it.each([true, false])('rejects empty lists (key: %s)', (keyTransform) => {
    expect(() => new HeaderFrom(keyTransform ? KEY : VALUE).configure({ headers: '', fields: '', operation: 'copy' })).toThrow(ConfigException);
  });
});

describe('HeaderFrom', () => {
  it('rejects an unknown operation', () => {
    expect(() => new HeaderFrom(VALUE).configure({ headers: 'h', fields: 'f', operation: 'swap' })).toThrow(
      'Invalid value swap for configuration operation: String must be one of: move, copy',
    );
  });

  it('uses the field default unless replace.null.with.default is false', () => {
    const original = new RecordBuilder().withField('f', optionalWithDefault(), null);
    const transformed = configured(false, ['f'], ['h'], 'copy', true).apply(original.withSchema(false));
    expect(transformed.headers().lastWithName('h')!.value()).toBe('default');
  });

  it('adds a null header for a field missing from a schemaless value', () => {
    const transformed = configured(false, ['missing'], ['h'], 'move', true).apply(new RecordBuilder().withField('f', S, 'x').schemaless(false));
    const header = transformed.headers().lastWithName('h')!;
    expect(header.value()).toBeNull();
    expect(header.schema()).toBeNull();
    expect(transformed.value()).toEqual(new Map([['f', 'x']]));
  });

  it('fails on a field the schema lacks', () => {
    expect(() => configured(false, ['missing'], ['h'], 'copy', true).apply(new RecordBuilder().withField('f', S, 'x').withSchema(false))).toThrow(
      'Unknown field: missing',
    );
  });

  it('fails on a null value, schemaless or not', () => {
    const tombstone = new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 't', value: null });
    expect(() => configured(false, ['f'], ['h'], 'move', true).apply(tombstone)).toThrow(
      'Only Map objects supported in absence of schema for [header move], found: null',
    );
    const withSchema = new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 't', valueSchema: structSchema, value: null });
    expect(() => configured(false, ['foo'], ['h'], 'copy', true).apply(withSchema)).toThrow(DataException);
    expect(() => configured(false, ['foo'], ['h'], 'copy', true).apply(withSchema)).toThrow('Only Struct objects supported for [header copy], found: null');
  });

  it('caches the schema a move derives', () => {
    const xform = configured(false, ['field1'], ['h'], 'move', true);
    const builder = new RecordBuilder().withField('field1', S, 'a').withField('field2', S, 'b');
    const first = xform.apply(builder.withSchema(false)).valueSchema();
    expect(xform.apply(builder.withSchema(false)).valueSchema()).toBe(first);
  });
});
