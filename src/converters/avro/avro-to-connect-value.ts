import { DataException, describeValue, Struct, type Field, type Schema, type SchemaType } from '../../data/index.js';
import { isEnumSchema, isUnionSchema, KEY_FIELD, VALUE_FIELD, type AvroNames } from './avro-data-names.js';
import { fieldIndex, type AvroRecordSchema } from './avro-schema.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';
import { anythingToConnect } from './anything-schema.js';
import { orderLikeSizedJavaHashMap } from './java-hash-map.js';
import { toConnectLogical } from './logical-types.js';

type ToConnect = (value: unknown) => unknown;

/**
 * AvroData.toConnectData: generic Avro data (as decoded, or an Avro default) as a Connect value
 * of the Connect schema derived from its Avro schema. The conversion for each Connect schema is
 * worked out once and kept.
 */
export class AvroToConnectValue {
  readonly #compiled = new WeakMap<Schema, ToConnect>();
  readonly #compiledWithoutLogical = new WeakMap<Schema, ToConnect>();

  constructor(private readonly names: AvroNames) {}

  /** `logical` false leaves logical types in their Avro form (defaults are converted in two steps, as in AvroData). */
  convert(schema: Schema | null, value: unknown, logical = true): unknown {
    return this.#converter(schema, logical)(value);
  }

  #converter(schema: Schema | null, logical = true): ToConnect {
    if (schema === null) return anythingToConnect;
    const cache = logical ? this.#compiled : this.#compiledWithoutLogical;
    const known = cache.get(schema);
    if (known !== undefined) return known;
    // A recursive schema reaches itself while being compiled: bind late.
    let compiled: ToConnect | undefined;
    cache.set(schema, (value) => (compiled as ToConnect)(value));
    compiled = this.#compile(schema, logical);
    cache.set(schema, compiled);
    return compiled;
  }

  #compile(schema: Schema, logical: boolean): ToConnect {
    const convert = this.#compileValue(schema);
    const optional = schema.isOptional();
    const withLogical = logical && schema.name() !== null;
    return (value) => {
      if (value === null || value === undefined) {
        if (!optional) throw new DataException('Found null value for non-optional schema');
        return null;
      }
      const converted = convert(value);
      return withLogical ? toConnectLogical(schema, converted) : converted;
    };
  }

  #compileValue(schema: Schema): ToConnect {
    const type = schema.type();
    switch (type) {
      case 'INT32':
      case 'FLOAT32':
      case 'FLOAT64':
        return (value) => {
          if (typeof value !== 'number') throw invalidType(type, value);
          return value;
        };
      case 'INT8':
        return (value) => {
          if (typeof value !== 'number') throw invalidType(type, value);
          return (value << 24) >> 24;
        };
      case 'INT16':
        return (value) => {
          if (typeof value !== 'number') throw invalidType(type, value);
          return (value << 16) >> 16;
        };
      case 'INT64':
        return (value) => {
          if (typeof value !== 'bigint') throw invalidType(type, value);
          return value;
        };
      case 'BOOLEAN':
        return (value) => {
          if (typeof value !== 'boolean') throw invalidType(type, value);
          return value;
        };
      case 'STRING':
        return (value) => {
          if (typeof value === 'string') return value;
          if (value instanceof AvroEnumSymbol) return value.symbol;
          throw new DataException(`Invalid class for string type, expecting String or CharSequence but found ${describeValue(value)}`);
        };
      case 'BYTES':
        return (value) => {
          if (value instanceof AvroFixed) return value.bytes;
          if (value instanceof Uint8Array) return value;
          throw new DataException(`Invalid class for bytes type, expecting byte[] or ByteBuffer but found ${describeValue(value)}`);
        };
      case 'ARRAY': {
        const element = this.#converter(schema.valueSchema());
        return (value) => {
          if (!Array.isArray(value)) throw invalidType(type, value);
          return value.map(element);
        };
      }
      case 'MAP':
        return this.#map(schema);
      case 'STRUCT':
        return isUnionSchema(schema) ? this.#union(schema) : this.#struct(schema);
    }
  }

  #map(schema: Schema): ToConnect {
    const keySchema = schema.keySchema();
    const item = this.#converter(schema.valueSchema());
    if (keySchema !== null && keySchema.type() === 'STRING' && !keySchema.isOptional()) {
      return (value) => {
        if (!(value instanceof Map)) throw invalidType('MAP', value);
        const entries: Array<[unknown, unknown]> = [];
        for (const [key, entry] of value as Map<unknown, unknown>) entries.push([String(key), item(entry)]);
        // AvroData fills a presized HashMap; Connect then sees its iteration order.
        return new Map(orderLikeSizedJavaHashMap(entries, 'STRING'));
      };
    }
    const key = this.#converter(keySchema);
    const keyType = keySchema?.type() ?? null;
    return (value) => {
      if (!Array.isArray(value)) throw invalidType('MAP', value);
      const entries = value.map((entry: unknown): [unknown, unknown] => {
        if (!(entry instanceof AvroRecord)) throw invalidType('MAP', entry);
        return [key(entry.values[fieldIndex(entry.schema, KEY_FIELD)]), item(entry.values[fieldIndex(entry.schema, VALUE_FIELD)])];
      });
      return new Map(orderLikeSizedJavaHashMap(entries, keyType));
    };
  }

  #struct(schema: Schema): ToConnect {
    const fields = schema.fields().map((field) => ({ field, avroName: this.names.scrubName(field.name()), convert: this.#converter(field.schema()) }));
    // Records of one writer schema arrive in a row: remember where its fields are.
    let lastRecord: AvroRecordSchema | null = null;
    let indexes: number[] = [];
    return (value) => {
      if (!(value instanceof AvroRecord)) throw invalidType('STRUCT', value);
      if (value.schema !== lastRecord) {
        const record = value.schema;
        indexes = fields.map(({ avroName }) => {
          const index = fieldIndex(record, avroName);
          if (index < 0) throw new DataException(`Field ${avroName} not found in Avro record ${record.fullName}`);
          return index;
        });
        lastRecord = record;
      }
      const struct = new Struct(schema);
      const values = value.values;
      for (let i = 0; i < fields.length; i++) struct.put(fields[i].field, fields[i].convert(values[indexes[i]]));
      return struct;
    };
  }

  #union(schema: Schema): ToConnect {
    const converters = new Map(schema.fields().map((field) => [field, this.#converter(field.schema())]));
    return (value) => {
      let field: Field | null;
      let member = value;
      if (value instanceof AvroUnionValue) {
        field = schema.field(this.names.avroUnionMemberName(value.branch, value.index));
        member = value.value;
      } else {
        field = schema.fields().find((candidate) => matchesSimpleType(candidate.schema(), value)) ?? null;
      }
      if (field === null) throw new DataException('Did not find matching union field for data');
      return new Struct(schema).put(field, (converters.get(field) as ToConnect)(member));
    };
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
