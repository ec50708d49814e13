/**
 * Kafka's default partitioning: an explicit partition wins; a keyed record goes to
 * toPositive(murmur2(key)) % partitions; null-keyed records of one send() all go to one partition
 * ("sticky", so they make one batch), chosen round-robin per topic among partitions with a leader.
 */
import { murmur2, toPositive } from './murmur2.js';
import type { ProducerRecord } from './types.js';

export class Partitioner {
  private readonly sticky = new Map<string, number>();

  /** Partition per record into `out`. Explicit partitions are copied as given (validated by the caller). */
  assign(topic: string, records: readonly ProducerRecord[], partitionCount: number, available: Int32Array, out: Int32Array): void {
    let stickyPartition = -1;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r.partition !== undefined) {
        out[i] = r.partition;
      } else if (r.key !== null) {
        out[i] = toPositive(murmur2(r.key)) % partitionCount;
      } else {
        if (stickyPartition < 0) stickyPartition = this.nextSticky(topic, partitionCount, available);
        out[i] = stickyPartition;
      }
    }
  }

  private nextSticky(topic: string, partitionCount: number, available: Int32Array): number {
    const n = (this.sticky.get(topic) ?? Math.floor(Math.random() * 0x7fffffff)) + 1;
    this.sticky.set(topic, n % 0x7fffffff);
    return available.length > 0 ? available[n % available.length] : n % partitionCount;
  }
}
