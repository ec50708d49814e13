/**
 * Log compaction: keep only the last record per key. An offset map (key -> latest offset) is built
 * over the log, then the cleanable segments are rewritten in groups, keeping each retained record's
 * offset and timestamp and each batch's base/last offset, codec and producer fields.
 *
 * Tombstones follow Kafka's delete horizon (KIP-534): the first cleaning that keeps a tombstone
 * rewrites its batch with attribute bit 6 and baseTimestamp = now + delete.retention.ms; a later
 * cleaning after that horizon drops it. Control batches (transaction markers) are kept as they are,
 * and records without a key are dropped, as Kafka's cleaner does.
 *
 * Segment replacement is crash-safe: the output is written as `<base>.log.cleaned` (deleted on
 * recovery), committed by renaming it to `<base>.log.swap`, then the replaced segments are deleted
 * and the swap file renamed to `<base>.log`. Recovery finishes a committed swap (see
 * completeInterruptedCompaction).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildBatch, readBatchHeader, readRecords, type BatchHeader, type LogRecord } from '../records/batch.js';
import { isCompressionCodec } from '../records/compression.js';
import { CLEANED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, SWAP_SUFFIX, TIME_INDEX_SUFFIX, fsyncDir, parseSegmentFileName, segmentPath } from './files.js';
import { LogSegment, MAX_RELATIVE_OFFSET, type AppendedBatch } from './segment.js';
import { SegmentScanner } from './segment-scanner.js';

/** key -> offset of its latest record. */
export type OffsetMap = Map<string, number>;

const RAW_KEY_MAX = 32;

/** Short keys are used as they are; long ones by digest (hex, so never equal to a short key). */
function keyId(key: Buffer): string {
  return key.length <= RAW_KEY_MAX ? key.toString('latin1') : createHash('sha1').update(key).digest('hex');
}

/** Latest offset of every key among records below `endOffset`, over the given segments. */
export function buildOffsetMap(segments: readonly LogSegment[], endOffset: number): OffsetMap {
  const map: OffsetMap = new Map();
  for (const segment of segments) {
    if (segment.baseOffset >= endOffset) break;
    const scanner = segment.scanner();
    for (let b = scanner.nextBatch(); b !== null; b = scanner.nextBatch()) {
      if (b.summary.baseOffset >= endOffset) break;
      const header = readBatchHeader(b.bytes);
      if (header.isControl) continue;
      for (const record of readRecords(b.bytes)) {
        if (record.offset >= endOffset) break;
        if (record.key !== null) map.set(keyId(record.key), record.offset);
      }
    }
  }
  return map;
}

export interface CleaningStats {
  segmentsBefore: number;
  segmentsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  recordsRemoved: number;
  tombstonesRemoved: number;
}

interface BatchOutcome {
  /** Bytes to keep (the original when unchanged), or null to drop the batch. */
  bytes: Buffer | null;
  changed: boolean;
  /** Delete horizon of tombstones still in the batch. */
  horizonMs: number | null;
  recordsRemoved: number;
  tombstonesRemoved: number;
}

function cleanBatch(bytes: Buffer, header: BatchHeader, map: OffsetMap, nowMs: number, deleteRetentionMs: number): BatchOutcome {
  if (header.isControl || !isCompressionCodec(header.compression)) {
    return { bytes, changed: false, horizonMs: null, recordsRemoved: 0, tombstonesRemoved: 0 };
  }
  const horizonPassed = header.hasDeleteHorizon && nowMs >= header.baseTimestamp;
  const kept: LogRecord[] = [];
  let total = 0;
  let tombstonesKept = 0;
  let tombstonesRemoved = 0;
  for (const record of readRecords(bytes, { storedTimestamps: true })) {
    total++;
    if (record.key === null) continue;
    const latest = map.get(keyId(record.key));
    if (latest !== undefined && latest > record.offset) continue;
    if (record.value === null) {
      if (horizonPassed) {
        tombstonesRemoved++;
        continue;
      }
      tombstonesKept++;
    }
    kept.push(record);
  }
  const recordsRemoved = total - kept.length;
  if (kept.length === 0) return { bytes: null, changed: true, horizonMs: null, recordsRemoved, tombstonesRemoved };
  const needsHorizon = tombstonesKept > 0 && !header.hasDeleteHorizon;
  if (recordsRemoved === 0 && !needsHorizon) {
    return { bytes, changed: false, horizonMs: tombstonesKept > 0 ? header.baseTimestamp : null, recordsRemoved, tombstonesRemoved };
  }
  let horizonMs: number | null = null;
  if (tombstonesKept > 0) horizonMs = header.hasDeleteHorizon ? header.baseTimestamp : nowMs + deleteRetentionMs;
  const rebuilt = buildBatch({
    baseOffset: header.baseOffset,
    lastOffsetDelta: header.lastOffsetDelta,
    records: kept,
    compression: header.compression,
    timestampType: header.timestampType,
    logAppendTimeMs: header.timestampType === 'LogAppendTime' ? header.maxTimestamp : undefined,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    isTransactional: header.isTransactional,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    deleteHorizonMs: horizonMs ?? undefined,
  });
  return { bytes: rebuilt, changed: true, horizonMs, recordsRemoved, tombstonesRemoved };
}

/**
 * Consecutive segments merged into one output segment: Kafka's cleaner does the same so that
 * compaction does not leave a trail of tiny segments.
 */
export function groupSegments(segments: readonly LogSegment[], maxBytes: number): LogSegment[][] {
  const groups: LogSegment[][] = [];
  let current: LogSegment[] = [];
  let bytes = 0;
  for (const segment of segments) {
    const fits =
      current.length > 0 && bytes + segment.size <= maxBytes && segment.nextOffset - 1 - current[0].baseOffset <= MAX_RELATIVE_OFFSET;
    if (!fits && current.length > 0) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(segment);
    bytes += segment.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface GroupCleaning {
  /** The segment replacing the group, the group itself when nothing changed, or null when nothing is left. */
  result: LogSegment[];
  stats: CleaningStats;
  earliestHorizonMs: number | null;
}

export interface CleanOptions {
  dir: string;
  nowMs: number;
  deleteRetentionMs: number;
  indexIntervalBytes: number;
  logger?: Logger;
}

const OUTPUT_CHUNK_BYTES = 1024 * 1024;

/** Rewrites one group of sealed segments and swaps the result in. */
export function cleanSegmentGroup(group: readonly LogSegment[], map: OffsetMap, options: CleanOptions): GroupCleaning {
  const { dir, nowMs } = options;
  const baseOffset = group[0].baseOffset;
  const output = LogSegment.create(dir, baseOffset, options.indexIntervalBytes, nowMs, CLEANED_SUFFIX);
  const stats: CleaningStats = { segmentsBefore: group.length, segmentsAfter: 0, bytesBefore: 0, bytesAfter: 0, recordsRemoved: 0, tombstonesRemoved: 0 };
  let changed = group.length > 1;
  let earliestHorizonMs: number | null = null;
  let pending: AppendedBatch[] = [];
  let pendingBytes = 0;
  const flushPending = (): void => {
    output.append(pending, nowMs);
    pending = [];
    pendingBytes = 0;
  };
  try {
    for (const segment of group) {
      stats.bytesBefore += segment.size;
      const scanner = segment.scanner();
      for (let b = scanner.nextBatch(); b !== null; b = scanner.nextBatch()) {
        const header = readBatchHeader(b.bytes);
        const outcome = cleanBatch(b.bytes, header, map, nowMs, options.deleteRetentionMs);
        stats.recordsRemoved += outcome.recordsRemoved;
        stats.tombstonesRemoved += outcome.tombstonesRemoved;
        if (outcome.changed) changed = true;
        if (outcome.horizonMs !== null && (earliestHorizonMs === null || outcome.horizonMs < earliestHorizonMs)) earliestHorizonMs = outcome.horizonMs;
        if (outcome.bytes === null) continue;
        // Unchanged batches are views into the scan window: copy before the window moves on.
        const bytes = outcome.bytes === b.bytes ? Buffer.from(b.bytes) : outcome.bytes;
        pending.push({ bytes, baseOffset: header.baseOffset, lastOffset: b.summary.lastOffset, maxTimestamp: readBatchHeader(bytes).maxTimestamp });
        pendingBytes += bytes.length;
        if (pendingBytes >= OUTPUT_CHUNK_BYTES) flushPending();
      }
    }
    flushPending();
  } catch (err) {
    output.delete();
    throw err;
  }

  if (!changed) {
    output.delete();
    return { result: [...group], stats: { ...stats, segmentsAfter: group.length, bytesAfter: stats.bytesBefore }, earliestHorizonMs };
  }
  stats.bytesAfter = output.size;
  if (output.size === 0) {
    output.delete();
    for (const segment of group) segment.delete();
    fsyncDir(dir);
    options.logger?.info({ dir, baseOffset, ...stats }, 'compaction removed segments entirely');
    return { result: [], stats, earliestHorizonMs };
  }
  output.flush();
  output.close();
  const replacement = swapIn(dir, baseOffset, group, options.indexIntervalBytes, options.logger);
  stats.segmentsAfter = 1;
  options.logger?.info({ dir, baseOffset, ...stats }, 'compacted segments');
  return { result: [replacement], stats, earliestHorizonMs };
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Commits `<base>.log.cleaned` over the group it replaces. */
function swapIn(dir: string, baseOffset: number, group: readonly LogSegment[], indexIntervalBytes: number, logger?: Logger): LogSegment {
  const swap = segmentPath(dir, baseOffset, LOG_SUFFIX + SWAP_SUFFIX);
  renameSync(segmentPath(dir, baseOffset, LOG_SUFFIX + CLEANED_SUFFIX), swap);
  fsyncDir(dir);
  for (const segment of group) {
    if (segment.baseOffset === baseOffset) segment.deleteIndexes();
    else segment.delete();
  }
  renameIfPresent(segmentPath(dir, baseOffset, INDEX_SUFFIX + CLEANED_SUFFIX), segmentPath(dir, baseOffset, INDEX_SUFFIX));
  renameIfPresent(segmentPath(dir, baseOffset, TIME_INDEX_SUFFIX + CLEANED_SUFFIX), segmentPath(dir, baseOffset, TIME_INDEX_SUFFIX));
  renameSync(swap, segmentPath(dir, baseOffset, LOG_SUFFIX));
  fsyncDir(dir);
  return LogSegment.open(dir, baseOffset, { indexIntervalBytes, recover: false, logger });
}

/** Last offset stored in a swap file, or null when it holds no whole batch. */
function lastOffsetOfFile(path: string): number | null {
  const fd = openSync(path, 'r');
  try {
    const scanner = new SegmentScanner(fd, 0, fstatSync(fd).size);
    let last: number | null = null;
    for (let s = scanner.nextSummary(); s !== null; s = scanner.nextSummary()) last = s.lastOffset;
    return last;
  } finally {
    closeSync(fd);
  }
}

/**
 * Cleans up after a crash during compaction, before segments are loaded: unfinished outputs are
 * deleted; a committed swap replaces every segment whose base offset falls inside its offset range
 * (all of them belonged to the group it was made from).
 */
export function completeInterruptedCompaction(dir: string, logger?: Logger): void {
  let names = readdirSync(dir);
  let changed = false;
  for (const name of names) {
    if (!name.endsWith(CLEANED_SUFFIX)) continue;
    rmSync(join(dir, name), { force: true });
    changed = true;
  }
  names = readdirSync(dir);
  for (const name of names) {
    const base = parseSegmentFileName(name, LOG_SUFFIX + SWAP_SUFFIX);
    if (base === null) continue;
    const swap = join(dir, name);
    changed = true;
    const last = lastOffsetOfFile(swap);
    if (last === null) {
      rmSync(swap, { force: true });
      continue;
    }
    for (const other of names) {
      const otherBase = parseSegmentFileName(other, LOG_SUFFIX);
      if (otherBase !== null && otherBase >= base && otherBase <= last) {
        rmSync(segmentPath(dir, otherBase, INDEX_SUFFIX), { force: true });
        rmSync(segmentPath(dir, otherBase, TIME_INDEX_SUFFIX), { force: true });
        if (otherBase !== base) rmSync(join(dir, other), { force: true });
      }
    }
    rmSync(segmentPath(dir, base, INDEX_SUFFIX), { force: true });
    rmSync(segmentPath(dir, base, TIME_INDEX_SUFFIX), { force: true });
    renameSync(swap, segmentPath(dir, base, LOG_SUFFIX));
    logger?.warn({ dir, baseOffset: base }, 'completed a compaction interrupted by a crash');
  }
  // Only when needed: a directory fsync commits the filesystem journal, which can wait for every
  // dirty page of the log to reach the disk.
  if (changed) fsyncDir(dir);
}
