import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  DECIMAL_LOGICAL_NAME,
  Schema,
  SchemaBuilder,
  Struct,
} from '../../data/index.js';
import type { AvroDataConfig } from './avro-data-config.js';
import {
  AVRO_ENUM_DEFAULT_PREFIX_PROP,
  AVRO_ENUM_DOC_PREFIX_PROP,
  AVRO_FIELD_DEFAULT_FLAG_PROP,
  AVRO_FIELD_DOC_PREFIX_PROP,
  AVRO_LOGICAL_DATE,
  AVRO_LOGICAL_DECIMAL,
  AVRO_LOGICAL_DECIMAL_PRECISION_PROP,
  AVRO_LOGICAL_DECIMAL_SCALE_PROP,
  AVRO_LOGICAL_TIME_MILLIS,
  AVRO_LOGICAL_TIMESTAMP_MILLIS,
  AVRO_LOGICAL_TYPE_PROP,
  AVRO_PROP,
  AVRO_RECORD_DOC_PROP,
  AVRO_TYPE_ENUM,
  AVRO_TYPE_UNION,
  CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT,
  CONNECT_AVRO_DECIMAL_PRECISION_PROP,
  CONNECT_AVRO_FIXED_SIZE_PROP,
  CONNECT_DEFAULT_VALUE_PROP,
  CONNECT_DOC_PROP,
  CONNECT_ENUM_DOC_PROP,
  CONNECT_INTERNAL_TYPE_NAME,
  CONNECT_NAME_PROP,
  CONNECT_PARAMETERS_PROP,
  CONNECT_RECORD_DOC_PROP,
  CONNECT_TYPE_INT16,
  CONNECT_TYPE_INT8,
  CONNECT_TYPE_PROP,
  CONNECT_VERSION_PROP,
  DEFAULT_SCHEMA_FULL_NAME,
  equalsIgnoreCase,
  GENERALIZED_TYPE_ENUM,
  GENERALIZED_TYPE_UNION,
  GENERALIZED_TYPE_UNION_PREFIX,
  KEY_FIELD,
  MAP_ENTRY_TYPE_NAME,
  NAMESPACE,
  VALUE_FIELD,
  type AvroNames,
} from './avro-data-names.js';
import { fieldIndex, textProp, type AvroFixedSchema, type AvroPrimitiveSchema, type AvroRecordSchema, type AvroSchema } from './avro-schema.js';
import { AvroToConnectValue } from './avro-to-connect-value.js';
import { jsonToDatum } from './avro-json-datum.js';
import { CyclicSchema } from './cyclic-schema.js';
import { isJsonNumber, writeJson, type JsonValue } from './json-value.js';
import { toConnectLogical } from './logical-types.js';

/** State of one top-level conversion (AvroData.ToConnectContext). */
class ToConnectContext {
  /** Records being converted, for recursive references. */
  readonly cycleReferences = new Map<AvroSchema, SchemaBuilder>();
  readonly detectedCycles = new Set<AvroSchema>();
}

/** Where a schema sits: a record field brings its default and doc, which Avro keeps on the field. */
interface Placement {
  readonly forceOptional: boolean;
  /** The field's default as JSON, when converting a record field's type. */
  readonly fieldDefault?: JsonValue;
  readonly fieldDoc?: string | null;
}

const TOP_LEVEL: Placement = { forceOptional: false };

/** AvroData.toConnectSchema: the Connect schema for an Avro schema, restoring what connect.* props recorded. */
export class AvroToConnectSchema {
  #unionIndex = 0;
  readonly #values: AvroToConnectValue;

  constructor(
    private readonly config: AvroDataConfig,
    private readonly names: AvroNames,
    /** The top-level, cached conversion (MapEntry keys and values go through it, as in AvroData). */
    private readonly topLevel: (schema: AvroSchema) => Schema,
  ) {
    this.#values = new AvroToConnectValue(names);
  }

  convert(schema: AvroSchema, version: number | null): Schema {
    return this.#convert(schema, TOP_LEVEL, version, new ToConnectContext());
  }

  #convertWithCycles(schema: AvroSchema, placement: Placement, context: ToConnectContext): Schema {
    const building = context.cycleReferences.get(schema);
    if (building === undefined) return this.#convert(schema, placement, null, context);
    context.detectedCycles.add(schema);
    return new CyclicSchema(building, placement.forceOptional);
  }

  #convert(schema: AvroSchema, placement: Placement, version: number | null, context: ToConnectContext): Schema {
    const { config } = this;
    const connectType = textProp(schema, CONNECT_TYPE_PROP);
    const logicalType = textProp(schema, AVRO_LOGICAL_TYPE_PROP);
    let builder: SchemaBuilder;
    switch (schema.type) {
      case 'boolean':
        builder = SchemaBuilder.bool();
        break;
      case 'bytes':
      case 'fixed':
        builder = this.#bytesBuilder(schema, logicalType);
        break;
      case 'double':
        builder = SchemaBuilder.float64();
        break;
      case 'float':
        builder = SchemaBuilder.float32();
        break;
      case 'int':
        if (logicalType !== null) {
          if (equalsIgnoreCase(logicalType, AVRO_LOGICAL_DATE)) builder = ConnectDate.builder();
          else if (equalsIgnoreCase(logicalType, AVRO_LOGICAL_TIME_MILLIS)) builder = ConnectTime.builder();
          else builder = SchemaBuilder.int32();
        } else if (connectType === null) {
          builder = SchemaBuilder.int32();
        } else if (connectType === CONNECT_TYPE_INT8) {
          builder = SchemaBuilder.int8();
        } else if (connectType === CONNECT_TYPE_INT16) {
          builder = SchemaBuilder.int16();
        } else {
          throw new DataException('Connect type annotation for Avro int field is null');
        }
        break;
      case 'long':
        builder = equalsIgnoreCase(logicalType, AVRO_LOGICAL_TIMESTAMP_MILLIS) ? ConnectTimestamp.builder() : SchemaBuilder.int64();
        break;
      case 'string':
        builder = SchemaBuilder.string();
        break;
      case 'array': {
        const items = schema.items;
        if (isMapEntry(items)) {
          const keyIndex = fieldIndex(items, KEY_FIELD);
          const valueIndex = fieldIndex(items, VALUE_FIELD);
          if (items.fields.length !== 2 || keyIndex < 0 || valueIndex < 0) {
            throw new DataException('Found map encoded as array of key-value pairs, but array elements do not match the expected format.');
          }
          builder = SchemaBuilder.map(this.topLevel(items.fields[keyIndex].schema), this.topLevel(items.fields[valueIndex].schema));
        } else {
          builder = SchemaBuilder.array(this.#convertWithCycles(items, TOP_LEVEL, context));
        }
        break;
      }
      case 'map':
        builder = SchemaBuilder.map(Schema.STRING_SCHEMA, this.#convertWithCycles(schema.values, TOP_LEVEL, context));
        break;
      case 'record':
        builder = this.#recordBuilder(schema, context);
        break;
      case 'enum': {
        builder = SchemaBuilder.string();
        if (config.connectMetaData) {
          if (schema.doc !== null) {
            builder.parameter(config.discardTypeDocDefault ? CONNECT_ENUM_DOC_PROP : AVRO_ENUM_DOC_PREFIX_PROP + schema.name, schema.doc);
          }
          if (!config.discardTypeDocDefault && schema.enumDefault !== null) builder.parameter(AVRO_ENUM_DEFAULT_PREFIX_PROP + schema.name, schema.enumDefault);
        }
        const paramName = config.generalizedSumTypeSupport ? GENERALIZED_TYPE_ENUM : AVRO_TYPE_ENUM;
        builder.parameter(paramName, schema.fullName);
        schema.symbols.forEach((symbol, index) => builder.parameter(`${paramName}.${symbol}`, config.generalizedSumTypeSupport ? String(index) : symbol));
        break;
      }
      case 'union': {
        const types = schema.types;
        if (types.length === 1 && config.flattenSingletonUnions) {
          return this.#convertWithCycles(types[0], { forceOptional: false, fieldDoc: placement.fieldDoc }, context);
        }
        if (types.length === 2) {
          const nullIndex = types.findIndex(isNullSchema);
          if (nullIndex >= 0) return this.#convertWithCycles(types[1 - nullIndex], { forceOptional: true, fieldDoc: placement.fieldDoc }, context);
        }
        builder = this.#unionBuilder(schema.types, context);
        break;
      }
      case 'null':
        throw new DataException('Standalone null schemas are not supported by this converter');
    }

    this.#applyDoc(schema, builder, placement);
    this.#applyVersion(schema, builder, version);
    this.#applyParameters(schema, builder);
    this.#applyDefault(schema, builder, placement, context);
    this.#applyName(schema, builder);
    if (placement.forceOptional) builder.optional();
    if (!context.detectedCycles.has(schema)) context.cycleReferences.delete(schema);
    return builder.build();
  }

  #bytesBuilder(schema: AvroPrimitiveSchema | AvroFixedSchema, logicalType: string | null): SchemaBuilder {
    let builder: SchemaBuilder;
    if (equalsIgnoreCase(logicalType, AVRO_LOGICAL_DECIMAL)) {
      const scaleNode = schema.props.get(AVRO_LOGICAL_DECIMAL_SCALE_PROP);
      // Avro's scale is optional and defaults to 0.
      builder = Decimal.builder(isJsonNumber(scaleNode) ? scaleNode.toInt() : 0);
      const precisionNode = schema.props.get(AVRO_LOGICAL_DECIMAL_PRECISION_PROP);
      if (precisionNode !== undefined) {
        if (!isJsonNumber(precisionNode)) {
          throw new DataException(
            `${AVRO_LOGICAL_DECIMAL_PRECISION_PROP} property must be a JSON Integer. https://avro.apache.org/docs/1.9.1/spec.html#Decimal`,
          );
        }
        // Only a non-default precision is kept as a parameter.
        const precision = precisionNode.toInt();
        if (precision !== CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT) builder.parameter(CONNECT_AVRO_DECIMAL_PRECISION_PROP, String(precision));
      }
    } else {
      builder = SchemaBuilder.bytes();
    }
    if (schema.type === 'fixed') builder.parameter(CONNECT_AVRO_FIXED_SIZE_PROP, String(schema.size));
    return builder;
  }

  #recordBuilder(schema: AvroRecordSchema, context: ToConnectContext): SchemaBuilder {
    const { config } = this;
    const builder = SchemaBuilder.struct();
    context.cycleReferences.set(schema, builder);
    const keepDocs = !config.discardTypeDocDefault && config.connectMetaData;
    if (keepDocs && schema.doc !== null) builder.parameter(AVRO_RECORD_DOC_PROP, schema.doc);
    for (const field of schema.fields) {
      if (keepDocs && field.doc !== null) builder.parameter(AVRO_FIELD_DOC_PREFIX_PROP + field.name, field.doc);
      let fieldSchema = this.#convert(field.schema, { forceOptional: false, fieldDefault: field.defaultValue, fieldDoc: field.doc }, null, context);
      const fieldParameters = field.props.get(CONNECT_PARAMETERS_PROP);
      if (config.connectMetaData && fieldParameters instanceof Map) fieldSchema = withFieldParameters(fieldSchema, fieldParameters);
      builder.field(field.name, fieldSchema);
    }
    return builder;
  }

  #unionBuilder(types: readonly AvroSchema[], context: ToConnectContext): SchemaBuilder {
    const generalized = this.config.generalizedSumTypeSupport;
    const unionName = generalized ? `${GENERALIZED_TYPE_UNION_PREFIX}${this.#unionIndex++}` : AVRO_TYPE_UNION;
    const builder = SchemaBuilder.struct().name(unionName);
    if (generalized) builder.parameter(GENERALIZED_TYPE_UNION, unionName);
    const fieldNames = new Set<string>();
    types.forEach((member, index) => {
      if (member.type === 'null') {
        builder.optional();
        return;
      }
      const fieldName = this.names.avroUnionMemberName(member, index);
      if (fieldNames.has(fieldName)) throw new DataException('Multiple union schemas map to the Connect union field name');
      fieldNames.add(fieldName);
      builder.field(fieldName, this.#convertWithCycles(member, { forceOptional: true }, context));
    });
    return builder;
  }

  #applyDoc(schema: AvroSchema, builder: SchemaBuilder, placement: Placement): void {
    const ownDoc = schema.type === 'record' || schema.type === 'enum' || schema.type === 'fixed' ? schema.doc : null;
    if (this.config.discardTypeDocDefault) {
      const doc = placement.fieldDoc ?? ownDoc ?? textProp(schema, CONNECT_DOC_PROP);
      if (doc !== null) builder.doc(doc);
      if (this.config.connectMetaData && ownDoc !== null) builder.parameter(CONNECT_RECORD_DOC_PROP, ownDoc);
      return;
    }
    const doc = textProp(schema, CONNECT_DOC_PROP);
    if (this.config.connectMetaData && doc !== null) builder.doc(doc);
  }

  /** connect.version wins over the registry's version of the schema. */
  #applyVersion(schema: AvroSchema, builder: SchemaBuilder, version: number | null): void {
    let versionInt = -1;
    const versionNode = schema.type === 'union' ? undefined : schema.props.get(CONNECT_VERSION_PROP);
    if (versionNode !== undefined) {
      if (!isJsonNumber(versionNode)) throw new DataException(`Invalid Connect version found: ${writeJson(versionNode)}`);
      versionInt = versionNode.toInt();
    } else if (version !== null) {
      versionInt = version;
    }
    if (versionInt < 0) return;
    const existing = builder.version();
    if (existing === null) {
      builder.version(versionInt);
    } else if (existing !== versionInt) {
      throw new DataException(
        `Mismatched versions: version already added to SchemaBuilder (${existing}) differs from version in source schema (${versionInt})`,
      );
    }
  }

  #applyParameters(schema: AvroSchema, builder: SchemaBuilder): void {
    if (schema.type === 'union') return;
    const parameters = schema.props.get(CONNECT_PARAMETERS_PROP);
    if (this.config.connectMetaData && parameters !== undefined) {
      if (!(parameters instanceof Map)) throw new DataException(`Expected JSON object for schema parameters but found: ${writeJson(parameters)}`);
      for (const [key, value] of parameters) {
        if (typeof value !== 'string') throw new DataException(`Expected schema parameter values to be strings but found: ${writeJson(value)}`);
        builder.parameter(key, value);
      }
    }
    for (const [key, value] of schema.props) {
      if (key.startsWith(AVRO_PROP)) builder.parameter(key, typeof value === 'string' ? value : writeJson(value));
    }
  }

  #applyDefault(schema: AvroSchema, builder: SchemaBuilder, placement: Placement, context: ToConnectContext): void {
    const connectDefault = schema.type === 'union' ? undefined : schema.props.get(CONNECT_DEFAULT_VALUE_PROP);
    // Field.defaultVal(): a JSON default that does not fit the schema counts as none.
    const fieldDefault = placement.fieldDefault === undefined ? undefined : jsonToDatum(placement.fieldDefault, schema);
    const hasFieldDefault = placement.fieldDefault === null || (fieldDefault !== null && fieldDefault !== undefined);
    let defaultValue: unknown;
    try {
      if (!hasFieldDefault) {
        if (connectDefault === undefined) return;
        defaultValue = this.#connectDefault(builder, schema, connectDefault, context);
      } else {
        if (!this.config.discardTypeDocDefault && this.config.connectMetaData && connectDefault === undefined) {
          builder.parameter(AVRO_FIELD_DEFAULT_FLAG_PROP, 'true');
        }
        defaultValue = toConnectLogical(builder, this.#values.convert(builder, fieldDefault ?? null, false));
      }
      if (defaultValue !== null && defaultValue !== undefined) builder.defaultValue(defaultValue);
    } catch (error) {
      // AvroData logs "Ignoring invalid default for schema" and carries on without it.
      if (!(error instanceof DataException)) throw error;
    }
  }

  #applyName(schema: AvroSchema, builder: SchemaBuilder): void {
    let name: string | null = null;
    const connectName = schema.type === 'union' ? undefined : schema.props.get(CONNECT_NAME_PROP);
    if (connectName !== undefined) {
      if (typeof connectName !== 'string') throw new DataException(`Invalid schema name: ${writeJson(connectName)}`);
      name = connectName;
    } else if (schema.type === 'record' || schema.type === 'enum') {
      name = schema.fullName;
    } else if (schema.type === 'fixed' && builder.name() !== DECIMAL_LOGICAL_NAME) {
      name = schema.fullName;
    }
    if (name === null || name.startsWith(DEFAULT_SCHEMA_FULL_NAME)) return;
    const existing = builder.name();
    if (existing === null) builder.name(name);
    else if (existing !== name) {
      throw new DataException(`Mismatched names: name already added to SchemaBuilder (${existing}) differs from name in source schema (${name})`);
    }
  }

  /** AvroData.defaultValueFromAvro for a connect.default JSON value. */
  #connectDefault(schema: Schema, avroSchema: AvroSchema, json: JsonValue | undefined, context: ToConnectContext): unknown {
    return toConnectLogical(schema, this.#connectDefaultWithoutLogical(schema, avroSchema, json, context));
  }

  #connectDefaultWithoutLogical(schema: Schema, avroSchema: AvroSchema, json: JsonValue | undefined, context: ToConnectContext): unknown {
    if (json === null || json === undefined) return null;
    switch (avroSchema.type) {
      case 'int': {
        const int = jsonInt(json);
        switch (schema.type()) {
          case 'INT8':
            return (int << 24) >> 24;
          case 'INT16':
            return (int << 16) >> 16;
          case 'INT32':
            return int;
          default:
            return null;
        }
      }
      case 'long':
        return isJsonNumber(json) ? json.toBigInt() : 0n;
      case 'float':
        return Math.fround(isJsonNumber(json) ? json.toNumber() : 0);
      case 'double':
        return isJsonNumber(json) ? json.toNumber() : 0;
      case 'boolean':
        return json === true || json === 'true';
      case 'null':
        return null;
      case 'string':
      case 'enum':
        return typeof json === 'string' ? json : writeJson(json);
      case 'bytes':
      case 'fixed':
        if (typeof json !== 'string') return null;
        return Buffer.from(json, 'latin1');
      case 'array': {
        if (!Array.isArray(json)) throw new DataException('Invalid JSON for array default value');
        const elementSchema = schema.valueSchema() as Schema;
        return json.map((element) => this.#connectDefault(elementSchema, avroSchema.items, element, context));
      }
      case 'map': {
        if (!(json instanceof Map)) throw new DataException('Invalid JSON for map default value');
        const valueSchema = schema.valueSchema() as Schema;
        const result = new Map<string, unknown>();
        for (const [key, value] of json) result.set(key, this.#connectDefault(valueSchema, avroSchema.values, value, context));
        return result;
      }
      case 'record': {
        if (!(json instanceof Map)) throw new DataException('Invalid JSON for record default value');
        const struct = new Struct(schema);
        for (const avroField of avroSchema.fields) {
          const field = schema.field(avroField.name);
          if (field === null) throw new DataException(`${avroField.name} is not a valid field name`);
          struct.put(avroField.name, this.#connectDefault(field.schema(), avroField.schema, json.get(field.name()), context));
        }
        return struct;
      }
      case 'union': {
        // A union default matches its first branch.
        const first = avroSchema.types[0];
        if (first.type === 'null') return null;
        const field = schema.field(this.names.avroUnionMemberName(first, 0));
        if (field === null) throw new DataException('Did not find matching union field for default value');
        return this.#connectDefault(field.schema(), first, json, context);
      }
    }
  }
}

function isNullSchema(schema: AvroSchema): boolean {
  return schema.type === 'null' && schema.props.size === 0;
}

function isMapEntry(schema: AvroSchema): schema is AvroRecordSchema {
  if (schema.type !== 'record') return false;
  if (schema.namespace === NAMESPACE && schema.name === MAP_ENTRY_TYPE_NAME) return true;
  return textProp(schema, CONNECT_INTERNAL_TYPE_NAME) === MAP_ENTRY_TYPE_NAME;
}

function jsonInt(json: JsonValue): number {
  return isJsonNumber(json) ? json.toInt() : 0;
}

/**
 * AvroData.applyFieldLevelParams: a named type written once carries each later field's own
 * parameters on the field; the field's schema gets them back.
 */
function withFieldParameters(original: Schema, fieldParameters: Map<string, JsonValue>): Schema {
  const originalParameters = original.parameters() ?? new Map<string, string>();
  const asText = (value: JsonValue): string => (typeof value === 'string' ? value : writeJson(value));
  let same = true;
  for (const [key, value] of fieldParameters) {
    if (asText(value) !== originalParameters.get(key)) {
      same = false;
      break;
    }
  }
  if (same) return original;
  const builder = new SchemaBuilder(original.type());
  const name = original.name();
  if (name !== null) builder.name(name);
  const version = original.version();
  if (version !== null) builder.version(version);
  const doc = original.doc();
  if (doc !== null) builder.doc(doc);
  if (original.isOptional()) builder.optional();
  const defaultValue = original.defaultValue();
  if (defaultValue !== null && defaultValue !== undefined) builder.defaultValue(defaultValue);
  for (const [key, value] of originalParameters) builder.parameter(key, value);
  for (const [key, value] of fieldParameters) builder.parameter(key, asText(value));
  if (original.type() === 'STRUCT') for (const field of original.fields()) builder.field(field.name(), field.schema());
  return builder.build();
}
