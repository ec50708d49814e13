/** The producer's public record and acknowledgement shapes. */

export interface ProducerRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** Header keys are UTF-8 strings; values may be null. */
  headers?: [string, Buffer | null][];
  /** Create time in ms since the epoch; defaults to the time of send(). */
  timestamp?: number;
  /** Explicit partition; otherwise murmur2 of the key, or sticky round-robin for null keys. */
  partition?: number;
}

/** Where one record landed; offset is -1 with acks=0 (the broker does not answer). */
export interface RecordAck {
  partition: number;
  offset: bigint;
}
