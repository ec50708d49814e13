/**
 * Source offsets, as Kafka Connect's OffsetBackingStore: a key/value store whose keys are
 * JSON `["<connector>", {<source partition>}]` and values JSON `{<source offset>}` (null deletes),
 * exactly the bytes a Java worker writes to its offsets topic.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomicAsync } from '../util/atomic-file.js';
import { SerialQueue } from '../util/serial-queue.js';

export type OffsetEntries = Map<string, string | null>;

export interface OffsetBackingStore {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Values for the given serialized keys (missing keys are absent from the result). */
  get(keys: string[]): Promise<Map<string, string>>;
  /** Writes (null = delete) durably before resolving. */
  set(entries: OffsetEntries): Promise<void>;
  /** Every stored key (to list a connector's partitions for the offsets API). */
  keys(): Promise<string[]>;
}

/** Standalone mode's store: one JSON file, rewritten atomically (write, fsync, rename) per flush. */
export class FileOffsetBackingStore implements OffsetBackingStore {
  private data = new Map<string, string>();
  // Writes run one at a time, so an older snapshot can never overwrite a newer one; a failed write
  // fails its own flush, not the ones after it.
  private readonly writes = new SerialQueue();

  constructor(
    private readonly path: string,
    private readonly onUnreadable: (message: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.data = loadOffsetsFile(this.path, this.onUnreadable);
  }

  async stop(): Promise<void> {
    // Once the writes queued before it are done (a failed one was reported to its own flush).
    await this.writes.run(() => undefined);
  }

  async get(keys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const k of keys) {
      const v = this.data.get(k);
      if (v !== undefined) out.set(k, v);
    }
    return out;
  }

  async set(entries: OffsetEntries): Promise<void> {
    for (const [k, v] of entries) {
      if (v === null) this.data.delete(k);
      else this.data.set(k, v);
    }
    const snapshot = JSON.stringify({ version: 1, offsets: Object.fromEntries(this.data) });
    await this.writes.run(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFileAtomicAsync(this.path, snapshot);
    });
  }

  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }
}

/** A store that lives as long as the process (tests, `sluice dev --ephemeral`). */
export class MemoryOffsetBackingStore implements OffsetBackingStore {
  private readonly data = new Map<string, string>();
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async get(keys: string[]): Promise<Map<string, string>> {
    return new Map(keys.flatMap((k) => (this.data.has(k) ? [[k, this.data.get(k) as string]] : [])));
  }
  async set(entries: OffsetEntries): Promise<void> {
    for (const [k, v] of entries) {
      if (v === null) this.data.delete(k);
      else this.data.set(k, v);
    }
  }
  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }
}

/** A missing or unreadable file means "no offsets", as in Kafka Connect. */
function loadOffsetsFile(path: string, onUnreadable: (message: string) => void): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Map();
  }
  try {
    const parsed = JSON.parse(text) as { offsets?: Record<string, string> };
    return new Map(Object.entries(parsed.offsets ?? {}));
  } catch {
    // Kafka Connect writes a Java-serialized map here; Sluice cannot read that format.
    onUnreadable(`Offsets file ${path} is not a Sluice offsets file (perhaps written by Kafka Connect); starting without stored offsets`);
    return new Map();
  }
}
