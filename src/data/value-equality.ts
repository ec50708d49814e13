/**
 * Equality of Connect values as Java's equals() sees them: numbers like Double.equals
 * (NaN equals NaN, 0.0 differs from -0.0), bytes by content (Java's Arrays.deepEquals in Struct),
 * decimals including their scale, maps regardless of entry order.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && Buffer.compare(a, b) === 0;
  if (a instanceof Date) return b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  if (isMapLike(a)) return isMapLike(b) && mapsEqual(mapEntries(a), mapEntries(b));
  const equals = (a as { equals?: unknown }).equals;
  if (typeof equals === 'function') return (equals as (other: unknown) => boolean).call(a, b);
  return false;
}

/** A Connect MAP value: a JS Map or a plain object (string keys). */
export function isMapLike(value: unknown): value is ReadonlyMap<unknown, unknown> | Record<string, unknown> {
  if (value instanceof Map) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Entries of a MAP value in iteration order. */
export function mapEntries(value: ReadonlyMap<unknown, unknown> | Record<string, unknown>): Array<[unknown, unknown]> {
  if (!(value instanceof Map)) return Object.entries(value);
  // Several times faster than spreading the entries of a small Map, and no spare capacity.
  const map = value as ReadonlyMap<unknown, unknown>;
  const entries = new Array<[unknown, unknown]>(map.size);
  let i = 0;
  for (const entry of map) entries[i++] = entry;
  return entries;
}

function mapsEqual(a: Array<[unknown, unknown]>, b: Array<[unknown, unknown]>): boolean {
  if (a.length !== b.length) return false;
  return a.every(([key, value]) => b.some(([otherKey, otherValue]) => valuesEqual(key, otherKey) && valuesEqual(value, otherValue)));
}
