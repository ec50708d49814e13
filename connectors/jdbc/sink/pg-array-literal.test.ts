import { describe, expect, it } from 'vitest';
import { postgresArrayLiteral } from './pg-array-literal.js';

describe('PostgreSQL array literals', () => {
  it('quotes strings, escapes quotes and backslashes, and writes NULL, numbers, booleans and bytea', () => {
    expect(postgresArrayLiteral(['a', 'b"c', 'd\\e', '', 'NULL', '{x,y}', null])).toBe('{"a","b\\"c","d\\\\e","","NULL","{x,y}",NULL}');
    expect(postgresArrayLiteral([1, -2.5, 9007199254740993n, true, false])).toBe('{1,-2.5,9007199254740993,t,f}');
    expect(postgresArrayLiteral([Buffer.from([0, 255])])).toBe('{"\\\\x00ff"}');
    expect(postgresArrayLiteral([])).toBe('{}');
  });
});
