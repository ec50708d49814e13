/**
 * One segment of a partition log: `<base>.log` holding whole batches back to back, with its
 * offset and time indexes. The active segment takes appends; sealed ones are read-only. Nothing
 * but index entries is kept in memory: reads go to the file with positional reads.
 */
import { closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { BATCH_HEADER_BYTES, LOG_OVERHEAD, batchSizeAt, isBatchIntact, lastOffsetAt, maxTimestampAt } from '../records/batch.js';
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, readFully, segmentPath, writeAllAt } from './files.js';
import { OffsetIndex } from './offset-index.js';
import { BATCH_WINDOW_BYTES, SegmentScanner, type BatchSummary } from './segment-scanner.js';
import { TimeIndex } from './time-index.js';

/** Largest offset distance from the base that the 32-bit relative offsets of the indexes can hold. */
export const MAX_RELATIVE_OFFSET = 2 ** 31 - 1;

export interface AppendedBatch {
  bytes: Buffer;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

export interface SegmentRead {
  /** Whole batches read, or null when none fit. */
  chunk: Buffer | null;
  /** True when the read stopped at the end of the segment rather than at the byte limit. */
  reachedEnd: boolean;
}

export interface SegmentOpenOptions {
  indexIntervalBytes: number;
  /** Validate every batch after the last index entry and cut a torn or corrupt tail (the active segment). */
  recover: boolean;
  logger?: Logger;
}

const POSITION_HINTS = 16;

export class LogSegment {
  /** Bytes of whole batches in the file. */
  size = 0;
  /** Offset after the last batch (the base offset when empty). */
  nextOffset: number;
  /** Largest batch maxTimestamp in the segment, -1 when none. */
  maxTimestamp = -1;
  lastModifiedMs: number;

  private fd: number;
  private readonly index: OffsetIndex;
  private readonly timeIndex: TimeIndex;
  private bytesSinceIndexEntry = 0;
  private firstTimestamp: number | null = null;
  private readonly createdMs: number;
  /** Where the batch starting at an offset was found by recent reads (consumers fetch sequentially). */
  private readonly positionHints = new Map<number, number>();

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private readonly indexIntervalBytes: number,
    createdMs: number,
    /** Appended to every file name: '' for live segments, '.cleaned' for compaction output. */
    private readonly fileSuffix: string,
  ) {
    this.nextOffset = baseOffset;
    this.lastModifiedMs = createdMs;
    this.createdMs = createdMs;
    this.fd = openSync(this.logPath, constants.O_RDWR | constants.O_CREAT);
    this.index = new OffsetIndex(segmentPath(dir, baseOffset, INDEX_SUFFIX + fileSuffix), baseOffset);
    this.timeIndex = new TimeIndex(segmentPath(dir, baseOffset, TIME_INDEX_SUFFIX + fileSuffix), baseOffset);
  }

  get logPath(): string {
    return segmentPath(this.dir, this.baseOffset, LOG_SUFFIX + this.fileSuffix);
  }

  /** A new, empty segment taking appends (`fileSuffix` names compaction output). */
  static create(dir: string, baseOffset: number, indexIntervalBytes: number, nowMs: number, fileSuffix = ''): LogSegment {
    const segment = new LogSegment(dir, baseOffset, indexIntervalBytes, nowMs, fileSuffix);
    ftruncateSync(segment.fd, 0);
    segment.index.openForAppend();
    segment.timeIndex.openForAppend();
    return segment;
  }

  /** Opens an existing segment, loading (or rebuilding) its indexes; `recover` also checks its tail. */
  static open(dir: string, baseOffset: number, options: SegmentOpenOptions): LogSegment {
    const segment = new LogSegment(dir, baseOffset, options.indexIntervalBytes, 0, '');
    const stat = fstatSync(segment.fd);
    segment.size = stat.size;
    segment.lastModifiedMs = stat.mtimeMs;
    segment.load(options);
    return segment;
  }

  private load(options: SegmentOpenOptions): void {
    const fileSize = this.size;
    let rebuild = !this.index.load(fileSize) || !this.timeIndex.load();
    let start = this.index.last();
    if (start !== null && !this.batchStartsAt(start.position, start.offset)) rebuild = true;
    if (rebuild) {
      // A missing or damaged index is rebuilt from the log rather than patched.
      this.index.clear();
      this.timeIndex.clear();
      start = null;
    } else if (start !== null) {
      const first = this.summaryAt(start.position);
      if (first !== null) this.timeIndex.truncateAfterOffset(first.lastOffset);
    }
    const loadedEntries = this.index.count + this.timeIndex.count;
    if (options.recover) {
      this.index.openForAppend();
      this.timeIndex.openForAppend();
    }
    this.maxTimestamp = this.timeIndex.last()?.timestamp ?? -1;
    this.nextOffset = this.baseOffset;

    const from = start ?? { offset: this.baseOffset, position: 0 };
    const scanner = new SegmentScanner(this.fd, from.position, fileSize, options.recover ? BATCH_WINDOW_BYTES : undefined);
    let validEnd = from.position;
    let expectedBase = from.offset;
    for (;;) {
      let summary: BatchSummary | null;
      if (options.recover) {
        const next = scanner.nextBatch();
        summary = next?.summary ?? null;
        if (next !== null && !isBatchIntact(next.bytes)) {
          scanner.stop = 'invalid';
          summary = null;
        }
      } else {
        summary = scanner.nextSummary();
      }
      if (summary === null) break;
      if (summary.baseOffset < expectedBase || summary.lastOffset < summary.baseOffset || summary.lastOffset - this.baseOffset > MAX_RELATIVE_OFFSET) {
        scanner.stop = 'invalid';
        break;
      }
      // The batch an index entry starts from already has its entry.
      this.track(summary, summary.position !== from.position || start === null);
      expectedBase = summary.lastOffset + 1;
      validEnd = summary.position + summary.size;
    }
    let changed = rebuild || this.index.count + this.timeIndex.count !== loadedEntries;
    if (validEnd < fileSize) {
      options.logger?.warn({ segment: this.logPath, validBytes: validEnd, fileBytes: fileSize, reason: scanner.stop }, 'truncating torn or corrupt log tail');
      ftruncateSync(this.fd, validEnd);
      this.index.truncateFromPosition(validEnd);
      // Entries past the surviving data would vouch for offsets that will be written again.
      this.timeIndex.truncateAfterOffset(this.nextOffset - 1);
      changed = true;
    }
    this.size = validEnd;
    if (changed && !options.recover) {
      this.index.persist();
      this.timeIndex.persist();
    }
  }

  /** Index bookkeeping for a batch at the end of the segment (appends, recovery scans). */
  private track(batch: { position: number; size: number; lastOffset: number; baseOffset: number; maxTimestamp: number }, mayIndex: boolean): void {
    if (batch.maxTimestamp > this.maxTimestamp) this.maxTimestamp = batch.maxTimestamp;
    if (mayIndex && this.bytesSinceIndexEntry > this.indexIntervalBytes) {
      // Time entry first: an offset entry then always has the running max recorded before it.
      if (this.maxTimestamp >= 0) this.timeIndex.maybeAppend(this.maxTimestamp, batch.lastOffset);
      this.index.append(batch.baseOffset, batch.position);
      this.bytesSinceIndexEntry = 0;
    }
    this.bytesSinceIndexEntry += batch.size;
    this.nextOffset = batch.lastOffset + 1;
  }

  private batchStartsAt(position: number, baseOffset: number): boolean {
    const summary = this.summaryAt(position);
    return summary !== null && summary.baseOffset === baseOffset;
  }

  private summaryAt(position: number): BatchSummary | null {
    return new SegmentScanner(this.fd, position, this.size, BATCH_HEADER_BYTES).peek();
  }

  /** Appends batches whose offsets are already assigned, with one write. */
  append(batches: readonly AppendedBatch[], nowMs: number): void {
    if (batches.length === 0) return;
    writeAllAt(
      this.fd,
      batches.map((b) => b.bytes),
      this.size,
    );
    if (this.size === 0) this.firstTimestamp = batches[0].maxTimestamp;
    for (const b of batches) {
      this.track({ position: this.size, size: b.bytes.length, baseOffset: b.baseOffset, lastOffset: b.lastOffset, maxTimestamp: b.maxTimestamp }, true);
      this.size += b.bytes.length;
    }
    this.lastModifiedMs = nowMs;
  }

  /** Largest timestamp of the first batch, or -1 when empty or without timestamps. */
  firstBatchTimestamp(): number {
    if (this.firstTimestamp === null && this.size > 0) {
      const header = Buffer.allocUnsafe(BATCH_HEADER_BYTES);
      if (readFully(this.fd, header, 0) === BATCH_HEADER_BYTES) this.firstTimestamp = maxTimestampAt(header);
    }
    return this.firstTimestamp ?? -1;
  }

  /**
   * How long this segment has been filling, for segment.ms: as in Kafka, the span between the
   * first batch's timestamp and the incoming one (so replayed old data does not roll every batch),
   * or wall time since creation when there are no timestamps.
   */
  timeWaitedForRoll(nowMs: number, incomingTimestamp: number): number {
    const first = this.firstBatchTimestamp();
    return first >= 0 ? incomingTimestamp - first : nowMs - this.createdMs;
  }

  /** File position of the first batch whose last offset is >= `offset`, or null when there is none. */
  positionOf(offset: number): number | null {
    if (this.size === 0 || offset >= this.nextOffset) return null;
    if (offset <= this.baseOffset) return 0;
    const hinted = this.positionHints.get(offset);
    if (hinted !== undefined && hinted < this.size) return hinted;
    const scanner = new SegmentScanner(this.fd, this.index.lookup(offset)?.position ?? 0, this.size);
    for (let s = scanner.nextSummary(); s !== null; s = scanner.nextSummary()) {
      if (s.lastOffset >= offset) return s.position;
    }
    return null;
  }

  /**
   * Whole batches from `position`, at most `maxBytes` of them; with `minOneBatch` the first batch
   * is returned even when larger. One positional read in the common case.
   */
  read(position: number, maxBytes: number, minOneBatch: boolean): SegmentRead {
    const available = this.size - position;
    if (available <= 0) return { chunk: null, reachedEnd: true };
    const want = Math.min(maxBytes, available);
    let used = 0;
    let buf: Buffer | null = null;
    let lastBatchAt = -1;
    if (want >= LOG_OVERHEAD) {
      buf = Buffer.allocUnsafe(want);
      readFully(this.fd, buf, position);
      while (used + LOG_OVERHEAD <= want) {
        const size = batchSizeAt(buf, used);
        if (size < BATCH_HEADER_BYTES || used + size > want) break;
        lastBatchAt = used;
        used += size;
      }
    }
    if (used > 0 && buf !== null) {
      if (lastBatchAt + BATCH_HEADER_BYTES <= used) this.rememberPosition(lastOffsetAt(buf, lastBatchAt) + 1, position + used);
      return { chunk: buf.subarray(0, used), reachedEnd: position + used >= this.size };
    }
    if (!minOneBatch) return { chunk: null, reachedEnd: false };
    let size: number;
    if (buf !== null) {
      size = batchSizeAt(buf, 0);
    } else {
      const header = Buffer.allocUnsafe(LOG_OVERHEAD);
      readFully(this.fd, header, position);
      size = batchSizeAt(header, 0);
    }
    const whole = Buffer.allocUnsafe(size);
    readFully(this.fd, whole, position);
    this.rememberPosition(lastOffsetAt(whole, 0) + 1, position + size);
    return { chunk: whole, reachedEnd: position + size >= this.size };
  }

  private rememberPosition(offset: number, position: number): void {
    if (position >= this.size) return;
    if (this.positionHints.size >= POSITION_HINTS) this.positionHints.clear();
    this.positionHints.set(offset, position);
  }

  /** Reads the batches in file order, whole (a view valid until the next step). */
  scanner(fromPosition = 0): SegmentScanner {
    return new SegmentScanner(this.fd, fromPosition, this.size, BATCH_WINDOW_BYTES);
  }

  /** Where a timestamp search may start: past every batch the time index proves too old. */
  timestampSearchStart(timestamp: number): number {
    const entry = this.timeIndex.lastBelow(timestamp);
    if (entry === null) return 0;
    return this.positionOf(entry.offset + 1) ?? this.size;
  }

  /** Stops taking appends: closes the index writers (the log stays open for reads). */
  seal(): void {
    this.index.closeForAppend();
    this.timeIndex.closeForAppend();
  }

  flush(): void {
    fsyncSync(this.fd);
    this.index.flush();
    this.timeIndex.flush();
  }

  close(): void {
    this.seal();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes and removes the segment's files (an index orphaned by a crash here is removed on open). */
  delete(): void {
    this.close();
    this.index.delete();
    this.timeIndex.delete();
    rmSync(this.logPath, { force: true });
  }

  /** Closes the files and removes only the indexes (compaction is replacing this segment's log). */
  deleteIndexes(): void {
    this.close();
    this.index.delete();
    this.timeIndex.delete();
  }
}
