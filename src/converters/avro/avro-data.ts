import { DataException, schemaEquals, type Schema, type SchemaAndValue } from '../../data/index.js';
import { LruCache } from '../lru-cache.js';
import { ANYTHING_SCHEMA, isAnythingSchema } from './anything-schema.js';
import { DEFAULT_AVRO_DATA_CONFIG, type AvroDataConfig } from './avro-data-config.js';
import { AvroNames } from './avro-data-names.js';
import type { AvroSchema } from './avro-schema.js';
import { AvroToConnectSchema } from './avro-to-connect-schema.js';
import { AvroToConnectValue } from './avro-to-connect-value.js';
import { ConnectToAvroSchema } from './connect-to-avro-schema.js';
import { ConnectToAvroValue } from './connect-to-avro-value.js';

/** Distinct Connect schemas compared by content before a new conversion. */
const RECENT_BY_CONTENT = 16;

/**
 * Confluent's AvroData: Connect schemas and values to Avro and back, with the converted schemas
 * cached in both directions (`schemas.cache.config` entries each).
 */
export class AvroData {
  readonly config: AvroDataConfig;
  readonly #fromConnectCache: LruCache<Schema, AvroSchema>;
  readonly #recent: Array<[Schema, AvroSchema]> = [];
  readonly #toConnectCache: LruCache<AvroSchema, Map<number, Schema>>;
  readonly #toAvroSchema: ConnectToAvroSchema;
  readonly #toAvroValue: ConnectToAvroValue;
  readonly #toConnectSchema: AvroToConnectSchema;
  readonly #toConnectValue: AvroToConnectValue;

  constructor(config: AvroDataConfig = DEFAULT_AVRO_DATA_CONFIG) {
    this.config = config;
    const names = new AvroNames(config.scrubInvalidNames, config.enhancedSchemaSupport, config.generalizedSumTypeSupport);
    this.#fromConnectCache = new LruCache(config.schemasCacheSize);
    this.#toConnectCache = new LruCache(config.schemasCacheSize);
    this.#toAvroSchema = new ConnectToAvroSchema(config, names);
    this.#toAvroValue = new ConnectToAvroValue(config, names);
    this.#toConnectSchema = new AvroToConnectSchema(config, names, (schema) => this.toConnectSchema(schema) ?? schemaless(schema));
    this.#toConnectValue = new AvroToConnectValue(names);
  }

  /** The Avro schema for a Connect schema; schemaless data (null) uses the Anything record. */
  fromConnectSchema(schema: Schema | null): AvroSchema {
    if (schema === null) return ANYTHING_SCHEMA;
    let avroSchema = this.#fromConnectCache.get(schema);
    if (avroSchema === undefined) {
      // AvroData's cache is keyed by schema equality: a connector that builds an equal schema
      // per record still gets the same Avro schema (and so the cached id) back.
      avroSchema = this.#recent.find(([known]) => schemaEquals(known, schema))?.[1] ?? this.#toAvroSchema.convert(schema);
      this.#fromConnectCache.set(schema, avroSchema);
      this.#recent.unshift([schema, avroSchema]);
      if (this.#recent.length > RECENT_BY_CONTENT) this.#recent.pop();
    }
    return avroSchema;
  }

  /** Generic Avro data for a Connect value, given the Avro schema fromConnectSchema returned for its schema. */
  fromConnectData(schema: Schema | null, avroSchema: AvroSchema, value: unknown): unknown {
    return this.#toAvroValue.convert(schema, avroSchema, value);
  }

  /**
   * The Connect schema for an Avro schema; `version` (the registry's) applies when the schema
   * carries no connect.version. Null for the Anything record: the data is schemaless.
   */
  toConnectSchema(avroSchema: AvroSchema, version: number | null = null): Schema | null {
    if (isAnythingSchema(avroSchema)) return null;
    const key = version ?? -1;
    let byVersion = this.#toConnectCache.get(avroSchema);
    const cached = byVersion?.get(key);
    if (cached !== undefined) return cached;
    const schema = this.#toConnectSchema.convert(avroSchema, version);
    if (byVersion === undefined) {
      byVersion = new Map();
      this.#toConnectCache.set(avroSchema, byVersion);
    }
    byVersion.set(key, schema);
    return schema;
  }

  /** A decoded Avro datum as Connect data; null for a null datum, as AvroData returns. */
  toConnectData(avroSchema: AvroSchema, value: unknown, version: number | null = null): SchemaAndValue | null {
    if (value === null || value === undefined) return null;
    const schema = this.toConnectSchema(avroSchema, version);
    return { schema, value: this.#toConnectValue.convert(schema, value) };
  }

  /** The value half of toConnectData, for a Connect schema already derived with toConnectSchema. */
  toConnectValue(schema: Schema | null, value: unknown): unknown {
    return this.#toConnectValue.convert(schema, value);
  }
}

function schemaless(schema: AvroSchema): never {
  throw new DataException(`Schemaless ${schema.type} inside a map entry cannot be converted`);
}
