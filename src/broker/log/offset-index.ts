/**
 * Sparse offset index of one segment: (batch base offset - segment base, file position) pairs,
 * one every index.interval.bytes, kept in typed arrays so a lookup is a binary search in memory.
 * The file holds the same pairs as big-endian int32s, 8 bytes per entry, like Kafka's .index.
 */
import { EntryFile } from './entry-file.js';

const ENTRY_BYTES = 8;

export interface IndexEntry {
  offset: number;
  position: number;
}

export class OffsetIndex {
  private relOffsets = new Int32Array(64);
  private positions = new Int32Array(64);
  private n = 0;
  private readonly file: EntryFile;
  private readonly scratch = Buffer.alloc(ENTRY_BYTES);

  constructor(
    path: string,
    readonly baseOffset: number,
  ) {
    this.file = new EntryFile(path, ENTRY_BYTES);
  }

  get count(): number {
    return this.n;
  }

  /**
   * Loads the file's entries, keeping the longest prefix that increases strictly and points
   * inside a log of `logSize` bytes. Returns false when the file is missing or had to be cut.
   */
  load(logSize: number): boolean {
    const data = this.file.read();
    this.n = 0;
    if (data === null) return false;
    const total = data.length / ENTRY_BYTES;
    let intact = true;
    for (let i = 0; i < total; i++) {
      const rel = data.readInt32BE(i * ENTRY_BYTES);
      const position = data.readInt32BE(i * ENTRY_BYTES + 4);
      const increasing = this.n === 0 ? rel >= 0 && position >= 0 : rel > this.relOffsets[this.n - 1] && position > this.positions[this.n - 1];
      if (!increasing || position >= logSize) {
        intact = false;
        break;
      }
      this.push(rel, position);
    }
    return intact;
  }

  openForAppend(): void {
    this.file.openForAppend(this.n);
  }

  closeForAppend(): void {
    this.file.close();
  }

  private push(rel: number, position: number): void {
    if (this.n === this.relOffsets.length) {
      const offsets = new Int32Array(this.n * 2);
      offsets.set(this.relOffsets);
      this.relOffsets = offsets;
      const positions = new Int32Array(this.n * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    this.relOffsets[this.n] = rel;
    this.positions[this.n] = position;
    this.n++;
  }

  append(offset: number, position: number): void {
    const rel = offset - this.baseOffset;
    if (this.n > 0 && (rel <= this.relOffsets[this.n - 1] || position <= this.positions[this.n - 1])) return;
    this.push(rel, position);
    this.scratch.writeInt32BE(rel, 0);
    this.scratch.writeInt32BE(position, 4);
    this.file.write(this.scratch, this.n - 1);
  }

  /** The entry with the largest offset <= `offset`, or null when `offset` precedes every entry. */
  lookup(offset: number): IndexEntry | null {
    const rel = offset - this.baseOffset;
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.relOffsets[mid] <= rel) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : this.entry(found);
  }

  last(): IndexEntry | null {
    return this.n === 0 ? null : this.entry(this.n - 1);
  }

  private entry(i: number): IndexEntry {
    return { offset: this.baseOffset + this.relOffsets[i], position: this.positions[i] };
  }

  /** Drops the entries at or after file position `position` (log truncation). */
  truncateFromPosition(position: number): void {
    let n = this.n;
    while (n > 0 && this.positions[n - 1] >= position) n--;
    this.n = n;
    this.file.truncate(n);
  }

  /** Writes the in-memory entries as the whole file (rebuilds), or to `path` (compaction output). */
  persist(path?: string): void {
    const out = Buffer.allocUnsafe(this.n * ENTRY_BYTES);
    for (let i = 0; i < this.n; i++) {
      out.writeInt32BE(this.relOffsets[i], i * ENTRY_BYTES);
      out.writeInt32BE(this.positions[i], i * ENTRY_BYTES + 4);
    }
    this.file.replace(out, path);
  }

  clear(): void {
    this.n = 0;
    this.file.truncate(0);
  }

  flush(): void {
    this.file.flush();
  }

  delete(): void {
    this.file.delete();
  }
}
