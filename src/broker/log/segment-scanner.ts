/**
 * Sequential reading of the batches in a segment file through a read window, either header by
 * header (index lookups, tail walks) or whole batch by whole batch (recovery, compaction). It stops
 * at the end, at a torn batch (length runs past the end) or at an impossible length.
 */
import { BATCH_HEADER_BYTES, LOG_OVERHEAD, baseOffsetAt, batchSizeAt, lastOffsetAt, maxTimestampAt } from '../records/batch.js';
import { readFully } from './files.js';

export type ScanStop = 'end' | 'torn' | 'invalid';

export interface BatchSummary {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

export const HEADER_WINDOW_BYTES = 16 * 1024;
export const BATCH_WINDOW_BYTES = 1024 * 1024;

export class SegmentScanner {
  private window: Buffer;
  private windowStart = 0;
  private windowLength = 0;
  /** Why the scan ended, once it has. */
  stop: ScanStop | null = null;

  constructor(
    private readonly fd: number,
    public position: number,
    private readonly end: number,
    windowBytes = HEADER_WINDOW_BYTES,
  ) {
    this.window = Buffer.allocUnsafe(windowBytes);
  }

  /** Makes [position, position + n) readable; returns its offset in the window, or -1 past the end. */
  private ensure(n: number): number {
    if (this.position + n > this.end) return -1;
    const inWindow = this.position - this.windowStart;
    if (this.position >= this.windowStart && inWindow + n <= this.windowLength) return inWindow;
    if (n > this.window.length) this.window = Buffer.allocUnsafe(n);
    const length = Math.min(this.window.length, this.end - this.position);
    this.windowLength = readFully(this.fd, this.window, this.position, length);
    this.windowStart = this.position;
    return this.windowLength >= n ? 0 : -1;
  }

  /** Header facts of the batch at the current position, without moving; null when the scan ends here. */
  peek(): BatchSummary | null {
    if (this.stop !== null) return null;
    if (this.position >= this.end) {
      this.stop = 'end';
      return null;
    }
    const at = this.ensure(BATCH_HEADER_BYTES);
    if (at < 0) {
      this.stop = this.position + LOG_OVERHEAD > this.end ? 'torn' : this.sizeAtPositionIsInvalid() ? 'invalid' : 'torn';
      return null;
    }
    const size = batchSizeAt(this.window, at);
    if (size < BATCH_HEADER_BYTES) {
      this.stop = 'invalid';
      return null;
    }
    if (this.position + size > this.end) {
      this.stop = 'torn';
      return null;
    }
    return {
      position: this.position,
      size,
      baseOffset: baseOffsetAt(this.window, at),
      lastOffset: lastOffsetAt(this.window, at),
      maxTimestamp: maxTimestampAt(this.window, at),
    };
  }

  private sizeAtPositionIsInvalid(): boolean {
    const at = this.ensure(LOG_OVERHEAD);
    return at >= 0 && batchSizeAt(this.window, at) < BATCH_HEADER_BYTES;
  }

  /** Header facts of the next batch, moving past it. */
  nextSummary(): BatchSummary | null {
    const summary = this.peek();
    if (summary !== null) this.position += summary.size;
    return summary;
  }

  /** The next whole batch (a view valid until the next call), moving past it. */
  nextBatch(): { summary: BatchSummary; bytes: Buffer } | null {
    const summary = this.peek();
    if (summary === null) return null;
    const at = this.ensure(summary.size);
    if (at < 0) {
      this.stop = 'torn';
      return null;
    }
    this.position += summary.size;
    return { summary, bytes: this.window.subarray(at, at + summary.size) };
  }
}
