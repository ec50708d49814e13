import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBatch, isBatchIntact, lastOffsetAt, readBatchHeader, readRecords } from '../records/batch.js';
import { OffsetOutOfRangeError, PartitionLog, RecordBatchTooLargeError } from './partition-log.js';
import { TempDirs, clientBatch, logConfig, readAll, splitBatches } from './test-helpers.js';

const dirs = new TempDirs();
const open: PartitionLog[] = [];

function openLog(dir: string, entries: Record<string, string> = {}): PartitionLog {
  const log = PartitionLog.open(dir, logConfig(entries));
  open.push(log);
  return log;
}

afterEach(() => {
  for (const log of open.splice(0)) log.close();
  dirs.cleanup();
});

function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort();
}

function activeLogPath(dir: string): string {
  const files = logFiles(dir);
  return join(dir, files[files.length - 1]);
}

describe('append and read', () => {
  it('assigns consecutive offsets, sets base offset and leader epoch, keeps the CRC valid', () => {
    const log = openLog(dirs.make());
    expect(log.logEndOffset).toBe(0);
    const a = log.append(clientBatch(3));
    const b = log.append(clientBatch(2));
    expect(a).toEqual({ baseOffset: 0, lastOffset: 2, logAppendTimeMs: -1 });
    expect(b).toMatchObject({ baseOffset: 3, lastOffset: 4 });
    expect(log.logEndOffset).toBe(5);
    expect(log.highWatermark).toBe(5);
    const { chunks, bytes } = log.read(0, 1 << 20, { minOneBatch: true });
    const batches = splitBatches(chunks);
    expect(batches).toHaveLength(2);
    expect(bytes).toBe(log.sizeInBytes);
    expect(readBatchHeader(batches[1])).toMatchObject({ baseOffset: 3, partitionLeaderEpoch: 0 });
    expect(batches.every(isBatchIntact)).toBe(true);
    expect(readAll(log).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
  });

  it('rolls segments past segment.bytes and reads across them', () => {
    const dir = dirs.make();
    const log = openLog(dir, { 'segment.bytes': '1000', 'index.interval.bytes': '100' });
    for (let i = 0; i < 60; i++) log.append(clientBatch(4, { prefix: `b${i}` }));
    expect(log.segmentCount).toBeGreaterThan(5);
    expect(logFiles(dir).length).toBe(log.segmentCount);
    for (const file of logFiles(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(1000);
    const records = readAll(log, 0, 700);
    expect(records.map((r) => r.offset)).toEqual(Array.from({ length: 240 }, (_, i) => i));
    expect(records[239].value?.toString()).toBe('b59-3');
    expect(log.segmentBaseOffsets[0]).toBe(0);
  });

  it('finds the batch containing any offset through the sparse index', () => {
    const log = openLog(dirs.make(), { 'segment.bytes': '20000', 'index.interval.bytes': '300' });
    const batches: { base: number; last: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const r = log.append(clientBatch(1 + (i % 7)));
      batches.push({ base: r.baseOffset, last: r.lastOffset });
    }
    for (let offset = 0; offset < log.logEndOffset; offset++) {
      const { chunks } = log.read(offset, 1, { minOneBatch: true });
      const [batch] = splitBatches(chunks);
      const header = readBatchHeader(batch);
      const expected = batches.find((b) => b.base <= offset && offset <= b.last);
      expect(header.baseOffset).toBe(expected?.base);
      expect(lastOffsetAt(batch)).toBe(expected?.last);
    }
  });

  it('returns the first batch whole with minOneBatch even when larger than maxBytes', () => {
    const log = openLog(dirs.make());
    log.append(clientBatch(50, { valueBytes: 100 }));
    log.append(clientBatch(1));
    const size = log.sizeInBytes;
    const first = log.read(0, 100, { minOneBatch: true });
    expect(first.chunks).toHaveLength(1);
    expect(first.bytes).toBeGreaterThan(100);
    expect(first.bytes).toBeLessThan(size);
    expect(isBatchIntact(first.chunks[0])).toBe(true);
    expect(log.read(0, 100, { minOneBatch: false })).toEqual({ chunks: [], bytes: 0 });
    expect(log.read(0, 5, { minOneBatch: true }).bytes).toBe(first.bytes);
  });

  it('stops before exceeding maxBytes', () => {
    const log = openLog(dirs.make());
    for (let i = 0; i < 10; i++) log.append(clientBatch(5));
    const one = log.read(0, 1 << 20, { minOneBatch: true }).bytes / 10;
    const read = log.read(0, Math.floor(one * 3.5), { minOneBatch: true });
    expect(read.bytes).toBe(one * 3);
  });

  it('answers out of range outside [logStart, logEnd] and nothing at logEnd', () => {
    const log = openLog(dirs.make());
    log.append(clientBatch(3));
    expect(log.read(3, 1000, { minOneBatch: true })).toEqual({ chunks: [], bytes: 0 });
    expect(() => log.read(4, 1000, { minOneBatch: true })).toThrow(OffsetOutOfRangeError);
    expect(() => log.read(-1, 1000, { minOneBatch: true })).toThrow(OffsetOutOfRangeError);
  });

  it('appends several batches at once', () => {
    const log = openLog(dirs.make(), { 'segment.bytes': '600' });
    const results = log.appendMany(Array.from({ length: 20 }, () => clientBatch(3)));
    expect(results.map((r) => r.baseOffset)).toEqual(Array.from({ length: 20 }, (_, i) => i * 3));
    expect(log.segmentCount).toBeGreaterThan(2);
    expect(readAll(log).length).toBe(60);
  });

  it('refuses batches above max.message.bytes', () => {
    const log = openLog(dirs.make(), { 'max.message.bytes': '200' });
    expect(() => log.append(clientBatch(20))).toThrow(RecordBatchTooLargeError);
    expect(log.logEndOffset).toBe(0);
  });

  it('stamps LogAppendTime topics with the broker clock', () => {
    const log = openLog(dirs.make(), { 'message.timestamp.type': 'LogAppendTime' });
    const result = log.append(clientBatch(2), { logAppendTimeMs: 1_900_000_000_000 });
    expect(result.logAppendTimeMs).toBe(1_900_000_000_000);
    const [batch] = splitBatches(log.read(0, 1000, { minOneBatch: true }).chunks);
    expect(isBatchIntact(batch)).toBe(true);
    expect([...readRecords(batch)].map((r) => r.timestamp)).toEqual([1_900_000_000_000, 1_900_000_000_000]);
  });

  it('rolls by segment.ms', () => {
    const log = openLog(dirs.make(), { 'segment.ms': '1000' });
    log.append(clientBatch(1, { timestamp: 10_000 }), { logAppendTimeMs: 10_000 });
    log.append(clientBatch(1, { timestamp: 10_500 }), { logAppendTimeMs: 10_500 });
    expect(log.segmentCount).toBe(1);
    log.append(clientBatch(1, { timestamp: 11_200 }), { logAppendTimeMs: 11_200 });
    expect(log.segmentCount).toBe(2);
    expect(log.segmentBaseOffsets).toEqual([0, 2]);
  });
});

describe('recovery', () => {
  function filled(dir: string, batches = 10): PartitionLog {
    const log = PartitionLog.open(dir, logConfig({ 'segment.bytes': '1000', 'index.interval.bytes': '200' }));
    for (let i = 0; i < batches; i++) log.append(clientBatch(3, { prefix: `b${i}` }));
    return log;
  }

  it('reopens with the same offsets and data', () => {
    const dir = dirs.make();
    const before = filled(dir, 40);
    const end = before.logEndOffset;
    const records = readAll(before).map((r) => r.value?.toString());
    before.close();
    const log = openLog(dir, { 'segment.bytes': '1000', 'index.interval.bytes': '200' });
    expect(log.logEndOffset).toBe(end);
    expect(log.segmentCount).toBeGreaterThan(3);
    expect(readAll(log).map((r) => r.value?.toString())).toEqual(records);
    expect(log.append(clientBatch(1)).baseOffset).toBe(end);
  });

  it('truncates garbage appended to the tail and continues with the right offsets', () => {
    const dir = dirs.make();
    const before = filled(dir, 30);
    const end = before.logEndOffset;
    const size = before.sizeInBytes;
    before.close();
    const path = activeLogPath(dir);
    const activeSize = statSync(path).size;
    appendFileSync(path, Buffer.from('this is not a record batch at all, just garbage bytes....................'));
    const log = openLog(dir);
    expect(statSync(path).size).toBe(activeSize);
    expect(log.logEndOffset).toBe(end);
    expect(log.sizeInBytes).toBe(size);
    expect(log.append(clientBatch(2)).baseOffset).toBe(end);
    expect(readAll(log).map((r) => r.offset)).toEqual(Array.from({ length: end + 2 }, (_, i) => i));
  });

  it('drops a half-written batch', () => {
    const dir = dirs.make();
    const before = filled(dir, 12);
    const end = before.logEndOffset;
    before.close();
    const path = activeLogPath(dir);
    const activeSize = statSync(path).size;
    const torn = clientBatch(5);
    torn.writeBigInt64BE(BigInt(end), 0);
    appendFileSync(path, torn.subarray(0, torn.length >> 1));
    const log = openLog(dir);
    expect(statSync(path).size).toBe(activeSize);
    expect(log.logEndOffset).toBe(end);
    expect(log.append(clientBatch(1)).baseOffset).toBe(end);
  });

  it('drops a tail batch whose CRC does not match', () => {
    const dir = dirs.make();
    const before = filled(dir, 5);
    before.close();
    const path = activeLogPath(dir);
    const data = readFileSync(path);
    data[data.length - 2] ^= 0x55;
    writeFileSync(path, data);
    const log = openLog(dir);
    expect(log.logEndOffset).toBe(12);
    expect(readAll(log).length).toBe(12);
  });

  it('rebuilds missing or corrupt indexes', () => {
    const dir = dirs.make();
    const before = filled(dir, 40);
    const values = readAll(before).map((r) => r.value?.toString());
    before.close();
    const indexes = readdirSync(dir).filter((n) => n.endsWith('.index') || n.endsWith('.timeindex'));
    rmSync(join(dir, indexes[0]));
    writeFileSync(join(dir, indexes[2]), Buffer.from([0, 0, 0, 9, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0]));
    const log = openLog(dir, { 'segment.bytes': '1000', 'index.interval.bytes': '200' });
    expect(existsSync(join(dir, indexes[0]))).toBe(true);
    expect(readAll(log, 0, 300).map((r) => r.value?.toString())).toEqual(values);
    for (let o = 0; o < log.logEndOffset; o += 7) {
      const [batch] = splitBatches(log.read(o, 1, { minOneBatch: true }).chunks);
      const header = readBatchHeader(batch);
      expect(header.baseOffset <= o && o <= lastOffsetAt(batch)).toBe(true);
    }
  });

  it('recovers an index entry that points past a truncated tail', () => {
    const dir = dirs.make();
    const before = PartitionLog.open(dir, logConfig({ 'index.interval.bytes': '0' }));
    for (let i = 0; i < 10; i++) before.append(clientBatch(2));
    before.close();
    const path = activeLogPath(dir);
    truncateSync(path, statSync(path).size - 30);
    const log = openLog(dir, { 'index.interval.bytes': '0' });
    expect(log.logEndOffset).toBe(18);
    expect(log.append(clientBatch(1)).baseOffset).toBe(18);
    expect(readAll(log).length).toBe(19);
  });
});

describe('offsetForTimestamp', () => {
  it('finds the first record at or after a timestamp, across segments', () => {
    const log = openLog(dirs.make(), { 'segment.bytes': '1500', 'index.interval.bytes': '100' });
    for (let i = 0; i < 50; i++) log.append(clientBatch(4, { timestamp: 1000 + i * 10 }));
    // Batch i holds timestamps 1000 + 10i .. 1000 + 10i + 3 at offsets 4i .. 4i + 3.
    expect(log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 1000 });
    expect(log.offsetForTimestamp(1002)).toEqual({ offset: 2, timestamp: 1002 });
    expect(log.offsetForTimestamp(1005)).toEqual({ offset: 4, timestamp: 1010 });
    expect(log.offsetForTimestamp(1333)).toEqual({ offset: 135, timestamp: 1333 });
    expect(log.offsetForTimestamp(1493)).toEqual({ offset: 199, timestamp: 1493 });
    expect(log.offsetForTimestamp(1494)).toBeNull();
  });

  it('copes with timestamps that go backwards', () => {
    const log = openLog(dirs.make(), { 'index.interval.bytes': '0' });
    log.append(clientBatch(1, { timestamp: 500 }));
    log.append(clientBatch(1, { timestamp: 100 }));
    log.append(clientBatch(1, { timestamp: 300 }));
    log.append(clientBatch(1, { timestamp: 700 }));
    expect(log.offsetForTimestamp(200)).toEqual({ offset: 0, timestamp: 500 });
    expect(log.offsetForTimestamp(600)).toEqual({ offset: 3, timestamp: 700 });
    expect(log.offsetForTimestamp(50)).toEqual({ offset: 0, timestamp: 500 });
  });

  it('works after reopening (time index reloaded)', () => {
    const dir = dirs.make();
    const log = PartitionLog.open(dir, logConfig({ 'segment.bytes': '1500', 'index.interval.bytes': '100' }));
    for (let i = 0; i < 50; i++) log.append(clientBatch(4, { timestamp: 1000 + i * 10 }));
    log.close();
    const reopened = openLog(dir, { 'segment.bytes': '1500', 'index.interval.bytes': '100' });
    expect(reopened.offsetForTimestamp(1333)).toEqual({ offset: 135, timestamp: 1333 });
    expect(reopened.offsetForTimestamp(1490)).toEqual({ offset: 196, timestamp: 1490 });
  });
});

describe('deleteRecordsBefore', () => {
  it('moves the log start, drops whole segments below it, and survives a reopen', () => {
    const dir = dirs.make();
    const entries = { 'segment.bytes': '1000' };
    const log = PartitionLog.open(dir, logConfig(entries));
    for (let i = 0; i < 30; i++) log.append(clientBatch(4));
    const segments = log.segmentCount;
    expect(log.deleteRecordsBefore(50)).toBe(50);
    expect(log.logStartOffset).toBe(50);
    expect(log.segmentCount).toBeLessThan(segments);
    expect(log.segmentBaseOffsets[0]).toBeLessThanOrEqual(50);
    expect(() => log.read(49, 1000, { minOneBatch: true })).toThrow(OffsetOutOfRangeError);
    const [first] = splitBatches(log.read(50, 1, { minOneBatch: true }).chunks);
    expect(readBatchHeader(first).baseOffset).toBe(48);
    expect(log.deleteRecordsBefore(10)).toBe(50);
    expect(() => log.deleteRecordsBefore(1000)).toThrow(OffsetOutOfRangeError);
    log.close();
    const reopened = openLog(dir, entries);
    expect(reopened.logStartOffset).toBe(50);
    expect(reopened.logEndOffset).toBe(120);
    expect(readAll(reopened).map((r) => r.offset)).toEqual(Array.from({ length: 70 }, (_, i) => 50 + i));
    expect(reopened.offsetForTimestamp(0)?.offset).toBe(50);
  });

  it('can empty the log entirely', () => {
    const dir = dirs.make();
    const log = PartitionLog.open(dir, logConfig({ 'segment.bytes': '500' }));
    for (let i = 0; i < 10; i++) log.append(clientBatch(2));
    expect(log.deleteRecordsBefore(20)).toBe(20);
    expect(log.read(20, 1000, { minOneBatch: true }).bytes).toBe(0);
    log.close();
    const reopened = openLog(dir, { 'segment.bytes': '500' });
    expect([reopened.logStartOffset, reopened.logEndOffset]).toEqual([20, 20]);
    expect(reopened.append(clientBatch(1)).baseOffset).toBe(20);
  });
});

describe('retention', () => {
  it('deletes sealed segments older than retention.ms, never the active one', () => {
    const log = openLog(dirs.make(), { 'segment.bytes': '800', 'retention.ms': '1000' });
    for (let i = 0; i < 20; i++) log.append(clientBatch(3, { timestamp: 10_000 + i * 100 }));
    const segments = log.segmentCount;
    expect(log.enforceRetention(10_500)).toBe(0);
    const deleted = log.enforceRetention(12_000);
    expect(deleted).toBeGreaterThan(0);
    expect(log.segmentCount).toBe(segments - deleted);
    expect(log.logStartOffset).toBe(log.segmentBaseOffsets[0]);
    expect(log.enforceRetention(100_000)).toBe(segments - deleted - 1);
    expect(log.segmentCount).toBe(1);
    expect(log.logEndOffset).toBe(60);
  });

  it('deletes the oldest segments beyond retention.bytes', () => {
    const log = openLog(dirs.make(), { 'segment.bytes': '800', 'retention.bytes': '1600' });
    for (let i = 0; i < 30; i++) log.append(clientBatch(3, { timestamp: Date.now() }));
    const segments = log.segmentCount;
    expect(log.sizeInBytes).toBeGreaterThan(1600);
    log.enforceRetention(Date.now());
    // Kafka's rule: a segment goes only if the log is still at least retention.bytes without it.
    expect(log.segmentCount).toBeLessThan(segments);
    expect(log.sizeInBytes).toBeGreaterThanOrEqual(1600);
    expect(log.sizeInBytes).toBeLessThan(1600 + 800);
    expect(readAll(log).length).toBe(log.logEndOffset - log.logStartOffset);
  });

  it('keeps everything with retention -1 or without the delete policy', () => {
    const a = openLog(dirs.make(), { 'segment.bytes': '800', 'retention.ms': '-1' });
    const b = openLog(dirs.make(), { 'segment.bytes': '800', 'retention.ms': '1', 'cleanup.policy': 'compact' });
    for (let i = 0; i < 10; i++) {
      a.append(clientBatch(3, { timestamp: 1 }));
      b.append(clientBatch(3, { timestamp: 1 }));
    }
    expect(a.enforceRetention(Date.now())).toBe(0);
    expect(b.enforceRetention(Date.now())).toBe(0);
  });
});

describe('close and delete', () => {
  it('deleteFiles removes the partition directory', () => {
    const dir = dirs.make();
    const log = PartitionLog.open(join(dir, 'topic-0'), logConfig());
    log.append(clientBatch(1));
    log.flush();
    log.deleteFiles();
    expect(existsSync(join(dir, 'topic-0'))).toBe(false);
  });

  it('writes batches exactly as appended (served verbatim)', () => {
    const dir = dirs.make();
    const log = openLog(dir);
    const batch = buildBatch({ records: [{ key: 'a', value: 'b', timestamp: 5 }] });
    log.append(batch);
    expect(readFileSync(activeLogPath(dir)).equals(batch)).toBe(true);
  });
});
