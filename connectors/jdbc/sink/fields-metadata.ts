/**
 * Key and non-key columns of a destination table from `pk.mode`, `pk.fields`, `fields.whitelist`
 * and the record schemas (Confluent's FieldsMetadata.extract, connectors-spec.md 2.3).
 */
import { ConnectError } from '../../../src/connect/index.js';
import { isPrimitiveType, Schema, type Field } from '../../../src/data/index.js';
import { DEFAULT_KAFKA_PK_NAMES, type JdbcSinkSettings, type PkMode } from './sink-config.js';

/** A column the sink writes: a record field (or Kafka coordinate) and its schema. */
export interface SinkField {
  readonly name: string;
  readonly schema: Schema;
  readonly isPrimaryKey: boolean;
}

export interface FieldsMetadata {
  /** Key columns in key order. */
  readonly keyFieldNames: readonly string[];
  /** Non-key columns in value schema order. */
  readonly nonKeyFieldNames: readonly string[];
  /** Every column in CREATE TABLE order: Kafka columns, value fields, then the rest by name. */
  readonly allFields: ReadonlyMap<string, SinkField>;
}

/** Key columns are never nullable. */
export function isFieldOptional(field: SinkField): boolean {
  return !field.isPrimaryKey && field.schema.isOptional();
}

/** Java's SinkRecordField.toString, as the DDL errors print missing fields. */
export function describeField(field: SinkField): string {
  return `SinkRecordField{schema=${field.schema.toString()}, name='${field.name}', isPrimaryKey=${field.isPrimaryKey}}`;
}

const PK_MODE_NAMES: Record<PkMode, string> = { none: 'NONE', kafka: 'KAFKA', record_key: 'RECORD_KEY', record_value: 'RECORD_VALUE' };

const javaList = (names: readonly string[]): string => `[${names.join(', ')}]`;

export function extractFields(
  tableName: string,
  settings: Pick<JdbcSinkSettings, 'pkMode' | 'pkFields' | 'fieldsWhitelist'>,
  keySchema: Schema | null,
  valueSchema: Schema | null,
): FieldsMetadata {
  if (valueSchema !== null && valueSchema.type() !== 'STRUCT') throw new ConnectError('Value schema must be of type Struct');
  const all = new Map<string, SinkField>();
  const keyNames = new Set<string>();
  switch (settings.pkMode) {
    case 'none':
      break;
    case 'kafka':
      kafkaKey(tableName, settings.pkFields, all, keyNames);
      break;
    case 'record_key':
      recordKey(tableName, settings.pkFields, keySchema, all, keyNames);
      break;
    case 'record_value':
      recordValueKey(tableName, settings.pkFields, valueSchema, all, keyNames);
      break;
  }
  const nonKeyNames: string[] = [];
  if (valueSchema !== null) {
    for (const field of valueSchema.fields()) {
      if (keyNames.has(field.name())) continue;
      if (settings.fieldsWhitelist.size > 0 && !settings.fieldsWhitelist.has(field.name())) continue;
      nonKeyNames.push(field.name());
      all.set(field.name(), { name: field.name(), schema: field.schema(), isPrimaryKey: false });
    }
  }
  if (all.size === 0) throw new ConnectError(`No fields found using key and value schemas for table: ${tableName}`);

  const ordered = new Map<string, SinkField>();
  const take = (name: string): void => {
    const field = all.get(name);
    if (field !== undefined && !ordered.has(name)) ordered.set(name, field);
  };
  for (const name of DEFAULT_KAFKA_PK_NAMES) take(name);
  if (valueSchema !== null) for (const field of valueSchema.fields()) take(field.name());
  for (const name of [...all.keys()].sort()) take(name);
  return { keyFieldNames: [...keyNames], nonKeyFieldNames: nonKeyNames, allFields: ordered };
}

function kafkaKey(tableName: string, pkFields: readonly string[], all: Map<string, SinkField>, keyNames: Set<string>): void {
  let names: readonly string[];
  if (pkFields.length === 0) names = DEFAULT_KAFKA_PK_NAMES;
  else if (pkFields.length === 3) names = pkFields;
  else {
    throw new ConnectError(
      `PK mode for table '${tableName}' is KAFKA so there should either be no field names defined for defaults ${javaList(DEFAULT_KAFKA_PK_NAMES)} to be applicable, or exactly 3, defined fields are: ${javaList(pkFields)}`,
    );
  }
  const [topic, partition, offset] = names as [string, string, string];
  keyNames.add(topic).add(partition).add(offset);
  all.set(topic, { name: topic, schema: Schema.STRING_SCHEMA, isPrimaryKey: true });
  all.set(partition, { name: partition, schema: Schema.INT32_SCHEMA, isPrimaryKey: true });
  all.set(offset, { name: offset, schema: Schema.INT64_SCHEMA, isPrimaryKey: true });
}

function recordKey(tableName: string, pkFields: readonly string[], keySchema: Schema | null, all: Map<string, SinkField>, keyNames: Set<string>): void {
  if (keySchema === null) throw new ConnectError(`PK mode for table '${tableName}' is RECORD_KEY, but record key schema is missing`);
  const type = keySchema.type();
  if (isPrimitiveType(type)) {
    if (pkFields.length !== 1) {
      throw new ConnectError(`Need exactly one PK column defined since the key schema for records is a primitive type, defined columns are: ${javaList(pkFields)}`);
    }
    const name = pkFields[0] as string;
    keyNames.add(name);
    all.set(name, { name, schema: keySchema, isPrimaryKey: true });
    return;
  }
  if (type !== 'STRUCT') throw new ConnectError(`Key schema must be primitive type or Struct, but is of type: ${type}`);
  if (pkFields.length === 0) {
    for (const field of keySchema.fields()) keyNames.add(field.name());
  } else {
    for (const name of pkFields) {
      if (keySchema.field(name) === null) {
        throw new ConnectError(`PK mode for table '${tableName}' is ${PK_MODE_NAMES.record_key} with configured PK fields ${javaList(pkFields)}, but record key schema does not contain field: ${name}`);
      }
      keyNames.add(name);
    }
  }
  for (const name of keyNames) all.set(name, { name, schema: (keySchema.field(name) as Field).schema(), isPrimaryKey: true });
}

function recordValueKey(tableName: string, pkFields: readonly string[], valueSchema: Schema | null, all: Map<string, SinkField>, keyNames: Set<string>): void {
  if (valueSchema === null) throw new ConnectError(`PK mode for table '${tableName}' is RECORD_VALUE, but record value schema is missing`);
  if (pkFields.length === 0) {
    for (const field of valueSchema.fields()) keyNames.add(field.name());
  } else {
    for (const name of pkFields) {
      if (valueSchema.field(name) === null) {
        throw new ConnectError(`PK mode for table '${tableName}' is ${PK_MODE_NAMES.record_value} with configured PK fields ${javaList(pkFields)}, but record value schema does not contain field: ${name}`);
      }
      keyNames.add(name);
    }
  }
  for (const name of keyNames) all.set(name, { name, schema: (valueSchema.field(name) as Field).schema(), isPrimaryKey: true });
}
