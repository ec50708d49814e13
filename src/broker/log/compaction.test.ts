import { copyFileSync, cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBatch, lastOffsetAt, readBatchHeader } from '../records/batch.js';
import { Compression, type CompressionCodec } from '../records/compression.js';
import { PartitionLog } from './partition-log.js';
import { TempDirs, logConfig, readAll, splitBatches } from './test-helpers.js';

const dirs = new TempDirs();
const opened: PartitionLog[] = [];

afterEach(() => {
  for (const log of opened.splice(0)) log.close();
  dirs.cleanup();
});

const T0 = 1_800_000_000_000;
const COMPACT = { 'cleanup.policy': 'compact', 'segment.bytes': '1500', 'delete.retention.ms': '1000', 'index.interval.bytes': '200' };

function openLog(dir: string, entries: Record<string, string> = COMPACT): PartitionLog {
  const log = PartitionLog.open(dir, logConfig(entries));
  opened.push(log);
  return log;
}

interface Written {
  offset: number;
  key: string;
  value: string | null;
}

const KEYS = 13;

/**
 * 40 batches of 5 records, producer fields set. Records 0-149 cycle over 13 keys (every 11th a
 * tombstone, so the latest of key-0, at 143, is one); records 150-199 use 4 other keys.
 */
function fill(log: PartitionLog, codec: CompressionCodec): Written[] {
  const written: Written[] = [];
  for (let b = 0; b < 40; b++) {
    const records = Array.from({ length: 5 }, (_, i) => {
      const n = b * 5 + i;
      const key = n < 150 ? `key-${(n * 7) % KEYS}` : `late-${n % 4}`;
      return { key, value: n % 11 === 0 ? null : `value-${n}`, timestamp: T0 - 100_000 + n };
    });
    const batch = buildBatch({ records, compression: codec, producerId: 42, producerEpoch: 3, baseSequence: b * 5 });
    const { baseOffset } = log.append(batch);
    records.forEach((r, i) => written.push({ offset: baseOffset + i, key: r.key, value: r.value }));
  }
  return written;
}

/** What a reader must see after cleaning everything below `cleanEnd`. */
function expectedAfterCleaning(written: Written[], cleanEnd: number, keepTombstones: boolean): Written[] {
  const latest = new Map<string, number>();
  for (const w of written) latest.set(w.key, w.offset);
  return written.filter((w) => {
    if (w.offset >= cleanEnd) return true;
    if (latest.get(w.key) !== w.offset) return false;
    return w.value !== null || keepTombstones;
  });
}

function visible(log: PartitionLog): Written[] {
  return readAll(log, 0).map((r) => ({ offset: r.offset, key: r.key?.toString() ?? '', value: r.value?.toString() ?? null }));
}

const CODECS: [string, CompressionCodec][] = [
  ['none', Compression.None],
  ['gzip', Compression.Gzip],
  ['snappy', Compression.Snappy],
  ['lz4', Compression.Lz4],
  ['zstd', Compression.Zstd],
];

describe.each(CODECS)('compaction of %s batches', (_name, codec) => {
  it('keeps the last value per key in offset order, then drops tombstones after delete.retention.ms', () => {
    const dir = dirs.make();
    const log = openLog(dir);
    const written = fill(log, codec);
    const activeBase = log.segmentBaseOffsets[log.segmentCount - 1];
    expect(log.segmentCount).toBeGreaterThan(3);
    expect(activeBase).toBeGreaterThanOrEqual(150);
    const sizeBefore = log.sizeInBytes;

    const result = log.compact(T0);
    expect(result).not.toBeNull();
    expect(result?.cleanedUpTo).toBe(activeBase);
    expect(result?.recordsRemoved).toBeGreaterThan(0);
    expect(log.sizeInBytes).toBeLessThan(sizeBefore);
    expect(log.logEndOffset).toBe(200);
    expect(visible(log)).toEqual(expectedAfterCleaning(written, activeBase, true));

    for (const batch of splitBatches(log.read(0, 1 << 20, { minOneBatch: true }).chunks)) {
      const header = readBatchHeader(batch);
      expect(header.compression).toBe(codec);
      expect(header.baseOffset % 5).toBe(0);
      expect(lastOffsetAt(batch)).toBe(header.baseOffset + 4);
      expect([header.producerId, header.producerEpoch, header.baseSequence]).toEqual([42, 3, header.baseOffset]);
    }

    // Nothing new is dirty and no horizon has passed: nothing to do.
    expect(log.compact(T0 + 500)).toBeNull();
    const later = log.compact(T0 + 1001);
    expect(later?.tombstonesRemoved).toBeGreaterThan(0);
    expect(visible(log)).toEqual(expectedAfterCleaning(written, activeBase, false));

    // The compacted files reopen to the same content.
    log.close();
    const reopened = openLog(dir);
    expect(visible(reopened)).toEqual(expectedAfterCleaning(written, activeBase, false));
    expect(reopened.append(buildBatch({ records: [{ key: 'key-0', value: 'after' }] })).baseOffset).toBe(200);
  });
});

describe('compaction', () => {
  it('does nothing without the compact policy and honours min.compaction.lag.ms', () => {
    const plain = openLog(dirs.make(), { 'segment.bytes': '1500' });
    fill(plain, Compression.None);
    expect(plain.compact(T0)).toBeNull();

    const lagged = openLog(dirs.make(), { ...COMPACT, 'min.compaction.lag.ms': '50000' });
    const written = fill(lagged, Compression.None);
    // Records are stamped T0 - 100000 + n: at T0 - 50000 + 100 only segments whose newest record is <= n = 100 qualify.
    const result = lagged.compact(T0 - 50_000 + 100);
    expect(result).not.toBeNull();
    expect(result?.cleanedUpTo).toBeLessThanOrEqual(101);
    expect(visible(lagged)).toEqual(expectedAfterCleaning(written, result?.cleanedUpTo ?? 0, true));
  });

  it('respects min.cleanable.dirty.ratio unless forced', () => {
    const log = openLog(dirs.make(), { ...COMPACT, 'min.cleanable.dirty.ratio': '0.99' });
    fill(log, Compression.None);
    expect(log.compact(T0)).not.toBeNull();
    const segments = log.segmentCount;
    while (log.segmentCount < segments + 2) log.append(buildBatch({ records: [{ key: 'late-1', value: 'x'.repeat(100), timestamp: T0 }] }));
    expect(log.compact(T0)).toBeNull();
    expect(log.compact(T0, { force: true })).not.toBeNull();
  });

  it('keeps records at or above maxCleanableOffset out of the offset map', () => {
    const log = openLog(dirs.make());
    const written = fill(log, Compression.None);
    const result = log.compact(T0, { maxCleanableOffset: 100 });
    expect(result?.cleanedUpTo).toBeLessThanOrEqual(100);
    // Cleaning below 100 only considers later records below 100.
    const below = written.filter((w) => w.offset < 100);
    const expected = [...expectedAfterCleaning(below, result?.cleanedUpTo ?? 0, true), ...written.filter((w) => w.offset >= 100)];
    expect(visible(log)).toEqual(expected);
  });

  it('keeps LogAppendTime stamps when rewriting batches', () => {
    const log = openLog(dirs.make(), { ...COMPACT, 'message.timestamp.type': 'LogAppendTime' });
    for (let b = 0; b < 30; b++) {
      const records = [0, 1, 2].map((i) => ({ key: `k${(b * 3 + i) % 4}`, value: `v${b}-${i}`, timestamp: 5 }));
      log.append(buildBatch({ records }), { logAppendTimeMs: T0 - 10_000 + b });
    }
    const before = new Map(readAll(log, 0).map((r) => [r.offset, r.timestamp]));
    expect(log.compact(T0)?.recordsRemoved).toBeGreaterThan(0);
    const after = readAll(log, 0);
    expect(after.length).toBeLessThan(before.size);
    for (const r of after) expect(r.timestamp).toBe(before.get(r.offset));
    for (const batch of splitBatches(log.read(0, 1 << 20, { minOneBatch: true }).chunks)) {
      expect(readBatchHeader(batch).timestampType).toBe('LogAppendTime');
    }
  });

  it('merges small cleaned segments into one', () => {
    const dir = dirs.make();
    const log = openLog(dir);
    const written = fill(log, Compression.Gzip);
    const activeBase = log.segmentBaseOffsets[log.segmentCount - 1];
    log.updateConfig(logConfig({ ...COMPACT, 'segment.bytes': '1000000' }));
    log.compact(T0);
    expect(log.segmentBaseOffsets).toEqual([0, activeBase]);
    expect(visible(log)).toEqual(expectedAfterCleaning(written, activeBase, true));
  });
});

describe('crash during compaction', () => {
  it('discards an unfinished .cleaned output', () => {
    const dir = dirs.make();
    const log = openLog(dir);
    fill(log, Compression.Lz4);
    const before = visible(log);
    log.close();
    writeFileSync(join(dir, '00000000000000000000.log.cleaned'), Buffer.alloc(300, 7));
    writeFileSync(join(dir, '00000000000000000000.index.cleaned'), Buffer.alloc(16, 1));
    const reopened = openLog(dir);
    expect(readdirSync(dir).filter((n) => n.endsWith('.cleaned'))).toEqual([]);
    expect(visible(reopened)).toEqual(before);
  });

  it('completes a committed swap whose old segments were not yet deleted', () => {
    const dir = dirs.make();
    const log = openLog(dir);
    const written = fill(log, Compression.Snappy);
    const activeBase = log.segmentBaseOffsets[log.segmentCount - 1];
    const oldSegments = log.segmentBaseOffsets.slice(0, -1);
    log.close();

    // Run the same compaction on a copy to obtain the swap file a crash would leave behind.
    const copy = dirs.make();
    cpSync(dir, copy, { recursive: true });
    const other = PartitionLog.open(copy, logConfig({ ...COMPACT, 'segment.bytes': '1000000' }));
    other.compact(T0);
    other.close();
    copyFileSync(join(copy, '00000000000000000000.log'), join(dir, '00000000000000000000.log.swap'));
    // Crash after deleting some replaced segments and moving the new index into place.
    rmSync(join(dir, `${String(oldSegments[1]).padStart(20, '0')}.log`));
    copyFileSync(join(copy, '00000000000000000000.index'), join(dir, '00000000000000000000.index'));

    const reopened = openLog(dir);
    expect(reopened.segmentBaseOffsets).toEqual([0, activeBase]);
    expect(existsSync(join(dir, '00000000000000000000.log.swap'))).toBe(false);
    expect(visible(reopened)).toEqual(expectedAfterCleaning(written, activeBase, true));
    expect(readdirSync(dir).filter((n) => n.endsWith('.index')).length).toBe(2);
  });
});
