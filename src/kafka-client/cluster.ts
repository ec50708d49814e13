/** What the producer knows of the cluster: brokers by node id, and each topic's partition leaders. */
import type { ClientMetadataResponse } from './specs.js';

export interface BrokerAddress {
  host: string;
  port: number;
}

export interface TopicLayout {
  /** Topic-level error of the last metadata answer (0 when the topic is usable). */
  errorCode: number;
  /** Leader node id per partition, -1 while there is none. */
  leaders: Int32Array;
  /** Partition-level error of the last metadata answer, per partition. */
  partitionErrors: Int16Array;
  /** Partitions that have a leader, for the sticky partitioner. */
  available: Int32Array;
}

export class ClusterMetadata {
  readonly brokers = new Map<number, BrokerAddress>();
  /** From Metadata v2+; null before the first answer or from older brokers. */
  clusterId: string | null = null;
  private readonly topics = new Map<string, TopicLayout>();

  topic(name: string): TopicLayout | undefined {
    return this.topics.get(name);
  }

  update(response: ClientMetadataResponse): void {
    if (typeof response.clusterId === 'string') this.clusterId = response.clusterId;
    for (const b of response.brokers) this.brokers.set(b.nodeId, { host: b.host, port: b.port });
    for (const t of response.topics) {
      let count = 0;
      for (const p of t.partitions) count = Math.max(count, p.partitionIndex + 1);
      const leaders = new Int32Array(count).fill(-1);
      const partitionErrors = new Int16Array(count);
      for (const p of t.partitions) {
        leaders[p.partitionIndex] = p.leaderId;
        partitionErrors[p.partitionIndex] = p.errorCode;
      }
      const available: number[] = [];
      for (let i = 0; i < count; i++) if (leaders[i] >= 0 && this.brokers.has(leaders[i])) available.push(i);
      this.topics.set(t.name, { errorCode: t.errorCode, leaders, partitionErrors, available: Int32Array.from(available) });
    }
  }

  forget(topic: string): void {
    this.topics.delete(topic);
  }
}
