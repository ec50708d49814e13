import { javaHashCode, type SchemaType } from '../../data/index.js';

/**
 * The iteration order of a Java `new HashMap<>(n)` filled with these entries, which is how
 * AvroData hands maps to Connect: a Java worker prints and re-serializes them in this order.
 * (orderLikeJavaHashMap in src/data covers the default-capacity HashMap; a presized one can end
 * with a smaller table.)
 */
export function orderLikeSizedJavaHashMap<V>(entries: ReadonlyArray<readonly [unknown, V]>, keyType: SchemaType | null): Array<[unknown, V]> {
  const hashes: number[] = [];
  for (const [key] of entries) {
    const hash = javaHashCode(key, keyType);
    if (hash === null) return entries.map(([key, value]) => [key, value]);
    hashes.push(hash ^ (hash >>> 16));
  }
  const capacity = presizedCapacity(entries.length);
  return entries
    .map(([key, value], i) => ({ key, value, bucket: hashes[i] & (capacity - 1), i }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map(({ key, value }) => [key, value]);
}

/** HashMap(n) starts with the next power of two >= n and doubles whenever size exceeds 3/4 of it. */
function presizedCapacity(size: number): number {
  let capacity = 1;
  while (capacity < size) capacity *= 2;
  while (size > Math.floor(capacity * 0.75)) capacity *= 2;
  return capacity;
}
