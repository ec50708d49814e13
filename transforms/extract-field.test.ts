import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../src/data/index.js';
import { ExtractField, descriptors } from './extract-field.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

function configured(props: Record<string, string>, side: KeyOrValue = KEY): ExtractField {
  const xform = new ExtractField(side);
  xform.configure(props);
  return xform;
}

function keyRecord(keySchema: Schema | null, key: unknown): SinkRecord {
  return new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0n, keySchema, key });
}

const V2 = { 'field.syntax.version': 'V2' };

describe('ExtractField', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.ExtractField$Key',
      'org.apache.kafka.connect.transforms.ExtractField$Value',
    ]);
  });

  it('extracts from schemaless maps, also nested with V2', () => {
    const top = configured({ field: 'magic' }).apply(keyRecord(null, new Map([['magic', 42]])))!;
    expect(top.keySchema()).toBeNull();
    expect(top.key()).toBe(42);
    const nested = configured({ ...V2, field: 'magic.foo' }).apply(keyRecord(null, new Map([['magic', new Map([['foo', 42]])]])))!;
    expect(nested.key()).toBe(42);
    // V1 treats the dotted text as one field name.
    const v1 = configured({ field: 'magic.foo' }).apply(keyRecord(null, new Map([['magic.foo', 7]])))!;
    expect(v1.key()).toBe(7);
  });

  it('keeps a null schemaless key null', () => {
    const transformed = configured({ field: 'magic' }).apply(keyRecord(null, null))!;
    expect(transformed.keySchema()).toBeNull();
    expect(transformed.key()).toBeNull();
  });

  it('extracts from structs, with the field schema', () => {
    const keySchema = SchemaBuilder.struct().field('magic', Schema.INT32_SCHEMA).build();
    const transformed = configured({ field: 'magic' }).apply(keyRecord(keySchema, new Struct(keySchema).put('magic', 42)))!;
    expect(transformed.keySchema()).toBe(Schema.INT32_SCHEMA);
    expect(transformed.key()).toBe(42);

    const fooSchema = SchemaBuilder.struct().field('foo', Schema.INT32_SCHEMA).build();
    const nestedSchema = SchemaBuilder.struct().field('magic', fooSchema).build();
    const nestedKey = new Struct(nestedSchema).put('magic', new Struct(fooSchema).put('foo', 42));
    const nested = configured({ ...V2, field: 'magic.foo' }).apply(keyRecord(nestedSchema, nestedKey))!;
    expect(nested.keySchema()).toBe(Schema.INT32_SCHEMA);
    expect(nested.key()).toBe(42);
  });

  it('a null struct gives null with the field schema', () => {
    const keySchema = SchemaBuilder.struct().field('magic', Schema.INT32_SCHEMA).optional().build();
    const transformed = configured({ field: 'magic' }).apply(keyRecord(keySchema, null))!;
    expect(transformed.keySchema()!.equals(Schema.INT32_SCHEMA)).toBe(true);
    expect(transformed.key()).toBeNull();
  });

  it('a missing schemaless field gives null', () => {
    expect(configured({ field: 'nonexistent' }).apply(keyRecord(null, new Map([['magic', 42]])))!.key()).toBeNull();
    const nested = configured({ ...V2, field: 'magic.nonexistent' }).apply(keyRecord(null, new Map([['magic', new Map([['foo', 42]])]])))!;
    expect(nested.key()).toBeNull();
  });

  it('a missing struct field fails with Unknown field', () => {
    const keySchema = SchemaBuilder.struct().field('magic', Schema.INT32_SCHEMA).build();
    expect(() => configured({ field: 'nonexistent' }).apply(keyRecord(keySchema, new Struct(keySchema).put('magic', 42)))).toThrow(
      new RangeError('Unknown field: nonexistent'),
    );
    const fooSchema = SchemaBuilder.struct().field('foo', Schema.INT32_SCHEMA).build();
    const nestedSchema = SchemaBuilder.struct().field('magic', fooSchema).build();
    const nestedKey = new Struct(nestedSchema).put('magic', new Struct(fooSchema).put('foo', 42));
    expect(() => configured({ ...V2, field: 'magic.nonexistent' }).apply(keyRecord(nestedSchema, nestedKey))).toThrow(
      'Unknown field: magic.nonexistent',
    );
  });

  it.each([
    [false, null],
    [true, 42],
  ])('replace.null.with.default=%s on key and value', (replace, expected) => {
    const props = { field: 'optional_with_default', 'replace.null.with.default': String(replace) };
    const schema = SchemaBuilder.struct().field('optional_with_default', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
    const struct = new Struct(schema).put('optional_with_default', null);
    expect(configured(props).apply(keyRecord(schema, struct))!.key()).toBe(expected);
    const valueRecord = new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0n, valueSchema: schema, value: struct });
    const transformed = configured(props, VALUE).apply(valueRecord)!;
    expect(transformed.value()).toBe(expected);
    expect(transformed.key()).toBeNull();
  });

  it('validates its config', () => {
    expect(() => configured({})).toThrow('Missing required configuration "field" which has no default value.');
    expect(() => configured({ field: 'x', 'field.syntax.version': 'v3' })).toThrow(ConfigException);
    expect(() => configured({ ...V2, field: '`a.b' })).toThrow(
      'Incomplete backtick pair in path: [`a.b], consider adding a backslash before backtick at position 0 to escape it',
    );
  });

  it('requires a map or struct', () => {
    expect(() => configured({ field: 'x' }).apply(keyRecord(null, 'text'))).toThrow(
      'Only Map objects supported in absence of schema for [field extraction], found: java.lang.String',
    );
  });
});
