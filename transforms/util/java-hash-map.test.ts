import { describe, expect, it } from 'vitest';
import { JavaHashMapCapacity, orderLikeJavaHashMapOf } from './java-hash-map.js';
import { splitLikeJava } from './java-split.js';

const keys = (entries: Array<[unknown, unknown]>) => entries.map(([key]) => key);

// Expected orders printed by java.util.HashMap (JDK 17).
describe('orderLikeJavaHashMapOf', () => {
  it('new HashMap<>(oneEntryMap) then four puts', () => {
    const entries: Array<[string, number]> = ['magic', 'topic_field', 'partition_field', 'timestamp_field', 'instance_id'].map((k) => [k, 0]);
    expect(keys(orderLikeJavaHashMapOf(entries, JavaHashMapCapacity.copyOf(1)))).toEqual([
      'magic',
      'topic_field',
      'timestamp_field',
      'instance_id',
      'partition_field',
    ]);
  });

  it('new HashMap<>(4) with three puts', () => {
    const entries: Array<[string, number]> = ['xyz', 'bar', 'etc'].map((k) => [k, 0]);
    expect(keys(orderLikeJavaHashMapOf(entries, JavaHashMapCapacity.withInitialCapacity(4)))).toEqual(['xyz', 'etc', 'bar']);
  });
});

describe('splitLikeJava', () => {
  it('drops trailing empty parts', () => {
    expect(splitLikeJava('a:b', ':')).toEqual(['a', 'b']);
    expect(splitLikeJava('a:b:', ':')).toEqual(['a', 'b']);
    expect(splitLikeJava('a:', ':')).toEqual(['a']);
    expect(splitLikeJava(':a', ':')).toEqual(['', 'a']);
    expect(splitLikeJava('', ':')).toEqual(['']);
    expect(splitLikeJava('::', ':')).toEqual([]);
    expect(splitLikeJava('a::b', ':')).toEqual(['a', '', 'b']);
  });
});
