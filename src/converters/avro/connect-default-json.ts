import { DataException, describeValue, isMapLike, mapEntries, Struct, type Schema } from '../../data/index.js';
import type { AvroDataConfig } from './avro-data-config.js';
import { isUnionSchema, type AvroNames } from './avro-data-names.js';
import type { AvroSchema } from './avro-schema.js';
import { JsonNumber, type JsonValue } from './json-value.js';
import { toAvroLogical } from './logical-types.js';

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * AvroData.defaultValueFromConnect: a Connect default as the JSON Avro stores in `default` and
 * `connect.default` (bytes as ISO-8859-1 text, maps with non-string keys as [key, value] pairs).
 */
export function connectDefaultToJson(schema: Schema, value: unknown, config: AvroDataConfig, names: AvroNames): JsonValue {
  if (value === null || value === undefined) return null;
  const avroValue = toAvroLogical(schema, value);
  const type = schema.type();
  const invalid = (): never => {
    throw new DataException(`Invalid type used for default value of ${type} field: ${describeValue(schema.defaultValue())}`);
  };
  switch (type) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
      return typeof avroValue === 'number' && Number.isInteger(avroValue) ? JsonNumber.integer(avroValue) : invalid();
    case 'INT64':
      return typeof avroValue === 'bigint' ? JsonNumber.integer(avroValue) : invalid();
    case 'FLOAT32':
      return typeof avroValue === 'number' ? JsonNumber.float(avroValue) : invalid();
    case 'FLOAT64':
      return typeof avroValue === 'number' ? JsonNumber.double(avroValue) : invalid();
    case 'BOOLEAN':
      return typeof avroValue === 'boolean' ? avroValue : invalid();
    case 'STRING':
      return typeof avroValue === 'string' ? avroValue : invalid();
    case 'BYTES':
      return avroValue instanceof Uint8Array ? Buffer.from(avroValue).toString('latin1') : invalid();
    case 'ARRAY': {
      if (!Array.isArray(avroValue)) return invalid();
      const elementSchema = schema.valueSchema() as Schema;
      return avroValue.map((element: unknown) => connectDefaultToJson(elementSchema, element, config, names));
    }
    case 'MAP': {
      if (!isMapLike(avroValue)) return invalid();
      const keySchema = schema.keySchema() as Schema;
      const valueSchema = schema.valueSchema() as Schema;
      if (keySchema.type() === 'STRING' && (!keySchema.isOptional() || config.allowOptionalMapKeys)) {
        const node = new Map<string, JsonValue>();
        for (const [key, item] of mapEntries(avroValue)) node.set(String(key), connectDefaultToJson(valueSchema, item, config, names));
        return node;
      }
      return mapEntries(avroValue).map(([key, item]) => [
        connectDefaultToJson(keySchema, key, config, names),
        connectDefaultToJson(valueSchema, item, config, names),
      ]);
    }
    case 'STRUCT': {
      if (!(avroValue instanceof Struct)) return invalid();
      const union = isUnionSchema(schema);
      const node = new Map<string, JsonValue>();
      for (const field of schema.fields()) {
        const fieldDefault = connectDefaultToJson(field.schema(), avroValue.get(field), config, names);
        // As in AvroData: a union's default is its first member's, set or not.
        if (union) return fieldDefault;
        node.set(names.scrubName(field.name()), fieldDefault);
      }
      return node;
    }
  }
}

/**
 * A field default after Avro's Field constructor took it through Java objects
 * (JacksonUtils.toObject, then toJsonNode): float nodes come back as doubles.
 */
export function asFieldDefault(json: JsonValue): JsonValue {
  if (json instanceof JsonNumber) return json.kind === 'float' ? JsonNumber.double(json.toNumber()) : json;
  if (Array.isArray(json)) return json.map(asFieldDefault);
  if (json instanceof Map) return new Map([...json].map(([key, value]) => [key, asFieldDefault(value)]));
  return json;
}

/** Avro's Schema.isValidDefault: a union default may match any branch. */
export function isValidDefault(schema: AvroSchema, json: JsonValue | undefined): boolean {
  if (json === undefined) return false;
  switch (schema.type) {
    case 'string':
    case 'bytes':
    case 'enum':
    case 'fixed':
      return typeof json === 'string';
    case 'int':
      return json instanceof JsonNumber && json.kind === 'integer' && (json.value as bigint) >= INT_MIN && (json.value as bigint) <= INT_MAX;
    case 'long':
      return json instanceof JsonNumber && json.kind === 'integer' && (json.value as bigint) >= LONG_MIN && (json.value as bigint) <= LONG_MAX;
    case 'float':
    case 'double':
      return json instanceof JsonNumber;
    case 'boolean':
      return typeof json === 'boolean';
    case 'null':
      return json === null;
    case 'array':
      return Array.isArray(json) && json.every((element) => isValidDefault(schema.items, element));
    case 'map':
      return json instanceof Map && [...json.values()].every((value) => isValidDefault(schema.values, value));
    case 'union':
      return schema.types.some((branch) => isValidDefault(branch, json));
    case 'record':
      return json instanceof Map && schema.fields.every((field) => isValidDefault(field.schema, json.has(field.name) ? json.get(field.name) : field.defaultValue));
  }
}
