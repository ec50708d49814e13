import {
  ConnectSchema,
  DataException,
  DATE_LOGICAL_NAME,
  DECIMAL_LOGICAL_NAME,
  schemaEquals,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
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
  DEFAULT_SCHEMA_NAME,
  equalsIgnoreCase,
  GENERALIZED_TYPE_ENUM,
  isFixedSchema,
  isUnionSchema,
  KEY_FIELD,
  MAP_ENTRY_TYPE_NAME,
  NAMESPACE,
  VALUE_FIELD,
  type AvroNames,
} from './avro-data-names.js';
import {
  addProp,
  createArray,
  createEnum,
  createField,
  createFixed,
  createMap,
  createPrimitive,
  createRecord,
  createUnion,
  isNamed,
  type AvroField,
  type AvroRecordSchema,
  type AvroSchema,
} from './avro-schema.js';
import { asFieldDefault, connectDefaultToJson, isValidDefault } from './connect-default-json.js';
import { JsonNumber, type JsonObject } from './json-value.js';

/** State of one top-level conversion (AvroData.FromConnectContext). */
class FromConnectContext {
  /** Non-optional schemas already converted, by Connect equality: reusing them keeps a named type defined once. */
  readonly #converted: Array<[Schema, AvroSchema]> = [];
  /** Records by Connect name, so a struct can refer to itself. */
  readonly cycleReferences = new Map<string, AvroRecordSchema>();
  readonly seenNamedTypes = new Set<string>();
  #defaultNameIndex = 0;

  converted(schema: Schema): AvroSchema | undefined {
    for (const [known, avro] of this.#converted) if (schemaEquals(known, schema)) return avro;
    return undefined;
  }

  remember(schema: Schema, avro: AvroSchema): void {
    const existing = this.#converted.findIndex(([known]) => schemaEquals(known, schema));
    if (existing >= 0) this.#converted[existing] = [schema, avro];
    else this.#converted.push([schema, avro]);
  }

  nextDefaultNameIndex(): number {
    return ++this.#defaultNameIndex;
  }
}

/** AvroData.fromConnectSchema: the Avro schema Confluent's converter derives from a Connect schema. */
export class ConnectToAvroSchema {
  constructor(
    private readonly config: AvroDataConfig,
    private readonly names: AvroNames,
  ) {}

  convert(schema: Schema): AvroSchema {
    return this.#convert(schema, new FromConnectContext(), false);
  }

  #convert(schema: Schema, context: FromConnectContext, ignoreOptional: boolean): AvroSchema {
    const { config } = this;
    if (!isUnionSchema(schema) && !schema.isOptional()) {
      const cached = context.converted(schema);
      if (cached !== undefined) return cached;
    }
    const parameters = schema.parameters();
    let connectType: string | null = null;
    let base: AvroSchema;
    switch (schema.type()) {
      case 'INT8':
        connectType = CONNECT_TYPE_INT8;
        base = createPrimitive('int');
        break;
      case 'INT16':
        connectType = CONNECT_TYPE_INT16;
        base = createPrimitive('int');
        break;
      case 'INT32':
        base = createPrimitive('int');
        break;
      case 'INT64':
        base = createPrimitive('long');
        break;
      case 'FLOAT32':
        base = createPrimitive('float');
        break;
      case 'FLOAT64':
        base = createPrimitive('double');
        break;
      case 'BOOLEAN':
        base = createPrimitive('boolean');
        break;
      case 'STRING':
        base = this.#stringSchema(schema, context);
        break;
      case 'BYTES':
        base = this.#bytesSchema(schema, context);
        break;
      case 'ARRAY':
        base = createArray(this.#convertWithCycle(schema.valueSchema() as Schema, context, false));
        break;
      case 'MAP':
        base = this.#mapSchema(schema, context);
        break;
      case 'STRUCT':
        base = this.#structSchema(schema, context);
        break;
    }

    let result = base;
    if (base.type !== 'union') {
      const props = base.props;
      if (config.connectMetaData) {
        const doc = schema.doc();
        if (doc !== null) addProp(props, CONNECT_DOC_PROP, doc);
        const version = schema.version();
        if (version !== null) addProp(props, CONNECT_VERSION_PROP, JsonNumber.integer(version));
        if (parameters !== null) {
          const params = this.#parametersToJson(parameters);
          if (params.size > 0) addProp(props, CONNECT_PARAMETERS_PROP, params);
        }
        const defaultValue = schema.defaultValue();
        if (defaultValue !== null && defaultValue !== undefined) {
          if (config.discardTypeDocDefault || parameters === null || !parameters.has(AVRO_FIELD_DEFAULT_FLAG_PROP)) {
            addProp(props, CONNECT_DEFAULT_VALUE_PROP, connectDefaultToJson(schema, defaultValue, config, this.names));
          }
        }
        const name = schema.name();
        if (name !== null) addProp(props, CONNECT_NAME_PROP, name);
        if (connectType !== null) addProp(props, CONNECT_TYPE_PROP, connectType);
      }
      this.#addLogicalType(schema, base);
      if (parameters !== null) {
        for (const [key, value] of parameters) if (key.startsWith(AVRO_PROP)) addProp(props, key, value);
      }
      if (!ignoreOptional) result = maybeMakeOptional(schema, base);
    }
    if (!schema.isOptional()) context.remember(schema, result);
    return result;
  }

  #convertWithCycle(schema: Schema, context: FromConnectContext, ignoreOptional: boolean): AvroSchema {
    const name = schema.name();
    const cyclic = name === null ? undefined : context.cycleReferences.get(name);
    if (cyclic === undefined) return this.#convert(schema, context, ignoreOptional);
    return ignoreOptional ? cyclic : maybeMakeOptional(schema, cyclic);
  }

  #stringSchema(schema: Schema, context: FromConnectContext): AvroSchema {
    const { config } = this;
    const parameters = schema.parameters();
    const isEnum = parameters !== null && (parameters.has(GENERALIZED_TYPE_ENUM) || parameters.has(AVRO_TYPE_ENUM));
    if (!isEnum || !(config.generalizedSumTypeSupport || config.enhancedSchemaSupport)) return createPrimitive('string');
    const paramName = config.generalizedSumTypeSupport ? GENERALIZED_TYPE_ENUM : AVRO_TYPE_ENUM;
    const symbols: string[] = [];
    for (const key of parameters.keys()) if (key.startsWith(`${paramName}.`)) symbols.push(key.slice(paramName.length + 1));
    const [, name] = this.#nameOrDefault(context, schema.name());
    const enumName = parameters.get(paramName);
    if (enumName === undefined) throw new DataException(`Enum schema without the ${paramName} parameter: ${schema.toString()}`);
    if (config.discardTypeDocDefault) return createEnum(enumName, null, parameters.get(CONNECT_ENUM_DOC_PROP) ?? null, symbols, null);
    return createEnum(
      enumName,
      null,
      parameters.get(AVRO_ENUM_DOC_PREFIX_PROP + name) ?? null,
      symbols,
      parameters.get(AVRO_ENUM_DEFAULT_PREFIX_PROP + name) ?? null,
    );
  }

  #bytesSchema(schema: Schema, context: FromConnectContext): AvroSchema {
    const parameters = schema.parameters();
    let base: AvroSchema;
    if (isFixedSchema(schema)) {
      const [namespace, name] = this.#nameOrDefault(context, schema.name());
      base = createFixed(name, namespace, null, parseJavaInt(parameters?.get(CONNECT_AVRO_FIXED_SIZE_PROP)));
    } else {
      base = createPrimitive('bytes');
    }
    if (equalsIgnoreCase(schema.name(), DECIMAL_LOGICAL_NAME)) {
      addProp(base.props, AVRO_LOGICAL_DECIMAL_SCALE_PROP, JsonNumber.integer(parseJavaInt(parameters?.get('scale'))));
      const precision = parameters?.get(CONNECT_AVRO_DECIMAL_PRECISION_PROP);
      addProp(
        base.props,
        AVRO_LOGICAL_DECIMAL_PRECISION_PROP,
        JsonNumber.integer(precision === undefined ? CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT : parseJavaInt(precision)),
      );
    }
    return base;
  }

  #mapSchema(schema: Schema, context: FromConnectContext): AvroSchema {
    const keySchema = schema.keySchema() as Schema;
    const valueSchema = schema.valueSchema() as Schema;
    // Avro maps only have string keys; any other key type becomes an array of key/value records.
    if (keySchema.type() === 'STRING' && (!keySchema.isOptional() || this.config.allowOptionalMapKeys)) {
      return createMap(this.#convertWithCycle(valueSchema, context, false));
    }
    let entry: AvroRecordSchema;
    if (schema.name() === null) {
      entry = createRecord(MAP_ENTRY_TYPE_NAME, NAMESPACE, null);
    } else {
      const [namespace, name] = this.#nameOrDefault(context, schema.name());
      entry = createRecord(name, namespace, null);
      addProp(entry.props, CONNECT_INTERNAL_TYPE_NAME, MAP_ENTRY_TYPE_NAME);
    }
    const fields: AvroField[] = [];
    this.#addRecordField(fields, KEY_FIELD, keySchema, null, context);
    this.#addRecordField(fields, VALUE_FIELD, valueSchema, null, context);
    entry.fields = fields;
    return createArray(entry);
  }

  #structSchema(schema: Schema, context: FromConnectContext): AvroSchema {
    if (isUnionSchema(schema)) {
      const members: AvroSchema[] = [];
      if (schema.isOptional()) members.push(createPrimitive('null'));
      for (const field of schema.fields()) members.push(this.#convertWithCycle(nonOptional(field.schema()), context, true));
      return createUnion(members);
    }
    if (schema.isOptional()) return createUnion([createPrimitive('null'), this.#convertWithCycle(nonOptional(schema), context, false)]);
    const parameters = schema.parameters();
    const [namespace, name] = this.#nameOrDefault(context, schema.name());
    const doc = parameters?.get(this.config.discardTypeDocDefault ? CONNECT_RECORD_DOC_PROP : AVRO_RECORD_DOC_PROP) ?? null;
    const record = createRecord(name, namespace, doc);
    const connectName = schema.name();
    if (connectName !== null) context.cycleReferences.set(connectName, record);
    const fields: AvroField[] = [];
    for (const field of schema.fields()) {
      const fieldDoc = !this.config.discardTypeDocDefault && parameters !== null ? (parameters.get(AVRO_FIELD_DOC_PREFIX_PROP + field.name()) ?? null) : null;
      this.#addRecordField(fields, this.names.scrubName(field.name()), field.schema(), fieldDoc, context);
    }
    record.fields = fields;
    return record;
  }

  #addRecordField(fields: AvroField[], fieldName: string, fieldSchema: Schema, fieldDoc: string | null, context: FromConnectContext): void {
    const { config } = this;
    const connectDefault = fieldSchema.defaultValue();
    let defaultValue = undefined;
    if (connectDefault !== null && connectDefault !== undefined) {
      defaultValue = asFieldDefault(connectDefaultToJson(fieldSchema, connectDefault, config, this.names));
    } else if (fieldSchema.isOptional()) {
      defaultValue = null;
    }
    const scrubbedName = this.names.scrubFullName(fieldSchema.name());
    const alreadySeen = scrubbedName !== null && context.seenNamedTypes.has(scrubbedName);
    if (scrubbedName !== null) context.seenNamedTypes.add(scrubbedName);
    const schema = this.#convert(fieldSchema, context, false);
    // Avro drops a default that does not fit the field's schema (AvroData logs "Ignoring invalid default").
    const validDefault = defaultValue !== undefined && isValidDefault(schema, defaultValue) ? defaultValue : undefined;
    const field = createField(fieldName, schema, config.discardTypeDocDefault ? fieldSchema.doc() : fieldDoc, validDefault);
    const parameters = fieldSchema.parameters();
    // A named type is written once; a later field using it keeps its own parameters on the field.
    if (config.connectMetaData && alreadySeen && parameters !== null && parameters.size > 0 && isNamedOrHasNamedBranch(schema)) {
      const params = this.#parametersToJson(parameters);
      if (params.size > 0) field.props.set(CONNECT_PARAMETERS_PROP, params);
    }
    fields.push(field);
  }

  #addLogicalType(schema: Schema, base: AvroSchema): void {
    if (base.type === 'union') return;
    const name = schema.name();
    if (name === null) return;
    const parameters = schema.parameters();
    const props = base.props;
    if (equalsIgnoreCase(name, DECIMAL_LOGICAL_NAME)) {
      const precisionText = parameters?.get(CONNECT_AVRO_DECIMAL_PRECISION_PROP);
      const scaleText = parameters?.get('scale');
      const precision = precisionText === undefined ? CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT : parseJavaInt(precisionText);
      const scale = scaleText === undefined ? 0 : parseJavaInt(scaleText);
      // Avro's decimal logical type cannot hold these; AvroData then only marks the schema (legacy form).
      const legacy = scale < 0 || scale > precision;
      if (!legacy) {
        if (precision <= 0) throw new DataException(`Invalid decimal precision: ${precision} (must be positive)`);
        if (base.type === 'fixed' && precision > maxFixedPrecision(base.size)) {
          throw new DataException(`fixed(${base.size}) cannot store ${precision} digits (max ${maxFixedPrecision(base.size)})`);
        }
        addProp(props, AVRO_LOGICAL_TYPE_PROP, AVRO_LOGICAL_DECIMAL);
        addProp(props, AVRO_LOGICAL_DECIMAL_PRECISION_PROP, JsonNumber.integer(precision));
        addProp(props, AVRO_LOGICAL_DECIMAL_SCALE_PROP, JsonNumber.integer(scale));
      }
      if (precisionText !== undefined || legacy) addProp(props, AVRO_LOGICAL_TYPE_PROP, AVRO_LOGICAL_DECIMAL);
    } else if (equalsIgnoreCase(name, TIME_LOGICAL_NAME)) {
      requireBase(base, 'int', 'Time (millis)');
      addProp(props, AVRO_LOGICAL_TYPE_PROP, AVRO_LOGICAL_TIME_MILLIS);
    } else if (equalsIgnoreCase(name, TIMESTAMP_LOGICAL_NAME)) {
      requireBase(base, 'long', 'Timestamp (millis)');
      addProp(props, AVRO_LOGICAL_TYPE_PROP, AVRO_LOGICAL_TIMESTAMP_MILLIS);
    } else if (equalsIgnoreCase(name, DATE_LOGICAL_NAME)) {
      requireBase(base, 'int', 'Date');
      addProp(props, AVRO_LOGICAL_TYPE_PROP, AVRO_LOGICAL_DATE);
    }
  }

  #parametersToJson(parameters: ReadonlyMap<string, string>): JsonObject {
    const result: JsonObject = new Map();
    for (const [key, value] of parameters) {
      if (this.config.discardTypeDocDefault || key !== AVRO_FIELD_DEFAULT_FLAG_PROP) result.set(key, value);
    }
    return result;
  }

  #nameOrDefault(context: FromConnectContext, name: string | null): [string | null, string] {
    if (name !== null) return this.names.splitName(name);
    const index = context.nextDefaultNameIndex();
    return [NAMESPACE, DEFAULT_SCHEMA_NAME + (index > 1 ? String(index) : '')];
  }
}

function maybeMakeOptional(schema: Schema, base: AvroSchema): AvroSchema {
  if (!schema.isOptional()) return base;
  const defaultValue = schema.defaultValue();
  // A union's default must match its first branch, so a non-null default puts the type first.
  return defaultValue !== null && defaultValue !== undefined
    ? createUnion([base, createPrimitive('null')])
    : createUnion([createPrimitive('null'), base]);
}

/** AvroData.nonOptional: the same schema, required. */
function nonOptional(schema: Schema): Schema {
  const type = schema.type();
  return new ConnectSchema({
    type,
    optional: false,
    defaultValue: schema.defaultValue(),
    name: schema.name(),
    version: schema.version(),
    doc: schema.doc(),
    parameters: schema.parameters(),
    fields: type === 'STRUCT' ? schema.fields() : null,
    keySchema: type === 'MAP' ? schema.keySchema() : null,
    valueSchema: type === 'MAP' || type === 'ARRAY' ? schema.valueSchema() : null,
  });
}

function isNamedOrHasNamedBranch(schema: AvroSchema): boolean {
  return isNamed(schema) || (schema.type === 'union' && schema.types.some(isNamed));
}

function requireBase(base: AvroSchema, type: 'int' | 'long', logicalType: string): void {
  if (base.type !== type) throw new DataException(`${logicalType} can only be used with an underlying ${type} type`);
}

/** Integer.parseInt, whose failure (NumberFormatException) surfaces as a DataException here. */
function parseJavaInt(text: string | undefined): number {
  const value = text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value > 2147483647 || value < -2147483648) throw new DataException(`For input string: "${text ?? 'null'}"`);
  return value;
}

function maxFixedPrecision(size: number): number {
  return Math.floor(Math.log10(2) * (8 * size - 1));
}
