import { javaHashCode, javaHashMapOrder } from '../../src/data/index.js';

const MAXIMUM_CAPACITY = 1 << 30;

/** Java's HashMap.tableSizeFor: the power of two at or above `n` (1 for 0). */
function tableSizeFor(n: number): number {
  let size = 1;
  while (size < n && size < MAXIMUM_CAPACITY) size *= 2;
  return size;
}

/** The table size a java.util.HashMap starts with, per constructor. */
export const JavaHashMapCapacity = Object.freeze({
  /** `new HashMap<>()`. */
  DEFAULT: 16,
  /** `new HashMap<>(n)`. */
  withInitialCapacity(n: number): number {
    return tableSizeFor(n);
  },
  /** `new HashMap<>(otherMap)` for a map of `size` entries. */
  copyOf(size: number): number {
    return size === 0 ? 16 : tableSizeFor(Math.trunc(Math.fround(Math.fround(size / 0.75) + 1)));
  },
});

/** The table size after `size` distinct keys were put into a table of `initialCapacity`. */
export function finalCapacity(initialCapacity: number, size: number): number {
  let capacity = initialCapacity;
  while (size > Math.trunc(capacity * 0.75) && capacity < MAXIMUM_CAPACITY) capacity *= 2;
  return capacity;
}

/**
 * Entries (in Java insertion order) in the order a java.util.HashMap started at `initialCapacity`
 * iterates them: by bucket, then insertion order (resizes keep that order within a bucket).
 * Keys whose Java hash cannot be known keep the given order.
 */
export function orderLikeJavaHashMapOf<V>(entries: ReadonlyArray<readonly [unknown, V]>, initialCapacity: number): Array<[unknown, V]> {
  if (entries.every(([key]) => typeof key === 'string')) {
    const order = javaHashMapOrder(
      entries.map(([key]) => key as string),
      finalCapacity(initialCapacity, entries.length),
    );
    return order.map((i) => [entries[i][0], entries[i][1]]);
  }
  const mask = finalCapacity(initialCapacity, entries.length) - 1;
  const buckets: number[] = [];
  for (const [key] of entries) {
    const hash = javaHashCode(key, null);
    if (hash === null) return entries.map(([k, v]) => [k, v]);
    buckets.push((hash ^ (hash >>> 16)) & mask);
  }
  return entries
    .map(([key, value], i) => ({ key, value, bucket: buckets[i], i }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map(({ key, value }): [unknown, V] => [key, value]);
}
