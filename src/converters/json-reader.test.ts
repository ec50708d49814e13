import { describe, expect, it } from 'vitest';
import { readJson } from './json/json-reader.js';
import { quoteJson, writeNode } from './json/json-writer.js';

const parse = (text: string) => readJson(Buffer.from(text, 'utf8'));
const roundTrip = (text: string) => {
  const node = parse(text);
  return node === undefined ? undefined : writeNode(node);
};

describe('readJson', () => {
  it('keeps integers exact and decimals as written', () => {
    expect(parse('123456789012345678901234567890')).toEqual({ kind: 'integer', value: 123456789012345678901234567890n });
    expect(roundTrip('[1.50, -0, 1e5, 2E-3, 0012]')).toBe('[1.50,0,1E+5,0.002,12]');
  });

  it('decodes strings and escapes', () => {
    expect(parse('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"')).toEqual({ kind: 'string', value: 'a"\\/\b\f\n\r\té😀' });
    expect(parse('"\ud83d\ude00"')).toEqual({ kind: 'string', value: '😀' });
  });

  it('keeps the first position and the last value of repeated keys', () => {
    expect(roundTrip('{"a":1,"b":2,"a":3}')).toBe('{"a":3,"b":2}');
  });

  it('accepts surrounding white space, a BOM and ignores content after the first value', () => {
    expect(roundTrip(' \n{"a" : [ true , false , null ] }\t')).toBe('{"a":[true,false,null]}');
    expect(readJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]))).toEqual({ kind: 'object', fields: new Map(), source: '{}' });
    expect(roundTrip('{"a":1} trailing')).toBe('{"a":1}');
    expect(parse('')).toBeUndefined();
    expect(parse('  ')).toBeUndefined();
  });

  it.each([
    ['{"a":', /end-of-input/],
    ['{"a" 1}', /colon/],
    ["{'a':1}", /double-quote/],
    ['[1 2]', /comma/],
    ['tru', /Unrecognized token/],
    ['truex', /Unrecognized token 'truex'/],
    ['-x', /minus sign/],
    ['1.', /malformed number/],
    ['12abc', /root-level values/],
    ['NaN', /expected a valid value/],
    ['"a\nb"', /Illegal unquoted character/],
    ['"\\x"', /Unrecognized character escape/],
    ['"\\u12G4"', /hex-digit/],
    ['[' .repeat(1001), /nesting depth/],
  ])('rejects %j', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('rejects invalid UTF-8', () => {
    expect(() => readJson(Buffer.from([0x22, 0xff, 0x22]))).toThrow(/Invalid UTF-8/);
  });
});

describe('quoteJson', () => {
  it('escapes as Jackson does', () => {
    expect(quoteJson('plain')).toBe('"plain"');
    expect(quoteJson('\u0000\u001f\u007f\u2028')).toBe('"\\u0000\\u001F\u007f\u2028"');
    expect(quoteJson('\ud800x')).toBe('"\\uD800x"');
  });
});
