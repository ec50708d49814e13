/**
 * The connector API a connector author implements, modelled on Kafka Connect's
 * org.apache.kafka.connect.connector / source / sink packages.
 */
import type { ConfigDef } from '../config/config-def.js';
import type { ConfigValue } from '../config/config-value.js';
import type { SinkRecord, SourceRecord } from '../data/index.js';
import type { OffsetStorageReader, SourceOffset, SourcePartition } from '../runtime/offset-storage.js';

export type TaskConfig = Record<string, string>;

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface ConnectorContext {
  /** Ask the runtime to call taskConfigs() again (e.g. new tables appeared). */
  requestTaskReconfiguration(): void;
  /** Fail the connector from a background thread of its own. */
  raiseError(error: Error): void;
}

export interface SourceConnectorContext extends ConnectorContext {
  offsetStorageReader(): OffsetStorageReader;
}

export type SinkConnectorContext = ConnectorContext;

/** What a plugin registry needs to create a task from the `task.class` stored in task configs. */
export interface TaskClass<T> {
  /** Java-style class name written to `task.class` (e.g. org.apache.kafka.connect.file.FileStreamSourceTask). */
  readonly className: string;
  create(): T;
}

interface ConnectorBase<Context extends ConnectorContext> {
  version(): string;
  /** The connector's own config definitions (framework keys are added by the runtime). */
  config(): ConfigDef;
  /**
   * Validates a raw config; the default in `validateWithConfigDef` runs config().validate().
   * Connectors may add errors (e.g. connection checks on `connection.url`).
   */
  validate?(config: Record<string, string>): Promise<ConfigValue[]> | ConfigValue[];
  initialize?(context: Context): void;
  start(config: Record<string, string>): Promise<void> | void;
  taskConfigs(maxTasks: number): Promise<TaskConfig[]> | TaskConfig[];
  stop(): Promise<void> | void;
  /**
   * KIP-875: called before the framework alters or resets offsets while the connector is
   * stopped. Return true if the connector manages nothing outside the framework; throw to refuse.
   * Absent = offsets may be altered (framework-managed only).
   */
  alterOffsets?(config: Record<string, string>, offsets: Map<Record<string, unknown>, Record<string, unknown> | null>): Promise<boolean> | boolean;
}

export interface SourceConnector extends ConnectorBase<SourceConnectorContext> {
  readonly kind: 'source';
  taskClass(): TaskClass<SourceTask>;
}

export interface SinkConnector extends ConnectorBase<SinkConnectorContext> {
  readonly kind: 'sink';
  taskClass(): TaskClass<SinkTask>;
}

export type Connector = SourceConnector | SinkConnector;

export interface RecordMetadata {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
}

export interface SourceTaskContext {
  configs(): Record<string, string>;
  offsetStorageReader(): OffsetStorageReader;
}

export interface SourceTask {
  version(): string;
  initialize(context: SourceTaskContext): void;
  start(config: Record<string, string>): Promise<void> | void;
  /** Records to send, or null/[] when there is nothing now. May wait, but should return periodically. */
  poll(): Promise<SourceRecord[] | null>;
  /** Offsets up to the last acknowledged records were flushed. */
  commit?(): Promise<void> | void;
  /** A record was acknowledged by Kafka (metadata) or dropped by a transform/tolerated error (null). */
  commitRecord?(record: SourceRecord, metadata: RecordMetadata | null): Promise<void> | void;
  /** Called from another flow than poll(): must make a pending poll() return soon. */
  stop(): Promise<void> | void;
}

export interface ErrantRecordReporter {
  /** Sends the record to the DLQ / error log; resolves once it is durably reported. */
  report(record: SinkRecord, error: Error): Promise<void>;
}

export interface SinkTaskContext {
  configs(): Record<string, string>;
  /** Rewind or skip: the next poll for the partition starts at `offset`. */
  offset(partition: TopicPartition, offset: number): void;
  /** Upper bound for the next poll wait after a RetriableError from put(). */
  timeout(ms: number): void;
  assignment(): TopicPartition[];
  pause(...partitions: TopicPartition[]): void;
  resume(...partitions: TopicPartition[]): void;
  requestCommit(): void;
  /** Present when a DLQ topic or error logging is configured (as in Kafka Connect). */
  errantRecordReporter(): ErrantRecordReporter | null;
}

export type PartitionOffsets = Map<string, { partition: TopicPartition; offset: number }>;

export interface SinkTask {
  version(): string;
  initialize(context: SinkTaskContext): void;
  start(config: Record<string, string>): Promise<void> | void;
  open?(partitions: TopicPartition[]): Promise<void> | void;
  /** Called every loop iteration, even with an empty batch. */
  put(records: SinkRecord[]): Promise<void> | void;
  flush?(offsets: PartitionOffsets): Promise<void> | void;
  /** Returns the offsets safe to commit; default flushes and returns `offsets`. */
  preCommit?(offsets: PartitionOffsets): Promise<PartitionOffsets> | PartitionOffsets;
  close?(partitions: TopicPartition[]): Promise<void> | void;
  stop(): Promise<void> | void;
}

export type { SourceOffset, SourcePartition };
