import { describe, expect, it } from 'vitest';
import { ConfigException } from './config-exception.js';
import { convertToString, parseType } from './parse-type.js';
import { Password } from './password.js';

function parseError(value: Parameters<typeof parseType>[1], type: Parameters<typeof parseType>[2]): string {
  try {
    parseType('k', value, type);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigException);
    return (error as ConfigException).message;
  }
  throw new Error('expected a ConfigException');
}

describe('parseType', () => {
  it('parses BOOLEAN from true/false in any case only', () => {
    expect(parseType('k', 'TRUE', 'BOOLEAN')).toBe(true);
    expect(parseType('k', ' false ', 'BOOLEAN')).toBe(false);
    expect(parseType('k', true, 'BOOLEAN')).toBe(true);
    expect(parseError('yes', 'BOOLEAN')).toBe('Invalid value yes for configuration k: Expected value to be either true or false');
    expect(parseError('1', 'BOOLEAN')).toBe('Invalid value 1 for configuration k: Expected value to be either true or false');
  });

  it('trims STRING, CLASS and PASSWORD values as Java trim does', () => {
    expect(parseType('k', '  a b \t', 'STRING')).toBe('a b');
    expect(parseType('k', '\u0001x\u0000', 'STRING')).toBe('x');
    expect(parseType('k', '\u00a0x', 'STRING')).toBe('\u00a0x');
    expect(parseType('k', ' org.example.Foo ', 'CLASS')).toBe('org.example.Foo');
    const password = parseType('k', ' s3cret ', 'PASSWORD');
    expect(password).toBeInstanceOf(Password);
    expect((password as Password).value()).toBe('s3cret');
    expect(String(password)).toBe('[hidden]');
    expect(JSON.stringify({ password })).toBe('{"password":"[hidden]"}');
    expect(parseError(5, 'STRING')).toBe('Invalid value 5 for configuration k: Expected value to be a string, but it was a java.lang.Integer');
  });

  it('parses INT, SHORT and LONG with Java ranges', () => {
    expect(parseType('k', ' 42 ', 'INT')).toBe(42);
    expect(parseType('k', '+7', 'INT')).toBe(7);
    expect(parseType('k', '-2147483648', 'INT')).toBe(-2147483648);
    expect(parseError('2147483648', 'INT')).toBe('Invalid value 2147483648 for configuration k: Not a number of type INT');
    expect(parseError('abc', 'INT')).toBe('Invalid value abc for configuration k: Not a number of type INT');
    expect(parseError('1.5', 'INT')).toBe('Invalid value 1.5 for configuration k: Not a number of type INT');
    expect(parseError('', 'INT')).toBe('Invalid value  for configuration k: Not a number of type INT');
    expect(parseError('0x10', 'INT')).toBe('Invalid value 0x10 for configuration k: Not a number of type INT');
    expect(parseType('k', '32767', 'SHORT')).toBe(32767);
    expect(parseError('32768', 'SHORT')).toBe('Invalid value 32768 for configuration k: Not a number of type SHORT');
    expect(parseType('k', '9223372036854775807', 'LONG')).toBe(9223372036854775807n);
    expect(parseType('k', '-9223372036854775808', 'LONG')).toBe(-9223372036854775808n);
    expect(parseError('9223372036854775808', 'LONG')).toBe('Invalid value 9223372036854775808 for configuration k: Not a number of type LONG');
    expect(parseType('k', 60000, 'LONG')).toBe(60000n);
    expect(parseType('k', 5n, 'INT')).toBe(5);
    expect(parseError(1.5, 'INT')).toBe('Invalid value 1.5 for configuration k: Expected value to be a 32-bit integer, but it was a java.lang.Double');
    expect(parseError(3_000_000_000, 'INT')).toBe(
      'Invalid value 3000000000 for configuration k: Expected value to be a 32-bit integer, but it was a java.lang.Long',
    );
    expect(parseError(40000, 'SHORT')).toBe(
      'Invalid value 40000 for configuration k: Expected value to be a 16-bit integer (short), but it was a java.lang.Integer',
    );
    expect(parseError('x', 'LONG')).toBe('Invalid value x for configuration k: Not a number of type LONG');
  });

  it("parses DOUBLE with Java's grammar", () => {
    expect(parseType('k', '1.5', 'DOUBLE')).toBe(1.5);
    expect(parseType('k', '1e3', 'DOUBLE')).toBe(1000);
    expect(parseType('k', '.5', 'DOUBLE')).toBe(0.5);
    expect(parseType('k', '2.', 'DOUBLE')).toBe(2);
    expect(parseType('k', '1.5d', 'DOUBLE')).toBe(1.5);
    expect(parseType('k', '-Infinity', 'DOUBLE')).toBe(-Infinity);
    expect(parseType('k', 'NaN', 'DOUBLE')).toBeNaN();
    expect(parseType('k', '0x1.8p1', 'DOUBLE')).toBe(3);
    expect(parseType('k', 3, 'DOUBLE')).toBe(3);
    expect(parseError('1,5', 'DOUBLE')).toBe('Invalid value 1,5 for configuration k: Not a number of type DOUBLE');
    expect(parseError('inf', 'DOUBLE')).toBe('Invalid value inf for configuration k: Not a number of type DOUBLE');
  });

  it('splits LIST on commas with surrounding whitespace, keeping empty elements as Java does', () => {
    expect(parseType('k', ' a , b,c ', 'LIST')).toEqual(['a', 'b', 'c']);
    expect(parseType('k', '', 'LIST')).toEqual([]);
    expect(parseType('k', '   ', 'LIST')).toEqual([]);
    expect(parseType('k', 'a,,b,', 'LIST')).toEqual(['a', '', 'b', '']);
    expect(parseType('k', ['x', 'y'], 'LIST')).toEqual(['x', 'y']);
    expect(parseError(3, 'LIST')).toBe('Invalid value 3 for configuration k: Expected a comma separated list.');
  });

  it('checks CLASS names only when given a resolver', () => {
    const classExists = (name: string): boolean => name === 'org.example.Known';
    expect(parseType('k', 'org.example.Known', 'CLASS', { classExists })).toBe('org.example.Known');
    expect(() => parseType('k', 'org.example.Missing', 'CLASS', { classExists })).toThrow(
      'Invalid value org.example.Missing for configuration k: Class org.example.Missing could not be found.',
    );
  });

  it('keeps null as null', () => {
    expect(parseType('k', null, 'INT')).toBeNull();
  });
});

describe('convertToString', () => {
  it('renders values as Kafka does for REST output', () => {
    expect(convertToString(['a', 'b'], 'LIST')).toBe('a,b');
    expect(convertToString([], 'LIST')).toBe('');
    expect(convertToString(new Password('x'), 'PASSWORD')).toBe('[hidden]');
    expect(convertToString(9223372036854775807n, 'LONG')).toBe('9223372036854775807');
    expect(convertToString(1, 'DOUBLE')).toBe('1.0');
    expect(convertToString(0.001, 'DOUBLE')).toBe('0.001');
    expect(convertToString(1e7, 'DOUBLE')).toBe('1.0E7');
    expect(convertToString(1.5e-4, 'DOUBLE')).toBe('1.5E-4');
    expect(convertToString(123456.789, 'DOUBLE')).toBe('123456.789');
    expect(convertToString(true, 'BOOLEAN')).toBe('true');
    expect(convertToString(null, 'STRING')).toBeNull();
    expect(convertToString(['a', 'b'], null)).toBe('[a, b]');
  });
});
