import { describe, expect, it } from 'vitest';
import { isSchemalessDouble, markSchemalessDouble } from '../../src/data/index.js';
import { JavaHashMapCapacity } from './java-hash-map.js';
import { asJavaHashMap, copyToMap, MapDraft } from './schemaless-map.js';

describe('MapDraft', () => {
  it('behaves as Map for set, get, has, delete and size: a key set again keeps its place', () => {
    const draft = new MapDraft().set('a', 1).set('b', 2).set('a', 3);
    expect(draft.keys).toEqual(['a', 'b']);
    expect(draft.values).toEqual([3, 2]);
    expect(draft.get('a')).toBe(3);
    expect(draft.get('x')).toBeUndefined();
    expect(draft.has('b')).toBe(true);
    expect(draft.delete('a')).toBe(true);
    expect(draft.delete('a')).toBe(false);
    expect(draft.size).toBe(1);
    expect(draft.set('a', 4).keys).toEqual(['b', 'a']);
  });

  it('finishes as the Map a copy and the same puts give, in Java HashMap order', () => {
    const source = new Map<unknown, unknown>([
      ['price', 1],
      ['qty', 2],
      ['list', [3]],
    ]);
    const viaDraft = copyToMap(source).set('big', 4).set('qty', 5);
    const viaMap = new Map(source).set('big', 4).set('qty', 5);
    const capacity = JavaHashMapCapacity.DEFAULT;
    const finished = asJavaHashMap(viaDraft, capacity);
    expect([...finished]).toEqual([...asJavaHashMap(viaMap, capacity)]);
    expect([...finished.keys()]).toEqual(['big', 'price', 'qty', 'list']);
  });

  it('keeps the double marks of the source and its own', () => {
    const source = new Map<unknown, unknown>([
      ['a', 20],
      ['b', 30],
      ['c', 40],
    ]);
    markSchemalessDouble(source, 'a', 20);
    const draft = copyToMap(source).set('b', 31);
    markSchemalessDouble(draft, 'c', 40);
    const finished = asJavaHashMap(draft);
    expect(isSchemalessDouble(finished, 'a', 20)).toBe(true);
    expect(isSchemalessDouble(finished, 'b', 31)).toBe(false);
    expect(isSchemalessDouble(finished, 'c', 40)).toBe(true);
  });

  it('copies plain objects too, and keeps non-string keys in hash order', () => {
    expect(copyToMap({ x: 1, y: 2 }).keys).toEqual(['x', 'y']);
    const numbers = asJavaHashMap(new MapDraft().set(17n, 'a').set(1n, 'b'));
    expect([...numbers.keys()]).toEqual([17n, 1n]);
  });
});
