import { chainReuse } from './chain-reuse.js';
import { javaToString } from './java-text.js';
import { ConnectHeaders, headersOverSharedList, shareHeaderList, type ConnectHeader } from './headers.js';
import { schemaEquals, type Schema } from './schema.js';
import { valuesEqual } from './value-equality.js';

/**
 * Marks a transform whose apply uses its input record last in the newRecord call that replaces it
 * (or returns the input as it is) and keeps no reference to it. TransformationChain then lets that
 * newRecord reuse the input when the chain alone holds it (an earlier stage made it): see
 * chainReuse.
 */
export const CONSUMES_INPUT_RECORD: unique symbol = Symbol('sluice.consumesInputRecord');

/** Whether newRecord may reuse `record` (and so withdraws the offer): see chainReuse. */
function takeReusable(record: object): boolean {
  if (record !== chainReuse.record) return false;
  chainReuse.record = null;
  return true;
}

// newRecord makes its copy from this placeholder and fills the fields in: no fields object per copy.
const COPY: SourceRecordFields & SinkRecordFields = Object.freeze({ topic: '', kafkaPartition: 0, kafkaOffset: 0n, sourcePartition: null, sourceOffset: null });

/**
 * The parts of a record that newRecord replaces, saved so that a record the transformation chain
 * consumed (changed in place) can be put back as it was: see saveRecordFields.
 */
export class SavedRecordFields {
  topic = '';
  kafkaPartition: number | null = null;
  keySchema: Schema | null = null;
  key: unknown = null;
  valueSchema: Schema | null = null;
  value: unknown = null;
  timestamp: number | null = null;
  headers: ConnectHeaders | readonly ConnectHeader[] = [];

  /** Drops what was saved (keeps nothing alive). */
  clear(): void {
    this.key = null;
    this.value = null;
    this.keySchema = null;
    this.valueSchema = null;
    this.headers = [];
  }
}

/** For TransformationChain: copies `record`'s replaceable parts into `into`. */
export let saveRecordFields: <R extends ConnectRecord<R>>(record: ConnectRecord<R>, into: SavedRecordFields) => void;
/** For TransformationChain: puts back what saveRecordFields saved. */
export let restoreRecordFields: <R extends ConnectRecord<R>>(record: ConnectRecord<R>, saved: SavedRecordFields) => void;

/** Where a consumed record's timestamp came from (Kafka's TimestampType). */
export type TimestampType = 'NoTimestampType' | 'CreateTime' | 'LogAppendTime';

/** Source partitions and offsets are plain JSON-able maps, as Java's Map<String, ?>. */
export type SourceMap = Record<string, unknown>;

export interface ConnectRecordFields {
  topic: string;
  kafkaPartition?: number | null;
  keySchema?: Schema | null;
  key?: unknown;
  valueSchema?: Schema | null;
  value?: unknown;
  /** Epoch milliseconds. */
  timestamp?: number | null;
  headers?: Iterable<ConnectHeader> | null;
}

/**
 * What sources produce and sinks consume (ConnectRecord): topic, partition, key and value with
 * their schemas, timestamp and headers. Transforms copy records with `newRecord`.
 */
export abstract class ConnectRecord<R extends ConnectRecord<R>> {
  // Set once, by the constructor or (for a copy) by setCopiedFields.
  #topic!: string;
  #kafkaPartition!: number | null;
  #keySchema!: Schema | null;
  #key: unknown;
  #valueSchema!: Schema | null;
  #value: unknown;
  #timestamp!: number | null;
  // A copy made without headers takes the list of the record it was made from, shared (see
  // duplicate), and makes its ConnectHeaders when they are asked for: most copies are copied again.
  #headers!: ConnectHeaders | readonly ConnectHeader[];

  protected constructor(fields: ConnectRecordFields) {
    if (fields === COPY) return;
    this.#topic = fields.topic;
    this.#kafkaPartition = fields.kafkaPartition ?? null;
    this.#keySchema = fields.keySchema ?? null;
    this.#key = fields.key ?? null;
    this.#valueSchema = fields.valueSchema ?? null;
    this.#value = fields.value ?? null;
    this.#timestamp = fields.timestamp ?? null;
    // Like Java, a ConnectHeaders instance is shared, any other iterable copied.
    this.#headers = fields.headers instanceof ConnectHeaders ? fields.headers : new ConnectHeaders(fields.headers);
  }

  topic(): string {
    return this.#topic;
  }

  kafkaPartition(): number | null {
    return this.#kafkaPartition;
  }

  keySchema(): Schema | null {
    return this.#keySchema;
  }

  key(): unknown {
    return this.#key;
  }

  valueSchema(): Schema | null {
    return this.#valueSchema;
  }

  value(): unknown {
    return this.#value;
  }

  timestamp(): number | null {
    return this.#timestamp;
  }

  headers(): ConnectHeaders {
    const headers = this.#headers;
    if (headers instanceof ConnectHeaders) return headers;
    const made = headersOverSharedList(headers);
    this.#headers = made;
    return made;
  }

  /**
   * A copy with the given parts replaced and everything else (source offsets, Kafka offset, ...)
   * kept; without `headers` the copy gets a duplicate of this record's headers.
   */
  abstract newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<ConnectHeader>,
  ): R;

  /** Fills in a record made from COPY (newRecord's copies), or one newRecord reuses (`from` is then the record itself). */
  protected setCopiedFields(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers: Iterable<ConnectHeader> | undefined,
    from: ConnectRecord<R>,
  ): void {
    this.#topic = topic;
    this.#kafkaPartition = kafkaPartition ?? null;
    this.#keySchema = keySchema ?? null;
    this.#key = key ?? null;
    this.#valueSchema = valueSchema ?? null;
    this.#value = value ?? null;
    this.#timestamp = timestamp ?? null;
    if (headers === undefined || headers === null) {
      // A reused record keeps its own headers: nothing else holds the record.
      if (from === this) return;
      const theirs = from.#headers;
      this.#headers = theirs instanceof ConnectHeaders ? shareHeaderList(theirs) : theirs;
    } else {
      this.#headers = headers instanceof ConnectHeaders ? headers : new ConnectHeaders(headers);
    }
  }

  static {
    saveRecordFields = (record, into) => {
      into.topic = record.#topic;
      into.kafkaPartition = record.#kafkaPartition;
      into.keySchema = record.#keySchema;
      into.key = record.#key;
      into.valueSchema = record.#valueSchema;
      into.value = record.#value;
      into.timestamp = record.#timestamp;
      into.headers = record.#headers;
    };
    restoreRecordFields = (record, saved) => {
      record.#topic = saved.topic;
      record.#kafkaPartition = saved.kafkaPartition;
      record.#keySchema = saved.keySchema;
      record.#key = saved.key;
      record.#valueSchema = saved.valueSchema;
      record.#value = saved.value;
      record.#timestamp = saved.timestamp;
      record.#headers = saved.headers;
    };
  }

  protected baseEquals(other: ConnectRecord<R>): boolean {
    return (
      this.#kafkaPartition === other.#kafkaPartition &&
      this.#topic === other.#topic &&
      schemaEquals(this.#keySchema, other.#keySchema) &&
      valuesEqual(this.#key, other.#key) &&
      schemaEquals(this.#valueSchema, other.#valueSchema) &&
      valuesEqual(this.#value, other.#value) &&
      this.#timestamp === other.#timestamp &&
      this.headers().equals(other.headers())
    );
  }

  protected baseToString(): string {
    return (
      `ConnectRecord{topic='${this.#topic}', kafkaPartition=${this.#kafkaPartition ?? 'null'}, ` +
      `key=${javaToString(this.#key, this.#keySchema)}, keySchema=${this.#keySchema?.toString() ?? 'null'}, ` +
      `value=${javaToString(this.#value, this.#valueSchema)}, valueSchema=${this.#valueSchema?.toString() ?? 'null'}, ` +
      `timestamp=${this.#timestamp ?? 'null'}, headers=${this.headers().toString()}}`
    );
  }
}

export interface SourceRecordFields extends ConnectRecordFields {
  sourcePartition: SourceMap | null;
  sourceOffset: SourceMap | null;
}

/** A record from a source task, with the source partition and offset it was read at (SourceRecord). */
export class SourceRecord extends ConnectRecord<SourceRecord> {
  #sourcePartition: SourceMap | null;
  #sourceOffset: SourceMap | null;

  constructor(fields: SourceRecordFields) {
    super(fields);
    this.#sourcePartition = fields.sourcePartition ?? null;
    this.#sourceOffset = fields.sourceOffset ?? null;
  }

  sourcePartition(): SourceMap | null {
    return this.#sourcePartition;
  }

  sourceOffset(): SourceMap | null {
    return this.#sourceOffset;
  }

  override newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<ConnectHeader>,
  ): SourceRecord {
    if (takeReusable(this)) {
      this.setCopiedFields(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers, this);
      return this;
    }
    const copy = new SourceRecord(COPY);
    copy.#sourcePartition = this.#sourcePartition;
    copy.#sourceOffset = this.#sourceOffset;
    copy.setCopiedFields(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers, this);
    return copy;
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    return (
      other instanceof SourceRecord &&
      this.baseEquals(other) &&
      valuesEqual(this.#sourcePartition, other.#sourcePartition) &&
      valuesEqual(this.#sourceOffset, other.#sourceOffset)
    );
  }

  override toString(): string {
    return `SourceRecord{sourcePartition=${javaToString(this.#sourcePartition)}, sourceOffset=${javaToString(this.#sourceOffset)}} ${this.baseToString()}`;
  }
}

export interface SinkRecordFields extends ConnectRecordFields {
  kafkaPartition: number;
  /** The record's offset in its partition; a bigint since Kafka offsets are 64-bit. */
  kafkaOffset: bigint;
  timestampType?: TimestampType;
  /** Topic, partition and offset before any transform changed them (KIP-793); default to the current ones. */
  originalTopic?: string;
  originalKafkaPartition?: number | null;
  originalKafkaOffset?: bigint;
}

/** A record consumed from Kafka for a sink task (SinkRecord). */
export class SinkRecord extends ConnectRecord<SinkRecord> {
  #kafkaOffset: bigint;
  #timestampType: TimestampType;
  #originalTopic: string;
  #originalKafkaPartition: number | null;
  #originalKafkaOffset: bigint;

  constructor(fields: SinkRecordFields) {
    super(fields);
    this.#kafkaOffset = fields.kafkaOffset;
    this.#timestampType = fields.timestampType ?? 'NoTimestampType';
    this.#originalTopic = fields.originalTopic ?? fields.topic;
    this.#originalKafkaPartition = fields.originalKafkaPartition !== undefined ? fields.originalKafkaPartition : fields.kafkaPartition;
    this.#originalKafkaOffset = fields.originalKafkaOffset ?? fields.kafkaOffset;
  }

  kafkaOffset(): bigint {
    return this.#kafkaOffset;
  }

  timestampType(): TimestampType {
    return this.#timestampType;
  }

  originalTopic(): string {
    return this.#originalTopic;
  }

  originalKafkaPartition(): number | null {
    return this.#originalKafkaPartition;
  }

  originalKafkaOffset(): bigint {
    return this.#originalKafkaOffset;
  }

  override newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<ConnectHeader>,
  ): SinkRecord {
    if (takeReusable(this)) {
      this.setCopiedFields(topic, kafkaPartition ?? this.kafkaPartition() ?? 0, keySchema, key, valueSchema, value, timestamp, headers, this);
      return this;
    }
    const copy = new SinkRecord(COPY as SinkRecordFields);
    copy.#kafkaOffset = this.#kafkaOffset;
    copy.#timestampType = this.#timestampType;
    copy.#originalTopic = this.#originalTopic;
    copy.#originalKafkaPartition = this.#originalKafkaPartition;
    copy.#originalKafkaOffset = this.#originalKafkaOffset;
    const partition = kafkaPartition ?? this.kafkaPartition() ?? 0;
    copy.setCopiedFields(topic, partition, keySchema, key, valueSchema, value, timestamp, headers, this);
    return copy;
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    return (
      other instanceof SinkRecord &&
      this.baseEquals(other) &&
      this.#kafkaOffset === other.#kafkaOffset &&
      this.#timestampType === other.#timestampType &&
      this.#originalTopic === other.#originalTopic &&
      this.#originalKafkaPartition === other.#originalKafkaPartition &&
      this.#originalKafkaOffset === other.#originalKafkaOffset
    );
  }

  override toString(): string {
    return (
      `SinkRecord{kafkaOffset=${this.#kafkaOffset}, timestampType=${this.#timestampType}, originalTopic=${this.#originalTopic}, ` +
      `originalKafkaPartition=${this.#originalKafkaPartition ?? 'null'}, originalKafkaOffset=${this.#originalKafkaOffset}} ${this.baseToString()}`
    );
  }
}
