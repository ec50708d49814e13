import { DataException, javaToString, Schema, type ConnectHeaders, type SchemaAndValue } from '../data/index.js';
import type { Converter, ConverterConfigs, HeaderConverter } from './converter.js';
import { converterTypeSetting, stringSetting, withConverterType } from './converter-config.js';
import { javaCharset, type JavaCharset } from './charset.js';

/**
 * org.apache.kafka.connect.storage.StringConverter: any value as its Java toString text
 * (a Struct as `Struct{a=1,b=x}`), read back as an optional STRING. `converter.encoding` picks
 * the charset (UTF-8 by default); `key.serializer.encoding` / `value.serializer.encoding` and the
 * deserializer ones override it per direction, as in Kafka's String(De)Serializer.
 */
export class StringConverter implements Converter, HeaderConverter {
  #encoder: JavaCharset = javaCharset('UTF-8', 'converter.encoding');
  #decoder: JavaCharset = this.#encoder;

  configure(configs: ConverterConfigs, isKey?: boolean): void {
    const settings = isKey === undefined ? configs : withConverterType(configs, isKey);
    const type = converterTypeSetting(settings);
    const encoding = stringSetting(settings, 'converter.encoding', 'UTF-8');
    const side = type === 'key' ? 'key' : 'value';
    const serializerEncoding = settings[`${side}.serializer.encoding`] ?? encoding;
    const deserializerEncoding = settings[`${side}.deserializer.encoding`] ?? encoding;
    this.#encoder = javaCharset(serializerEncoding, 'converter.encoding');
    this.#decoder = javaCharset(deserializerEncoding, 'converter.encoding');
  }

  fromConnectData(topic: string, _headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    return this.#encoder.encode(javaToString(value, schema));
  }

  toConnectData(topic: string, _headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return { schema: Schema.OPTIONAL_STRING_SCHEMA, value: null };
    try {
      return { schema: Schema.OPTIONAL_STRING_SCHEMA, value: this.#decoder.decode(bytes) };
    } catch (error) {
      throw new DataException('Failed to deserialize string: ', { topic, cause: error });
    }
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}
