import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  DATE_LOGICAL_NAME,
  Decimal,
  DECIMAL_LOGICAL_NAME,
  describeValue,
  formatJavaDouble,
  formatJavaFloat,
  isMapLike,
  isSchemalessDouble,
  mapEntries,
  schemaEquals,
  Struct,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
  type SchemaType,
} from '../../data/index.js';
import type { JsonConverterConfig } from './json-converter-config.js';
import { quoteJson } from './json-writer.js';

const JSON_TYPE_NAMES: Record<SchemaType, string> = {
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FLOAT32: 'float',
  FLOAT64: 'double',
  BOOLEAN: 'boolean',
  STRING: 'string',
  BYTES: 'bytes',
  ARRAY: 'array',
  MAP: 'map',
  STRUCT: 'struct',
};

/**
 * Connect schema and data to JSON text, byte for byte as Kafka's JsonConverter (through Jackson)
 * writes it. Schema objects list `type`, then `items` / `keys`,`values` / `fields`, then `optional`,
 * `name`, `version`, `doc`, `parameters`, `default`; each struct field is its schema object with
 * `"field"` appended last.
 */
export class ConnectToJson {
  readonly #config: JsonConverterConfig;
  // Schemas are immutable, so their JSON can be kept per schema object.
  readonly #schemaCache = new WeakMap<Schema, string>();

  constructor(config: JsonConverterConfig) {
    this.#config = config;
  }

  /** The `{"schema":...,"payload":...}` envelope. */
  envelope(schema: Schema | null, value: unknown): string {
    return `{"schema":${schema === null ? 'null' : this.schema(schema)},"payload":${this.value(schema, value)}}`;
  }

  schema(schema: Schema): string {
    const cached = this.#schemaCache.get(schema);
    if (cached !== undefined) return cached;
    const parts = [`"type":"${JSON_TYPE_NAMES[schema.type()]}"`];
    switch (schema.type()) {
      case 'ARRAY':
        parts.push(`"items":${this.#nested(schema.valueSchema())}`);
        break;
      case 'MAP':
        parts.push(`"keys":${this.#nested(schema.keySchema())}`, `"values":${this.#nested(schema.valueSchema())}`);
        break;
      case 'STRUCT': {
        const fields = schema.fields().map((field) => {
          const fieldSchema = this.schema(field.schema());
          return `${fieldSchema.slice(0, -1)},"field":${quoteJson(field.name())}}`;
        });
        parts.push(`"fields":[${fields.join(',')}]`);
        break;
      }
      default:
        break;
    }
    parts.push(`"optional":${schema.isOptional()}`);
    const name = schema.name();
    if (name !== null) parts.push(`"name":${quoteJson(name)}`);
    const version = schema.version();
    if (version !== null) parts.push(`"version":${version}`);
    const doc = schema.doc();
    if (doc !== null) parts.push(`"doc":${quoteJson(doc)}`);
    const parameters = schema.parameters();
    if (parameters !== null) {
      const entries = [...parameters].map(([key, value]) => `${quoteJson(key)}:${quoteJson(value)}`);
      parts.push(`"parameters":{${entries.join(',')}}`);
    }
    if (schema.defaultValue() !== null) parts.push(`"default":${this.value(schema, schema.defaultValue())}`);
    const json = `{${parts.join(',')}}`;
    this.#schemaCache.set(schema, json);
    return json;
  }

  // Jackson writes a missing child schema (a null node) as null.
  #nested(schema: Schema | null): string {
    return schema === null ? 'null' : this.schema(schema);
  }

  /** The JSON of a value under a schema (null schema: inferred from the JS value, as Java infers from its class). */
  value(schema: Schema | null, value: unknown): string {
    if (value === null || value === undefined) {
      if (schema === null) return 'null';
      const defaultValue = schema.defaultValue();
      if (defaultValue !== null && this.#config.replaceNullWithDefault) return this.value(schema, defaultValue);
      if (schema.isOptional()) return 'null';
      throw new DataException('Conversion error: null value for field that is required and has no default value');
    }
    const name = schema?.name() ?? null;
    if (schema !== null && name !== null) {
      const logical = this.#logical(schema, name, value);
      if (logical !== null) return logical;
    }
    const type = schema !== null ? schema.type() : inferType(value);
    switch (type) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(schema, value);
        return String(value);
      case 'INT64':
        if (typeof value === 'bigint') return value.toString();
        // Only schemaless integers reach here as numbers; with a schema INT64 must be a bigint.
        if (schema === null && typeof value === 'number') return String(value);
        throw invalidType(schema, value);
      case 'FLOAT32':
        if (typeof value !== 'number') throw invalidType(schema, value);
        return javaFloatingJson(formatJavaFloat(value));
      case 'FLOAT64':
        if (typeof value !== 'number') throw invalidType(schema, value);
        return javaFloatingJson(formatJavaDouble(value));
      case 'BOOLEAN':
        if (typeof value !== 'boolean') throw invalidType(schema, value);
        return String(value);
      case 'STRING':
        if (typeof value !== 'string') throw invalidType(schema, value);
        return quoteJson(value);
      case 'BYTES':
        if (!(value instanceof Uint8Array)) throw new DataException(`Invalid type for bytes type: ${describeValue(value)}`);
        return `"${base64(value)}"`;
      case 'ARRAY': {
        if (!Array.isArray(value)) throw invalidType(schema, value);
        if (schema === null) return `[${value.map((element, i) => this.#schemaless(value, i, element)).join(',')}]`;
        const elementSchema = schema.valueSchema();
        return `[${value.map((element) => this.value(elementSchema, element)).join(',')}]`;
      }
      case 'MAP':
        if (!isMapLike(value)) throw invalidType(schema, value);
        return this.#map(schema, value, mapEntries(value));
      case 'STRUCT': {
        if (!(value instanceof Struct)) throw invalidType(schema, value);
        if (schema === null || !schemaEquals(value.schema(), schema)) throw new DataException('Mismatching schema.');
        const fields = schema.fields().map((field) => `${quoteJson(field.name())}:${this.value(field.schema(), value.getWithoutDefault(field.name()))}`);
        return `{${fields.join(',')}}`;
      }
    }
  }

  // A schemaless entry, printed as a Java double when a reader marked it as one.
  #schemaless(container: object, key: unknown, element: unknown): string {
    return isSchemalessDouble(container, key, element) ? javaFloatingJson(formatJavaDouble(element as number)) : this.value(null, element);
  }

  #map(schema: Schema | null, container: object, entries: Array<[unknown, unknown]>): string {
    // String keys make a JSON object, any other key type an array of [key, value] pairs.
    const objectMode = schema === null ? entries.every(([key]) => typeof key === 'string') : schema.keySchema()?.type() === 'STRING';
    const keySchema = schema === null ? null : schema.keySchema();
    const valueSchema = schema === null ? null : schema.valueSchema();
    const valueJson = (key: unknown, value: unknown): string =>
      schema === null ? this.#schemaless(container, key, value) : this.value(valueSchema, value);
    if (!objectMode) {
      return `[${entries.map(([key, value]) => `[${this.value(keySchema, key)},${valueJson(key, value)}]`).join(',')}]`;
    }
    // Jackson's ObjectNode keeps one entry per key: the first position, the last value.
    const fields = new Map<string, string>();
    for (const [key, value] of entries) {
      const keyJson = this.value(keySchema, key);
      fields.set(typeof key === 'string' ? key : keyJson, valueJson(key, value));
    }
    return `{${[...fields].map(([key, value]) => `${quoteJson(key)}:${value}`).join(',')}}`;
  }

  #logical(schema: Schema, name: string, value: unknown): string | null {
    switch (name) {
      case DECIMAL_LOGICAL_NAME:
        if (!(value instanceof BigDecimal)) throw new DataException(`Invalid type for Decimal, expected BigDecimal but was ${describeValue(value)}`);
        return this.#config.decimalFormat === 'NUMERIC' ? value.toString() : `"${base64(Decimal.fromLogical(schema, value))}"`;
      case DATE_LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataException(`Invalid type for Date, expected Date but was ${describeValue(value)}`);
        return String(ConnectDate.fromLogical(schema, value));
      case TIME_LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataException(`Invalid type for Time, expected Date but was ${describeValue(value)}`);
        return String(ConnectTime.fromLogical(schema, value));
      case TIMESTAMP_LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataException(`Invalid type for Timestamp, expected Date but was ${describeValue(value)}`);
        return ConnectTimestamp.fromLogical(schema, value).toString();
      default:
        return null;
    }
  }
}

/**
 * The type Java infers from a schemaless value's class (ConnectSchema.schemaType). A JS integer
 * prints like a Java Integer/Long, any other number like a Double; BigDecimal and Date have no
 * schemaless type, as in Java.
 */
function inferType(value: unknown): SchemaType {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'bigint') return 'INT64';
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? 'INT64' : 'FLOAT64';
  if (value instanceof Uint8Array) return 'BYTES';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof Struct) return 'STRUCT';
  if (isMapLike(value)) return 'MAP';
  throw new DataException(`Java class ${describeValue(value)} does not have corresponding schema type.`);
}

// Jackson writes NaN and the infinities as JSON strings (QUOTE_NON_NUMERIC_NUMBERS).
function javaFloatingJson(text: string): string {
  return text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? `"${text}"` : text;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function invalidType(schema: Schema | null, value: unknown): DataException {
  return new DataException(`Invalid type for ${schema !== null ? schema.type() : 'unknown schema'}: ${describeValue(value)}`);
}
