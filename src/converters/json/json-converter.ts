import { DataException, NULL_SCHEMA_AND_VALUE, type ConnectHeaders, type Schema, type SchemaAndValue } from '../../data/index.js';
import type { Converter, ConverterConfigs, HeaderConverter } from '../converter.js';
import { converterTypeSetting, withConverterType } from '../converter-config.js';
import { DEFAULT_JSON_CONVERTER_CONFIG, parseJsonConverterConfig, type JsonConverterConfig } from './json-converter-config.js';
import { EnvelopeReader } from './json-envelope-reader.js';
import { ConnectToJson } from './json-from-connect.js';
import { PayloadReaders } from './json-payload-reader.js';
import { PayloadWriters } from './json-payload-writer.js';
import { readJson } from './json-reader.js';
import { SchemalessReader } from './json-schemaless-reader.js';
import { JsonToConnect } from './json-to-connect.js';
import type { JsonNode } from './json-node.js';

export const ENVELOPE_REQUIRED_MESSAGE =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';

/**
 * org.apache.kafka.connect.json.JsonConverter: Connect data as JSON, by default inside a
 * `{"schema":...,"payload":...}` envelope, written byte for byte as a Java worker writes it.
 * Also a HeaderConverter with the same encoding.
 */
export class JsonConverter implements Converter, HeaderConverter {
  #config: JsonConverterConfig = DEFAULT_JSON_CONVERTER_CONFIG;
  #toJson = new ConnectToJson(DEFAULT_JSON_CONVERTER_CONFIG);
  #payloadWriters = new PayloadWriters(DEFAULT_JSON_CONVERTER_CONFIG, this.#toJson);
  #toConnect = new JsonToConnect(DEFAULT_JSON_CONVERTER_CONFIG);
  #envelopeReader = new EnvelopeReader(this.#toConnect, new PayloadReaders(DEFAULT_JSON_CONVERTER_CONFIG));
  readonly #schemalessReader = new SchemalessReader();

  /** With `isKey`, as a key/value converter; without, as a header converter (`converter.type` must be set). */
  configure(configs: ConverterConfigs, isKey?: boolean): void {
    const settings = isKey === undefined ? configs : withConverterType(configs, isKey);
    converterTypeSetting(settings);
    this.#config = parseJsonConverterConfig(settings);
    this.#toJson = new ConnectToJson(this.#config);
    this.#payloadWriters = new PayloadWriters(this.#config, this.#toJson);
    this.#toConnect = new JsonToConnect(this.#config);
    this.#envelopeReader = new EnvelopeReader(this.#toConnect, new PayloadReaders(this.#config));
  }

  config(): JsonConverterConfig {
    return this.#config;
  }

  fromConnectData(topic: string, _headers: ConnectHeaders | null, schema: Schema | null, value: unknown): Buffer | null {
    if (schema === null && (value === null || value === undefined)) return null;
    if (schema !== null) {
      // Compiled per schema; anything it declines (or any error) is written by ConnectToJson below.
      const fast = this.#config.schemasEnabled ? this.#payloadWriters.envelope(schema, value) : this.#payloadWriters.bare(schema, value);
      if (fast !== undefined) return fast;
    }
    return withTopic(topic, () => {
      const json = this.#config.schemasEnabled ? this.#toJson.envelope(schema, value) : this.#toJson.value(schema, value);
      return Buffer.from(json, 'utf8');
    });
  }

  toConnectData(topic: string, _headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return NULL_SCHEMA_AND_VALUE;
    if (this.#config.schemasEnabled) {
      // Envelopes of a schema seen before; anything else (or any doubt) takes the lossless path.
      const fast = this.#envelopeReader.read(bytes);
      if (fast !== undefined) return fast;
    } else {
      // Objects and arrays read straight into Connect values; anything else (or any doubt) takes the lossless path.
      const fast = this.#schemalessReader.read(bytes);
      if (fast !== undefined) return fast;
    }
    let node: JsonNode | undefined;
    try {
      node = readJson(bytes);
    } catch (error) {
      throw new DataException(
        `Converting byte[] to Kafka Connect data failed due to serialization error: topic '${topic}': ${(error as Error).message}`,
        { topic, cause: error },
      );
    }
    if (!this.#config.schemasEnabled) return withTopic(topic, () => ({ schema: null, value: this.#toConnect.value(null, node) }));
    if (node?.kind !== 'object' || node.fields.size !== 2 || !node.fields.has('schema') || !node.fields.has('payload')) {
      throw new DataException(ENVELOPE_REQUIRED_MESSAGE, { topic });
    }
    return withTopic(topic, () => {
      const schema = this.#toConnect.schema(node.fields.get('schema'));
      return { schema, value: this.#toConnect.value(schema, node.fields.get('payload')) };
    });
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}

/** Runs a conversion, tagging its DataException with the topic (the message stays Kafka's). */
function withTopic<T>(topic: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof DataException) error.topic ??= topic;
    throw error;
  }
}
