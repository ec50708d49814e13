/** Types of the lean consumer's public API. */

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** One fetched record; key, value and header values are views into the fetched response. */
export interface ConsumedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  /** In offset order; never empty. */
  records: ConsumedRecord[];
}

export interface OffsetToCommit {
  topic: string;
  partition: number;
  /** The next offset to consume (last processed + 1), as Kafka stores it. */
  offset: number;
}
