import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../src/data/index.js';
import { ReplaceField, descriptors } from './replace-field.js';
import { KEY, VALUE, type KeyOrValue } from './util/index.js';

function configured(props: Record<string, string>, side: KeyOrValue = VALUE): ReplaceField {
  const xform = new ReplaceField(side);
  xform.configure(props);
  return xform;
}

function sinkRecord(fields: Partial<ConstructorParameters<typeof SinkRecord>[0]>): SinkRecord {
  return new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0n, ...fields });
}

const schema = SchemaBuilder.struct()
  .field('dont', Schema.STRING_SCHEMA)
  .field('abc', Schema.INT32_SCHEMA)
  .field('foo', Schema.BOOLEAN_SCHEMA)
  .field('etc', Schema.STRING_SCHEMA)
  .build();

function schemalessValue(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['dont', 'whatever'],
    ['abc', 42],
    ['foo', true],
    ['etc', 'etc'],
  ]);
}

describe('ReplaceField', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.ReplaceField$Key',
      'org.apache.kafka.connect.transforms.ReplaceField$Value',
    ]);
  });

  it('passes tombstones through', () => {
    const xform = configured({ include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const schemaless = xform.apply(sinkRecord({}))!;
    expect(schemaless.value()).toBeNull();
    expect(schemaless.valueSchema()).toBeNull();
    const withSchema = xform.apply(sinkRecord({ valueSchema: schema }))!;
    expect(withSchema.value()).toBeNull();
    expect(withSchema.valueSchema()).toBe(schema);
  });

  it('excludes and renames schemaless fields', () => {
    const xform = configured({ exclude: 'dont', renames: 'abc:xyz,foo:bar' });
    const updated = xform.apply(sinkRecord({ value: schemalessValue() }))!.value() as Map<string, unknown>;
    expect(updated.size).toBe(3);
    expect(updated.get('xyz')).toBe(42);
    expect(updated.get('bar')).toBe(true);
    expect(updated.get('etc')).toBe('etc');
    // new HashMap<>(4) in Java iterates these as xyz, etc, bar.
    expect([...updated.keys()]).toEqual(['xyz', 'etc', 'bar']);
  });

  it('includes and renames struct fields', () => {
    const xform = configured({ include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const value = new Struct(schema).put('dont', 'whatever').put('abc', 42).put('foo', true).put('etc', 'etc');
    const transformed = xform.apply(sinkRecord({ valueSchema: schema, value }))!;
    const updated = transformed.value() as Struct;
    expect(updated.schema().fields().map((f) => f.name())).toEqual(['xyz', 'bar']);
    expect(updated.getInt32('xyz')).toBe(42);
    expect(updated.getBoolean('bar')).toBe(true);
    expect(xform.apply(sinkRecord({ valueSchema: schema, value }))!.valueSchema()).toBe(transformed.valueSchema());
  });

  it('exclude wins over include', () => {
    const xform = configured({ include: 'abc,foo', exclude: 'foo' });
    const updated = xform.apply(sinkRecord({ value: schemalessValue() }))!.value() as Map<string, unknown>;
    expect([...updated.keys()]).toEqual(['abc']);
  });

  it('keeps the deprecated whitelist/blacklist aliases (Kafka 3.x)', () => {
    const blacklisted = configured({ blacklist: 'dont', renames: 'abc:xyz,foo:bar' }).apply(sinkRecord({ value: schemalessValue() }))!;
    expect(Object.fromEntries(blacklisted.value() as Map<string, unknown>)).toEqual({ xyz: 42, bar: true, etc: 'etc' });
    const whitelisted = configured({ whitelist: 'abc' }).apply(sinkRecord({ value: schemalessValue() }))!;
    expect(Object.fromEntries(whitelisted.value() as Map<string, unknown>)).toEqual({ abc: 42 });
    // The current key wins when both are set.
    const both = configured({ include: 'foo', whitelist: 'abc' }).apply(sinkRecord({ value: schemalessValue() }))!;
    expect(Object.fromEntries(both.value() as Map<string, unknown>)).toEqual({ foo: true });
  });

  it.each([
    [false, null],
    [true, 42],
  ])('replace.null.with.default=%s on value and key', (replace, expected) => {
    const props = { include: 'abc', renames: 'abc:optional_with_default', 'replace.null.with.default': String(replace) };
    const withDefault = SchemaBuilder.struct().field('abc', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
    const onValue = configured(props).apply(sinkRecord({ valueSchema: withDefault, value: new Struct(withDefault).put('abc', null) }))!;
    expect((onValue.value() as Struct).schema().fields()).toHaveLength(1);
    expect((onValue.value() as Struct).getWithoutDefault('optional_with_default')).toBe(expected);
    const onKey = configured(props, KEY).apply(sinkRecord({ keySchema: withDefault, key: new Struct(withDefault).put('abc', null) }))!;
    expect((onKey.key() as Struct).getWithoutDefault('optional_with_default')).toBe(expected);
    expect(onKey.value()).toBeNull();
  });

  it('rejects rename mappings without exactly one colon', () => {
    expect(() => configured({ renames: 'abc' })).toThrow(ConfigException.invalidValue('renames', ['abc'], 'Invalid rename mapping: abc'));
    expect(() => configured({ renames: 'a:b,c:d:e' })).toThrow('Invalid value [a:b, c:d:e] for configuration renames: Invalid rename mapping: c:d:e');
    // Java's split drops the trailing empty part, so `a:b:` is a valid pair.
    expect(() => configured({ renames: 'a:b:' })).not.toThrow();
  });

  it('requires a map or struct', () => {
    expect(() => configured({}).apply(sinkRecord({ value: 'x' }))).toThrow(
      'Only Map objects supported in absence of schema for [field replacement], found: java.lang.String',
    );
    expect(() => configured({}).apply(sinkRecord({ valueSchema: Schema.STRING_SCHEMA, value: 'x' }))).toThrow(
      'Only Struct objects supported for [field replacement], found: java.lang.String',
    );
  });
});
