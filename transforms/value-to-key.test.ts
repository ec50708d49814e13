import { describe, expect, it } from 'vitest';
import { DataException, Schema, SchemaBuilder, SinkRecord, Struct } from '../src/data/index.js';
import { ValueToKey, descriptors } from './value-to-key.js';

function configured(props: Record<string, string>): ValueToKey {
  const xform = new ValueToKey();
  xform.configure(props);
  return xform;
}

function record(valueSchema: Schema | null, value: unknown): SinkRecord {
  return new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, valueSchema, value });
}

describe('ValueToKey', () => {
  it('registers ValueToKey', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.ValueToKey']);
  });

  it('builds a schemaless key from value fields', () => {
    const value = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const transformed = configured({ fields: 'a,b' }).apply(record(null, value))!;
    expect(transformed.keySchema()).toBeNull();
    expect(transformed.key()).toEqual(new Map([['a', 1], ['b', 2]]));
    expect(transformed.value()).toBe(value);
  });

  it('builds a struct key with a schema from the value fields', () => {
    const valueSchema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).field('b', Schema.INT32_SCHEMA).field('c', Schema.INT32_SCHEMA).build();
    const value = new Struct(valueSchema).put('a', 1).put('b', 2).put('c', 3);
    const xform = configured({ fields: 'a,b' });
    const transformed = xform.apply(record(valueSchema, value))!;
    const expectedKeySchema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).field('b', Schema.INT32_SCHEMA).build();
    expect(transformed.keySchema()!.equals(expectedKeySchema)).toBe(true);
    expect((transformed.key() as Struct).equals(new Struct(expectedKeySchema).put('a', 1).put('b', 2))).toBe(true);
    expect(xform.apply(record(valueSchema, value))!.keySchema()).toBe(transformed.keySchema());
  });

  it('fails on a field the value schema lacks', () => {
    const valueSchema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    expect(() => configured({ fields: 'not_exist' }).apply(record(valueSchema, new Struct(valueSchema).put('a', 1)))).toThrow(
      new DataException('Field does not exist: not_exist'),
    );
  });

  it('fails on tombstones', () => {
    expect(() => configured({ fields: 'a' }).apply(record(null, null))).toThrow(
      'Only Map objects supported in absence of schema for [copying fields from value to key], found: null',
    );
  });

  it.each([
    [false, null],
    [true, 42],
  ])('replace.null.with.default=%s', (replace, expected) => {
    const valueSchema = SchemaBuilder.struct().field('optional_with_default', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
    const value = new Struct(valueSchema).put('optional_with_default', null);
    const transformed = configured({ fields: 'optional_with_default', 'replace.null.with.default': String(replace) }).apply(record(valueSchema, value))!;
    expect((transformed.key() as Struct).getWithoutDefault('optional_with_default')).toBe(expected);
  });

  it('requires a non-empty field list', () => {
    expect(() => configured({ fields: '' })).toThrow('Invalid value [] for configuration fields: Empty list');
  });
});
