import { describe, expect, it } from 'vitest';
import { murmur2, toPositive } from './murmur2.js';

describe('murmur2', () => {
  // Kafka's UtilsTest.testMurmur2 vectors (computed by the Java implementation).
  const vectors: [string, number][] = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ];
  for (const [input, expected] of vectors) {
    it(`hashes "${input}" as Java does`, () => {
      expect(murmur2(Buffer.from(input, 'utf8'))).toBe(expected);
    });
  }

  it('handles empty input and bytes above 0x7f', () => {
    expect(Number.isInteger(murmur2(Buffer.alloc(0)))).toBe(true);
    const h = murmur2(Buffer.from([0xff, 0x80, 0x90, 0xa0, 0xb0]));
    expect(h).toBe(h | 0);
  });

  it('toPositive clears the sign bit like Utils.toPositive', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });
});
