import { describe, expect, it } from 'vitest';
import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, Decimal, Schema, SchemaBuilder, Struct } from '../data/index.js';
import { BooleanConverter } from './boolean-converter.js';
import { ByteArrayConverter } from './byte-array-converter.js';
import { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converters.js';
import { SimpleHeaderConverter } from './simple-header-converter.js';
import { StringConverter } from './string-converter.js';

const TOPIC = 't';

describe('StringConverter', () => {
  const strings = new StringConverter();
  strings.configure({}, false);
  const text = (schema: Schema | null, value: unknown): string | undefined => strings.fromConnectData(TOPIC, null, schema, value)?.toString('utf8');

  it('writes Java toString text', () => {
    const schema = SchemaBuilder.struct().field('ID', Schema.INT64_SCHEMA).field('NAME', Schema.OPTIONAL_STRING_SCHEMA).field('X', Schema.OPTIONAL_FLOAT64_SCHEMA).build();
    expect(text(schema, new Struct(schema).put('ID', 1n).put('X', 2))).toBe('Struct{ID=1,X=2.0}');
    expect(text(null, 'plain')).toBe('plain');
    expect(text(Schema.FLOAT64_SCHEMA, 3)).toBe('3.0');
    expect(text(Schema.FLOAT32_SCHEMA, 0.1)).toBe('0.1');
    expect(text(null, 42)).toBe('42');
    expect(text(null, 9007199254740993n)).toBe('9007199254740993');
    expect(text(null, new Map<string, unknown>([['a', 1], ['b', 'x']]))).toBe('{a=1, b=x}');
    expect(text(null, [1, 'two', null])).toBe('[1, two, null]');
    expect(text(Decimal.schema(2), BigDecimal.fromString('1.50'))).toBe('1.50');
    expect(text(ConnectTimestamp.SCHEMA, new Date(0))).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(text(null, true)).toBe('true');
    expect(strings.fromConnectData(TOPIC, null, Schema.STRING_SCHEMA, null)).toBeNull();
  });

  it('reads optional strings', () => {
    expect(strings.toConnectData(TOPIC, null, Buffer.from('héllo'))).toEqual({ schema: Schema.OPTIONAL_STRING_SCHEMA, value: 'héllo' });
    expect(strings.toConnectData(TOPIC, null, null)).toEqual({ schema: Schema.OPTIONAL_STRING_SCHEMA, value: null });
  });

  it('honours converter.encoding', () => {
    const latin = new StringConverter();
    latin.configure({ 'converter.encoding': 'ISO-8859-1' }, true);
    expect(latin.fromConnectData(TOPIC, null, null, 'é€')).toEqual(Buffer.from([0xe9, 0x3f]));
    expect(latin.toConnectData(TOPIC, null, Buffer.from([0xe9])).value).toBe('é');
    const utf16 = new StringConverter();
    utf16.configure({ 'converter.encoding': 'UTF-16' }, false);
    expect(utf16.fromConnectData(TOPIC, null, null, 'A')).toEqual(Buffer.from([0xfe, 0xff, 0x00, 0x41]));
    expect(() => new StringConverter().configure({ 'converter.encoding': 'nope' }, false)).toThrow('Unsupported encoding nope');
    // Java writes a lone surrogate as '?' in UTF-8.
    expect(strings.fromConnectData(TOPIC, null, null, 'a\ud800')).toEqual(Buffer.from('a?'));
  });
});

describe('number and boolean converters', () => {
  it('writes big-endian fixed-size numbers and reads them back', () => {
    const cases: Array<[{ fromConnectData: LongConverter['fromConnectData']; toConnectData: LongConverter['toConnectData'] }, unknown, string, Schema]> = [
      [new LongConverter(), -2n, 'fffffffffffffffe', Schema.OPTIONAL_INT64_SCHEMA],
      [new LongConverter(), 9007199254740993n, '0020000000000001', Schema.OPTIONAL_INT64_SCHEMA],
      [new IntegerConverter(), 258, '00000102', Schema.OPTIONAL_INT32_SCHEMA],
      [new ShortConverter(), -1, 'ffff', Schema.OPTIONAL_INT16_SCHEMA],
      [new FloatConverter(), 1.5, '3fc00000', Schema.OPTIONAL_FLOAT32_SCHEMA],
      [new DoubleConverter(), 1.5, '3ff8000000000000', Schema.OPTIONAL_FLOAT64_SCHEMA],
      [new BooleanConverter(), true, '01', Schema.OPTIONAL_BOOLEAN_SCHEMA],
      [new BooleanConverter(), false, '00', Schema.OPTIONAL_BOOLEAN_SCHEMA],
    ];
    for (const [converter, value, hex, schema] of cases) {
      const bytes = converter.fromConnectData(TOPIC, null, null, value);
      expect(bytes?.toString('hex')).toBe(hex);
      expect(converter.toConnectData(TOPIC, null, bytes)).toEqual({ schema, value });
      expect(converter.fromConnectData(TOPIC, null, null, null)).toBeNull();
      expect(converter.toConnectData(TOPIC, null, null)).toEqual({ schema, value: null });
    }
  });

  it('rejects values of another type and data of the wrong size', () => {
    expect(() => new LongConverter().fromConnectData(TOPIC, null, null, 5)).toThrow('Failed to serialize to long (was number 5): ');
    expect(() => new IntegerConverter().fromConnectData(TOPIC, null, null, 2 ** 31)).toThrow('Failed to serialize to integer');
    expect(() => new LongConverter().toConnectData(TOPIC, null, Buffer.alloc(4))).toThrow('Failed to deserialize long: ');
    expect(() => new BooleanConverter().toConnectData(TOPIC, null, Buffer.from([2]))).toThrow('Failed to deserialize boolean: ');
    expect(() => new BooleanConverter().fromConnectData(TOPIC, null, Schema.INT32_SCHEMA, 1)).toThrow(
      'Invalid schema type for BooleanConverter: INT32',
    );
  });
});

describe('ByteArrayConverter', () => {
  const bytes = new ByteArrayConverter();

  it('passes bytes through', () => {
    const data = Buffer.from([1, 2, 3]);
    expect(bytes.fromConnectData(TOPIC, null, Schema.BYTES_SCHEMA, data)).toBe(data);
    expect(bytes.toConnectData(TOPIC, null, data)).toEqual({ schema: Schema.OPTIONAL_BYTES_SCHEMA, value: data });
    expect(bytes.fromConnectData(TOPIC, null, null, null)).toBeNull();
  });

  it('rejects anything else', () => {
    expect(() => bytes.fromConnectData(TOPIC, null, Schema.STRING_SCHEMA, Buffer.alloc(1))).toThrow('Invalid schema type for ByteArrayConverter: STRING');
    expect(() => bytes.fromConnectData(TOPIC, null, null, 'text')).toThrow('ByteArrayConverter is not compatible with objects of type string');
  });
});

describe('SimpleHeaderConverter', () => {
  const headers = new SimpleHeaderConverter();
  const read = (text: string) => headers.toConnectHeader(TOPIC, 'h', Buffer.from(text, 'utf8'));
  const write = (schema: Schema | null, value: unknown) => headers.fromConnectHeader(TOPIC, 'h', schema, value)?.toString('utf8');

  it('infers header types from text', () => {
    expect(read('true')).toEqual({ schema: Schema.BOOLEAN_SCHEMA, value: true });
    expect(read('42')).toEqual({ schema: Schema.INT8_SCHEMA, value: 42 });
    expect(read('-40000')).toEqual({ schema: Schema.INT32_SCHEMA, value: -40000 });
    expect(read('12345678901')).toEqual({ schema: Schema.INT64_SCHEMA, value: 12345678901n });
    expect(read('2.5')).toEqual({ schema: Schema.FLOAT32_SCHEMA, value: 2.5 });
    expect(read('hello')).toEqual({ schema: Schema.STRING_SCHEMA, value: 'hello' });
    expect(read('2024-03-01')).toEqual({ schema: ConnectDate.SCHEMA, value: new Date(Date.UTC(2024, 2, 1)) });
    expect(read('10:00:00.000Z')).toEqual({ schema: ConnectTime.SCHEMA, value: new Date(36000000) });
    expect(read('[1,2]').value).toEqual([1, 2]);
    expect(read('{"a":"b"}').value).toEqual(new Map([['a', 'b']]));
    expect(read('null')).toEqual({ schema: null, value: null });
    expect(headers.toConnectHeader(TOPIC, 'h', null)).toEqual({ schema: null, value: null });
  });

  it('writes header values as text', () => {
    expect(write(Schema.STRING_SCHEMA, 'x y')).toBe('x y');
    expect(write(Schema.INT64_SCHEMA, 5n)).toBe('5');
    expect(write(Schema.FLOAT64_SCHEMA, 2)).toBe('2.0');
    expect(write(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), ['a', 'b'])).toBe('["a","b"]');
    expect(write(ConnectTimestamp.SCHEMA, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006Z');
    expect(write(Schema.OPTIONAL_STRING_SCHEMA, null)).toBeUndefined();
  });

  it('round-trips typed values', () => {
    const cases: Array<[Schema, unknown]> = [
      [Schema.BOOLEAN_SCHEMA, false],
      [Schema.INT8_SCHEMA, -7],
      [Schema.INT64_SCHEMA, 2n ** 40n],
      [Schema.STRING_SCHEMA, 'text'],
      [ConnectTimestamp.SCHEMA, new Date(1700000000123)],
      [SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build(), new Map([['a', 1]])],
    ];
    for (const [schema, value] of cases) {
      const back = headers.toConnectHeader(TOPIC, 'h', headers.fromConnectHeader(TOPIC, 'h', schema, value));
      expect(back.value).toEqual(value);
      expect(back.schema?.equals(schema)).toBe(true);
    }
  });
});
