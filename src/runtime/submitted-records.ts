/**
 * Tracks source records between poll and producer acknowledgement, so that the offset flushed for
 * each source partition is that of the latest record such that it and every earlier record of the
 * partition were acknowledged (Kafka Connect's SubmittedRecords): a crash never skips an unsent record.
 */
import type { SourceMap } from '../data/index.js';

export interface SubmittedRecord {
  readonly partitionKey: string;
  readonly partition: SourceMap;
  readonly offset: SourceMap | null;
  acked: boolean;
}

export interface CommittableOffsets {
  offsets: Map<string, { partition: SourceMap; offset: SourceMap | null }>;
  /** Records still awaiting acknowledgement. */
  pending: number;
}

/** Tasks usually reuse one partition object: remember its key instead of serializing it per record. */
const partitionKeys = new WeakMap<SourceMap, string>();

function partitionKeyOf(partition: SourceMap): string {
  let key = partitionKeys.get(partition);
  if (key === undefined) partitionKeys.set(partition, (key = JSON.stringify(partition)));
  return key;
}

/**
 * A partition's records in submission order. Acknowledged records at the head are dropped as their
 * acks arrive (only the latest is kept, as what the next flush commits), so a fast source with a
 * long flush interval holds just the records still in flight, not every record since the last flush.
 */
class PartitionQueue {
  records: SubmittedRecord[] = [];
  head = 0;
  committable: SubmittedRecord | null = null;

  get empty(): boolean {
    return this.head === this.records.length;
  }

  advance(): void {
    const records = this.records;
    let head = this.head;
    while (head < records.length && records[head].acked) this.committable = records[head++];
    if (head === records.length) {
      this.records = [];
      this.head = 0;
    } else if (head > 1024 && head * 2 > records.length) {
      this.records = records.slice(head);
      this.head = 0;
    } else {
      this.head = head;
    }
  }
}

export class SubmittedRecords {
  private readonly byPartition = new Map<string, PartitionQueue>();
  private outstanding = 0;
  private drainWaiters: (() => void)[] = [];

  /** Returns null for records without a source partition (not tracked). */
  submit(partition: SourceMap | null, offset: SourceMap | null): SubmittedRecord | null {
    if (partition === null) return null;
    const partitionKey = partitionKeyOf(partition);
    const record: SubmittedRecord = { partitionKey, partition, offset, acked: false };
    let queue = this.byPartition.get(partitionKey);
    if (queue === undefined) this.byPartition.set(partitionKey, (queue = new PartitionQueue()));
    queue.records.push(record);
    this.outstanding++;
    return record;
  }

  ack(record: SubmittedRecord | null): void {
    if (record === null || record.acked) return;
    record.acked = true;
    this.outstanding--;
    const queue = this.byPartition.get(record.partitionKey);
    if (queue !== undefined && queue.records[queue.head] === record) queue.advance();
    if (this.outstanding === 0) for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Returns, per partition, the offset its acknowledged prefix reaches, and forgets that prefix. */
  committableOffsets(): CommittableOffsets {
    const offsets = new Map<string, { partition: SourceMap; offset: SourceMap | null }>();
    for (const [key, queue] of this.byPartition) {
      const last = queue.committable;
      if (last !== null) {
        offsets.set(key, { partition: last.partition, offset: last.offset });
        queue.committable = null;
      }
      if (queue.empty) this.byPartition.delete(key);
    }
    return { offsets, pending: this.outstanding };
  }

  /** Records held: those not yet acknowledged and those acknowledged behind one that is not. */
  retained(): number {
    let count = 0;
    for (const queue of this.byPartition.values()) count += queue.records.length - queue.head;
    return count;
  }

  /** Resolves true once nothing is outstanding, false after `timeoutMs`. */
  awaitAllAcked(timeoutMs: number): Promise<boolean> {
    if (this.outstanding === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.drainWaiters.push(done);
    });
  }
}
