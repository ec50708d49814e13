import { convertToString, NULL_SCHEMA_AND_VALUE, parseString, Schema, type SchemaAndValue } from '../data/index.js';
import { javaCharset } from './charset.js';
import type { HeaderConverter } from './converter.js';

const UTF_8 = javaCharset('UTF-8', 'converter.encoding');

/**
 * org.apache.kafka.connect.storage.SimpleHeaderConverter, the default header converter: values
 * written as text by Values.convertToString, and header text read back with its type inferred by
 * Values.parseString (booleans, the smallest integer type, floats, ISO dates/times, lists, maps,
 * else the string). Like Java, malformed UTF-8 decodes with replacement characters, and text
 * whose parsing fails comes back as the raw BYTES.
 */
export class SimpleHeaderConverter implements HeaderConverter {
  configure(): void {}

  toConnectHeader(_topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return NULL_SCHEMA_AND_VALUE;
    try {
      return parseString(UTF_8.decode(bytes)) ?? NULL_SCHEMA_AND_VALUE;
    } catch {
      return { schema: Schema.BYTES_SCHEMA, value: bytes };
    }
  }

  fromConnectHeader(_topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    return UTF_8.encode(convertToString(schema, value) ?? '');
  }
}
