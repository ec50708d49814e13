/**
 * Connect's error for data that does not fit its schema or cannot be converted
 * (org.apache.kafka.connect.errors.DataException). Messages keep Kafka's wording,
 * since users search for them.
 */
export class DataException extends Error {
  /** The topic of the record being converted, when known (converters fill it in as the error passes). */
  topic: string | undefined;

  constructor(message: string, options: { topic?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataException';
    this.topic = options.topic;
  }
}

/** A SchemaBuilder misuse (Kafka's SchemaBuilderException, itself a DataException). */
export class SchemaBuilderException extends DataException {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SchemaBuilderException';
  }
}
