import { describe, expect, it } from 'vitest';
import { BigDecimal } from './big-decimal.js';
import { ConnectDate } from './date.js';
import { Decimal } from './decimal.js';
import { ConnectHeaders } from './headers.js';
import { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';
import { Struct } from './struct.js';
import { ConnectTime } from './time.js';
import { ConnectTimestamp } from './timestamp.js';
import { convertToString, parseString } from './values.js';

describe('Values.parseString', () => {
  const parsed = (text: string) => parseString(text);

  it('infers booleans, null and strings', () => {
    expect(parsed('true')).toEqual({ schema: Schema.BOOLEAN_SCHEMA, value: true });
    expect(parsed('false')?.value).toBe(false);
    expect(parsed('null')).toBeNull();
    expect(parsed('')).toEqual({ schema: Schema.STRING_SCHEMA, value: '' });
    expect(parsed('hello world')).toEqual({ schema: Schema.STRING_SCHEMA, value: 'hello world' });
    expect(parsed('true}')).toEqual({ schema: Schema.STRING_SCHEMA, value: 'true}' });
    expect(parsed('  ')).toEqual({ schema: Schema.STRING_SCHEMA, value: '  ' });
  });

  it('infers the smallest integer type', () => {
    expect(parsed('42')).toEqual({ schema: Schema.INT8_SCHEMA, value: 42 });
    expect(parsed('-128')?.schema).toBe(Schema.INT8_SCHEMA);
    expect(parsed('300')).toEqual({ schema: Schema.INT16_SCHEMA, value: 300 });
    expect(parsed('100000')).toEqual({ schema: Schema.INT32_SCHEMA, value: 100000 });
    expect(parsed('9007199254740993')).toEqual({ schema: Schema.INT64_SCHEMA, value: 9007199254740993n });
    expect(parsed('1.0')).toEqual({ schema: Schema.INT8_SCHEMA, value: 1 });
    const big = parsed('99999999999999999999');
    expect(big?.schema?.equals(Decimal.schema(0))).toBe(true);
    expect((big?.value as BigDecimal).toString()).toBe('99999999999999999999');
  });

  it('infers floats as FLOAT32 when finite as a float, else FLOAT64', () => {
    expect(parsed('1.5')).toEqual({ schema: Schema.FLOAT32_SCHEMA, value: 1.5 });
    expect(parsed('3.14159265358979')).toEqual({ schema: Schema.FLOAT32_SCHEMA, value: Math.fround(3.14159265358979) });
    expect(parsed('123456789012345678901234567890123456789012.5')).toEqual({ schema: Schema.FLOAT64_SCHEMA, value: 1.2345678901234568e41 });
    // Integral but beyond 64 bits, with an exponent (so a non-zero scale): FLOAT64 when the float overflows.
    expect(parsed('1.5E300')).toEqual({ schema: Schema.FLOAT64_SCHEMA, value: 1.5e300 });
    expect(parsed('1E+30')).toEqual({ schema: Schema.FLOAT32_SCHEMA, value: Math.fround(1e30) });
    expect(parsed('12abc')).toEqual({ schema: Schema.STRING_SCHEMA, value: '12abc' });
    // Java reads only the first token of a top-level number.
    expect(parsed('1,2')).toEqual({ schema: Schema.INT8_SCHEMA, value: 1 });
  });

  it('infers ISO times, dates and timestamps', () => {
    expect(parsed('12:30:00.123Z')).toEqual({ schema: ConnectTime.SCHEMA, value: new Date(45000123) });
    expect(parsed('2024-01-02')).toEqual({ schema: ConnectDate.SCHEMA, value: new Date(Date.UTC(2024, 0, 2)) });
    expect(parsed('2024-01-02T03:04:05.678Z')).toEqual({
      schema: ConnectTimestamp.SCHEMA,
      value: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
    });
    // SimpleDateFormat is lenient: month 13 rolls into the next year.
    expect(parsed('2024-13-01')?.value).toEqual(new Date(Date.UTC(2025, 0, 1)));
  });

  it('infers arrays with a common element schema', () => {
    const ints = parsed('[1, 2, 300]');
    expect(ints?.schema?.equals(SchemaBuilder.array(Schema.INT16_SCHEMA).build())).toBe(true);
    expect(ints?.value).toEqual([1, 2, 300]);
    const longs = parsed('[1,9999999999]');
    expect(longs?.value).toEqual([1n, 9999999999n]);
    const mixed = parsed('[1,"a"]');
    expect(mixed?.schema?.type()).toBe('ARRAY');
    expect(mixed?.schema?.valueSchema()).toBeNull();
    expect(mixed?.value).toEqual([1, 'a']);
    expect(parsed('["a\\"b"]')?.value).toEqual(['a\\"b']);
    expect(parsed('[1,')).toEqual({ schema: Schema.STRING_SCHEMA, value: '[1,' });
    expect(parsed('[]')?.value).toEqual([]);
  });

  it('infers maps', () => {
    const map = parsed('{"a":1,"b":2}');
    expect(map?.schema?.equals(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT8_SCHEMA).build())).toBe(true);
    expect(map?.value).toEqual(new Map([['a', 1], ['b', 2]]));
    expect(parsed('{a:1}')).toEqual({ schema: Schema.STRING_SCHEMA, value: '{a:1}' });
    expect(parsed('{"a":1')).toEqual({ schema: Schema.STRING_SCHEMA, value: '{"a":1' });
  });
});

describe('Values.convertToString', () => {
  it('renders values as SimpleHeaderConverter writes them', () => {
    expect(convertToString(Schema.STRING_SCHEMA, 'a "b"')).toBe('a "b"');
    expect(convertToString(Schema.INT64_SCHEMA, 5n)).toBe('5');
    expect(convertToString(Schema.FLOAT64_SCHEMA, 1)).toBe('1.0');
    expect(convertToString(Schema.FLOAT32_SCHEMA, 0.1)).toBe('0.1');
    expect(convertToString(Schema.BYTES_SCHEMA, Buffer.from('hi'))).toBe('aGk=');
    expect(convertToString(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), ['a', 'b"\\'])).toBe('["a","b\\"\\\\"]');
    expect(convertToString(null, new Map([['k', 1n]]))).toBe('{"k":1}');
    expect(convertToString(Decimal.schema(2), BigDecimal.fromString('1.50'))).toBe('1.50');
    expect(convertToString(ConnectTime.SCHEMA, new Date(45000123))).toBe('12:30:00.123Z');
    expect(convertToString(ConnectDate.SCHEMA, new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02');
    expect(convertToString(ConnectTimestamp.SCHEMA, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05.678Z');
    const schema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).field('b', Schema.OPTIONAL_STRING_SCHEMA).build();
    expect(convertToString(schema, new Struct(schema).put('a', 1))).toBe('{"a":1,"b":null}');
    expect(convertToString(null, null)).toBeNull();
  });

  it('round-trips through parseString', () => {
    const list = [1, 2, 3];
    const text = convertToString(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), list) ?? '';
    expect(parseString(text)?.value).toEqual(list);
  });
});

describe('ConnectHeaders', () => {
  it('keeps order and supports lookups', () => {
    const headers = new ConnectHeaders().addString('a', '1').addInt('b', 2).addString('a', '3');
    expect(headers.size()).toBe(3);
    expect(headers.lastWithName('a')?.value()).toBe('3');
    expect(headers.allWithName('a').map((h) => h.value())).toEqual(['1', '3']);
    expect(headers.lastWithName('zz')).toBeNull();
    const latest = headers.duplicate().retainLatest();
    expect([...latest].map((h) => `${h.key()}=${String(h.value())}`)).toEqual(['b=2', 'a=3']);
    expect(headers.duplicate().remove('a').size()).toBe(1);
    expect(headers.size()).toBe(3);
  });

  it('checks values against schemas', () => {
    const headers = new ConnectHeaders();
    expect(() => headers.add('x', 'text', Schema.INT32_SCHEMA)).toThrow('is not compatible with the schema Schema{INT32}');
    expect(() => headers.add('x', null, Schema.INT32_SCHEMA)).toThrow('A null value requires an optional schema but was Schema{INT32}');
    expect(() => headers.addLong('x', 5n)).not.toThrow();
  });

  it('applies transforms and compares', () => {
    const headers = new ConnectHeaders().addString('a', 'x').addString('b', 'y');
    headers.apply('a', (h) => h.with(Schema.STRING_SCHEMA, 'z'));
    headers.apply((h) => (h.key() === 'b' ? null : h));
    expect(headers.equals(new ConnectHeaders().addString('a', 'z'))).toBe(true);
  });
});
