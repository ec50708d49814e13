/**
 * Turning one send()'s records into batches and requests: a stable counting sort by partition,
 * partitions cut into size-bounded batch slices, and slices packed into requests holding at most
 * one batch per partition (Kafka's rule for Produce v3+) and at most maxRequestBytes.
 */
import { recordSizeBound } from './batch-writer.js';
import type { ProducerRecord } from './types.js';

export interface BatchSlice {
  partition: number;
  /** Range in `order` (positions into the send's records). */
  from: number;
  to: number;
}

export interface BatchPlan {
  /** Record indexes grouped by partition, each group in send order. */
  order: Int32Array;
  slices: BatchSlice[];
}

/** Bytes a Produce request spends besides its batches (header, client id, topic, per partition). */
export function requestOverhead(clientId: string, topic: string): number {
  return 64 + Buffer.byteLength(clientId) + Buffer.byteLength(topic);
}
export const PER_PARTITION_OVERHEAD = 8;

export function planBatches(records: readonly ProducerRecord[], partitions: Int32Array, partitionCount: number, maxBatchBytes: number): BatchPlan {
  const n = records.length;
  const starts = new Int32Array(partitionCount + 1);
  for (let i = 0; i < n; i++) starts[partitions[i] + 1]++;
  for (let p = 0; p < partitionCount; p++) starts[p + 1] += starts[p];
  const next = starts.slice(0, partitionCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[partitions[i]]++] = i;

  const slices: BatchSlice[] = [];
  for (let p = 0; p < partitionCount; p++) {
    const end = starts[p + 1];
    let from = starts[p];
    let bytes = 61;
    for (let k = from; k < end; k++) {
      const size = recordSizeBound(records[order[k]]);
      if (k > from && bytes + size > maxBatchBytes) {
        slices.push({ partition: p, from, to: k });
        from = k;
        bytes = 61;
      }
      bytes += size;
    }
    if (end > from) slices.push({ partition: p, from, to: end });
  }
  return { order, slices };
}

/**
 * Packs batches (in slice order) into requests: each request has room for `budget` bytes of
 * batches and one batch per partition; a partition's later batches go to later requests.
 */
export function packRequests<T extends { partition: number; bytes: Buffer }>(batches: readonly T[], budget: number): T[][] {
  const requests: { batches: T[]; bytes: number; partitions: Set<number> }[] = [];
  const lastRequestOf = new Map<number, number>();
  for (const b of batches) {
    const size = b.bytes.length + PER_PARTITION_OVERHEAD;
    let target = -1;
    for (let r = (lastRequestOf.get(b.partition) ?? -1) + 1; r < requests.length; r++) {
      const req = requests[r];
      if (req.bytes + size <= budget && !req.partitions.has(b.partition)) {
        target = r;
        break;
      }
    }
    if (target < 0) {
      target = requests.length;
      requests.push({ batches: [], bytes: 0, partitions: new Set() });
    }
    const req = requests[target];
    req.batches.push(b);
    req.bytes += size;
    req.partitions.add(b.partition);
    lastRequestOf.set(b.partition, target);
  }
  return requests.map((r) => r.batches);
}
