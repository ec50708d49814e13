import { orderLikeJavaHashMap } from '../../src/data/index.js';

/** A schemaless Connect MAP value: a JS Map, or a plain object with string keys. */
export type SchemalessMap = ReadonlyMap<unknown, unknown> | Readonly<Record<string, unknown>>;

/** The value under `key`, or null when absent (Java's Map.get). */
export function mapGet(map: SchemalessMap, key: string): unknown {
  if (map instanceof Map) return (map as ReadonlyMap<unknown, unknown>).get(key) ?? null;
  const record = map as Readonly<Record<string, unknown>>;
  return Object.hasOwn(record, key) ? (record[key] ?? null) : null;
}

export function mapHas(map: SchemalessMap, key: string): boolean {
  return map instanceof Map ? (map as ReadonlyMap<unknown, unknown>).has(key) : Object.hasOwn(map, key);
}

/** Entries in iteration order. */
export function mapEntriesOf(map: SchemalessMap): Array<[unknown, unknown]> {
  return map instanceof Map ? [...(map as ReadonlyMap<unknown, unknown>).entries()] : Object.entries(map);
}

/** A mutable copy as a JS Map (Java's `new HashMap<>(value)`). */
export function copyToMap(map: SchemalessMap): Map<unknown, unknown> {
  return new Map(mapEntriesOf(map));
}

/**
 * A finished map in Java HashMap iteration order. Kafka's transforms build HashMaps, so a Java
 * worker writes their output in hash-bucket order; doing the same keeps the bytes identical.
 */
export function asJavaHashMap(map: ReadonlyMap<unknown, unknown>): Map<unknown, unknown> {
  return new Map(orderLikeJavaHashMap([...map.entries()], 'STRING'));
}
