import type { ConnectHeaders, Schema, SchemaAndValue } from '../../data/index.js';
import type { ConverterConfigs } from '../converter.js';

/**
 * A Converter whose conversions may have to wait for I/O: a schema-registry converter meets a
 * new schema (to register) or a new schema id (to fetch) without warning. It answers
 * synchronously whenever it can (the schema and id are cached, i.e. nearly every record) and
 * with a Promise otherwise, so callers pay for a Promise only on a cache miss.
 *
 * Every synchronous Converter is an AsyncConverter; a caller that awaits the results (or checks
 * with isPromise) works with both. See the README for what the worker must change.
 */
export interface AsyncConverter {
  configure(configs: ConverterConfigs, isKey: boolean): void;
  fromConnectData(topic: string, headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null | Promise<Buffer | null>;
  toConnectData(topic: string, headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue | Promise<SchemaAndValue>;
  close?(): void;
}

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

