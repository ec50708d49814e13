import { DataException, describeValue, Schema, type ConnectHeaders, type SchemaAndValue } from '../data/index.js';
import type { Converter, HeaderConverter } from './converter.js';

/** org.apache.kafka.connect.converters.ByteArrayConverter: bytes pass through untouched. */
export class ByteArrayConverter implements Converter, HeaderConverter {
  configure(): void {}

  fromConnectData(topic: string, _headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null {
    if (schema !== null && schema.type() !== 'BYTES') throw new DataException(`Invalid schema type for ByteArrayConverter: ${schema.type()}`, { topic });
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) throw new DataException(`ByteArrayConverter is not compatible with objects of type ${describeValue(value)}`, { topic });
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }

  toConnectData(topic: string, _headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schema.OPTIONAL_BYTES_SCHEMA, value: bytes === undefined ? null : bytes };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}
