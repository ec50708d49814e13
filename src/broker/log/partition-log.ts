/**
 * The log of one topic-partition: a directory of segments (`<base>.log` + `.index` + `.timeindex`),
 * the last one active. Appends assign offsets by rewriting the batch's base offset in place and
 * write synchronously, so an acknowledged batch is in the page cache and survives the process being
 * killed. Reads return whole stored batches from disk; only index entries live in memory.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { BATCH_HEADER_BYTES, batchSizeAt, readBatchHeader, readRecords, setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch } from '../records/batch.js';
import { buildOffsetMap, cleanSegmentGroup, completeInterruptedCompaction, groupSegments, type CleaningStats } from './cleaner.js';
import type { LogConfig } from './config.js';
import { OffsetOutOfRangeError, RecordBatchTooLargeError } from './errors.js';
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, parseSegmentFileName } from './files.js';
import { readPartitionState, writePartitionState, type PartitionState } from './partition-state.js';
import { LogSegment, MAX_RELATIVE_OFFSET, type AppendedBatch } from './segment.js';

export { OffsetOutOfRangeError, RecordBatchTooLargeError } from './errors.js';

export interface AppendOptions {
  /** Broker clock for this append: LogAppendTime stamping and segment.ms rolls. Defaults to Date.now(). */
  logAppendTimeMs?: number;
}

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** The time stamped on the batch for LogAppendTime topics, else -1. */
  logAppendTimeMs: number;
}

export interface LogReadResult {
  chunks: Buffer[];
  bytes: number;
}

export interface ReadOptions {
  /** Return the first batch even when it is larger than maxBytes (Kafka's rule for the first partition). */
  minOneBatch: boolean;
}

export interface CompactOptions {
  /** Clean even when the dirty ratio is below min.cleanable.dirty.ratio. */
  force?: boolean;
  /** Leave records at or above this offset out of compaction (e.g. the last stable offset with open transactions). */
  maxCleanableOffset?: number;
}

export interface CompactionResult extends CleaningStats {
  /** Offset below which the log is now clean. */
  cleanedUpTo: number;
}

/** Largest single read, whatever a client asks for: bounds the memory one fetch can pin. */
const MAX_READ_BYTES = 16 * 1024 * 1024;

export class PartitionLog {
  private segments: LogSegment[];
  private state: PartitionState;
  private closed = false;

  private constructor(
    readonly dir: string,
    private config: LogConfig,
    segments: LogSegment[],
    state: PartitionState,
    private readonly logger?: Logger,
  ) {
    this.segments = segments;
    this.state = state;
  }

  /** Opens the partition directory, creating it or recovering it after a crash. */
  static open(dir: string, config: LogConfig, logger?: Logger): PartitionLog {
    mkdirSync(dir, { recursive: true });
    completeInterruptedCompaction(dir, logger);
    const names = readdirSync(dir);
    const bases = names
      .map((n) => parseSegmentFileName(n, LOG_SUFFIX))
      .filter((b): b is number => b !== null)
      .sort((a, b) => a - b);
    const baseSet = new Set(bases);
    for (const name of names) {
      // An index whose log is gone (a segment deleted midway) would be picked up by a new segment.
      const base = parseSegmentFileName(name, INDEX_SUFFIX) ?? parseSegmentFileName(name, TIME_INDEX_SUFFIX);
      if (base !== null && !baseSet.has(base)) rmSync(join(dir, name), { force: true });
    }
    const stored = readPartitionState(dir);
    const segments = bases.map((base, i) =>
      LogSegment.open(dir, base, { indexIntervalBytes: config.indexIntervalBytes, recover: i === bases.length - 1, logger }),
    );
    const now = Date.now();
    if (segments.length === 0) segments.push(LogSegment.create(dir, stored?.logStartOffset ?? 0, config.indexIntervalBytes, now));
    const logEnd = segments[segments.length - 1].nextOffset;
    const state: PartitionState = {
      logStartOffset: Math.min(stored?.logStartOffset ?? segments[0].baseOffset, logEnd),
      firstDirtyOffset: stored?.firstDirtyOffset ?? 0,
      deleteHorizonMs: stored?.deleteHorizonMs ?? null,
    };
    const log = new PartitionLog(dir, config, segments, state, logger);
    if (stored !== null && stored.logStartOffset > logEnd) {
      // The data below the recorded start is gone (e.g. files removed by hand): start empty there.
      log.truncateFullyAndStartAt(stored.logStartOffset);
    }
    return log;
  }

  get logStartOffset(): number {
    return this.state.logStartOffset;
  }

  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  /** Single replica: everything appended is replicated. */
  get highWatermark(): number {
    return this.active.nextOffset;
  }

  get sizeInBytes(): number {
    let total = 0;
    for (const s of this.segments) total += s.size;
    return total;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Base offsets of the segments, oldest first (for tests and diagnostics). */
  get segmentBaseOffsets(): number[] {
    return this.segments.map((s) => s.baseOffset);
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`partition log ${this.dir} is closed`);
  }

  /**
   * Appends one validated batch (its bytes are modified in place: base offset, leader epoch and,
   * for LogAppendTime topics, the timestamp and CRC).
   */
  append(batch: Buffer, options: AppendOptions = {}): AppendResult {
    return this.appendMany([batch], options)[0];
  }

  /** Appends several batches with as few writes as possible. */
  appendMany(batches: readonly Buffer[], options: AppendOptions = {}): AppendResult[] {
    this.ensureOpen();
    const now = options.logAppendTimeMs ?? Date.now();
    const appendTime = this.config.messageTimestampType === 'LogAppendTime';
    const results: AppendResult[] = [];
    let pending: AppendedBatch[] = [];
    let pendingBytes = 0;
    let nextOffset = this.logEndOffset;
    // Check everything first so that a bad batch leaves the log untouched.
    for (const batch of batches) {
      if (batch.length < BATCH_HEADER_BYTES || batchSizeAt(batch) !== batch.length) {
        throw new Error(`not a whole record batch: ${batch.length} bytes`);
      }
      if (batch.length > this.config.maxMessageBytes) throw new RecordBatchTooLargeError(batch.length, this.config.maxMessageBytes);
    }
    for (const batch of batches) {
      const header = readBatchHeader(batch);
      const baseOffset = nextOffset;
      const lastOffset = baseOffset + header.lastOffsetDelta;
      const maxTimestamp = appendTime ? now : header.maxTimestamp;
      if (this.shouldRoll(pendingBytes, batch.length, lastOffset, maxTimestamp, now)) {
        this.active.append(pending, now);
        pending = [];
        pendingBytes = 0;
        this.roll(baseOffset, now);
      }
      setBaseOffset(batch, baseOffset);
      setPartitionLeaderEpoch(batch, 0);
      if (appendTime) setLogAppendTime(batch, now);
      pending.push({ bytes: batch, baseOffset, lastOffset, maxTimestamp });
      pendingBytes += batch.length;
      results.push({ baseOffset, lastOffset, logAppendTimeMs: appendTime ? now : -1 });
      nextOffset = lastOffset + 1;
    }
    this.active.append(pending, now);
    return results;
  }

  /** Kafka's roll rule: the batch would overflow segment.bytes or the 32-bit relative offsets, or segment.ms passed. */
  private shouldRoll(pendingBytes: number, batchBytes: number, lastOffset: number, maxTimestamp: number, now: number): boolean {
    const active = this.active;
    const size = active.size + pendingBytes;
    if (size === 0) return false;
    return (
      size + batchBytes > this.config.segmentBytes ||
      lastOffset - active.baseOffset > MAX_RELATIVE_OFFSET ||
      (active.size > 0 && active.timeWaitedForRoll(now, maxTimestamp) > this.config.segmentMs)
    );
  }

  private roll(baseOffset: number, now: number): void {
    this.active.seal();
    this.segments.push(LogSegment.create(this.dir, baseOffset, this.config.indexIntervalBytes, now));
    this.logger?.debug({ dir: this.dir, baseOffset }, 'rolled segment');
  }

  /** Index of the segment whose base offset is the largest <= offset, or -1. */
  private floorSegment(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Whole batches starting with the one containing `fetchOffset`, up to `maxBytes` (the first one
   * regardless with minOneBatch). Throws OffsetOutOfRangeError outside [logStartOffset, logEndOffset].
   */
  read(fetchOffset: number, maxBytes: number, options: ReadOptions): LogReadResult {
    this.ensureOpen();
    if (fetchOffset < this.logStartOffset || fetchOffset > this.logEndOffset) {
      throw new OffsetOutOfRangeError(fetchOffset, this.logStartOffset, this.logEndOffset);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    if (fetchOffset === this.logEndOffset) return { chunks, bytes };
    const limit = Math.min(maxBytes, MAX_READ_BYTES);
    for (let i = Math.max(0, this.floorSegment(fetchOffset)); i < this.segments.length; i++) {
      const segment = this.segments[i];
      const position = segment.positionOf(fetchOffset);
      if (position === null) continue;
      const read = segment.read(position, limit - bytes, options.minOneBatch && bytes === 0);
      if (read.chunk !== null) {
        chunks.push(read.chunk);
        bytes += read.chunk.length;
      }
      if (!read.reachedEnd || bytes >= limit) break;
    }
    return { chunks, bytes };
  }

  /** First record with timestamp >= `timestamp` at or after the log start, or null. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | null {
    this.ensureOpen();
    const start = this.logStartOffset;
    for (const segment of this.segments) {
      if (segment.nextOffset <= start || segment.maxTimestamp < timestamp) continue;
      const scanner = segment.scanner(segment.timestampSearchStart(timestamp));
      for (let b = scanner.nextBatch(); b !== null; b = scanner.nextBatch()) {
        if (b.summary.lastOffset < start || b.summary.maxTimestamp < timestamp) continue;
        for (const record of readRecords(b.bytes)) {
          if (record.offset >= start && record.timestamp >= timestamp) return { offset: record.offset, timestamp: record.timestamp };
        }
      }
    }
    return null;
  }

  /** DeleteRecords: moves the log start to `offset` and drops the segments wholly below it. Returns the new log start. */
  deleteRecordsBefore(offset: number): number {
    this.ensureOpen();
    if (offset > this.logEndOffset || offset < 0) throw new OffsetOutOfRangeError(offset, this.logStartOffset, this.logEndOffset);
    if (offset <= this.logStartOffset) return this.logStartOffset;
    this.state = { ...this.state, logStartOffset: offset };
    writePartitionState(this.dir, this.state);
    let drop = 0;
    while (drop < this.segments.length - 1 && this.segments[drop + 1].baseOffset <= offset) drop++;
    this.deleteOldestSegments(drop, 'log start offset');
    return this.logStartOffset;
  }

  /** Deletes the `count` oldest segments (never the active one) after recording the new log start. */
  private deleteOldestSegments(count: number, reason: string): void {
    if (count <= 0) return;
    const doomed = this.segments.slice(0, count);
    this.segments = this.segments.slice(count);
    const newStart = Math.max(this.logStartOffset, this.segments[0].baseOffset);
    if (newStart !== this.state.logStartOffset) {
      this.state = { ...this.state, logStartOffset: newStart };
      writePartitionState(this.dir, this.state);
    }
    for (const segment of doomed) segment.delete();
    this.logger?.info({ dir: this.dir, segments: count, logStartOffset: this.logStartOffset, reason }, 'deleted log segments');
  }

  /**
   * Retention (cleanup.policy includes delete): deletes the oldest sealed segments older than
   * retention.ms (by their largest timestamp) or beyond retention.bytes. Returns segments deleted.
   */
  enforceRetention(nowMs: number): number {
    this.ensureOpen();
    if (!this.config.cleanupPolicy.delete) return 0;
    const sealed = this.segments.length - 1;
    let count = 0;
    const { retentionMs, retentionBytes } = this.config;
    if (retentionMs >= 0) {
      while (count < sealed) {
        const s = this.segments[count];
        const newest = s.maxTimestamp >= 0 ? s.maxTimestamp : s.lastModifiedMs;
        if (nowMs - newest <= retentionMs) break;
        count++;
      }
    }
    if (retentionBytes >= 0) {
      let excess = this.sizeInBytes - retentionBytes;
      for (let i = 0; i < count; i++) excess -= this.segments[i].size;
      while (count < sealed && excess - this.segments[count].size >= 0) {
        excess -= this.segments[count].size;
        count++;
      }
    }
    this.deleteOldestSegments(count, 'retention');
    return count;
  }

  /**
   * Compaction (cleanup.policy includes compact): see cleaner.ts. Runs when the dirty share of the
   * cleanable segments reaches min.cleanable.dirty.ratio, a dirty segment is older than
   * max.compaction.lag.ms, kept tombstones reached their delete horizon, or `force`.
   * Returns null when nothing was cleaned. Synchronous: it blocks while it reads the log.
   */
  compact(nowMs: number, options: CompactOptions = {}): CompactionResult | null {
    this.ensureOpen();
    if (!this.config.cleanupPolicy.compact) return null;
    const mapEnd = Math.min(this.logEndOffset, options.maxCleanableOffset ?? Number.MAX_SAFE_INTEGER);
    const lagLimit = nowMs - this.config.minCompactionLagMs;
    let cleanable = 0;
    while (cleanable < this.segments.length - 1) {
      const s = this.segments[cleanable];
      if (s.nextOffset > mapEnd || (this.config.minCompactionLagMs > 0 && s.maxTimestamp > lagLimit)) break;
      cleanable++;
    }
    if (cleanable === 0) return null;
    const candidates = this.segments.slice(0, cleanable);
    if (!options.force && !this.needsCleaning(candidates, nowMs)) return null;

    const map = buildOffsetMap(this.segments, mapEnd);
    const cleanedUpTo = this.segments[cleanable].baseOffset;
    const totals: CompactionResult = { segmentsBefore: 0, segmentsAfter: 0, bytesBefore: 0, bytesAfter: 0, recordsRemoved: 0, tombstonesRemoved: 0, cleanedUpTo };
    let earliestHorizon: number | null = null;
    const rebuilt: LogSegment[] = [];
    const groups = groupSegments(candidates, this.config.segmentBytes);
    try {
      for (const group of groups) {
        const cleaned = cleanSegmentGroup(group, map, {
          dir: this.dir,
          nowMs,
          deleteRetentionMs: this.config.deleteRetentionMs,
          indexIntervalBytes: this.config.indexIntervalBytes,
          logger: this.logger,
        });
        rebuilt.push(...cleaned.result);
        for (const key of ['segmentsBefore', 'segmentsAfter', 'bytesBefore', 'bytesAfter', 'recordsRemoved', 'tombstonesRemoved'] as const) {
          totals[key] += cleaned.stats[key];
        }
        const h = cleaned.earliestHorizonMs;
        if (h !== null && (earliestHorizon === null || h < earliestHorizon)) earliestHorizon = h;
      }
    } catch (err) {
      // Groups already swapped are in `rebuilt`; the failing group's old segments are untouched.
      const done = new Set(groups.slice(0, rebuilt.length).flat());
      const untouched = candidates.filter((s) => !done.has(s));
      this.segments = [...rebuilt, ...untouched, ...this.segments.slice(cleanable)];
      throw err;
    }
    this.segments = [...rebuilt, ...this.segments.slice(cleanable)];
    this.state = { ...this.state, firstDirtyOffset: cleanedUpTo, deleteHorizonMs: earliestHorizon };
    writePartitionState(this.dir, this.state);
    return totals;
  }

  private needsCleaning(candidates: readonly LogSegment[], nowMs: number): boolean {
    const horizon = this.state.deleteHorizonMs;
    if (horizon !== null && nowMs >= horizon) return true;
    let dirtyBytes = 0;
    let totalBytes = 0;
    let firstDirty: LogSegment | null = null;
    for (const s of candidates) {
      totalBytes += s.size;
      if (s.nextOffset > this.state.firstDirtyOffset && s.size > 0) {
        dirtyBytes += s.size;
        firstDirty ??= s;
      }
    }
    if (dirtyBytes === 0 || firstDirty === null) return false;
    if (dirtyBytes / totalBytes >= this.config.minCleanableDirtyRatio) return true;
    const first = firstDirty.firstBatchTimestamp();
    return first >= 0 && nowMs - first > this.config.maxCompactionLagMs;
  }

  /** Applies new topic configs (segment sizes take effect at the next roll). */
  updateConfig(config: LogConfig): void {
    this.config = config;
  }

  /** fsyncs the active segment and its indexes (appends alone reach the page cache only). */
  flush(): void {
    this.ensureOpen();
    this.active.flush();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) s.close();
  }

  /** Topic deletion: closes and removes the partition directory. */
  deleteFiles(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private truncateFullyAndStartAt(offset: number): void {
    for (const s of this.segments) s.delete();
    this.segments = [LogSegment.create(this.dir, offset, this.config.indexIntervalBytes, Date.now())];
    this.state = { logStartOffset: offset, firstDirtyOffset: offset, deleteHorizonMs: null };
    writePartitionState(this.dir, this.state);
    this.logger?.warn({ dir: this.dir, offset }, 'log files end before the recorded log start offset; starting empty there');
  }
}
