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

export class SubmittedRecords {
  private readonly byPartition = new Map<string, SubmittedRecord[]>();
  private outstanding = 0;
  private drainWaiters: (() => void)[] = [];

  /** Returns null for records without a source partition (not tracked). */
  submit(partition: SourceMap | null, offset: SourceMap | null): SubmittedRecord | null {
    if (partition === null) return null;
    const partitionKey = partitionKeyOf(partition);
    const record: SubmittedRecord = { partitionKey, partition, offset, acked: false };
    let queue = this.byPartition.get(partitionKey);
    if (queue === undefined) this.byPartition.set(partitionKey, (queue = []));
    queue.push(record);
    this.outstanding++;
    return record;
  }

  ack(record: SubmittedRecord | null): void {
    if (record === null || record.acked) return;
    record.acked = true;
    this.outstanding--;
    if (this.outstanding === 0) for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Removes acknowledged prefixes and returns, per partition, the offset they reach. */
  committableOffsets(): CommittableOffsets {
    const offsets = new Map<string, { partition: SourceMap; offset: SourceMap | null }>();
    for (const [key, queue] of this.byPartition) {
      let i = 0;
      while (i < queue.length && queue[i].acked) i++;
      if (i === 0) continue;
      const last = queue[i - 1];
      offsets.set(key, { partition: last.partition, offset: last.offset });
      queue.splice(0, i);
      if (queue.length === 0) this.byPartition.delete(key);
    }
    return { offsets, pending: this.outstanding };
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
