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

/** Java class names of our error types, as Kafka Connect writes them into DLQ headers and logs. */
const JAVA_ERROR_CLASSES: Record<string, string> = {
  DataException: 'org.apache.kafka.connect.errors.DataException',
  ConnectException: 'org.apache.kafka.connect.errors.ConnectException',
  RetriableException: 'org.apache.kafka.connect.errors.RetriableException',
  ConfigException: 'org.apache.kafka.common.config.ConfigException',
  TransformationError: 'org.apache.kafka.connect.errors.ConnectException',
  SchemaBuilderException: 'org.apache.kafka.connect.errors.SchemaBuilderException',
  TypeError: 'java.lang.IllegalArgumentException',
  RangeError: 'java.lang.IllegalArgumentException',
  SyntaxError: 'org.apache.kafka.connect.errors.DataException',
};

export function javaErrorClass(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  return JAVA_ERROR_CLASSES[name] ?? (name.includes('.') ? name : 'java.lang.RuntimeException');
}
