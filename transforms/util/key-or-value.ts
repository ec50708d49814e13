import type { ConnectRecord, Schema } from '../../src/data/index.js';

/**
 * The side of a record a `$Key` or `$Value` transform works on. A transform is written once
 * against this and instantiated with KEY or VALUE; the other side passes through untouched.
 */
export interface KeyOrValue {
  /** `Key` or `Value`, the suffix of the Java class name (`InsertField$Value`). */
  readonly suffix: 'Key' | 'Value';
  schema<R extends ConnectRecord<R>>(record: R): Schema | null;
  value<R extends ConnectRecord<R>>(record: R): unknown;
  /** A copy of `record` with this side replaced; topic, partition, timestamp and headers kept. */
  newRecord<R extends ConnectRecord<R>>(record: R, schema: Schema | null, value: unknown): R;
}

export const KEY: KeyOrValue = Object.freeze({
  suffix: 'Key' as const,
  schema: <R extends ConnectRecord<R>>(record: R) => record.keySchema(),
  value: <R extends ConnectRecord<R>>(record: R) => record.key(),
  newRecord: <R extends ConnectRecord<R>>(record: R, schema: Schema | null, value: unknown) =>
    record.newRecord(record.topic(), record.kafkaPartition(), schema, value, record.valueSchema(), record.value(), record.timestamp()),
});

export const VALUE: KeyOrValue = Object.freeze({
  suffix: 'Value' as const,
  schema: <R extends ConnectRecord<R>>(record: R) => record.valueSchema(),
  value: <R extends ConnectRecord<R>>(record: R) => record.value(),
  newRecord: <R extends ConnectRecord<R>>(record: R, schema: Schema | null, value: unknown) =>
    record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema, value, record.timestamp()),
});
