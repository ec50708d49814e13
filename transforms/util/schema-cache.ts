import { schemaEquals, type Schema } from '../../src/data/index.js';

const DEFAULT_CAPACITY = 16;

/**
 * The LRU cache (16 entries, as Kafka's `new SynchronizedCache<>(new LRUCache<>(16))`) that
 * transforms keep from an input schema to the schema they derive from it. Kafka keys it by
 * Schema.equals, so two equal schemas share one derived schema; we check identity first, then
 * equality, over at most 16 entries.
 */
export class SchemaCache<V> {
  readonly #capacity: number;
  // Least recently used first.
  #entries: Array<{ key: Schema; value: V }> = [];

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  get(schema: Schema): V | undefined {
    // Records of one stream nearly always share one schema object: answer the most recent entry
    // without reordering anything.
    const last = this.#entries[this.#entries.length - 1];
    if (last !== undefined && last.key === schema) return last.value;
    let index = this.#entries.findIndex((entry) => entry.key === schema);
    if (index < 0) index = this.#entries.findIndex((entry) => schemaEquals(entry.key, schema));
    if (index < 0) return undefined;
    const [entry] = this.#entries.splice(index, 1);
    this.#entries.push(entry);
    return entry.value;
  }

  put(schema: Schema, value: V): void {
    const index = this.#entries.findIndex((entry) => entry.key === schema || schemaEquals(entry.key, schema));
    if (index >= 0) this.#entries.splice(index, 1);
    this.#entries.push({ key: schema, value });
    if (this.#entries.length > this.#capacity) this.#entries.shift();
  }

  /**
   * The cached value for `schema`, or `derive(schema)` cached for next time. Per-record callers
   * pass a function made once (an arrow field): a closure written at the call site costs an
   * allocation per record, even on a hit.
   */
  computeIfAbsent(schema: Schema, derive: (schema: Schema) => V): V {
    const cached = this.get(schema);
    if (cached !== undefined) return cached;
    const derived = derive(schema);
    this.put(schema, derived);
    return derived;
  }

  size(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}
