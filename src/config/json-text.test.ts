import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonSyntaxError, parseJsonText } from './json-text.js';

describe('parseJsonText', () => {
  it('keeps numbers as their source text', () => {
    const parsed = parseJsonText('{"a": 9223372036854775807, "b": 1.0, "c": -2e-3, "d": [0, true, null]}');
    expect(parsed).toEqual(
      new Map<string, unknown>([
        ['a', new JsonNumber('9223372036854775807')],
        ['b', new JsonNumber('1.0')],
        ['c', new JsonNumber('-2e-3')],
        ['d', [new JsonNumber('0'), true, null]],
      ]),
    );
  });

  it('reads string escapes and keeps __proto__ as a key; the last duplicate wins', () => {
    const parsed = parseJsonText('{"__proto__": "p", "s": "tab\\tquote\\"\\u00e9\\/", "s": "again"}') as Map<string, unknown>;
    expect(parsed.get('__proto__')).toBe('p');
    expect(parsed.get('s')).toBe('again');
    expect(parseJsonText('"tab\\tquote\\"\\u00e9\\/"')).toBe('tab\tquote"é/');
  });

  it('reports syntax errors with line and column', () => {
    expect(() => parseJsonText('{"a": 01}')).toThrow(JsonSyntaxError);
    expect(() => parseJsonText('{"a": 1,}')).toThrow('Expected a property name at line 1 column 9');
    expect(() => parseJsonText('{\n  "a" 1}')).toThrow("Expected ':' at line 2 column 7");
    expect(() => parseJsonText('"open')).toThrow('Unterminated string');
    expect(() => parseJsonText('{} x')).toThrow('Unexpected content after the JSON value');
    expect(() => parseJsonText('')).toThrow('Unexpected end of input');
  });
});
