/** Errors of the partition log that map to Kafka error codes. */

export class OffsetOutOfRangeError extends Error {
  readonly errorCode = 1;

  constructor(
    readonly offset: number,
    readonly logStartOffset: number,
    readonly logEndOffset: number,
  ) {
    super(`offset ${offset} is outside the log range [${logStartOffset}, ${logEndOffset}]`);
  }
}

export class RecordBatchTooLargeError extends Error {
  readonly errorCode = 10;

  constructor(
    readonly size: number,
    readonly maxMessageBytes: number,
  ) {
    super(`batch of ${size} bytes exceeds max.message.bytes ${maxMessageBytes}`);
  }
}
