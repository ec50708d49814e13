/**
 * Record batch format v2 (magic 2): header parsing, validation of produced batches, the in-place
 * edits the broker makes on append, building batches, and iterating their records.
 *
 * Layout (big-endian): baseOffset int64 @0, batchLength int32 @8, partitionLeaderEpoch int32 @12,
 * magic int8 @16, crc uint32 @17 (CRC-32C of bytes 21..end), attributes int16 @21,
 * lastOffsetDelta int32 @23, baseTimestamp int64 @27, maxTimestamp int64 @35, producerId int64 @43,
 * producerEpoch int16 @51, baseSequence int32 @53, recordsCount int32 @57, records @61.
 */
import { crc32c } from './crc.js';
import { compress, Compression, decompress, isCompressionCodec, type CompressionCodec } from './compression.js';
import { decodeRecords, encodeRecords, type LogRecord, type RecordHeader } from './record.js';

export type { LogRecord, RecordHeader } from './record.js';

/** Bytes before a batch's batchLength-counted part (baseOffset + batchLength). */
export const LOG_OVERHEAD = 12;
export const BATCH_HEADER_BYTES = 61;
export const MAGIC_V2 = 2;

const BASE_OFFSET_AT = 0;
const BATCH_LENGTH_AT = 8;
const PARTITION_LEADER_EPOCH_AT = 12;
const MAGIC_AT = 16;
const CRC_AT = 17;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const BASE_TIMESTAMP_AT = 27;
const MAX_TIMESTAMP_AT = 35;
const PRODUCER_ID_AT = 43;
const PRODUCER_EPOCH_AT = 51;
const BASE_SEQUENCE_AT = 53;
const RECORDS_COUNT_AT = 57;

const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME_BIT = 0x08;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;
const DELETE_HORIZON_BIT = 0x40;

const TWO_32 = 2 ** 32;

/** Kafka error codes produced by batch validation. */
export const BatchError = {
  CORRUPT_MESSAGE: 2,
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  INVALID_RECORD: 87,
} as const;

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  /** Codec id 0-7 as stored; only 0-4 exist. */
  compression: number;
  timestampType: TimestampType;
  isTransactional: boolean;
  isControl: boolean;
  /** Set by compaction when the batch's tombstones/markers have a delete horizon (stored as baseTimestamp). */
  hasDeleteHorizon: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordsCount: number;
}

/** A batch from a produce request, parsed and checked, with its bytes (a view into the request). */
export interface ValidatedBatch extends BatchHeader {
  bytes: Buffer;
}

export type ProducedBatchesResult =
  | { ok: true; batches: ValidatedBatch[] }
  | { ok: false; errorCode: number; message: string };

export class BatchFormatError extends Error {}

function readInt64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}

function writeInt64(buf: Buffer, at: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(value - hi * TWO_32, at + 4);
}

/** Total size in bytes of the batch starting at `at` (needs 12 bytes). */
export function batchSizeAt(buf: Buffer, at = 0): number {
  return LOG_OVERHEAD + buf.readInt32BE(at + BATCH_LENGTH_AT);
}

/** Reads the 61-byte header at `at`. Does not check the magic or the CRC. */
export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  if (buf.length - at < BATCH_HEADER_BYTES) throw new BatchFormatError(`batch header needs ${BATCH_HEADER_BYTES} bytes, have ${buf.length - at}`);
  const attributes = buf.readInt16BE(at + ATTRIBUTES_AT);
  return {
    baseOffset: readInt64(buf, at + BASE_OFFSET_AT),
    batchLength: buf.readInt32BE(at + BATCH_LENGTH_AT),
    partitionLeaderEpoch: buf.readInt32BE(at + PARTITION_LEADER_EPOCH_AT),
    magic: buf.readInt8(at + MAGIC_AT),
    crc: buf.readUInt32BE(at + CRC_AT),
    attributes,
    compression: attributes & COMPRESSION_MASK,
    timestampType: attributes & LOG_APPEND_TIME_BIT ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
    hasDeleteHorizon: (attributes & DELETE_HORIZON_BIT) !== 0,
    lastOffsetDelta: buf.readInt32BE(at + LAST_OFFSET_DELTA_AT),
    baseTimestamp: readInt64(buf, at + BASE_TIMESTAMP_AT),
    maxTimestamp: readInt64(buf, at + MAX_TIMESTAMP_AT),
    producerId: readInt64(buf, at + PRODUCER_ID_AT),
    producerEpoch: buf.readInt16BE(at + PRODUCER_EPOCH_AT),
    baseSequence: buf.readInt32BE(at + BASE_SEQUENCE_AT),
    recordsCount: buf.readInt32BE(at + RECORDS_COUNT_AT),
  };
}

/** Offset of the batch's last record (the base offset plus lastOffsetDelta), from a header at `at`. */
export function lastOffsetAt(buf: Buffer, at = 0): number {
  return readInt64(buf, at + BASE_OFFSET_AT) + buf.readInt32BE(at + LAST_OFFSET_DELTA_AT);
}

export function baseOffsetAt(buf: Buffer, at = 0): number {
  return readInt64(buf, at + BASE_OFFSET_AT);
}

export function maxTimestampAt(buf: Buffer, at = 0): number {
  return readInt64(buf, at + MAX_TIMESTAMP_AT);
}

/** CRC-32C of a whole batch's checksummed part (attributes to the end). */
export function computeBatchCrc(batch: Buffer): number {
  return crc32c(batch.subarray(ATTRIBUTES_AT, batchSizeAt(batch)));
}

/** Framing (magic, length) and CRC check of a batch that exactly fills `batch`. */
export function isBatchIntact(batch: Buffer): boolean {
  if (batch.length < BATCH_HEADER_BYTES || batch.readInt8(MAGIC_AT) !== MAGIC_V2) return false;
  if (batchSizeAt(batch) !== batch.length) return false;
  return computeBatchCrc(batch) === batch.readUInt32BE(CRC_AT);
}

function reject(errorCode: number, message: string): ProducedBatchesResult {
  return { ok: false, errorCode, message };
}

/**
 * Checks a Produce request's record set as Kafka does before appending: framing and CRC
 * (CORRUPT_MESSAGE), magic 2 only, record counts, no control batches and sequences for
 * idempotent producers (INVALID_RECORD). Whether several batches are allowed is the caller's call.
 */
export function validateProducedBatches(buf: Buffer): ProducedBatchesResult {
  if (buf.length === 0) return reject(BatchError.INVALID_RECORD, 'record set is empty');
  const batches: ValidatedBatch[] = [];
  let at = 0;
  while (at < buf.length) {
    if (buf.length - at <= MAGIC_AT) return reject(BatchError.CORRUPT_MESSAGE, `truncated batch at byte ${at}`);
    const magic = buf.readInt8(at + MAGIC_AT);
    if (magic === 0 || magic === 1) {
      return reject(BatchError.UNSUPPORTED_FOR_MESSAGE_FORMAT, `message format v${magic} is not supported, only v2`);
    }
    if (magic !== MAGIC_V2) return reject(BatchError.CORRUPT_MESSAGE, `invalid magic ${magic} at byte ${at}`);
    if (buf.length - at < BATCH_HEADER_BYTES) return reject(BatchError.CORRUPT_MESSAGE, `truncated batch header at byte ${at}`);
    const size = batchSizeAt(buf, at);
    if (size < BATCH_HEADER_BYTES || at + size > buf.length) {
      return reject(BatchError.CORRUPT_MESSAGE, `batch length ${size - LOG_OVERHEAD} at byte ${at} does not match the ${buf.length - at} bytes sent`);
    }
    const bytes = buf.subarray(at, at + size);
    const header = readBatchHeader(bytes);
    if (computeBatchCrc(bytes) !== header.crc) return reject(BatchError.CORRUPT_MESSAGE, `batch CRC mismatch at byte ${at}`);
    if (!isCompressionCodec(header.compression)) return reject(BatchError.CORRUPT_MESSAGE, `unknown compression codec ${header.compression}`);
    if (header.lastOffsetDelta < 0 || header.recordsCount <= 0 || header.recordsCount !== header.lastOffsetDelta + 1) {
      return reject(
        BatchError.INVALID_RECORD,
        `batch has ${header.recordsCount} records but lastOffsetDelta ${header.lastOffsetDelta}`,
      );
    }
    if (header.isControl) return reject(BatchError.INVALID_RECORD, 'clients may not produce control batches');
    if (header.producerId >= 0 && header.baseSequence < 0) {
      return reject(BatchError.INVALID_RECORD, `idempotent batch of producer ${header.producerId} has no base sequence`);
    }
    batches.push({ ...header, bytes });
    at += size;
  }
  return { ok: true, batches };
}

/** Sets the base offset in place (not covered by the CRC). */
export function setBaseOffset(batch: Buffer, offset: number): void {
  writeInt64(batch, BASE_OFFSET_AT, offset);
}

/** Sets the partition leader epoch in place (not covered by the CRC). */
export function setPartitionLeaderEpoch(batch: Buffer, epoch: number): void {
  batch.writeInt32BE(epoch, PARTITION_LEADER_EPOCH_AT);
}

/** Marks the batch LogAppendTime with the broker's clock as maxTimestamp, and re-signs it. */
export function setLogAppendTime(batch: Buffer, timestampMs: number): void {
  batch.writeInt16BE(batch.readInt16BE(ATTRIBUTES_AT) | LOG_APPEND_TIME_BIT, ATTRIBUTES_AT);
  writeInt64(batch, MAX_TIMESTAMP_AT, timestampMs);
  batch.writeUInt32BE(computeBatchCrc(batch), CRC_AT);
}

export interface ReadRecordsOptions {
  /**
   * Yield the timestamps stored per record even in LogAppendTime batches, where readers normally
   * see the batch's maxTimestamp (compaction needs the stored ones to rewrite a batch faithfully).
   */
  storedTimestamps?: boolean;
}

/** Decompresses (when needed) and iterates the records of one whole batch. */
export function* readRecords(batch: Buffer, options: ReadRecordsOptions = {}): Generator<LogRecord> {
  const header = readBatchHeader(batch);
  if (header.magic !== MAGIC_V2) throw new BatchFormatError(`unsupported magic ${header.magic}`);
  const end = LOG_OVERHEAD + header.batchLength;
  if (end > batch.length || end < BATCH_HEADER_BYTES) throw new BatchFormatError(`batch length ${header.batchLength} does not fit ${batch.length} bytes`);
  if (!isCompressionCodec(header.compression)) throw new BatchFormatError(`unknown compression codec ${header.compression}`);
  const data = decompress(header.compression, batch.subarray(BATCH_HEADER_BYTES, end));
  const appendTime = header.timestampType === 'LogAppendTime' && options.storedTimestamps !== true;
  for (const record of decodeRecords(data, header.recordsCount, header.baseOffset, header.baseTimestamp)) {
    if (appendTime) record.timestamp = header.maxTimestamp;
    yield record;
  }
}

export interface BatchRecordInput {
  /** Absolute offset; defaults to baseOffset + position in the list. */
  offset?: number;
  /** Defaults to the time buildBatch was called. */
  timestamp?: number;
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: readonly { key: string; value: Buffer | string | null }[];
}

export interface BuildBatchOptions {
  baseOffset?: number;
  records: readonly BatchRecordInput[];
  compression?: CompressionCodec;
  timestampType?: TimestampType;
  /** maxTimestamp of a LogAppendTime batch (defaults to the largest record timestamp). */
  logAppendTimeMs?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  isTransactional?: boolean;
  isControl?: boolean;
  partitionLeaderEpoch?: number;
  /** Defaults to the last record's offset delta; compaction keeps the original batch's value. */
  lastOffsetDelta?: number;
  /** Sets attribute bit 6 and stores the horizon as baseTimestamp, as Kafka's cleaner does (KIP-534). */
  deleteHorizonMs?: number;
}

function toBytes(v: Buffer | string | null | undefined): Buffer | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

/** Writes a complete, signed v2 batch. */
export function buildBatch(options: BuildBatchOptions): Buffer {
  const baseOffset = options.baseOffset ?? 0;
  const now = Date.now();
  const records = options.records.map((r, i) => ({
    offset: r.offset ?? baseOffset + i,
    timestamp: r.timestamp ?? now,
    key: toBytes(r.key),
    value: toBytes(r.value),
    headers: (r.headers ?? []).map((h): RecordHeader => ({ key: h.key, value: toBytes(h.value) })),
  }));
  if (records.length === 0 && options.lastOffsetDelta === undefined) throw new BatchFormatError('a batch without records needs lastOffsetDelta');
  for (let i = 1; i < records.length; i++) {
    if (records[i].offset <= records[i - 1].offset) throw new BatchFormatError('record offsets must increase within a batch');
  }
  if (records.length > 0 && records[0].offset < baseOffset) throw new BatchFormatError('record offset below the base offset');
  const lastOffsetDelta = options.lastOffsetDelta ?? records[records.length - 1].offset - baseOffset;
  if (records.length > 0 && records[records.length - 1].offset - baseOffset > lastOffsetDelta) {
    throw new BatchFormatError('lastOffsetDelta does not cover the last record');
  }

  const timestampType = options.timestampType ?? 'CreateTime';
  const baseTimestamp = options.deleteHorizonMs ?? (records.length > 0 ? records[0].timestamp : -1);
  let maxTimestamp = -1;
  for (const r of records) if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  if (timestampType === 'LogAppendTime' && options.logAppendTimeMs !== undefined) maxTimestamp = options.logAppendTimeMs;

  const codec = options.compression ?? Compression.None;
  const body = compress(
    codec,
    encodeRecords(
      records.map((r) => ({
        offsetDelta: r.offset - baseOffset,
        timestampDelta: r.timestamp - baseTimestamp,
        key: r.key,
        value: r.value,
        headers: r.headers,
      })),
    ),
  );

  let attributes: number = codec;
  if (timestampType === 'LogAppendTime') attributes |= LOG_APPEND_TIME_BIT;
  if (options.isTransactional) attributes |= TRANSACTIONAL_BIT;
  if (options.isControl) attributes |= CONTROL_BIT;
  if (options.deleteHorizonMs !== undefined) attributes |= DELETE_HORIZON_BIT;

  const batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + body.length);
  writeInt64(batch, BASE_OFFSET_AT, baseOffset);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH_AT);
  batch.writeInt32BE(options.partitionLeaderEpoch ?? 0, PARTITION_LEADER_EPOCH_AT);
  batch.writeInt8(MAGIC_V2, MAGIC_AT);
  batch.writeInt16BE(attributes, ATTRIBUTES_AT);
  batch.writeInt32BE(lastOffsetDelta, LAST_OFFSET_DELTA_AT);
  writeInt64(batch, BASE_TIMESTAMP_AT, baseTimestamp);
  writeInt64(batch, MAX_TIMESTAMP_AT, maxTimestamp);
  writeInt64(batch, PRODUCER_ID_AT, options.producerId ?? -1);
  batch.writeInt16BE(options.producerEpoch ?? -1, PRODUCER_EPOCH_AT);
  batch.writeInt32BE(options.baseSequence ?? -1, BASE_SEQUENCE_AT);
  batch.writeInt32BE(records.length, RECORDS_COUNT_AT);
  body.copy(batch, BATCH_HEADER_BYTES);
  batch.writeUInt32BE(computeBatchCrc(batch), CRC_AT);
  return batch;
}

export type ControlType = 'abort' | 'commit';

export interface ControlBatchOptions {
  baseOffset?: number;
  type: ControlType;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch?: number;
  timestamp?: number;
  partitionLeaderEpoch?: number;
}

/** A transaction marker: one control record, key (version 0, type), value (version 0, coordinator epoch). */
export function buildControlBatch(options: ControlBatchOptions): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(options.type === 'commit' ? 1 : 0, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(options.coordinatorEpoch ?? 0, 2);
  return buildBatch({
    baseOffset: options.baseOffset,
    records: [{ key, value, timestamp: options.timestamp }],
    producerId: options.producerId,
    producerEpoch: options.producerEpoch,
    isTransactional: true,
    isControl: true,
    partitionLeaderEpoch: options.partitionLeaderEpoch,
  });
}

/** The marker type of a control batch's record key, or null when it is not a transaction marker. */
export function controlTypeOf(key: Buffer | null): ControlType | null {
  if (key === null || key.length < 4) return null;
  const type = key.readInt16BE(2);
  return type === 1 ? 'commit' : type === 0 ? 'abort' : null;
}
