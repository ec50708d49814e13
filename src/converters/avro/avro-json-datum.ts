import type { AvroSchema } from './avro-schema.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';
import { JsonNumber, type JsonValue } from './json-value.js';

/**
 * A JSON default (Avro field `default`) as generic Avro data of its schema, like Avro Java's
 * JacksonUtils.toObject: bytes are ISO-8859-1 text, a record's missing fields take their own
 * defaults, a union takes the first branch the value fits. Null when the JSON does not fit.
 */
export function jsonToDatum(json: JsonValue | undefined, schema: AvroSchema): unknown {
  if (json === undefined || json === null) return null;
  switch (schema.type) {
    case 'union': {
      const wrap = schema.types.filter((type) => type.type !== 'null').length > 1;
      for (let index = 0; index < schema.types.length; index++) {
        const branch = schema.types[index];
        if (branch.type === 'null') continue;
        const value = jsonToDatum(json, branch);
        if (value !== null) return wrap ? new AvroUnionValue(branch, index, value) : value;
      }
      return null;
    }
    case 'null':
      return null;
    case 'boolean':
      return typeof json === 'boolean' ? json : null;
    case 'int':
      return json instanceof JsonNumber && json.isIntegral() && json.toBigInt() === BigInt(json.toInt()) ? json.toInt() : null;
    case 'long':
      return json instanceof JsonNumber && json.isIntegral() ? json.toBigInt() : null;
    case 'float':
      return json instanceof JsonNumber ? Math.fround(json.toNumber()) : null;
    case 'double':
      return json instanceof JsonNumber ? json.toNumber() : null;
    case 'string':
      return typeof json === 'string' ? json : null;
    case 'bytes':
      return typeof json === 'string' ? Buffer.from(json, 'latin1') : null;
    case 'fixed':
      return typeof json === 'string' ? new AvroFixed(schema, Buffer.from(json, 'latin1')) : null;
    case 'enum':
      return typeof json === 'string' && schema.symbols.includes(json) ? new AvroEnumSymbol(schema, json) : null;
    case 'array':
      return Array.isArray(json) ? json.map((element) => jsonToDatum(element, schema.items)) : null;
    case 'map':
      return json instanceof Map ? new Map([...json].map(([key, value]) => [key, jsonToDatum(value, schema.values)])) : null;
    case 'record': {
      if (!(json instanceof Map)) return null;
      const values = schema.fields.map((field) => jsonToDatum(json.has(field.name) ? json.get(field.name) : field.defaultValue, field.schema));
      return new AvroRecord(schema, values);
    }
  }
}

