import { chainReuse, hasSchemalessDoubles, isSchemalessDouble, javaHashMapOrder, mapEntries, markSchemalessDouble, noteFreshValue } from '../../src/data/index.js';
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

/**
 * A HashMap a transform is building (Java's `new HashMap<>(value)` and its puts and removes):
 * keys in the order Java inserted them, and their values. asJavaHashMap turns it into the finished
 * JS Map, so each transform builds one Map per record instead of a copy and then an ordered copy.
 * Maps of a record are small: keys are found by a scan, which beats a hash table here. Double
 * marks (markSchemalessDouble) may be set on it like on a Map.
 */
export class MapDraft {
  readonly keys: unknown[] = [];
  readonly values: unknown[] = [];

  /** @param initialCapacity the table size the Java code's HashMap started from (JavaHashMapCapacity). */
  constructor(readonly initialCapacity: number = JavaHashMapCapacity.DEFAULT) {}

  get size(): number {
    return this.keys.length;
  }

  get(key: unknown): unknown {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(key: unknown): boolean {
    return this.keys.indexOf(key) >= 0;
  }

  /** Map.set: an existing key keeps its place. */
  set(key: unknown, value: unknown): this {
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      this.values[i] = value;
    } else {
      this.keys.push(key);
      this.values.push(value);
    }
    return this;
  }

  delete(key: unknown): boolean {
    const i = this.keys.indexOf(key);
    if (i < 0) return false;
    this.keys.splice(i, 1);
    this.values.splice(i, 1);
    return true;
  }
}

/** A mutable copy (Java's `new HashMap<>(value)`), double marks kept; finish it with asJavaHashMap. */
export function copyToMap(map: SchemalessMap): MapDraft {
  const copy = new MapDraft(JavaHashMapCapacity.copyOf(mapSize(map)));
  const { keys, values } = copy;
  if (map instanceof Map) {
    (map as ReadonlyMap<unknown, unknown>).forEach((value, key) => {
      keys.push(key);
      values.push(value);
    });
  } else {
    for (const [key, value] of Object.entries(map)) {
      keys.push(key);
      values.push(value);
    }
  }
  if (hasSchemalessDoubles(map)) for (let i = 0; i < keys.length; i++) carryDoubleMark(map, keys[i], copy, keys[i], values[i]);
  return copy;
}

/**
 * What a transform that puts only `fields` sets them on (Java's `new HashMap<>(map)`): `map`
 * itself when the chain lets it be changed in place (see mayChangeInPlace), else a copy. Finish
 * it with finishMap.
 */
export function copyForNewValues(map: SchemalessMap, fields: Iterable<string>): Map<unknown, unknown> | MapDraft {
  return mayChangeInPlace(map, fields) ? map : copyToMap(map);
}

/** The Map a transform's copy ends as: a draft put in Java HashMap order, or the Map it changed in place. */
export function finishMap(updated: Map<unknown, unknown> | MapDraft): Map<unknown, unknown> {
  return updated instanceof MapDraft ? asJavaHashMap(updated) : updated;
}

/**
 * A finished map in Java HashMap iteration order, double marks kept. Kafka's transforms build
 * HashMaps, so a Java worker writes their output in hash-bucket order; doing the same keeps the
 * bytes identical. `initialCapacity` is the table size the Java code started from (see
 * JavaHashMapCapacity; a draft's own by default); `map` must hold the keys in the order Java
 * inserted them.
 */
export function asJavaHashMap(
  map: MapDraft | ReadonlyMap<unknown, unknown>,
  initialCapacity: number = map instanceof MapDraft ? map.initialCapacity : JavaHashMapCapacity.DEFAULT,
): Map<unknown, unknown> {
  let keys: unknown[];
  let values: unknown[];
  if (map instanceof MapDraft) {
    keys = map.keys;
    values = map.values;
  } else {
    keys = [];
    values = [];
    for (const [key, value] of map) {
      keys.push(key);
      values.push(value);
    }
  }
  const ordered = new Map<unknown, unknown>();
  const marked = hasSchemalessDoubles(map);
  const put = (i: number): void => {
    ordered.set(keys[i], values[i]);
    if (marked) carryDoubleMark(map, keys[i], ordered, keys[i], values[i]);
  };
  if (keys.every((key) => typeof key === 'string')) {
    const order = javaHashMapOrder(keys as string[], finalCapacity(initialCapacity, keys.length));
    for (let j = 0; j < order.length; j++) put(order[j]);
    return noteFreshValue(ordered);
  }
  const positions = keys.map((key, i): [unknown, number] => [key, i]);
  for (const [, i] of orderLikeJavaHashMapOf(positions, initialCapacity)) put(i);
  return noteFreshValue(ordered);
}

/**
 * Whether a transform that only gives new values to `fields` may change `map` itself instead of
 * building Java's `new HashMap<>(map)` with the puts: the transformation chain offered it (a Map
 * an earlier transform made, which only the chain holds), every field is already a key, and the
 * copy would iterate the keys in their present order. If so, the offer is taken: the caller
 * changes the values and the Map goes on as this transform's output.
 */
function mayChangeInPlace(map: SchemalessMap, fields: Iterable<string>): map is Map<unknown, unknown> {
  if (map !== chainReuse.value || !(map instanceof Map)) return false;
  const source = map as Map<unknown, unknown>;
  for (const field of fields) if (!source.has(field)) return false;
  const keys: string[] = [];
  for (const key of source.keys()) {
    if (typeof key !== 'string') return false;
    keys.push(key);
  }
  const order = javaHashMapOrder(keys, finalCapacity(JavaHashMapCapacity.copyOf(keys.length), keys.length));
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  chainReuse.value = null;
  noteFreshValue(source);
  return true;
}
