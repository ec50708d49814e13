import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Schema,
  SchemaBuilder,
  SourceRecord,
  Struct,
  schemaEquals,
} from '../src/data/index.js';
import { TimestampConverter, descriptors } from './timestamp-converter.js';
import { KEY, VALUE } from './util/index.js';

// Kafka's TimestampConverterTest fixtures.
const DAY = 86_400_000;
const EPOCH = new Date(0);
const TIME = new Date(1234);
const DATE = new Date(DAY);
const DATE_PLUS_TIME = new Date(DAY + 1234);
const DATE_PLUS_TIME_UNIX = BigInt(DAY + 1234);
const DATE_PLUS_TIME_UNIX_MICROS = DATE_PLUS_TIME_UNIX * 1000n + 123n;
const DATE_PLUS_TIME_UNIX_NANOS = DATE_PLUS_TIME_UNIX_MICROS * 1000n + 456n;
const DATE_PLUS_TIME_UNIX_SECONDS = BigInt(Math.floor((DAY + 1234) / 1000));
const STRING_DATE_FMT = 'yyyy MM dd HH mm ss SSS z';
const DATE_PLUS_TIME_STRING = '1970 01 02 00 00 01 234 UTC';

const OPTIONAL_DATE = ConnectDate.builder().optional().build();
const OPTIONAL_TIME = ConnectTime.builder().optional().build();
const OPTIONAL_TIMESTAMP = ConnectTimestamp.builder().optional().build();

function valueXform(config: Record<string, string>): TimestampConverter {
  const xform = new TimestampConverter(VALUE);
  xform.configure(config);
  return xform;
}

function record(schema: Schema | null, value: unknown): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'topic', kafkaPartition: 0, valueSchema: schema, value });
}

function expectSchema(actual: Schema | null, expected: Schema | null): void {
  expect(schemaEquals(actual, expected), `${actual?.toString()} vs ${expected?.toString()}`).toBe(true);
}

describe('TimestampConverter configuration', () => {
  it('registers $Key and $Value', () => {
    expect(descriptors.map((d) => d.className)).toEqual([
      'org.apache.kafka.connect.transforms.TimestampConverter$Key',
      'org.apache.kafka.connect.transforms.TimestampConverter$Value',
    ]);
  });

  it('requires target.type', () => {
    expect(() => valueXform({})).toThrow('Missing required configuration "target.type" which has no default value.');
  });

  it('rejects an unknown target.type', () => {
    expect(() => valueXform({ 'target.type': 'invalid' })).toThrow(
      'Invalid value invalid for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp',
    );
  });

  it('checks unix.precision', () => {
    expect(() => valueXform({ 'target.type': 'unix', 'unix.precision': 'invalid' })).toThrow(ConfigException);
    expect(() => valueXform({ 'target.type': 'unix', 'unix.precision': 'seconds' })).not.toThrow();
  });

  it('requires a format for string timestamps', () => {
    expect(() => valueXform({ 'target.type': 'string' })).toThrow(
      'TimestampConverter requires format option to be specified when using string timestamps',
    );
    expect(() => valueXform({ 'target.type': 'string', format: '   ' })).toThrow(ConfigException);
  });

  it("rejects a bad format with Kafka's (odd) message", () => {
    expect(() => valueXform({ 'target.type': 'string', format: 'bad-format' })).toThrow(
      "Invalid value java.lang.IllegalArgumentException: Illegal pattern character 'b' for configuration " +
        'TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: bad-format',
    );
  });
});

describe('TimestampConverter without schemas', () => {
  const convert = (target: string, value: unknown, extra: Record<string, string> = {}): SourceRecord =>
    valueXform({ 'target.type': target, ...extra }).apply(record(null, value));

  it('converts a Timestamp to each type', () => {
    expect(convert('Timestamp', DATE_PLUS_TIME).value()).toEqual(DATE_PLUS_TIME);
    expect(convert('Date', DATE_PLUS_TIME).value()).toEqual(DATE);
    expect(convert('Time', DATE_PLUS_TIME).value()).toEqual(TIME);
    expect(convert('unix', DATE_PLUS_TIME).value()).toBe(DATE_PLUS_TIME_UNIX);
    const transformed = convert('string', DATE_PLUS_TIME, { format: STRING_DATE_FMT });
    expect(transformed.valueSchema()).toBeNull();
    expect(transformed.value()).toBe(DATE_PLUS_TIME_STRING);
  });

  it('converts each type to a Timestamp', () => {
    expect(convert('Timestamp', DATE).value()).toEqual(DATE);
    expect(convert('Timestamp', TIME).value()).toEqual(TIME);
    expect(convert('Timestamp', DATE_PLUS_TIME_UNIX).value()).toEqual(DATE_PLUS_TIME);
    expect(convert('Timestamp', DATE_PLUS_TIME_STRING, { format: STRING_DATE_FMT }).value()).toEqual(DATE_PLUS_TIME);
  });

  it('keeps null values and null fields null', () => {
    for (const target of ['string', 'Date', 'Timestamp', 'unix', 'Time']) {
      const whole = convert(target, null, { format: STRING_DATE_FMT });
      expect(whole.valueSchema()).toBeNull();
      expect(whole.value()).toBeNull();
      const field = convert(target, null, { format: STRING_DATE_FMT, field: 'ts' });
      expect(field.value()).toBeNull();
    }
  });

  it('converts one field of a map', () => {
    const transformed = convert('Date', new Map([['ts', DATE_PLUS_TIME]]), { field: 'ts' });
    expect(transformed.valueSchema()).toBeNull();
    expect(transformed.value()).toEqual(new Map([['ts', DATE]]));
  });

  it('adds a missing field as null, as Java HashMap.put does', () => {
    const transformed = convert('Date', { other: 'x' }, { field: 'ts' });
    expect(transformed.value()).toEqual(new Map<string, unknown>([['other', 'x'], ['ts', null]]));
  });

  it('converts strings to unix time at each precision, losing what a Date cannot hold', () => {
    expect(convert('unix', DATE_PLUS_TIME_STRING, { format: STRING_DATE_FMT, 'unix.precision': 'microseconds' }).value()).toBe(86401234000n);
    expect(convert('unix', DATE_PLUS_TIME_STRING, { format: STRING_DATE_FMT, 'unix.precision': 'nanoseconds' }).value()).toBe(86401234000000n);
    expect(convert('unix', DATE_PLUS_TIME_STRING, { format: STRING_DATE_FMT, 'unix.precision': 'seconds' }).value()).toBe(DATE_PLUS_TIME_UNIX_SECONDS);
  });

  it('rejects values that are not timestamps', () => {
    expect(() => convert('Timestamp', 42)).toThrow('TimestampConverter does not support class java.lang.Integer objects as timestamps');
    expect(() => convert('Timestamp', true)).toThrow(DataException);
    expect(() => convert('Date', [1], { field: '' })).toThrow('TimestampConverter does not support class java.util.ArrayList objects as timestamps');
  });

  it('requires a map when a field is configured', () => {
    expect(() => convert('Date', 'text', { field: 'ts' })).toThrow(
      'Only Map objects supported in absence of schema for [converting timestamp formats], found: java.lang.String',
    );
  });

  it('reports text that does not match the format', () => {
    expect(() => convert('Timestamp', 'yesterday', { format: 'yyyy-MM-dd' })).toThrow(
      'Could not parse timestamp: value (yesterday) does not match pattern (yyyy-MM-dd)',
    );
  });

  it('needs a format to read string timestamps', () => {
    expect(() => convert('Timestamp', '2024-01-01')).toThrow(DataException);
  });
});

describe('TimestampConverter with schemas', () => {
  const convert = (target: string, schema: Schema, value: unknown, extra: Record<string, string> = {}): SourceRecord =>
    valueXform({ 'target.type': target, ...extra }).apply(record(schema, value));

  it('converts a Timestamp to each type', () => {
    let transformed = convert('Timestamp', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME);
    expectSchema(transformed.valueSchema(), ConnectTimestamp.SCHEMA);
    expect(transformed.value()).toEqual(DATE_PLUS_TIME);
    transformed = convert('Date', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME);
    expectSchema(transformed.valueSchema(), ConnectDate.SCHEMA);
    expect(transformed.value()).toEqual(DATE);
    transformed = convert('Time', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME);
    expectSchema(transformed.valueSchema(), ConnectTime.SCHEMA);
    expect(transformed.value()).toEqual(TIME);
    transformed = convert('unix', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME);
    expectSchema(transformed.valueSchema(), Schema.INT64_SCHEMA);
    expect(transformed.value()).toBe(DATE_PLUS_TIME_UNIX);
    transformed = convert('string', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME, { format: STRING_DATE_FMT });
    expectSchema(transformed.valueSchema(), Schema.STRING_SCHEMA);
    expect(transformed.value()).toBe(DATE_PLUS_TIME_STRING);
  });

  it('converts each type to a Timestamp', () => {
    let transformed = convert('Timestamp', ConnectDate.SCHEMA, DATE);
    expectSchema(transformed.valueSchema(), ConnectTimestamp.SCHEMA);
    expect(transformed.value()).toEqual(DATE);
    transformed = convert('Timestamp', ConnectTime.SCHEMA, TIME);
    expect(transformed.value()).toEqual(TIME);
    transformed = convert('Timestamp', Schema.INT64_SCHEMA, DATE_PLUS_TIME_UNIX);
    expectSchema(transformed.valueSchema(), ConnectTimestamp.SCHEMA);
    expect(transformed.value()).toEqual(DATE_PLUS_TIME);
    transformed = convert('Timestamp', Schema.STRING_SCHEMA, DATE_PLUS_TIME_STRING, { format: STRING_DATE_FMT });
    expect(transformed.value()).toEqual(DATE_PLUS_TIME);
  });

  const optionalInputs = [Schema.OPTIONAL_INT64_SCHEMA, OPTIONAL_TIME, OPTIONAL_DATE, Schema.OPTIONAL_STRING_SCHEMA, OPTIONAL_TIMESTAMP];
  const targets: Array<[string, Schema]> = [
    ['Timestamp', OPTIONAL_TIMESTAMP],
    ['unix', Schema.OPTIONAL_INT64_SCHEMA],
    ['Time', OPTIONAL_TIME],
    ['Date', OPTIONAL_DATE],
    ['string', Schema.OPTIONAL_STRING_SCHEMA],
  ];

  it.each(targets)('keeps a null value null, with the optional %s schema', (target, expected) => {
    for (const original of optionalInputs) {
      const transformed = convert(target, original, null, { format: STRING_DATE_FMT });
      expectSchema(transformed.valueSchema(), expected);
      expect(transformed.value()).toBeNull();
    }
  });

  it.each(targets)('keeps a null field null, and a null struct null, with the optional %s field schema', (target, expected) => {
    for (const original of optionalInputs) {
      const structSchema = SchemaBuilder.struct().field('ts', original).field('other', Schema.STRING_SCHEMA);
      const expectedStruct = SchemaBuilder.struct().field('ts', expected).field('other', Schema.STRING_SCHEMA);
      const value = new Struct(structSchema.build()).put('ts', null).put('other', 'test');
      const xform = valueXform({ 'target.type': target, format: STRING_DATE_FMT, field: 'ts' });
      let transformed = xform.apply(record(structSchema.build(), value));
      expectSchema(transformed.valueSchema(), expectedStruct.build());
      expect((transformed.value() as Struct).get('ts')).toBeNull();
      transformed = xform.apply(record(structSchema.optional().build(), null));
      expectSchema(transformed.valueSchema(), expectedStruct.optional().build());
      expect(transformed.value()).toBeNull();
    }
  });

  it('converts one field, keeping the others', () => {
    const schema = SchemaBuilder.struct().field('ts', Schema.INT64_SCHEMA).field('other', Schema.STRING_SCHEMA).build();
    const original = new Struct(schema).put('ts', DATE_PLUS_TIME_UNIX).put('other', 'test');
    const transformed = convert('Timestamp', schema, original, { field: 'ts' });
    expectSchema(transformed.valueSchema(), SchemaBuilder.struct().field('ts', ConnectTimestamp.SCHEMA).field('other', Schema.STRING_SCHEMA).build());
    expect((transformed.value() as Struct).get('ts')).toEqual(DATE_PLUS_TIME);
    expect((transformed.value() as Struct).get('other')).toBe('test');
  });

  it.each([
    ['true', EPOCH],
    ['false', null],
  ])('replace.null.with.default=%s decides whether a null field takes its default', (replace, expected) => {
    const schema = SchemaBuilder.struct()
      .field('ts', SchemaBuilder.int64().optional().defaultValue(0n).build())
      .field('other', Schema.STRING_SCHEMA)
      .build();
    const original = new Struct(schema).put('ts', null).put('other', 'test');
    const transformed = convert('Timestamp', schema, original, { field: 'ts', 'replace.null.with.default': replace });
    expectSchema(transformed.valueSchema(), SchemaBuilder.struct().field('ts', OPTIONAL_TIMESTAMP).field('other', Schema.STRING_SCHEMA).build());
    const ts = (transformed.value() as Struct).getWithoutDefault('ts');
    if (expected === null) expect(ts).toBeNull();
    else expect(ts).toEqual(expected);
  });

  it.each([
    ['microseconds', DATE_PLUS_TIME_UNIX_MICROS, DATE_PLUS_TIME],
    ['nanoseconds', DATE_PLUS_TIME_UNIX_NANOS, DATE_PLUS_TIME],
    ['seconds', DATE_PLUS_TIME_UNIX_SECONDS, new Date(DAY + 1000)],
  ])('reads unix.precision=%s', (precision, unix, expected) => {
    const schema = SchemaBuilder.struct().field('ts', Schema.INT64_SCHEMA).build();
    const transformed = convert('Timestamp', schema, new Struct(schema).put('ts', unix), { field: 'ts', 'unix.precision': precision });
    expectSchema(transformed.valueSchema(), SchemaBuilder.struct().field('ts', ConnectTimestamp.SCHEMA).build());
    expect((transformed.value() as Struct).get('ts')).toEqual(expected);
  });

  it('writes unix.precision, truncating toward zero like TimeUnit', () => {
    expect(convert('unix', ConnectTimestamp.SCHEMA, DATE_PLUS_TIME, { 'unix.precision': 'microseconds' }).value()).toBe(86401234000n);
    expect(convert('unix', ConnectTimestamp.SCHEMA, new Date(-1500), { 'unix.precision': 'seconds' }).value()).toBe(-1n);
    expect(convert('Timestamp', Schema.INT64_SCHEMA, -1500n, { 'unix.precision': 'microseconds' }).value()).toEqual(new Date(-1));
  });

  it('truncates to the UTC day for Date and keeps the time of day for Time, before 1970 too', () => {
    const before = new Date(-DAY - 1);
    expect(convert('Date', ConnectTimestamp.SCHEMA, before).value()).toEqual(new Date(-2 * DAY));
    expect(convert('Time', ConnectTimestamp.SCHEMA, before).value()).toEqual(new Date(DAY - 1));
  });

  it('converts the default of a struct schema with the field', () => {
    const schema = SchemaBuilder.struct().field('ts', Schema.INT64_SCHEMA);
    const defaultValue = new Struct(schema).put('ts', 0n);
    const withDefault = schema.optional().defaultValue(defaultValue).build();
    const transformed = convert('Date', withDefault, null, { field: 'ts' });
    const updated = transformed.valueSchema()!;
    expect(updated.isOptional()).toBe(true);
    expect((updated.defaultValue() as Struct).get('ts')).toEqual(EPOCH);
  });

  it('keeps the schema name, version and doc', () => {
    const schema = SchemaBuilder.struct().name('ns.Event').version(3).doc('an event').field('ts', Schema.INT64_SCHEMA).build();
    const transformed = convert('Date', schema, new Struct(schema).put('ts', 0n), { field: 'ts' });
    expect(transformed.valueSchema()!.name()).toBe('ns.Event');
    expect(transformed.valueSchema()!.version()).toBe(3);
    expect(transformed.valueSchema()!.doc()).toBe('an event');
  });

  it('caches the converted schema per input schema', () => {
    const schema = SchemaBuilder.struct().field('ts', Schema.INT64_SCHEMA).build();
    const xform = valueXform({ 'target.type': 'Date', field: 'ts' });
    const first = xform.apply(record(schema, new Struct(schema).put('ts', 0n))).valueSchema();
    const second = xform.apply(record(schema, new Struct(schema).put('ts', 1n))).valueSchema();
    expect(second).toBe(first);
  });

  it('rejects schemas that are not timestamps', () => {
    expect(() => convert('Date', Schema.INT32_SCHEMA, 42)).toThrow('Schema Schema{INT32} does not correspond to a known timestamp type format');
  });

  it('rejects a value whose type does not match its schema', () => {
    expect(() => convert('Date', Schema.INT64_SCHEMA, 'x')).toThrow('Expected Unix timestamp to be a Long, but found class java.lang.String');
    expect(() => convert('Date', Schema.STRING_SCHEMA, 1n, { format: 'yyyy' })).toThrow(
      'Expected string timestamp to be a String, but found class java.lang.Long',
    );
    expect(() => convert('unix', ConnectDate.SCHEMA, 5n)).toThrow('Expected Date to be a java.util.Date, but found class java.lang.Long');
  });

  it('requires a struct when a field is configured', () => {
    expect(() => convert('Date', Schema.INT64_SCHEMA, 5n, { field: 'ts' })).toThrow(
      'Only Struct objects supported for [converting timestamp formats], found: java.lang.Long',
    );
  });
});

describe('TimestampConverter$Key', () => {
  it('converts the key and leaves the value alone', () => {
    const xform = new TimestampConverter(KEY);
    xform.configure({ 'target.type': 'Timestamp' });
    const transformed = xform.apply(
      new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 'topic', kafkaPartition: 0, key: DATE_PLUS_TIME, value: 'v' }),
    );
    expect(transformed.keySchema()).toBeNull();
    expect(transformed.key()).toEqual(DATE_PLUS_TIME);
    expect(transformed.value()).toBe('v');
  });
});

describe('TimestampConverter on Structs, per schema', () => {
  const eventSchema = (): Schema =>
    SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('ts', ConnectTimestamp.SCHEMA).field('note', Schema.OPTIONAL_STRING_SCHEMA).build();
  const EVENT = eventSchema();
  const event = (schema: Schema, ts: unknown = DATE_PLUS_TIME): Struct => new Struct(schema).put('id', 1n).put('ts', ts).put('note', 'n');
  const xform = (): TimestampConverter => valueXform({ field: 'ts', 'target.type': 'string', format: STRING_DATE_FMT });

  it('gives a value of an equal schema object the same result', () => {
    const converter = xform();
    const first = converter.apply(record(EVENT, event(EVENT)));
    const twin = eventSchema();
    const second = converter.apply(record(twin, event(twin)));
    for (const out of [first, second]) {
      expect((out.value() as Struct).getString('ts')).toBe(DATE_PLUS_TIME_STRING);
      expect((out.value() as Struct).get('id')).toBe(1n);
      expect((out.value() as Struct).getString('note')).toBe('n');
    }
    expect(first.valueSchema()).toBe(second.valueSchema());
  });

  it('leaves the input as it was when the field cannot be converted', () => {
    const converter = valueXform({ field: 'note', 'target.type': 'Timestamp' });
    const input = event(EVENT);
    expect(() => converter.apply(record(EVENT, input))).toThrow();
    expect(input.getString('note')).toBe('n');
    expect(input.schema()).toBe(EVENT);
  });

  it('copies every field of a schema without the field', () => {
    const out = valueXform({ field: 'absent', 'target.type': 'unix' }).apply(record(EVENT, event(EVENT)));
    expect(String(out.value())).toBe(String(event(EVENT)));
  });
});
