import {
  DataException,
  DECIMAL_LOGICAL_NAME,
  describeValue,
  isMapLike,
  mapEntries,
  orderLikeJavaHashMap,
  schemaEquals,
  Struct,
  type Schema,
  type SchemaType,
} from '../../data/index.js';
import type { AvroDataConfig } from './avro-data-config.js';
import {
  AVRO_TYPE_ENUM,
  CONNECT_AVRO_FIXED_SIZE_PROP,
  DEFAULT_SCHEMA_FULL_NAME,
  equalsIgnoreCase,
  GENERALIZED_TYPE_ENUM,
  isFixedSchema,
  isUnionSchema,
  KEY_FIELD,
  VALUE_FIELD,
  type AvroNames,
} from './avro-data-names.js';
import { fieldIndex, unionBranchName, type AvroEnumSchema, type AvroFixedSchema, type AvroSchema } from './avro-schema.js';
import { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';
import { anythingFromConnect } from './anything-schema.js';
import { toAvroLogical } from './logical-types.js';

type ToAvro = (value: unknown) => unknown;

const RANGES: Partial<Record<SchemaType, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
};

/**
 * AvroData.fromConnectData: a Connect value as generic Avro data of the Avro schema derived from
 * its Connect schema. The conversion of each (Connect schema, Avro schema) pair is worked out
 * once and kept, so a record pays only for its values. Type mismatches throw DataException with
 * AvroData's messages.
 */
export class ConnectToAvroValue {
  readonly #compiled = new WeakMap<AvroSchema, WeakMap<Schema, ToAvro>>();
  readonly #topLevel = new WeakMap<AvroSchema, { readonly schema: Schema; readonly convert: ToAvro }>();

  constructor(
    private readonly config: AvroDataConfig,
    private readonly names: AvroNames,
  ) {}

  convert(schema: Schema | null, avroSchema: AvroSchema, value: unknown): unknown {
    if (schema === null) return anythingFromConnect(value, avroSchema, false);
    // An equal schema object (a connector building one per record) reuses the compiled conversion.
    const top = this.#topLevel.get(avroSchema);
    if (top !== undefined && (top.schema === schema || schemaEquals(top.schema, schema))) return top.convert(value);
    const convert = this.#converter(schema, avroSchema);
    this.#topLevel.set(avroSchema, { schema, convert });
    return convert(value);
  }

  #converter(schema: Schema | null, avroSchema: AvroSchema): ToAvro {
    if (schema === null) return (value) => anythingFromConnect(value, avroSchema, true);
    let bySchema = this.#compiled.get(avroSchema);
    if (bySchema === undefined) {
      bySchema = new WeakMap();
      this.#compiled.set(avroSchema, bySchema);
    }
    const known = bySchema.get(schema);
    if (known !== undefined) return known;
    // A recursive schema reaches itself while being compiled: bind late.
    let compiled: ToAvro | undefined;
    bySchema.set(schema, (value) => (compiled as ToAvro)(value));
    compiled = this.#compile(schema, avroSchema);
    bySchema.set(schema, compiled);
    return compiled;
  }

  #compile(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const convert = this.#compileValue(schema, avroSchema);
    const optional = schema.isOptional();
    const logical = schema.name() !== null;
    return (value) => {
      if (value === null || value === undefined) {
        if (!optional) throw new DataException('Found null value for non-optional schema');
        return null;
      }
      return convert(logical ? toAvroLogical(schema, value) : value);
    };
  }

  #compileValue(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const type = schema.type();
    switch (type) {
      case 'INT8':
      case 'INT16':
      case 'INT32': {
        const [min, max] = RANGES[type] as readonly [number, number];
        return (value) => {
          if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidType(type, value);
          return value;
        };
      }
      case 'INT64':
        return (value) => {
          if (typeof value !== 'bigint') throw invalidType(type, value);
          return value;
        };
      case 'FLOAT32':
      case 'FLOAT64':
        return (value) => {
          if (typeof value !== 'number') throw invalidType(type, value);
          return value;
        };
      case 'BOOLEAN':
        return (value) => {
          if (typeof value !== 'boolean') throw invalidType(type, value);
          return value;
        };
      case 'STRING':
        return this.#string(schema, avroSchema);
      case 'BYTES':
        return this.#bytes(schema, avroSchema);
      case 'ARRAY': {
        const underlying = this.#underlying(schema, avroSchema);
        if (underlying.type !== 'array') throw mismatch(schema, underlying);
        const element = this.#converter(schema.valueSchema(), underlying.items);
        return (value) => {
          if (!Array.isArray(value)) throw invalidType(type, value);
          return value.map(element);
        };
      }
      case 'MAP':
        return this.#map(schema, avroSchema);
      case 'STRUCT':
        return isUnionSchema(schema) ? this.#union(schema, avroSchema) : this.#struct(schema, avroSchema);
    }
  }

  #string(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const parameters = schema.parameters();
    let enumName: string | undefined;
    if (this.config.generalizedSumTypeSupport) enumName = parameters?.get(GENERALIZED_TYPE_ENUM);
    if (enumName === undefined && this.config.enhancedSchemaSupport) enumName = parameters?.get(AVRO_TYPE_ENUM);
    const asString: ToAvro = (value) => {
      if (typeof value !== 'string') throw invalidType('STRING', value);
      return value;
    };
    if (enumName === undefined) return asString;
    const enumSchema = avroSchema.type === 'union' ? avroSchema.types.find((type) => type.type === 'enum' && type.fullName === enumName) : avroSchema;
    if (enumSchema?.type !== 'enum') throw new DataException(`Enum ${enumName} not found in Avro schema`);
    return (value) => new AvroEnumSymbol(enumSchema as AvroEnumSchema, asString(value) as string);
  }

  #bytes(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const asBuffer = (value: unknown): Buffer => {
      if (!(value instanceof Uint8Array)) throw invalidType('BYTES', value);
      return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    };
    if (!isFixedSchema(schema)) return asBuffer;
    const size = Number(schema.parameters()?.get(CONNECT_AVRO_FIXED_SIZE_PROP));
    let fixed: AvroFixedSchema | undefined;
    if (avroSchema.type === 'union') {
      avroSchema.types.forEach((member, index) => {
        if (member.type === 'fixed' && member.size === size && this.names.avroUnionMemberName(member, index) === this.names.connectUnionMemberName(schema, index)) {
          fixed = member;
        }
      });
      if (fixed === undefined) throw new DataException(`Fixed size ${size} not in union [${avroSchema.types.map(unionBranchName).join(', ')}]`);
    } else if (avroSchema.type === 'fixed') {
      fixed = avroSchema;
    } else {
      throw mismatch(schema, avroSchema);
    }
    const fixedSchema = fixed;
    const pad = equalsIgnoreCase(schema.name(), DECIMAL_LOGICAL_NAME);
    return (value) => {
      const bytes = asBuffer(value);
      return new AvroFixed(fixedSchema, pad ? padToFixedSize(bytes, size) : bytes);
    };
  }

  #map(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const keySchema = schema.keySchema() as Schema;
    const valueSchema = schema.valueSchema() as Schema;
    if (keySchema.type() === 'STRING' && (!keySchema.isOptional() || this.config.allowOptionalMapKeys)) {
      const underlying = this.#underlying(schema, avroSchema);
      if (underlying.type !== 'map') throw mismatch(schema, underlying);
      const item = this.#converter(valueSchema, underlying.values);
      return (value) => {
        if (!isMapLike(value)) throw invalidType('MAP', value);
        // AvroData collects the entries into a HashMap, so they are written in its iteration order.
        const converted = new Map<string, unknown>();
        for (const [key, entry] of orderLikeJavaHashMap(mapEntries(value), 'STRING')) {
          if (typeof key !== 'string') throw invalidType('STRING', key);
          converted.set(key, item(entry));
        }
        return converted;
      };
    }
    const underlying = this.#underlyingMapEntries(schema, avroSchema);
    const entry = underlying.items;
    if (entry.type !== 'record') throw mismatch(schema, underlying);
    const keyIndex = fieldIndex(entry, KEY_FIELD);
    const valueIndex = fieldIndex(entry, VALUE_FIELD);
    const key = this.#converter(keySchema, entry.fields[keyIndex].schema);
    const item = this.#converter(valueSchema, entry.fields[valueIndex].schema);
    return (value) => {
      if (!isMapLike(value)) throw invalidType('MAP', value);
      return mapEntries(value).map(([k, v]) => {
        const values = new Array<unknown>(entry.fields.length).fill(null);
        values[keyIndex] = key(k);
        values[valueIndex] = item(v);
        return new AvroRecord(entry, values);
      });
    };
  }

  #struct(schema: Schema, avroSchema: AvroSchema): ToAvro {
    const record = this.#underlying(schema, avroSchema);
    if (record.type !== 'record') throw mismatch(schema, record);
    const plan = schema.fields().map((field) => {
      const avroName = this.names.scrubName(field.name());
      const index = fieldIndex(record, avroName);
      if (index < 0) throw new DataException(`Field ${avroName} not found in Avro record ${record.fullName}`);
      return { field, name: field.name(), index, convert: this.#converter(field.schema(), record.fields[index].schema) };
    });
    const width = record.fields.length;
    const ignoreDefault = this.config.ignoreDefaultForNullables;
    return (value) => {
      if (!(value instanceof Struct)) throw invalidType('STRUCT', value);
      if (!schemaEquals(value.schema(), schema)) throw new DataException('Mismatching struct schema');
      const values = new Array<unknown>(width).fill(null);
      for (const { field, name, index, convert } of plan) values[index] = convert(ignoreDefault ? value.getWithoutDefault(name) : value.get(field));
      return new AvroRecord(record, values);
    };
  }

  /** A Connect union struct: the first member set picks the Avro union branch. */
  #union(schema: Schema, avroSchema: AvroSchema): ToAvro {
    if (avroSchema.type !== 'union') throw mismatch(schema, avroSchema);
    const members = schema.fields().map((field) => {
      const index = avroSchema.types.findIndex((type, i) => this.names.avroUnionMemberName(type, i) === field.name());
      return { field, name: field.name(), index, convert: this.#converter(field.schema(), avroSchema) };
    });
    const optional = schema.isOptional();
    const ignoreDefault = this.config.ignoreDefaultForNullables;
    return (value) => {
      if (!(value instanceof Struct)) throw invalidType('STRUCT', value);
      if (!schemaEquals(value.schema(), schema)) throw new DataException('Mismatching struct schema');
      for (const { field, name, index, convert } of members) {
        const member = ignoreDefault ? value.getWithoutDefault(name) : value.get(field);
        if (member === null || member === undefined) continue;
        const converted = convert(member);
        return index < 0 ? converted : new AvroUnionValue(avroSchema.types[index], index, converted);
      }
      if (!optional) throw new DataException('Found null value for non-optional schema');
      return null;
    };
  }

  /** The non-null branch of an optional schema's union that this Connect schema maps to. */
  #underlying(schema: Schema, avroSchema: AvroSchema): AvroSchema {
    if (!schema.isOptional()) return avroSchema;
    if (avroSchema.type !== 'union') throw new DataException(`An optional schema should have an Avro Union type, not ${schema.type()}`);
    const fullName = this.names.scrubFullName(schema.name());
    const connectType = schema.type().toLowerCase();
    for (const member of avroSchema.types) {
      if (member.type === 'null') continue;
      const memberFullName = unionBranchName(member);
      if (memberFullName === fullName || member.type === connectType || (schema.name() === null && memberFullName.startsWith(DEFAULT_SCHEMA_FULL_NAME))) {
        return member;
      }
    }
    return avroSchema;
  }

  #underlyingMapEntries(schema: Schema, avroSchema: AvroSchema): AvroSchema & { type: 'array' } {
    let result = avroSchema;
    if (schema.isOptional()) {
      if (avroSchema.type !== 'union') throw new DataException(`An optional schema should have an Avro Union type, not ${schema.type()}`);
      result = avroSchema.types.find((member) => member.type === 'array') ?? avroSchema;
    }
    if (result.type !== 'array') throw mismatch(schema, result);
    return result;
  }
}

function invalidType(type: SchemaType, value: unknown): DataException {
  return new DataException(`Invalid type for ${type}: ${describeValue(value)}`);
}

function mismatch(schema: Schema, avroSchema: AvroSchema): DataException {
  return new DataException(`Connect schema ${schema.toString()} does not match Avro schema of type ${avroSchema.type}`);
}

/** Sign-extends a decimal's unscaled bytes to an Avro fixed's exact size. */
function padToFixedSize(unscaled: Buffer, size: number): Buffer {
  if (unscaled.length === size) return unscaled;
  if (unscaled.length > size) throw new DataException(`Unscaled value byte array length ${unscaled.length} is greater than fixed size ${size}`);
  const padded = Buffer.alloc(size, unscaled.length > 0 && unscaled[0] >= 0x80 ? 0xff : 0x00);
  unscaled.copy(padded, size - unscaled.length);
  return padded;
}
