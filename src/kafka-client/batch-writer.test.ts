import { describe, expect, it } from 'vitest';
import { buildBatch, readRecords, validateProducedBatches } from '../broker/records/batch.js';
import type { CompressionCodec } from '../broker/records/compression.js';
import { recordSizeBound, writeBatch } from './batch-writer.js';
import { packRequests, planBatches } from './plan.js';
import type { ProducerRecord } from './types.js';

const NOW = 1_700_000_000_000;

function sample(): ProducerRecord[] {
  return [
    { key: Buffer.from('k1'), value: Buffer.from('v1') },
    { key: null, value: null, timestamp: NOW - 86_400_000 },
    { key: Buffer.alloc(0), value: Buffer.alloc(300, 7), headers: [['ключ', Buffer.from('значение')], ['null', null], ['', Buffer.alloc(0)]], timestamp: NOW + 5 },
    { key: Buffer.from('big'), value: Buffer.alloc(70_000, 1), timestamp: NOW + 2 ** 40 },
  ];
}

describe('writeBatch', () => {
  it('writes exactly the batch the broker-side builder writes (uncompressed)', () => {
    const records = sample();
    const order = Int32Array.from(records.keys());
    const ours = writeBatch(records, order, 0, records.length, NOW, 0);
    const reference = buildBatch({
      partitionLeaderEpoch: -1,
      records: records.map((r) => ({
        timestamp: r.timestamp ?? NOW,
        key: r.key,
        value: r.value,
        headers: (r.headers ?? []).map(([key, value]) => ({ key, value })),
      })),
    });
    expect(ours.equals(reference)).toBe(true);
  });

  for (const codec of [0, 1, 2, 3, 4] as CompressionCodec[]) {
    it(`codec ${codec}: passes produce validation and decodes to the input`, () => {
      const records = sample();
      const order = Int32Array.from([3, 1, 0, 2]);
      const batch = writeBatch(records, order, 1, 4, NOW, codec);
      const validated = validateProducedBatches(batch);
      expect(validated.ok).toBe(true);
      if (validated.ok) {
        expect(validated.batches[0]).toMatchObject({ compression: codec, producerId: -1, producerEpoch: -1, baseSequence: -1, recordsCount: 3, lastOffsetDelta: 2 });
        expect(validated.batches[0].maxTimestamp).toBe(NOW + 5);
      }
      const decoded = [...readRecords(batch)];
      expect(decoded.map((r) => r.offset)).toEqual([0, 1, 2]);
      [1, 0, 2].forEach((index, i) => {
        const r = records[index];
        expect(decoded[i].timestamp).toBe(r.timestamp ?? NOW);
        expect(decoded[i].key).toEqual(r.key);
        expect(decoded[i].value).toEqual(r.value);
        expect(decoded[i].headers).toEqual((r.headers ?? []).map(([key, value]) => ({ key, value })));
      });
    });
  }

  it('never writes more than recordSizeBound per record', () => {
    for (const r of sample()) {
      const batch = writeBatch([r], Int32Array.of(0), 0, 1, NOW, 0);
      expect(batch.length - 61).toBeLessThanOrEqual(recordSizeBound(r));
    }
  });
});

describe('planBatches / packRequests', () => {
  it('groups by partition in send order and cuts batches at the size budget', () => {
    const records: ProducerRecord[] = Array.from({ length: 10 }, () => ({ key: null, value: Buffer.alloc(100) }));
    const partitions = Int32Array.from([1, 0, 1, 1, 0, 2, 1, 1, 0, 1]);
    const budget = 61 + 3 * recordSizeBound(records[0]);
    const { order, slices } = planBatches(records, partitions, 3, budget);
    expect([...order]).toEqual([1, 4, 8, 0, 2, 3, 6, 7, 9, 5]);
    expect(slices).toEqual([
      { partition: 0, from: 0, to: 3 },
      { partition: 1, from: 3, to: 6 },
      { partition: 1, from: 6, to: 9 },
      { partition: 2, from: 9, to: 10 },
    ]);
  });

  it('puts at most one batch per partition in a request, keeping each partition in order', () => {
    const b = (partition: number, size: number) => ({ partition, bytes: Buffer.alloc(size) });
    const batches = [b(0, 10), b(0, 10), b(0, 10), b(1, 10), b(2, 50)];
    const requests = packRequests(batches, 40);
    expect(requests.map((r) => r.map((x) => `${x.partition}`))).toEqual([['0', '1'], ['0'], ['0'], ['2']]);
    expect(requests[0][0]).toBe(batches[0]);
    expect(requests[1][0]).toBe(batches[1]);
  });
});
