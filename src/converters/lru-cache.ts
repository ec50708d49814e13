/** A small least-recently-used cache (Kafka's LRUCache), for schema translations. */
export class LruCache<K, V> {
  readonly #capacity: number;
  readonly #entries = new Map<K, V>();

  constructor(capacity: number) {
    this.#capacity = Math.max(0, capacity);
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    // Recency only matters once the cache is full; skipping the move keeps hits cheap.
    if (value !== undefined && this.#entries.size >= this.#capacity) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  size(): number {
    return this.#entries.size;
  }
}
