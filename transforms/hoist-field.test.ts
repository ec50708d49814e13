import { describe, expect, it } from 'vitest';
import { DataException, Schema, SchemaBuilder, SinkRecord, Struct } from '../src/data/index.js';
import { HoistField, descriptors } from './hoist-field.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

function configured(side: KeyOrValue = KEY): HoistField {
  const xform = new HoistField(side);
  xform.configure({ field: 'magic' });
  return xform;
}

function keyRecord(keySchema: Schema | null, key: unknown): SinkRecord {
  return new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0n, keySchema, key });
}

describe('HoistField', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.HoistField$Key',
      'org.apache.kafka.connect.transforms.HoistField$Value',
    ]);
  });

  it('wraps a schemaless key in a mutable map', () => {
    const transformed = configured().apply(keyRecord(null, 42))!;
    expect(transformed.keySchema()).toBeNull();
    const key = transformed.key() as Map<string, unknown>;
    expect(key).toEqual(new Map([['magic', 42]]));
    key.set('k', 'v');
    expect(key.size).toBe(2);
  });

  it('wraps a key with a schema in a struct, caching the schema', () => {
    const xform = configured();
    const transformed = xform.apply(keyRecord(Schema.INT32_SCHEMA, 42))!;
    expect(transformed.keySchema()!.type()).toBe('STRUCT');
    expect(transformed.keySchema()!.field('magic')!.schema()).toBe(Schema.INT32_SCHEMA);
    expect((transformed.key() as Struct).get('magic')).toBe(42);
    expect(xform.apply(keyRecord(Schema.INT32_SCHEMA, 1))!.keySchema()).toBe(transformed.keySchema());
    expect(xform.apply(keyRecord(SchemaBuilder.int32().build(), 1))!.keySchema()).toBe(transformed.keySchema());
  });

  it('wraps nulls too; a required schema rejects them', () => {
    expect(configured(VALUE).apply(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n }))!.value()).toEqual(new Map([['magic', null]]));
    const optional = configured().apply(keyRecord(Schema.OPTIONAL_STRING_SCHEMA, null))!;
    expect((optional.key() as Struct).get('magic')).toBeNull();
    expect(() => configured().apply(keyRecord(Schema.STRING_SCHEMA, null))).toThrow(DataException);
  });

  it('requires the field', () => {
    expect(() => new HoistField(KEY).configure({})).toThrow('Missing required configuration "field" which has no default value.');
  });
});
