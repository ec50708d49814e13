import type { ConnectHeaders, Schema, SchemaAndValue } from '../data/index.js';

/** Converter settings with the `key.converter.` / `value.converter.` / `header.converter.` prefix removed. */
export type ConverterConfigs = Readonly<Record<string, string>>;

/** How a converter is used (ConverterType); given as `converter.type`. */
export type ConverterType = 'key' | 'value' | 'header';

/**
 * Turns Connect data into record key/value bytes and back (org.apache.kafka.connect.storage.Converter).
 * `fromConnectData` returns null for a tombstone; `toConnectData` returns a null schema and value
 * for null bytes.
 */
export interface Converter {
  configure(configs: ConverterConfigs, isKey: boolean): void;
  /**
   * May return a Promise when it must wait (a schema registry call for a new schema); callers
   * await only then, so synchronous converters cost nothing extra.
   */
  fromConnectData(topic: string, headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null | Promise<Buffer | null>;
  toConnectData(topic: string, headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue | Promise<SchemaAndValue>;
  close?(): void;
}

/** Turns header values into bytes and back (org.apache.kafka.connect.storage.HeaderConverter). */
export interface HeaderConverter {
  /** Receives `converter.type=header` among the settings. */
  configure(configs: ConverterConfigs): void;
  toConnectHeader(topic: string, headerKey: string, bytes: Uint8Array | null): SchemaAndValue;
  fromConnectHeader(topic: string, headerKey: string, schema: Schema | null, value: unknown): Buffer | null;
  close?(): void;
}

export function isConverter(plugin: unknown): plugin is Converter {
  const candidate = plugin as Partial<Converter> | null;
  return typeof candidate?.fromConnectData === 'function' && typeof candidate.toConnectData === 'function';
}

export function isHeaderConverter(plugin: unknown): plugin is HeaderConverter {
  const candidate = plugin as Partial<HeaderConverter> | null;
  return typeof candidate?.fromConnectHeader === 'function' && typeof candidate.toConnectHeader === 'function';
}
