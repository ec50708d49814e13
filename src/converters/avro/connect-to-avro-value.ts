import { DataException, DECIMAL_LOGICAL_NAME, describeValue, isMapLike, mapEntries, orderLikeJavaHashMap, schemaEquals, Struct, type Schema, type SchemaType } from '../../data/index.js';
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

const RANGES: Partial<Record<SchemaType, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
};

/**
 * AvroData.fromConnectData: a Connect value as generic Avro data of the Avro schema derived from
 * its Connect schema. Type mismatches throw DataException with AvroData's messages.
 */
export class ConnectToAvroValue {
  constructor(
    private readonly config: AvroDataConfig,
    private readonly names: AvroNames,
  ) {}

  convert(schema: Schema | null, avroSchema: AvroSchema, value: unknown): unknown {
    if (schema === null) return anythingFromConnect(value, avroSchema, false);
    return this.#convert(schema, avroSchema, value);
  }

  #convert(schema: Schema | null, avroSchema: AvroSchema, logicalValue: unknown): unknown {
    if (schema === null) return anythingFromConnect(logicalValue, avroSchema, true);
    if (logicalValue === null || logicalValue === undefined) {
      if (!schema.isOptional()) throw new DataException('Found null value for non-optional schema');
      return null;
    }
    const value = schema.name() === null ? logicalValue : toAvroLogical(schema, logicalValue);
    const type = schema.type();
    switch (type) {
      case 'INT8':
      case 'INT16':
      case 'INT32': {
        const [min, max] = RANGES[type] as readonly [number, number];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidType(type, value);
        return value;
      }
      case 'INT64':
        if (typeof value !== 'bigint') throw invalidType(type, value);
        return value;
      case 'FLOAT32':
      case 'FLOAT64':
        if (typeof value !== 'number') throw invalidType(type, value);
        return value;
      case 'BOOLEAN':
        if (typeof value !== 'boolean') throw invalidType(type, value);
        return value;
      case 'STRING':
        return this.#string(schema, avroSchema, value);
      case 'BYTES':
        return this.#bytes(schema, avroSchema, value);
      case 'ARRAY': {
        if (!Array.isArray(value)) throw invalidType(type, value);
        const underlying = this.#underlying(schema, avroSchema);
        if (underlying.type !== 'array') throw mismatch(schema, underlying);
        const elementSchema = schema.valueSchema();
        return value.map((element: unknown) => this.#convert(elementSchema, underlying.items, element));
      }
      case 'MAP':
        if (!isMapLike(value)) throw invalidType(type, value);
        return this.#map(schema, avroSchema, mapEntries(value));
      case 'STRUCT':
        if (!(value instanceof Struct)) throw invalidType(type, value);
        return this.#struct(schema, avroSchema, value);
    }
  }

  #string(schema: Schema, avroSchema: AvroSchema, value: unknown): unknown {
    if (typeof value !== 'string') throw invalidType('STRING', value);
    const parameters = schema.parameters();
    if (parameters === null) return value;
    let enumName: string | undefined;
    if (this.config.generalizedSumTypeSupport) enumName = parameters.get(GENERALIZED_TYPE_ENUM);
    if (enumName === undefined && this.config.enhancedSchemaSupport) enumName = parameters.get(AVRO_TYPE_ENUM);
    if (enumName === undefined) return value;
    const enumSchema = avroSchema.type === 'union' ? avroSchema.types.find((type) => type.type === 'enum' && type.fullName === enumName) : avroSchema;
    if (enumSchema?.type !== 'enum') throw new DataException(`Enum ${enumName} not found in Avro schema`);
    return new AvroEnumSymbol(enumSchema as AvroEnumSchema, value);
  }

  #bytes(schema: Schema, avroSchema: AvroSchema, value: unknown): unknown {
    if (!(value instanceof Uint8Array)) throw invalidType('BYTES', value);
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (!isFixedSchema(schema)) return bytes;
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
    return new AvroFixed(fixed, equalsIgnoreCase(schema.name(), DECIMAL_LOGICAL_NAME) ? padToFixedSize(bytes, size) : bytes);
  }

  #map(schema: Schema, avroSchema: AvroSchema, entries: Array<[unknown, unknown]>): unknown {
    const keySchema = schema.keySchema() as Schema;
    const valueSchema = schema.valueSchema() as Schema;
    if (keySchema.type() === 'STRING' && (!keySchema.isOptional() || this.config.allowOptionalMapKeys)) {
      const underlying = this.#underlying(schema, avroSchema);
      if (underlying.type !== 'map') throw mismatch(schema, underlying);
      // AvroData collects the entries into a HashMap, so they are written in its iteration order.
      const converted = new Map<string, unknown>();
      for (const [key, item] of orderLikeJavaHashMap(entries, 'STRING')) {
        if (typeof key !== 'string') throw invalidType('STRING', key);
        converted.set(key, this.#convert(valueSchema, underlying.values, item));
      }
      return converted;
    }
    const underlying = this.#underlyingMapEntries(schema, avroSchema);
    const entry = underlying.items;
    if (entry.type !== 'record') throw mismatch(schema, underlying);
    const keyIndex = fieldIndex(entry, KEY_FIELD);
    const valueIndex = fieldIndex(entry, VALUE_FIELD);
    const keyAvro = entry.fields[keyIndex].schema;
    const valueAvro = entry.fields[valueIndex].schema;
    return entries.map(([key, item]) => {
      const values = new Array<unknown>(entry.fields.length).fill(null);
      values[keyIndex] = this.#convert(keySchema, keyAvro, key);
      values[valueIndex] = this.#convert(valueSchema, valueAvro, item);
      return new AvroRecord(entry, values);
    });
  }

  #struct(schema: Schema, avroSchema: AvroSchema, struct: Struct): unknown {
    if (!schemaEquals(struct.schema(), schema)) throw new DataException('Mismatching struct schema');
    const ignoreDefault = this.config.ignoreDefaultForNullables;
    if (isUnionSchema(schema)) {
      if (avroSchema.type !== 'union') throw mismatch(schema, avroSchema);
      for (const field of schema.fields()) {
        const member = ignoreDefault ? struct.getWithoutDefault(field.name()) : struct.get(field);
        if (member === null || member === undefined) continue;
        const converted = this.#convert(field.schema(), avroSchema, member);
        const index = avroSchema.types.findIndex((type, i) => this.names.avroUnionMemberName(type, i) === field.name());
        return index < 0 ? converted : new AvroUnionValue(avroSchema.types[index], index, converted);
      }
      return this.#convert(schema, avroSchema, null);
    }
    const record = this.#underlying(schema, avroSchema);
    if (record.type !== 'record') throw mismatch(schema, record);
    const fields = schema.fields();
    const values = new Array<unknown>(record.fields.length).fill(null);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const avroName = this.names.scrubName(field.name());
      const index = record.fields[i]?.name === avroName ? i : fieldIndex(record, avroName);
      if (index < 0) throw new DataException(`Field ${avroName} not found in Avro record ${record.fullName}`);
      const fieldValue = ignoreDefault ? struct.getWithoutDefault(field.name()) : struct.get(field);
      values[index] = this.#convert(field.schema(), record.fields[index].schema, fieldValue);
    }
    return new AvroRecord(record, values);
  }

  /** The non-null branch of an optional schema's union that this Connect schema maps to. */
  #underlying(schema: Schema, avroSchema: AvroSchema): AvroSchema {
    if (!schema.isOptional()) return avroSchema;
    if (avroSchema.type !== 'union') throw new DataException(`An optional schema should have an Avro Union type, not ${schema.type()}`);
    const fullName = this.names.scrubFullName(schema.name());
    const connectType = schema.type().toLowerCase();
    for (const member of avroSchema.types) {
      if (member.type === 'null') continue;
      const memberFullName = member.type === 'record' || member.type === 'enum' || member.type === 'fixed' ? member.fullName : member.type;
      if (
        memberFullName === fullName ||
        member.type === connectType ||
        (schema.name() === null && memberFullName.startsWith(DEFAULT_SCHEMA_FULL_NAME))
      ) {
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

