import {
  AVRO_PRIMITIVE_TYPES,
  AvroSchemaException,
  avroName,
  createArray,
  createEnum,
  createField,
  createFixed,
  createMap,
  createPrimitive,
  createRecord,
  createUnion,
  type AvroField,
  type AvroFieldOrder,
  type AvroNamedSchema,
  type AvroPrimitiveType,
  type AvroProps,
  type AvroSchema,
} from './avro-schema.js';
import { isJsonNumber, isJsonObject, parseJson, type JsonObject, type JsonValue } from './json-value.js';

const SCHEMA_RESERVED = new Set(['doc', 'fields', 'items', 'name', 'namespace', 'size', 'symbols', 'values', 'type', 'aliases']);
const ENUM_RESERVED = new Set([...SCHEMA_RESERVED, 'default']);
const FIELD_RESERVED = new Set(['default', 'doc', 'name', 'order', 'type', 'aliases']);
const PRIMITIVES: ReadonlySet<string> = new Set(AVRO_PRIMITIVE_TYPES);

/**
 * Parses Avro schema JSON (as the registry returns it) the way Avro Java's Schema.Parser does:
 * names resolve against the enclosing namespace, then as given; every non-reserved key is a prop.
 */
export function parseAvroSchema(text: string): AvroSchema {
  let json: JsonValue;
  try {
    json = parseJson(text);
  } catch (error) {
    throw new AvroSchemaException(`Invalid Avro schema JSON: ${(error as Error).message}`);
  }
  return new SchemaParser().parse(json, null);
}

class SchemaParser {
  readonly #names = new Map<string, AvroNamedSchema>();

  parse(json: JsonValue, namespace: string | null): AvroSchema {
    if (typeof json === 'string') return this.#reference(json, namespace);
    if (Array.isArray(json)) return createUnion(json.map((member) => this.parse(member, namespace)));
    if (!isJsonObject(json)) throw new AvroSchemaException(`Schema not yet supported: ${String(json)}`);
    const type = json.get('type');
    if (type === undefined) throw new AvroSchemaException('No type');
    if (typeof type !== 'string') return this.parse(type, namespace);
    if (PRIMITIVES.has(type)) {
      const schema = createPrimitive(type as AvroPrimitiveType);
      copyProps(json, SCHEMA_RESERVED, schema.props);
      return schema;
    }
    switch (type) {
      case 'record':
      case 'error':
        return this.#record(json, namespace, type === 'error');
      case 'enum':
        return this.#enum(json, namespace);
      case 'fixed':
        return this.#fixed(json, namespace);
      case 'array': {
        const items = json.get('items');
        if (items === undefined) throw new AvroSchemaException('Array has no items type');
        const schema = createArray(this.parse(items, namespace));
        copyProps(json, SCHEMA_RESERVED, schema.props);
        return schema;
      }
      case 'map': {
        const values = json.get('values');
        if (values === undefined) throw new AvroSchemaException('Map has no values type');
        const schema = createMap(this.parse(values, namespace));
        copyProps(json, SCHEMA_RESERVED, schema.props);
        return schema;
      }
      default:
        return this.#reference(type, namespace);
    }
  }

  #reference(name: string, namespace: string | null): AvroSchema {
    if (PRIMITIVES.has(name)) return createPrimitive(name as AvroPrimitiveType);
    const qualified = name.includes('.') || namespace === null ? name : `${namespace}.${name}`;
    const found = this.#names.get(qualified) ?? this.#names.get(name);
    if (found === undefined) throw new AvroSchemaException(`Undefined name: "${name}"`);
    return found;
  }

  #define(schema: AvroNamedSchema): void {
    if (this.#names.has(schema.fullName)) throw new AvroSchemaException(`Can't redefine: ${schema.fullName}`);
    this.#names.set(schema.fullName, schema);
  }

  #record(json: JsonObject, namespace: string | null, isError: boolean): AvroSchema {
    const { name, space } = nameOf(json, namespace);
    const record = createRecord(name, space, optionalText(json, 'doc'), isError, aliasesOf(json, space));
    copyProps(json, SCHEMA_RESERVED, record.props);
    this.#define(record);
    const fieldsJson = json.get('fields');
    if (!Array.isArray(fieldsJson)) throw new AvroSchemaException(`Record has no fields: ${record.fullName}`);
    const fields: AvroField[] = [];
    for (const fieldJson of fieldsJson) {
      if (!isJsonObject(fieldJson)) throw new AvroSchemaException('Field is not an object');
      const fieldName = requiredText(fieldJson, 'name', 'No field name');
      const typeJson = fieldJson.get('type');
      if (typeJson === undefined) throw new AvroSchemaException(`No field type: ${fieldName}`);
      const field = createField(
        fieldName,
        this.parse(typeJson, record.namespace),
        optionalText(fieldJson, 'doc'),
        fieldJson.get('default'),
        orderOf(fieldJson),
        textArray(fieldJson.get('aliases')),
      );
      copyProps(fieldJson, FIELD_RESERVED, field.props);
      fields.push(field);
    }
    record.fields = fields;
    return record;
  }

  #enum(json: JsonObject, namespace: string | null): AvroSchema {
    const { name, space } = nameOf(json, namespace);
    const symbols = json.get('symbols');
    if (!Array.isArray(symbols)) throw new AvroSchemaException('Enum has no symbols');
    const schema = createEnum(name, space, optionalText(json, 'doc'), textArray(symbols), optionalText(json, 'default'), aliasesOf(json, space));
    copyProps(json, ENUM_RESERVED, schema.props);
    this.#define(schema);
    return schema;
  }

  #fixed(json: JsonObject, namespace: string | null): AvroSchema {
    const { name, space } = nameOf(json, namespace);
    const size = json.get('size');
    if (!isJsonNumber(size) || !size.isIntegral()) throw new AvroSchemaException(`Invalid or no size: ${String(size)}`);
    const schema = createFixed(name, space, optionalText(json, 'doc'), size.toInt(), aliasesOf(json, space));
    copyProps(json, SCHEMA_RESERVED, schema.props);
    this.#define(schema);
    return schema;
  }
}

function nameOf(json: JsonObject, namespace: string | null): { name: string; space: string | null } {
  const name = requiredText(json, 'name', 'No name in schema');
  const declared = json.get('namespace');
  const space = typeof declared === 'string' ? declared : namespace;
  return { name, space: avroName(name, space).namespace };
}

function aliasesOf(json: JsonObject, space: string | null): string[] {
  return textArray(json.get('aliases')).map((alias) => avroName(alias, space).fullName);
}

function orderOf(json: JsonObject): AvroFieldOrder {
  const order = json.get('order');
  if (typeof order !== 'string') return 'ascending';
  const lower = order.toLowerCase();
  if (lower === 'ascending' || lower === 'descending' || lower === 'ignore') return lower;
  throw new AvroSchemaException(`Invalid field order: ${order}`);
}

function requiredText(json: JsonObject, key: string, message: string): string {
  const value = json.get(key);
  if (typeof value !== 'string') throw new AvroSchemaException(message);
  return value;
}

function optionalText(json: JsonObject, key: string): string | null {
  const value = json.get(key);
  return typeof value === 'string' ? value : null;
}

function textArray(value: JsonValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (typeof item !== 'string') throw new AvroSchemaException(`Expected a string, found ${String(item)}`);
    return item;
  });
}

function copyProps(json: JsonObject, reserved: ReadonlySet<string>, props: AvroProps): void {
  for (const [key, value] of json) if (!reserved.has(key)) props.set(key, value);
}
