import { createRequire } from 'node:module';
import { compressSync as rawSnappy } from 'snappy';
import { describe, expect, it } from 'vitest';
import {
  BATCH_HEADER_BYTES,
  buildBatch,
  buildControlBatch,
  computeBatchCrc,
  controlTypeOf,
  isBatchIntact,
  readBatchHeader,
  readRecords,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  validateProducedBatches,
  type BatchRecordInput,
} from './batch.js';
import { Compression, compress, decompress, type CompressionCodec } from './compression.js';
import { encodeRecords } from './record.js';

const CODECS: [string, CompressionCodec][] = [
  ['none', Compression.None],
  ['gzip', Compression.Gzip],
  ['snappy', Compression.Snappy],
  ['lz4', Compression.Lz4],
  ['zstd', Compression.Zstd],
];

function sampleRecords(n: number, t0 = 1_700_000_000_000): BatchRecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    timestamp: t0 + i * 7,
    key: i % 3 === 0 ? null : `key-${i}`,
    value: i % 5 === 4 ? null : `value-${i}-`.repeat(1 + (i % 4)),
    headers: i % 2 === 0 ? [{ key: 'app', value: 'verify' }, { key: 'empty', value: null }] : [],
  }));
}

/** A batch as librdkafka writes it with snappy: one raw block, no xerial framing. */
function rawSnappyBatch(records: BatchRecordInput[]): Buffer {
  const plain = buildBatch({ records });
  const body = rawSnappy(plain.subarray(BATCH_HEADER_BYTES));
  const batch = Buffer.concat([plain.subarray(0, BATCH_HEADER_BYTES), body]);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt16BE(Compression.Snappy, 21);
  batch.writeUInt32BE(computeBatchCrc(batch), 17);
  return batch;
}

describe('compression', () => {
  const data = Buffer.from('the quick brown fox jumps over the lazy dog '.repeat(5000));
  it.each(CODECS)('round-trips %s', (_name, codec) => {
    expect(decompress(codec, compress(codec, data)).equals(data)).toBe(true);
  });

  it('writes xerial-framed snappy in 32 KiB blocks and reads it back', () => {
    const framed = compress(Compression.Snappy, data);
    expect(framed.subarray(0, 8).equals(Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]))).toBe(true);
    expect(framed.readInt32BE(8)).toBe(1);
    expect(framed.readInt32BE(12)).toBe(1);
    expect(decompress(Compression.Snappy, framed).equals(data)).toBe(true);
  });

  it('reads raw snappy blocks (librdkafka)', () => {
    expect(decompress(Compression.Snappy, rawSnappy(data)).equals(data)).toBe(true);
  });
});

describe('record batches', () => {
  it.each(CODECS)('round-trips records with %s', (_name, codec) => {
    const input = sampleRecords(50);
    const batch = buildBatch({ baseOffset: 100, records: input, compression: codec, producerId: 7, producerEpoch: 2, baseSequence: 11 });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({
      baseOffset: 100,
      magic: 2,
      compression: codec,
      lastOffsetDelta: 49,
      recordsCount: 50,
      producerId: 7,
      producerEpoch: 2,
      baseSequence: 11,
      baseTimestamp: input[0].timestamp,
      maxTimestamp: input[49].timestamp,
      timestampType: 'CreateTime',
      isControl: false,
      isTransactional: false,
    });
    expect(header.batchLength).toBe(batch.length - 12);
    expect(isBatchIntact(batch)).toBe(true);
    const out = [...readRecords(batch)];
    expect(out).toHaveLength(50);
    out.forEach((r, i) => {
      expect(r.offset).toBe(100 + i);
      expect(r.timestamp).toBe(input[i].timestamp);
      expect(r.key?.toString() ?? null).toBe(input[i].key);
      expect(r.value?.toString() ?? null).toBe(input[i].value);
      expect(r.headers.map((h) => [h.key, h.value?.toString() ?? null])).toEqual(
        (input[i].headers ?? []).map((h) => [h.key, h.value]),
      );
    });
  });

  it('decodes a raw-snappy batch as librdkafka produces it', () => {
    const batch = rawSnappyBatch(sampleRecords(20));
    expect(validateProducedBatches(batch).ok).toBe(true);
    expect([...readRecords(batch)].map((r) => r.value?.toString() ?? null)).toEqual(sampleRecords(20).map((r) => r.value));
  });

  it('decodes a xerial-snappy batch as Java clients produce it', () => {
    const batch = buildBatch({ records: sampleRecords(20), compression: Compression.Snappy });
    expect(batch.subarray(BATCH_HEADER_BYTES, BATCH_HEADER_BYTES + 8).toString('latin1')).toBe('\x82SNAPPY\x00');
    expect([...readRecords(batch)].map((r) => r.key?.toString() ?? null)).toEqual(sampleRecords(20).map((r) => r.key));
  });

  it('keeps original offsets with gaps and a wider lastOffsetDelta (compaction output)', () => {
    const batch = buildBatch({
      baseOffset: 10,
      lastOffsetDelta: 9,
      records: [
        { offset: 12, key: 'a', value: '1', timestamp: 5 },
        { offset: 15, key: 'b', value: null, timestamp: 3 },
      ],
      deleteHorizonMs: 1000,
    });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({ baseOffset: 10, lastOffsetDelta: 9, recordsCount: 2, hasDeleteHorizon: true, baseTimestamp: 1000, maxTimestamp: 5 });
    expect([...readRecords(batch)].map((r) => [r.offset, r.timestamp])).toEqual([
      [12, 5],
      [15, 3],
    ]);
  });

  it('builds transaction markers', () => {
    const marker = buildControlBatch({ baseOffset: 3, type: 'commit', producerId: 9, producerEpoch: 1, coordinatorEpoch: 4 });
    const header = readBatchHeader(marker);
    expect(header).toMatchObject({ isControl: true, isTransactional: true, producerId: 9, recordsCount: 1 });
    const [record] = [...readRecords(marker)];
    expect(controlTypeOf(record.key)).toBe('commit');
    expect(record.value?.readInt32BE(2)).toBe(4);
  });

  it('encodes varints like Kafka (zig-zag, negative and large deltas)', () => {
    const records = encodeRecords([{ offsetDelta: 0, timestampDelta: -1, key: null, value: Buffer.from('x'), headers: [] }]);
    // length 7, attrs 0, ts delta -1 -> 1, offset delta 0, key -1 -> 1, value length 1 -> 2, 'x', 0 headers
    expect([...records]).toEqual([14, 0, 1, 0, 1, 2, 0x78, 0]);
    const big = buildBatch({ records: [{ timestamp: 1 }, { timestamp: 2 ** 45 }] });
    expect([...readRecords(big)].map((r) => r.timestamp)).toEqual([1, 2 ** 45]);
  });
});

describe('validateProducedBatches', () => {
  const good = (): Buffer => buildBatch({ records: sampleRecords(3), baseOffset: 0 });

  it('accepts well-formed batches, several in a row', () => {
    const result = validateProducedBatches(Buffer.concat([good(), good()]));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.batches).toHaveLength(2);
      expect(result.batches[0].recordsCount).toBe(3);
      expect(result.batches[1].bytes.length).toBe(good().length);
    }
  });

  it('rejects a CRC mismatch with CORRUPT_MESSAGE', () => {
    const batch = good();
    batch[batch.length - 1] ^= 0xff;
    expect(validateProducedBatches(batch)).toMatchObject({ ok: false, errorCode: 2 });
  });

  it('rejects lengths that do not match the bytes with CORRUPT_MESSAGE', () => {
    const batch = good();
    expect(validateProducedBatches(batch.subarray(0, batch.length - 1))).toMatchObject({ ok: false, errorCode: 2 });
    expect(validateProducedBatches(Buffer.concat([batch, Buffer.alloc(5)]))).toMatchObject({ ok: false, errorCode: 2 });
  });

  it('rejects old message formats and unknown magics', () => {
    const v1 = good();
    v1[16] = 1;
    expect(validateProducedBatches(v1)).toMatchObject({ ok: false, errorCode: 43 });
    const v3 = good();
    v3[16] = 3;
    expect(validateProducedBatches(v3)).toMatchObject({ ok: false, errorCode: 2 });
  });

  it('rejects control batches, bad counts and missing sequences with INVALID_RECORD', () => {
    const control = buildBatch({ records: sampleRecords(1), isControl: true });
    expect(validateProducedBatches(control)).toMatchObject({ ok: false, errorCode: 87 });
    const noSequence = buildBatch({ records: sampleRecords(2), producerId: 5, producerEpoch: 0, baseSequence: -1 });
    expect(validateProducedBatches(noSequence)).toMatchObject({ ok: false, errorCode: 87 });
    const badCount = buildBatch({ records: sampleRecords(2) });
    badCount.writeInt32BE(5, 57);
    badCount.writeUInt32BE(computeBatchCrc(badCount), 17);
    expect(validateProducedBatches(badCount)).toMatchObject({ ok: false, errorCode: 87 });
    expect(validateProducedBatches(Buffer.alloc(0))).toMatchObject({ ok: false, errorCode: 87 });
  });
});

describe('broker edits on append', () => {
  it('sets base offset and leader epoch without breaking the CRC', () => {
    const batch = buildBatch({ records: sampleRecords(4), partitionLeaderEpoch: -1 });
    setBaseOffset(batch, 2 ** 40 + 3);
    setPartitionLeaderEpoch(batch, 0);
    expect(isBatchIntact(batch)).toBe(true);
    expect(readBatchHeader(batch)).toMatchObject({ baseOffset: 2 ** 40 + 3, partitionLeaderEpoch: 0 });
    expect([...readRecords(batch)].map((r) => r.offset)).toEqual([0, 1, 2, 3].map((i) => 2 ** 40 + 3 + i));
  });

  it('stamps LogAppendTime, re-signs, and readers see the broker time', () => {
    const batch = buildBatch({ records: sampleRecords(3), compression: Compression.Lz4 });
    setLogAppendTime(batch, 1_800_000_000_000);
    expect(isBatchIntact(batch)).toBe(true);
    expect(readBatchHeader(batch)).toMatchObject({ timestampType: 'LogAppendTime', maxTimestamp: 1_800_000_000_000 });
    expect([...readRecords(batch)].map((r) => r.timestamp)).toEqual([1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000]);
    expect([...readRecords(batch, { storedTimestamps: true })].map((r) => r.timestamp)).toEqual(sampleRecords(3).map((r) => r.timestamp));
  });
});

describe('interoperability with kafkajs 2.2.4', () => {
  const require = createRequire(import.meta.url);
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
    RecordBatch: (opts: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (opts: Record<string, unknown>) => unknown;
  const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<{ records: { key: Buffer | null; value: Buffer | null; offset: string; headers: Record<string, Buffer> }[] }>;
  const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;

  it('accepts and reads a gzip batch encoded by kafkajs', async () => {
    const now = 1_700_000_000_000;
    const records = [0, 1, 2].map((i) => Record({ offsetDelta: i, timestampDelta: i, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`), headers: { h: 'x' } }));
    const encoded = await RecordBatch({ compression: 1, records, firstTimestamp: now, maxTimestamp: now + 2, lastOffsetDelta: 2, producerEpoch: 0, firstSequence: 0 });
    // kafkajs writes the int64 baseOffset and then the rest as int32-length-prefixed bytes, i.e. the batch.
    const batch = encoded.buffer;
    const result = validateProducedBatches(batch);
    expect(result.ok).toBe(true);
    expect([...readRecords(batch)].map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString(), r.headers[0]?.key])).toEqual([
      [0, now, 'k0', 'v0', 'h'],
      [1, now + 1, 'k1', 'v1', 'h'],
      [2, now + 2, 'k2', 'v2', 'h'],
    ]);
  });

  it('kafkajs decodes a batch built here', async () => {
    const batch = buildBatch({ baseOffset: 40, records: sampleRecords(5), compression: Compression.Gzip });
    const decoded = await decodeBatch(new Decoder(batch));
    expect(decoded.records.map((r) => r.offset)).toEqual(['40', '41', '42', '43', '44']);
    expect(decoded.records.map((r) => r.value?.toString() ?? null)).toEqual(sampleRecords(5).map((r) => r.value));
  });
});
