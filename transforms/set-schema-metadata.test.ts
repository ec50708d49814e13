import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { BigDecimal, ConnectDate, DataException, Decimal, Schema, SchemaBuilder, SinkRecord, Struct } from '../src/data/index.js';
import { SetSchemaMetadata, descriptors } from './set-schema-metadata.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

function configured(props: Record<string, string>, side: KeyOrValue = VALUE): SetSchemaMetadata {
  const xform = new SetSchemaMetadata(side);
  xform.configure(props);
  return xform;
}

function record(valueSchema: Schema | null, value: unknown): SinkRecord {
  return new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, valueSchema, value });
}

function assertMatchingSchema(value: Struct, schema: Schema): void {
  expect(value.schema()).toBe(schema);
  for (const field of schema.fields()) expect(value.schema().field(field.name())!.schema()).toBe(field.schema());
}

const structSchema = SchemaBuilder.struct().name('my.orig.SchemaDefn').field('f1', Schema.STRING_SCHEMA).field('f2', Schema.INT32_SCHEMA).build();

describe('SetSchemaMetadata', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.SetSchemaMetadata$Key',
      'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value',
    ]);
  });

  it('updates the name, the version, or both', () => {
    const empty = SchemaBuilder.struct().build();
    expect(configured({ 'schema.name': 'foo' }).apply(record(empty, null))!.valueSchema()!.name()).toBe('foo');
    expect(configured({ 'schema.version': '42' }).apply(record(empty, null))!.valueSchema()!.version()).toBe(42);
    const both = configured({ 'schema.name': 'foo', 'schema.version': '42' }).apply(record(empty, null))!.valueSchema()!;
    expect([both.name(), both.version()]).toEqual(['foo', 42]);
  });

  it('re-creates structs on the new schema', () => {
    const value = new Struct(structSchema).put('f1', 'value1').put('f2', 1);
    const updated = configured({ 'schema.name': 'foo', 'schema.version': '42' }).apply(record(structSchema, value))!;
    expect(updated.valueSchema()!.name()).toBe('foo');
    expect(updated.valueSchema()!.version()).toBe(42);
    assertMatchingSchema(updated.value() as Struct, updated.valueSchema()!);
    expect((updated.value() as Struct).get('f1')).toBe('value1');
  });

  it.each([
    [false, null],
    [true, 'default'],
  ])('replace.null.with.default=%s', (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .name('my.orig.SchemaDefn')
      .field('f1', SchemaBuilder.string().defaultValue('default').optional().build())
      .field('f2', Schema.INT32_SCHEMA)
      .build();
    const value = new Struct(schema).put('f1', null).put('f2', 1);
    const props = { 'schema.name': 'foo', 'schema.version': '42', 'replace.null.with.default': String(replace) };
    const updated = configured(props).apply(record(schema, value))!;
    assertMatchingSchema(updated.value() as Struct, updated.valueSchema()!);
    expect((updated.value() as Struct).getWithoutDefault('f1')).toBe(expected);
  });

  it('requires a schema, but passes a schemaless tombstone through', () => {
    const xform = configured({ 'schema.name': 'foo' });
    expect(() => xform.apply(record(null, 42))).toThrow(new DataException('Schema required for [updating schema metadata]'));
    const tombstone = record(null, null);
    expect(xform.apply(tombstone)).toBe(tombstone);
  });

  it('updateSchemaIn leaves non-struct values and null as they are', () => {
    const xform = configured({ 'schema.version': '1' });
    const newSchema = SchemaBuilder.struct().name('my.updated.SchemaDefn').field('f1', Schema.STRING_SCHEMA).field('f2', Schema.INT32_SCHEMA).build();
    assertMatchingSchema(xform.updateSchemaIn(new Struct(structSchema).put('f1', 'a').put('f2', 1), structSchema, newSchema) as Struct, newSchema);
    expect(xform.updateSchemaIn(1, Schema.INT32_SCHEMA, Schema.INT32_SCHEMA)).toBe(1);
    expect(xform.updateSchemaIn(null, Schema.INT32_SCHEMA, Schema.INT32_SCHEMA)).toBeNull();
  });

  it('renames primitive schemas (KAFKA-17029), keeping the value', () => {
    const updated = configured({ 'schema.name': 'foo', 'schema.version': '42' }).apply(record(Schema.STRING_SCHEMA, 'test-string'))!;
    expect(updated.valueSchema()!.name()).toBe('foo');
    expect(updated.valueSchema()!.version()).toBe(42);
    expect(updated.valueSchema()!.type()).toBe('STRING');
    expect(updated.value()).toBe('test-string');
    const arraySchema = SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build();
    const array = configured({ 'schema.name': 'ints' }).apply(record(arraySchema, [1]))!;
    expect(array.valueSchema()!.valueSchema()).toBe(Schema.INT32_SCHEMA);
    expect(array.valueSchema()!.isOptional()).toBe(true);
  });

  it('a renamed logical type carries its physical value; a new version keeps the logical value', () => {
    const decimalSchema = Decimal.schema(2);
    const renamed = configured({ 'schema.name': 'price' }).apply(record(decimalSchema, BigDecimal.fromString('1.23')))!;
    expect(renamed.valueSchema()!.name()).toBe('price');
    expect(renamed.valueSchema()!.parameters()!.get('scale')).toBe('2');
    expect(Buffer.from(renamed.value() as Uint8Array)).toEqual(Buffer.from([0x7b]));
    const date = new Date(Date.UTC(1970, 0, 3));
    expect(configured({ 'schema.name': 'day' }).apply(record(ConnectDate.SCHEMA, date))!.value()).toBe(2);
    const versioned = configured({ 'schema.version': '7' }).apply(record(decimalSchema, BigDecimal.fromString('1.23')))!;
    expect(versioned.valueSchema()!.name()).toBe(Decimal.LOGICAL_NAME);
    expect(versioned.value()).toBeInstanceOf(BigDecimal);
  });

  it('$Key updates the key schema only', () => {
    const keyed = new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, keySchema: Schema.STRING_SCHEMA, key: 'k', valueSchema: structSchema });
    const updated = configured({ 'schema.name': 'key' }, KEY).apply(keyed)!;
    expect(updated.keySchema()!.name()).toBe('key');
    expect(updated.valueSchema()).toBe(structSchema);
  });

  it('needs a name or a version', () => {
    expect(() => configured({})).toThrow(new ConfigException('Neither schema name nor version configured'));
    expect(() => configured({ 'schema.version': 'x' })).toThrow(ConfigException);
  });
});
