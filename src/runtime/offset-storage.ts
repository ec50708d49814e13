/**
 * Per-connector views of the offset store: the reader tasks use to resume, and the writer that
 * collects offsets of acknowledged records and flushes them as one unit.
 */
import type { JsonNode } from '../converters/json/json-node.js';
import { readJson } from '../converters/json/json-reader.js';
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

/**
 * An offset's JSON text, as JSON.stringify writes it except that a bigint is written as plain
 * integer text, as Java's JsonConverter writes a Long: integers past 2^53 are stored exactly.
 */
export function offsetToJson(offset: SourceOffset): string {
  return toJson(offset) ?? 'null';
}

function toJson(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJson(toJSON.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => toJson(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const text = toJson(member);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Reads an offset's JSON text. Integers beyond Number.MAX_SAFE_INTEGER come back exact, as bigint,
 * where JSON.parse would round them; only a text with a run of 16 digits can hold one.
 */
export function offsetFromJson(text: string): SourceOffset | null {
  if (!/\d{16}/.test(text)) return JSON.parse(text) as SourceOffset | null;
  return plainValue(readJson(Buffer.from(text, 'utf8'))) as SourceOffset | null;
}

function plainValue(node: JsonNode | undefined): unknown {
  switch (node?.kind) {
    case undefined:
    case 'null':
      return null;
    case 'boolean':
    case 'string':
      return node.value;
    case 'integer':
      return Number.isSafeInteger(Number(node.value)) ? Number(node.value) : node.value;
    case 'decimal':
      return node.value.toNumber();
    case 'array':
      return node.items.map(plainValue);
    case 'object':
      return Object.fromEntries([...node.fields].map(([key, member]) => [key, plainValue(member)]));
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
      out.set(p, raw === undefined ? null : offsetFromJson(raw));
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
    this.pending.set(offsetKey(this.connector, partition), offset === null ? null : offsetToJson(offset));
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
