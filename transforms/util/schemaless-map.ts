import { isSchemalessDouble, javaHashMapOrder, mapEntries, markSchemalessDouble } from '../../src/data/index.js';
import { JavaHashMapCapacity, finalCapacity, orderLikeJavaHashMapOf } from './java-hash-map.js';

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

export function mapSize(map: SchemalessMap): number {
  return map instanceof Map ? (map as ReadonlyMap<unknown, unknown>).size : Object.keys(map).length;
}

/** Entries in iteration order. */
export function mapEntriesOf(map: SchemalessMap): Array<[unknown, unknown]> {
  return mapEntries(map);
}

/**
 * A JSON reader marks integral numbers that were Java Doubles (`20.0`) per container; a value
 * moved to another container keeps printing as a double only if its mark moves with it.
 */
export function carryDoubleMark(from: object, fromKey: unknown, to: object, toKey: unknown, value: unknown): void {
  if (typeof value === 'number' && isSchemalessDouble(from, fromKey, value)) markSchemalessDouble(to, toKey, value);
}

/** A mutable copy as a JS Map (Java's `new HashMap<>(value)`), double marks kept. */
export function copyToMap(map: SchemalessMap): Map<unknown, unknown> {
  const copy = new Map<unknown, unknown>();
  for (const [key, value] of mapEntriesOf(map)) {
    copy.set(key, value);
    carryDoubleMark(map, key, copy, key, value);
  }
  return copy;
}

/**
 * A finished map in Java HashMap iteration order, double marks kept. Kafka's transforms build
 * HashMaps, so a Java worker writes their output in hash-bucket order; doing the same keeps the
 * bytes identical. `initialCapacity` is the table size the Java code started from (see
 * JavaHashMapCapacity); `map` must hold the keys in the order Java inserted them.
 */
export function asJavaHashMap(map: ReadonlyMap<unknown, unknown>, initialCapacity: number = JavaHashMapCapacity.DEFAULT): Map<unknown, unknown> {
  const ordered = new Map<unknown, unknown>();
  const keys: unknown[] = [];
  for (const key of map.keys()) keys.push(key);
  if (keys.every((key) => typeof key === 'string')) {
    const order = javaHashMapOrder(keys as string[], finalCapacity(initialCapacity, keys.length));
    for (let j = 0; j < order.length; j++) {
      const key = keys[order[j]];
      const value = map.get(key);
      ordered.set(key, value);
      carryDoubleMark(map, key, ordered, key, value);
    }
    return ordered;
  }
  for (const [key, value] of orderLikeJavaHashMapOf([...map.entries()], initialCapacity)) {
    ordered.set(key, value);
    carryDoubleMark(map, key, ordered, key, value);
  }
  return ordered;
}
