import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  DATE_LOGICAL_NAME,
  Decimal,
  DECIMAL_LOGICAL_NAME,
  markSchemalessDouble,
  orderLikeJavaHashMap,
  SchemaBuilder,
  Struct,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
  type SchemaType,
} from '../../data/index.js';
import { LruCache } from '../lru-cache.js';
import type { JsonConverterConfig } from './json-converter-config.js';
import {
  binaryValue,
  booleanValue,
  childNodes,
  decimalValue,
  doubleValue,
  fieldOf,
  floatValue,
  intValue,
  isInt,
  isIntegral,
  isNumber,
  longValue,
  nodeType,
  textValue,
  type JsonNode,
} from './json-node.js';
import { writeNode } from './json-writer.js';

const SCHEMA_TYPES_BY_JSON_NAME: ReadonlyMap<string, SchemaType> = new Map([
  ['boolean', 'BOOLEAN'],
  ['int8', 'INT8'],
  ['int16', 'INT16'],
  ['int32', 'INT32'],
  ['int64', 'INT64'],
  ['float', 'FLOAT32'],
  ['double', 'FLOAT64'],
  ['bytes', 'BYTES'],
  ['string', 'STRING'],
]);

/**
 * JSON nodes to Connect schemas and values, as Kafka's JsonConverter reads them. Java's quirks are
 * kept: numbers are read with Jackson's casts (an int8 of 300 wraps to 44, a string where a
 * number is expected reads as 0), and maps come back in Java HashMap order.
 * Without a schema, JSON integers become bigint (Java's Long) and other numbers JS numbers
 * (Java's Double); objects become Maps.
 */
export class JsonToConnect {
  readonly #config: JsonConverterConfig;
  readonly #schemaCache: LruCache<string, Schema>;

  constructor(config: JsonConverterConfig) {
    this.#config = config;
    this.#schemaCache = new LruCache(config.schemaCacheSize);
  }

  /** The schema already converted from this exact schema object text, if it is still cached. */
  cachedSchema(text: string): Schema | undefined {
    return this.#schemaCache.get(text);
  }

  schema(node: JsonNode | undefined): Schema | null {
    if (node === undefined || node.kind === 'null') return null;
    const cacheKey = node.kind === 'object' && node.source !== undefined ? node.source : writeNode(node);
    const cached = this.#schemaCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const result = this.#buildSchema(node).build();
    this.#schemaCache.set(cacheKey, result);
    return result;
  }

  #buildSchema(node: JsonNode): SchemaBuilder {
    const typeNode = fieldOf(node, 'type');
    if (typeNode === undefined || typeNode.kind !== 'string') throw new DataException("Schema must contain 'type' field");
    const builder = this.#builderFor(node, typeNode.value);

    if (fieldOf(node, 'optional')?.kind === 'boolean' && booleanValue(fieldOf(node, 'optional') as JsonNode)) builder.optional();
    else builder.required();
    const name = fieldOf(node, 'name');
    if (name?.kind === 'string') builder.name(name.value);
    const version = fieldOf(node, 'version');
    if (version !== undefined && isIntegral(version)) builder.version(intValue(version));
    const doc = fieldOf(node, 'doc');
    if (doc?.kind === 'string') builder.doc(doc.value);
    const parameters = fieldOf(node, 'parameters');
    if (parameters?.kind === 'object') {
      for (const [key, value] of parameters.fields) {
        if (value.kind !== 'string') throw new DataException('Schema parameters must have string values.');
        builder.parameter(key, value.value);
      }
    }
    const defaultNode = fieldOf(node, 'default');
    if (defaultNode !== undefined) builder.defaultValue(this.value(builder, defaultNode));
    return builder;
  }

  #builderFor(node: JsonNode, typeName: string): SchemaBuilder {
    const primitive = SCHEMA_TYPES_BY_JSON_NAME.get(typeName);
    if (primitive !== undefined) return SchemaBuilder.type(primitive);
    switch (typeName) {
      case 'array': {
        const items = fieldOf(node, 'items');
        if (items === undefined || items.kind === 'null') throw new DataException('Array schema did not specify the element type');
        return SchemaBuilder.array(this.schema(items) as Schema);
      }
      case 'map': {
        const keys = fieldOf(node, 'keys');
        if (keys === undefined) throw new DataException('Map schema did not specify the key type');
        const values = fieldOf(node, 'values');
        if (values === undefined) throw new DataException('Map schema did not specify the value type');
        return SchemaBuilder.map(this.schema(keys) as Schema, this.schema(values) as Schema);
      }
      case 'struct': {
        const builder = SchemaBuilder.struct();
        const fields = fieldOf(node, 'fields');
        if (fields?.kind !== 'array') throw new DataException('Struct schema\'s "fields" argument is not an array.');
        for (const field of fields.items) {
          const fieldName = fieldOf(field, 'field');
          if (fieldName?.kind !== 'string') throw new DataException("Struct schema's field name not specified properly");
          builder.field(fieldName.value, this.schema(field) as Schema);
        }
        return builder;
      }
      default:
        throw new DataException(`Unknown schema type: ${typeName}`);
    }
  }

  value(schema: Schema | null, node: JsonNode | undefined): unknown {
    let type: SchemaType;
    if (schema !== null) {
      type = schema.type();
      if (node === undefined || node.kind === 'null') {
        // Defaults are already in their logical form.
        const defaultValue = schema.defaultValue();
        if (defaultValue !== null && this.#config.replaceNullWithDefault) return defaultValue;
        if (schema.isOptional()) return null;
        throw new DataException(`Invalid null value for required ${type} field`);
      }
      const name = schema.name();
      if (name !== null) {
        const logical = logicalValue(schema, name, node);
        if (logical !== undefined) return logical;
      }
    } else {
      if (node === undefined || node.kind === 'null') return null;
      type = schemalessType(node);
    }
    return this.#typedValue(schema, type, node);
  }

  #typedValue(schema: Schema | null, type: SchemaType, node: JsonNode): unknown {
    switch (type) {
      case 'BOOLEAN':
        return booleanValue(node);
      case 'INT8':
        return (intValue(node) << 24) >> 24;
      case 'INT16':
        return (intValue(node) << 16) >> 16;
      case 'INT32':
        return intValue(node);
      case 'INT64':
        return longValue(node);
      case 'FLOAT32':
        return floatValue(node);
      case 'FLOAT64':
        return doubleValue(node);
      case 'BYTES':
        try {
          return binaryValue(node);
        } catch (error) {
          throw new DataException('Invalid bytes field', { cause: error });
        }
      case 'STRING':
        return textValue(node);
      case 'ARRAY': {
        const elementSchema = schema === null ? null : schema.valueSchema();
        const children = childNodes(node);
        const result = children.map((element) => this.value(elementSchema, element));
        if (schema === null) children.forEach((child, i) => markIfDouble(result, i, child, result[i]));
        return result;
      }
      case 'MAP':
        return this.#map(schema, node);
      case 'STRUCT': {
        if (node.kind !== 'object') throw new DataException(`Structs should be encoded as JSON objects, but found ${nodeType(node)}`);
        const structSchema = (schema as Schema).schema();
        const struct = new Struct(structSchema);
        for (const field of structSchema.fields()) struct.put(field, this.value(field.schema(), node.fields.get(field.name())));
        return struct;
      }
    }
  }

  #map(schema: Schema | null, node: JsonNode): Map<unknown, unknown> {
    const keySchema = schema === null ? null : schema.keySchema();
    const valueSchema = schema === null ? null : schema.valueSchema();
    const entries: Array<[unknown, unknown]> = [];
    if (schema === null || keySchema?.type() === 'STRING') {
      if (node.kind !== 'object') throw new DataException(`Maps with string fields should be encoded as JSON objects, but found ${nodeType(node)}`);
      for (const [key, value] of node.fields) entries.push([key, this.value(valueSchema, value)]);
    } else {
      if (node.kind !== 'array') {
        throw new DataException(`Maps with non-string fields should be encoded as JSON array of tuples, but found ${nodeType(node)}`);
      }
      for (const entry of node.items) {
        if (entry.kind !== 'array') throw new DataException(`Found invalid map entry instead of array tuple: ${nodeType(entry)}`);
        if (entry.items.length !== 2) throw new DataException(`Found invalid map entry, expected length 2 but found :${entry.items.length}`);
        entries.push([this.value(keySchema, entry.items[0]), this.value(valueSchema, entry.items[1])]);
      }
    }
    // Java collects into a HashMap: the last value of a repeated key wins, iteration is by hash bucket.
    const unique = new Map<unknown, unknown>();
    for (const [key, value] of entries) unique.set(key, value);
    const result = new Map(orderLikeJavaHashMap([...unique], keySchema === null ? 'STRING' : keySchema.type()));
    if (schema === null && node.kind === 'object') for (const [key, child] of node.fields) markIfDouble(result, key, child, result.get(key));
    return result;
  }
}

// Schemaless JSON decimals are Java Doubles: remember them so they print as `20.0` again.
function markIfDouble(container: object, key: unknown, node: JsonNode, value: unknown): void {
  if (node.kind === 'decimal' && typeof value === 'number') markSchemalessDouble(container, key, value);
}

function schemalessType(node: JsonNode): SchemaType {
  switch (node.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'integer':
      return 'INT64';
    case 'decimal':
      return 'FLOAT64';
    case 'array':
      return 'ARRAY';
    case 'object':
      return 'MAP';
    case 'string':
      return 'STRING';
    case 'null':
      throw new DataException('Unknown schema type: null');
  }
}

function logicalValue(schema: Schema, name: string, node: JsonNode): unknown {
  switch (name) {
    case DECIMAL_LOGICAL_NAME:
      if (isNumber(node)) return decimalValue(node);
      if (node.kind === 'string') {
        try {
          return Decimal.toLogical(schema, binaryValue(node) as Buffer);
        } catch (error) {
          throw new DataException('Invalid bytes for Decimal field', { cause: error });
        }
      }
      throw new DataException(`Invalid type for Decimal, underlying representation should be numeric or bytes but was ${nodeType(node)}`);
    case DATE_LOGICAL_NAME:
      if (!isInt(node)) throw new DataException(`Invalid type for Date, underlying representation should be integer but was ${nodeType(node)}`);
      return ConnectDate.toLogical(schema, intValue(node));
    case TIME_LOGICAL_NAME:
      if (!isInt(node)) throw new DataException(`Invalid type for Time, underlying representation should be integer but was ${nodeType(node)}`);
      return ConnectTime.toLogical(schema, intValue(node));
    case TIMESTAMP_LOGICAL_NAME:
      if (!isIntegral(node)) {
        throw new DataException(`Invalid type for Timestamp, underlying representation should be integral but was ${nodeType(node)}`);
      }
      return ConnectTimestamp.toLogical(schema, longValue(node));
    default:
      return undefined;
  }
}
