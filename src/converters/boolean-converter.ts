import { DataException, describeValue, Schema, type ConnectHeaders, type SchemaAndValue } from '../data/index.js';
import type { Converter, HeaderConverter } from './converter.js';

/** org.apache.kafka.connect.converters.BooleanConverter: one byte, 0x01 true, 0x00 false. */
export class BooleanConverter implements Converter, HeaderConverter {
  configure(): void {}

  fromConnectData(topic: string, _headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null {
    if (schema !== null && schema.type() !== 'BOOLEAN') throw new DataException(`Invalid schema type for BooleanConverter: ${schema.type()}`, { topic });
    if (value === null || value === undefined) return null;
    if (typeof value !== 'boolean') throw new DataException(`BooleanConverter is not compatible with objects of type ${describeValue(value)}`, { topic });
    return Buffer.from([value ? 1 : 0]);
  }

  toConnectData(topic: string, _headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return { schema: Schema.OPTIONAL_BOOLEAN_SCHEMA, value: null };
    const fail = (reason: string): never => {
      throw new DataException('Failed to deserialize boolean: ', { topic, cause: new Error(reason) });
    };
    if (bytes.length !== 1) fail('Size of data received by BooleanDeserializer is not 1');
    if (bytes[0] === 1) return { schema: Schema.OPTIONAL_BOOLEAN_SCHEMA, value: true };
    if (bytes[0] === 0) return { schema: Schema.OPTIONAL_BOOLEAN_SCHEMA, value: false };
    return fail(`Unexpected byte received by BooleanDeserializer: ${(bytes[0] << 24) >> 24}`);
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}
