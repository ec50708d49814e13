/** What failed and on which record: what error reporters log and write to dead letter queues. */
export type Stage =
  | 'KEY_CONVERTER'
  | 'VALUE_CONVERTER'
  | 'HEADER_CONVERTER'
  | 'TRANSFORMATION'
  | 'TASK_PUT'
  | 'TASK_POLL'
  | 'KAFKA_PRODUCE'
  | 'KAFKA_CONSUME';

/** The record as it is (or would be) on the wire, for the DLQ: raw bytes, headers, timestamp. */
export interface RawRecord {
  topic: string;
  partition: number | null;
  offset: bigint | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
  timestamp: number | null;
}

export interface ProcessingFailure {
  stage: Stage;
  /** The class doing the work: converter, transform or task class name. */
  executingClass: string;
  error: unknown;
  record: RawRecord;
  /** Text of the Connect record for `errors.log.include.messages`. */
  describeRecord?: () => string;
}

export { javaErrorClass } from '../errors.js';
