import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { ConnectTimestamp, DataException, Schema, SchemaBuilder, SinkRecord, SourceRecord, Struct } from '../src/data/index.js';
import { InsertField, descriptors } from './insert-field.js';
import { KEY, VALUE } from './util/index.js';

const ALL_FIELDS = {
  'topic.field': 'topic_field!',
  'partition.field': 'partition_field',
  'timestamp.field': 'timestamp_field?',
  'static.field': 'instance_id',
  'static.value': 'my-instance-id',
};

function configured(side = VALUE, props: Record<string, string> = ALL_FIELDS): InsertField {
  const xform = new InsertField(side);
  xform.configure(props);
  return xform;
}

function sourceRecord(fields: Partial<ConstructorParameters<typeof SourceRecord>[0]>): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'test', kafkaPartition: 0, ...fields });
}

const simpleStructSchema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic', Schema.OPTIONAL_INT64_SCHEMA).build();

describe('InsertField', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.InsertField$Key',
      'org.apache.kafka.connect.transforms.InsertField$Value',
    ]);
    expect(descriptors[1].create()).toBeInstanceOf(InsertField);
    expect(descriptors[0].kind).toBe('transformation');
  });

  it('requires a top-level struct', () => {
    const xform = configured(VALUE, { 'topic.field': 'topic_field' });
    expect(() => xform.apply(sourceRecord({ valueSchema: Schema.INT32_SCHEMA, value: 42 }))).toThrow(
      new DataException('Only Struct objects supported for [field insertion], found: java.lang.Integer'),
    );
  });

  it('copies the schema and inserts the configured fields', () => {
    const xform = configured();
    const record = sourceRecord({ valueSchema: simpleStructSchema, value: new Struct(simpleStructSchema).put('magic', 42n), timestamp: 789 });
    const transformed = xform.apply(record)!;
    const schema = transformed.valueSchema()!;
    const value = transformed.value() as Struct;
    expect(schema.name()).toBe('name');
    expect(schema.version()).toBe(1);
    expect(schema.doc()).toBe('doc');
    expect(schema.field('magic')!.schema().equals(Schema.OPTIONAL_INT64_SCHEMA)).toBe(true);
    expect(value.getInt64('magic')).toBe(42n);
    expect(schema.field('topic_field')!.schema().equals(Schema.STRING_SCHEMA)).toBe(true);
    expect(value.getString('topic_field')).toBe('test');
    expect(schema.field('partition_field')!.schema().equals(Schema.OPTIONAL_INT32_SCHEMA)).toBe(true);
    expect(value.getInt32('partition_field')).toBe(0);
    expect(schema.field('timestamp_field')!.schema().equals(ConnectTimestamp.builder().optional().build())).toBe(true);
    expect((value.get('timestamp_field') as Date).getTime()).toBe(789);
    expect(schema.field('instance_id')!.schema().equals(Schema.OPTIONAL_STRING_SCHEMA)).toBe(true);
    expect(value.getString('instance_id')).toBe('my-instance-id');

    const again = xform.apply(sourceRecord({ kafkaPartition: 1, valueSchema: simpleStructSchema, value: new Struct(simpleStructSchema) }))!;
    expect(again.valueSchema()).toBe(schema);
    // An equal (not identical) input schema hits the cache too, as Kafka's cache keys on Schema.equals.
    const equalSchema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic', Schema.OPTIONAL_INT64_SCHEMA).build();
    expect(xform.apply(sourceRecord({ valueSchema: equalSchema, value: new Struct(equalSchema) }))!.valueSchema()).toBe(schema);
  });

  it('inserts into schemaless values (timestamp as epoch-ms Long)', () => {
    const xform = configured();
    const transformed = xform.apply(sourceRecord({ value: new Map([['magic', 42n]]), timestamp: 123 }))!;
    const value = transformed.value() as Map<string, unknown>;
    expect(value.get('magic')).toBe(42n);
    expect(value.get('topic_field')).toBe('test');
    expect(value.get('partition_field')).toBe(0);
    expect(value.get('timestamp_field')).toBe(123n);
    expect(value.get('instance_id')).toBe('my-instance-id');
    // Java HashMap iteration order of the five keys.
    expect([...value.keys()]).toEqual(['magic', 'topic_field', 'timestamp_field', 'instance_id', 'partition_field']);
  });

  it('accepts plain objects as schemaless maps', () => {
    const xform = configured(VALUE, { 'topic.field': 't' });
    const value = xform.apply(sourceRecord({ value: { a: 1 } }))!.value() as Map<string, unknown>;
    expect(Object.fromEntries(value)).toEqual({ a: 1, t: 'test' });
  });

  it('leaves tombstones unchanged, with or without schema', () => {
    const xform = configured();
    const schemaless = sourceRecord({});
    expect(xform.apply(schemaless)).toBe(schemaless);
    const withSchema = sourceRecord({ valueSchema: simpleStructSchema });
    const transformed = xform.apply(withSchema)!;
    expect(transformed.value()).toBeNull();
    expect(transformed.valueSchema()).toBe(simpleStructSchema);
  });

  it('$Key inserts into the key of a tombstone; skips a missing timestamp', () => {
    const xform = configured(KEY);
    const transformed = xform.apply(sourceRecord({ key: new Map([['magic', 42n]]) }))!;
    const key = transformed.key() as Map<string, unknown>;
    expect(key.get('magic')).toBe(42n);
    expect(key.get('topic_field')).toBe('test');
    expect(key.get('partition_field')).toBe(0);
    expect(key.has('timestamp_field')).toBe(false);
    expect(key.get('instance_id')).toBe('my-instance-id');
    expect(transformed.value()).toBeNull();
  });

  it('$Key leaves a record with a null key unchanged', () => {
    const record = sourceRecord({ value: new Map([['magic', 42n]]) });
    expect(configured(KEY).apply(record)).toBe(record);
  });

  it.each([
    [false, null],
    [true, 42n],
  ])('replace.null.with.default=%s', (replace, expected) => {
    const xform = configured(VALUE, { ...ALL_FIELDS, 'replace.null.with.default': String(replace) });
    const magicSchema = SchemaBuilder.int64().optional().defaultValue(42n).build();
    const schema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic_with_default', magicSchema).build();
    const transformed = xform.apply(sourceRecord({ valueSchema: schema, value: new Struct(schema).put('magic_with_default', null), timestamp: 789 }))!;
    expect(transformed.valueSchema()!.field('magic_with_default')!.schema().equals(magicSchema)).toBe(true);
    expect((transformed.value() as Struct).getInt64('magic_with_default')).toBe(expected);
  });

  it('inserts the offset of sink records only', () => {
    const xform = configured(VALUE, { 'offset.field': 'offset!' });
    const schema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    const sink = new SinkRecord({ topic: 't', kafkaPartition: 2, kafkaOffset: 99n, valueSchema: schema, value: new Struct(schema).put('a', 1) });
    const transformed = xform.apply(sink)!;
    expect(transformed.valueSchema()!.field('offset')!.schema().equals(Schema.INT64_SCHEMA)).toBe(true);
    expect((transformed.value() as Struct).getInt64('offset')).toBe(99n);
    expect(transformed.kafkaOffset()).toBe(99n);
    expect(() => xform.apply(sourceRecord({ value: new Map() }))).toThrow(
      'Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord',
    );
  });

  it('rejects configs without fields or without a static value', () => {
    expect(() => configured(VALUE, {})).toThrow(new ConfigException('No field insertion configured'));
    expect(() => configured(VALUE, { 'static.field': 'x' })).toThrow(
      'Invalid value null for configuration static.value: No value specified for static field: x',
    );
    expect(() => configured(VALUE, { 'topic.field': 't', 'replace.null.with.default': 'maybe' })).toThrow(ConfigException);
  });
});
