/**
 * Per-connector views of the offset store: the reader tasks use to resume, and the writer that
 * collects offsets of acknowledged records and flushes them as one unit.
 */
import type { OffsetBackingStore } from './offset-store.js';

export type SourcePartition = Record<string, unknown>;
export type SourceOffset = Record<string, unknown>;

/** The offsets-topic key Kafka Connect writes: JSON `["<connector>",{partition}]`. */
export function offsetKey(connector: string, partition: SourcePartition): string {
  return JSON.stringify([connector, partition]);
}

/** Splits an offsets-topic key back into connector and partition; null if not ours/malformed. */
export function parseOffsetKey(key: string): { connector: string; partition: SourcePartition } | null {
  try {
    const parsed: unknown = JSON.parse(key);
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string') return null;
    const partition: unknown = parsed[1];
    if (partition === null || typeof partition !== 'object' || Array.isArray(partition)) return null;
    return { connector: parsed[0], partition: partition as SourcePartition };
  } catch {
    return null;
  }
}

export class OffsetStorageReader {
  constructor(
    private readonly connector: string,
    private readonly store: OffsetBackingStore,
  ) {}

  async offset(partition: SourcePartition): Promise<SourceOffset | null> {
    return (await this.offsets([partition])).get(partition) ?? null;
  }

  async offsets(partitions: SourcePartition[]): Promise<Map<SourcePartition, SourceOffset | null>> {
    const keys = partitions.map((p) => offsetKey(this.connector, p));
    const found = await this.store.get(keys);
    const out = new Map<SourcePartition, SourceOffset | null>();
    partitions.forEach((p, i) => {
      const raw = found.get(keys[i]);
      out.set(p, raw === undefined ? null : (JSON.parse(raw) as SourceOffset | null));
    });
    return out;
  }
}

/**
 * Collects the latest committable offset per partition; `flush()` writes a snapshot. Offsets
 * recorded while a flush runs go into the next one; a failed flush keeps its data for a retry.
 */
export class OffsetStorageWriter {
  private pending = new Map<string, string | null>();
  private flushing: Map<string, string | null> | null = null;

  constructor(
    private readonly connector: string,
    private readonly store: OffsetBackingStore,
  ) {}

  offset(partition: SourcePartition, offset: SourceOffset | null): void {
    this.pending.set(offsetKey(this.connector, partition), offset === null ? null : JSON.stringify(offset));
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  async flush(): Promise<boolean> {
    if (this.flushing !== null) throw new Error('an offset flush is already in progress');
    if (this.pending.size === 0) return false;
    this.flushing = this.pending;
    this.pending = new Map();
    try {
      await this.store.set(this.flushing);
      return true;
    } catch (err) {
      // Keep the failed snapshot, newer offsets win.
      for (const [k, v] of this.flushing) if (!this.pending.has(k)) this.pending.set(k, v);
      throw err;
    } finally {
      this.flushing = null;
    }
  }
}
