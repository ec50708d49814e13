import { describe, expect, it } from 'vitest';
import { BigDecimal } from './big-decimal.js';
import { javaHashCode, javaHashMapOrder, orderLikeJavaHashMap } from './java-hash-order.js';

describe('Java HashMap order', () => {
  it('iterates by hash bucket, then insertion order', () => {
    const keys = ['price', 'qty', 'big', 'list'];
    expect(orderLikeJavaHashMap(keys.map((k) => [k, 0] as const), 'STRING').map(([k]) => k)).toEqual(['big', 'price', 'qty', 'list']);
    const ints = [17, 1, -1, 16];
    expect(orderLikeJavaHashMap(ints.map((k) => [k, 0] as const), 'INT32').map(([k]) => k)).toEqual([-1, 16, 17, 1]);
    // Unknown hashes (bytes keys) keep the input order.
    const bytes = [Buffer.from([2]), Buffer.from([1])];
    expect(orderLikeJavaHashMap(bytes.map((k) => [k, 0] as const), 'BYTES').map(([k]) => k)).toEqual(bytes);
  });

  it('grows the table like HashMap (13 keys need 32 buckets)', () => {
    const keys = Array.from({ length: 13 }, (_, i) => String.fromCharCode(97 + i * 2));
    const ordered = orderLikeJavaHashMap(keys.map((k) => [k, 0] as const), 'STRING').map(([k]) => k);
    expect(ordered).toEqual(['a', 'c', 'e', 'g', 'i', 'k', 'm', 'o', 'q', 's', 'u', 'w', 'y']);
  });
});

describe('Java hash codes for HashMap order', () => {
  it('match BigDecimal.hashCode and Date.hashCode', () => {
    const cases: Array<[string, number, number]> = [
      ['0', 0, 0],
      ['1', 2, 33],
      ['-1', 2, -29],
      ['123456789012345678901234567890', 5, -748148564],
      ['-98765432109876543210', -3, -103973740],
      ['4294967295', 0, -31],
      ['4294967296', 1, 962],
    ];
    for (const [unscaled, scale, hash] of cases) expect(javaHashCode(new BigDecimal(BigInt(unscaled), scale), null)).toBe(hash);
    expect(javaHashCode(new Date(-1700000000000), null)).toBe(-807049612);
    expect(javaHashCode(new Date(1700000000123), null)).toBe(-807048720);
  });
});

describe('javaHashMapOrder, remembered', () => {
  // The order of each key list computed afresh: bucket, then insertion order.
  const fresh = (keys: string[], tableSize: number): number[] => {
    const buckets = keys.map((key) => {
      let hash = 0;
      for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
      return (hash ^ (hash >>> 16)) & (tableSize - 1);
    });
    return keys.map((_, i) => i).sort((a, b) => buckets[a] - buckets[b] || a - b);
  };

  it('answers each of many key lists asked in turn, and a list per table size', () => {
    const lists = Array.from({ length: 12 }, (_, n) => Array.from({ length: 3 + n }, (_, i) => `field_${n}_${i}`));
    for (let round = 0; round < 3; round++) {
      for (const keys of lists) {
        expect([...javaHashMapOrder(keys, 16)]).toEqual(fresh(keys, 16));
        expect([...javaHashMapOrder(keys, 64)]).toEqual(fresh(keys, 64));
      }
    }
  });

  it('tells apart key lists that join to the same text', () => {
    const a = ['a\u0000b', 'c'];
    const b = ['a', 'b\u0000c'];
    for (let round = 0; round < 2; round++) {
      expect([...javaHashMapOrder(a, 16)]).toEqual(fresh(a, 16));
      expect([...javaHashMapOrder(b, 16)]).toEqual(fresh(b, 16));
    }
  });
});
