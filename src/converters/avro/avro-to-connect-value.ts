import { DataException, describeValue, Struct, type Field, type Schema, type SchemaType } from '../../data/index.js';
import { isEnumSchema, isUnionSchema, KEY_FIELD, VALUE_FIELD, type AvroNames } from './avro-data-names.js';
import { fieldIndex } from './avro-schema.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';
import { anythingToConnect } from './anything-schema.js';
import { orderLikeSizedJavaHashMap } from './java-hash-map.js';
import { toConnectLogical } from './logical-types.js';

/**
 * AvroData.toConnectData: generic Avro data (as decoded, or an Avro default) as a Connect value
 * of the Connect schema derived from its Avro schema.
 */
export class AvroToConnectValue {
  constructor(private readonly names: AvroNames) {}

  convert(schema: Schema | null, value: unknown, logical = true): unknown {
    if (value === null || value === undefined) {
      if (schema !== null && !schema.isOptional()) throw new DataException('Found null value for non-optional schema');
      return null;
    }
    if (schema === null) return anythingToConnect(value);
    const type = schema.type();
    let converted: unknown;
    switch (type) {
      case 'INT32':
      case 'FLOAT32':
      case 'FLOAT64':
        if (typeof value !== 'number') throw invalidType(type, value);
        converted = value;
        break;
      case 'INT8':
        if (typeof value !== 'number') throw invalidType(type, value);
        converted = (value << 24) >> 24;
        break;
      case 'INT16':
        if (typeof value !== 'number') throw invalidType(type, value);
        converted = (value << 16) >> 16;
        break;
      case 'INT64':
        if (typeof value !== 'bigint') throw invalidType(type, value);
        converted = value;
        break;
      case 'BOOLEAN':
        if (typeof value !== 'boolean') throw invalidType(type, value);
        converted = value;
        break;
      case 'STRING':
        if (typeof value === 'string') converted = value;
        else if (value instanceof AvroEnumSymbol) converted = value.symbol;
        else throw new DataException(`Invalid class for string type, expecting String or CharSequence but found ${describeValue(value)}`);
        break;
      case 'BYTES':
        if (value instanceof AvroFixed) converted = value.bytes;
        else if (value instanceof Uint8Array) converted = value;
        else throw new DataException(`Invalid class for bytes type, expecting byte[] or ByteBuffer but found ${describeValue(value)}`);
        break;
      case 'ARRAY': {
        if (!Array.isArray(value)) throw invalidType(type, value);
        const elementSchema = schema.valueSchema();
        converted = value.map((element: unknown) => this.convert(elementSchema, element));
        break;
      }
      case 'MAP':
        converted = this.#map(schema, value);
        break;
      case 'STRUCT':
        converted = isUnionSchema(schema) ? this.#union(schema, value) : this.#struct(schema, value);
        break;
    }
    return logical && schema.name() !== null ? toConnectLogical(schema, converted) : converted;
  }

  #map(schema: Schema, value: unknown): Map<unknown, unknown> {
    const keySchema = schema.keySchema();
    const valueSchema = schema.valueSchema();
    if (keySchema !== null && keySchema.type() === 'STRING' && !keySchema.isOptional()) {
      if (!(value instanceof Map)) throw invalidType('MAP', value);
      const entries: Array<[unknown, unknown]> = [];
      for (const [key, item] of value as Map<unknown, unknown>) entries.push([String(key), this.convert(valueSchema, item)]);
      return new Map(orderLikeSizedJavaHashMap(entries, 'STRING'));
    }
    if (!Array.isArray(value)) throw invalidType('MAP', value);
    const entries = value.map((entry: unknown): [unknown, unknown] => {
      if (!(entry instanceof AvroRecord)) throw invalidType('MAP', entry);
      return [
        this.convert(keySchema, entry.values[fieldIndex(entry.schema, KEY_FIELD)]),
        this.convert(valueSchema, entry.values[fieldIndex(entry.schema, VALUE_FIELD)]),
      ];
    });
    return new Map(orderLikeSizedJavaHashMap(entries, keySchema?.type() ?? null));
  }

  #struct(schema: Schema, value: unknown): Struct {
    const fields = schema.fields();
    const struct = new Struct(schema);
    if (!(value instanceof AvroRecord)) throw invalidType('STRUCT', value);
    const record = value.schema;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const avroName = this.names.scrubName(field.name());
      const index = record.fields[i]?.name === avroName ? i : fieldIndex(record, avroName);
      if (index < 0) throw new DataException(`Field ${avroName} not found in Avro record ${record.fullName}`);
      struct.put(field, this.convert(field.schema(), value.values[index]));
    }
    return struct;
  }

  #union(schema: Schema, value: unknown): Struct {
    let field: Field | null;
    let member = value;
    if (value instanceof AvroUnionValue) {
      field = schema.field(this.names.avroUnionMemberName(value.branch, value.index));
      member = value.value;
    } else {
      field = schema.fields().find((candidate) => matchesSimpleType(candidate.schema(), value)) ?? null;
    }
    if (field === null) throw new DataException('Did not find matching union field for data');
    return new Struct(schema).put(field, this.convert(field.schema(), member));
  }
}

/** AvroData.isInstanceOfAvroSchemaTypeForSimpleSchema, for a union member given without its branch. */
function matchesSimpleType(schema: Schema, value: unknown): boolean {
  if (isEnumSchema(schema)) return value instanceof AvroEnumSymbol;
  switch (schema.type()) {
    case 'INT32':
      return typeof value === 'number' && Number.isInteger(value);
    case 'INT64':
      return typeof value === 'bigint';
    case 'FLOAT32':
    case 'FLOAT64':
      return typeof value === 'number';
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'STRING':
      return typeof value === 'string';
    case 'BYTES':
      return value instanceof Uint8Array || value instanceof AvroFixed;
    case 'ARRAY':
      return Array.isArray(value);
    case 'MAP':
      return value instanceof Map;
    case 'STRUCT':
      return value instanceof AvroRecord && (value.schema.fullName === schema.name() || value.schema.name === schema.name());
    default:
      return false;
  }
}

function invalidType(type: SchemaType, value: unknown): DataException {
  return new DataException(`Invalid type for ${type}: ${describeValue(value)}`);
}
