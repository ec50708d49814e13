import { describe, expect, it } from 'vitest';
import { Schema, SchemaBuilder } from '../../../src/data/index.js';
import { extractFields } from './fields-metadata.js';
import type { PkMode } from './sink-config.js';

const value = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('name', Schema.OPTIONAL_STRING_SCHEMA).field('qty', Schema.INT32_SCHEMA).build();
const structKey = SchemaBuilder.struct().field('zone', Schema.STRING_SCHEMA).field('id', Schema.INT64_SCHEMA).build();

function fields(pkMode: PkMode, pkFields: string[], keySchema: Schema | null, valueSchema: Schema | null = value, whitelist: string[] = []) {
  const f = extractFields('orders', { pkMode, pkFields, fieldsWhitelist: new Set(whitelist) }, keySchema, valueSchema);
  return { keys: f.keyFieldNames, nonKeys: f.nonKeyFieldNames, all: [...f.allFields.keys()], pk: [...f.allFields.values()].filter((x) => x.isPrimaryKey).map((x) => x.name) };
}

describe('key and non-key columns (spec 2.3)', () => {
  it('none: value fields only, filtered by fields.whitelist', () => {
    expect(fields('none', ['ignored'], null)).toEqual({ keys: [], nonKeys: ['id', 'name', 'qty'], all: ['id', 'name', 'qty'], pk: [] });
    expect(fields('none', [], null, value, ['qty', 'id']).nonKeys).toEqual(['id', 'qty']);
  });

  it('kafka: the three coordinate columns first, or exactly three given names', () => {
    expect(fields('kafka', [], null)).toMatchObject({ keys: ['__connect_topic', '__connect_partition', '__connect_offset'], all: ['__connect_topic', '__connect_partition', '__connect_offset', 'id', 'name', 'qty'] });
    expect(fields('kafka', ['t', 'p', 'o'], null).all).toEqual(['id', 'name', 'qty', 'o', 'p', 't']);
    expect(() => fields('kafka', ['t'], null)).toThrow(
      "PK mode for table 'orders' is KAFKA so there should either be no field names defined for defaults [__connect_topic, __connect_partition, __connect_offset] to be applicable, or exactly 3, defined fields are: [t]",
    );
  });

  it('record_key with a primitive key needs exactly one name; that column holds the key', () => {
    expect(fields('record_key', ['order_id'], Schema.STRING_SCHEMA)).toEqual({ keys: ['order_id'], nonKeys: ['id', 'name', 'qty'], all: ['id', 'name', 'qty', 'order_id'], pk: ['order_id'] });
    expect(fields('record_key', ['id'], Schema.STRING_SCHEMA)).toMatchObject({ keys: ['id'], nonKeys: ['name', 'qty'], all: ['id', 'name', 'qty'] });
    expect(() => fields('record_key', [], Schema.INT64_SCHEMA)).toThrow('Need exactly one PK column defined since the key schema for records is a primitive type, defined columns are: []');
    expect(() => fields('record_key', ['id'], null)).toThrow("PK mode for table 'orders' is RECORD_KEY, but record key schema is missing");
  });

  it('record_key with a Struct key: all key fields or the listed ones, which must exist', () => {
    expect(fields('record_key', [], structKey)).toMatchObject({ keys: ['zone', 'id'], nonKeys: ['name', 'qty'], all: ['id', 'name', 'qty', 'zone'] });
    expect(fields('record_key', ['zone'], structKey)).toMatchObject({ keys: ['zone'], nonKeys: ['id', 'name', 'qty'] });
    expect(() => fields('record_key', ['nope'], structKey)).toThrow("PK mode for table 'orders' is RECORD_KEY with configured PK fields [nope], but record key schema does not contain field: nope");
  });

  it('record_value: all value fields or the listed ones', () => {
    expect(fields('record_value', [], null)).toMatchObject({ keys: ['id', 'name', 'qty'], nonKeys: [] });
    expect(fields('record_value', ['qty'], null)).toMatchObject({ keys: ['qty'], nonKeys: ['id', 'name'], all: ['id', 'name', 'qty'] });
    expect(() => fields('record_value', ['x'], null)).toThrow('but record value schema does not contain field: x');
  });

  it('a tombstone (no value schema) only has key columns; nothing at all is an error', () => {
    expect(fields('record_key', ['k'], Schema.INT32_SCHEMA, null)).toEqual({ keys: ['k'], nonKeys: [], all: ['k'], pk: ['k'] });
    expect(() => fields('none', [], null, null)).toThrow('No fields found using key and value schemas for table: orders');
    expect(() => fields('none', [], null, Schema.STRING_SCHEMA)).toThrow('Value schema must be of type Struct');
  });
});
