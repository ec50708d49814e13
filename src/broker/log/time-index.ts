/**
 * Time index of one segment: (timestamp, offset) pairs where the timestamp is the largest record
 * timestamp in the segment up to and including the batch ending at that offset. An entry (T, O)
 * therefore proves that no record at or before O has a timestamp above T, which lets a timestamp
 * lookup skip everything up to O. Entries are added only when T grows. The file holds int64
 * timestamp + int32 relative offset, 12 bytes per entry, like Kafka's .timeindex.
 */
import { EntryFile } from './entry-file.js';

const ENTRY_BYTES = 12;
const TWO_32 = 2 ** 32;

export interface TimeIndexEntry {
  timestamp: number;
  offset: number;
}

export class TimeIndex {
  private timestamps = new Float64Array(32);
  private relOffsets = new Int32Array(32);
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

  /** Loads the longest prefix that is non-decreasing in both fields. False when missing or cut. */
  load(): boolean {
    const data = this.file.read();
    this.n = 0;
    if (data === null) return false;
    const total = data.length / ENTRY_BYTES;
    for (let i = 0; i < total; i++) {
      const at = i * ENTRY_BYTES;
      const timestamp = data.readInt32BE(at) * TWO_32 + data.readUInt32BE(at + 4);
      const rel = data.readInt32BE(at + 8);
      if (rel < 0 || (this.n > 0 && (timestamp <= this.timestamps[this.n - 1] || rel < this.relOffsets[this.n - 1]))) return false;
      this.push(timestamp, rel);
    }
    return true;
  }

  openForAppend(): void {
    this.file.openForAppend(this.n);
  }

  closeForAppend(): void {
    this.file.close();
  }

  private push(timestamp: number, rel: number): void {
    if (this.n === this.timestamps.length) {
      const timestamps = new Float64Array(this.n * 2);
      timestamps.set(this.timestamps);
      this.timestamps = timestamps;
      const offsets = new Int32Array(this.n * 2);
      offsets.set(this.relOffsets);
      this.relOffsets = offsets;
    }
    this.timestamps[this.n] = timestamp;
    this.relOffsets[this.n] = rel;
    this.n++;
  }

  /** Records that every record up to `offset` has a timestamp <= `timestamp` (only when it grows). */
  maybeAppend(timestamp: number, offset: number): void {
    if (this.n > 0 && timestamp <= this.timestamps[this.n - 1]) return;
    const rel = offset - this.baseOffset;
    this.push(timestamp, rel);
    const hi = Math.floor(timestamp / TWO_32);
    this.scratch.writeInt32BE(hi, 0);
    this.scratch.writeUInt32BE(timestamp - hi * TWO_32, 4);
    this.scratch.writeInt32BE(rel, 8);
    this.file.write(this.scratch, this.n - 1);
  }

  last(): TimeIndexEntry | null {
    return this.n === 0 ? null : { timestamp: this.timestamps[this.n - 1], offset: this.baseOffset + this.relOffsets[this.n - 1] };
  }

  /** The last entry whose timestamp is below `timestamp`: no record up to its offset can match. */
  lastBelow(timestamp: number): TimeIndexEntry | null {
    let lo = 0;
    let hi = this.n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid] < timestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : { timestamp: this.timestamps[found], offset: this.baseOffset + this.relOffsets[found] };
  }

  /** Drops entries whose offset is above `offset` (log truncation). */
  truncateAfterOffset(offset: number): void {
    const rel = offset - this.baseOffset;
    let n = this.n;
    while (n > 0 && this.relOffsets[n - 1] > rel) n--;
    this.n = n;
    this.file.truncate(n);
  }

  persist(path?: string): void {
    const out = Buffer.allocUnsafe(this.n * ENTRY_BYTES);
    for (let i = 0; i < this.n; i++) {
      const ts = this.timestamps[i];
      const hi = Math.floor(ts / TWO_32);
      out.writeInt32BE(hi, i * ENTRY_BYTES);
      out.writeUInt32BE(ts - hi * TWO_32, i * ENTRY_BYTES + 4);
      out.writeInt32BE(this.relOffsets[i], i * ENTRY_BYTES + 8);
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
