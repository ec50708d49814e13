import type { Schema, SchemaType } from '../../data/index.js';
import { isNamed, type AvroSchema } from './avro-schema.js';

/** Names and props Confluent's AvroData reads and writes; users and other tools depend on them. */
export const NAMESPACE = 'io.confluent.connect.avro';
export const DEFAULT_SCHEMA_NAME = 'ConnectDefault';
export const DEFAULT_SCHEMA_FULL_NAME = `${NAMESPACE}.${DEFAULT_SCHEMA_NAME}`;
export const MAP_ENTRY_TYPE_NAME = 'MapEntry';
export const KEY_FIELD = 'key';
export const VALUE_FIELD = 'value';

export const CONNECT_NAME_PROP = 'connect.name';
export const CONNECT_DOC_PROP = 'connect.doc';
export const CONNECT_RECORD_DOC_PROP = 'connect.record.doc';
export const CONNECT_ENUM_DOC_PROP = 'connect.enum.doc';
export const CONNECT_VERSION_PROP = 'connect.version';
export const CONNECT_DEFAULT_VALUE_PROP = 'connect.default';
export const CONNECT_PARAMETERS_PROP = 'connect.parameters';
export const CONNECT_INTERNAL_TYPE_NAME = 'connect.internal.type';
export const CONNECT_TYPE_PROP = 'connect.type';
export const AVRO_RECORD_DOC_PROP = `${NAMESPACE}.record.doc`;
export const AVRO_ENUM_DOC_PREFIX_PROP = `${NAMESPACE}.enum.doc.`;
export const AVRO_FIELD_DOC_PREFIX_PROP = `${NAMESPACE}.field.doc.`;
/** Marks a Connect default that came from an Avro field default (so it is not written back as connect.default). */
export const AVRO_FIELD_DEFAULT_FLAG_PROP = `${NAMESPACE}.field.default`;
export const AVRO_ENUM_DEFAULT_PREFIX_PROP = `${NAMESPACE}.enum.default.`;
export const AVRO_TYPE_UNION = `${NAMESPACE}.Union`;
export const AVRO_TYPE_ENUM = `${NAMESPACE}.Enum`;
export const GENERALIZED_TYPE_UNION = 'org.apache.kafka.connect.data.Union';
export const GENERALIZED_TYPE_ENUM = 'org.apache.kafka.connect.data.Enum';
export const GENERALIZED_TYPE_UNION_PREFIX = 'connect_union_';
export const GENERALIZED_TYPE_UNION_FIELD_PREFIX = `${GENERALIZED_TYPE_UNION_PREFIX}field_`;

export const AVRO_PROP = 'avro';
export const AVRO_LOGICAL_TYPE_PROP = 'logicalType';
export const AVRO_LOGICAL_TIMESTAMP_MILLIS = 'timestamp-millis';
export const AVRO_LOGICAL_TIME_MILLIS = 'time-millis';
export const AVRO_LOGICAL_DATE = 'date';
export const AVRO_LOGICAL_DECIMAL = 'decimal';
export const AVRO_LOGICAL_DECIMAL_SCALE_PROP = 'scale';
export const AVRO_LOGICAL_DECIMAL_PRECISION_PROP = 'precision';
export const CONNECT_AVRO_FIXED_SIZE_PROP = 'connect.fixed.size';
export const CONNECT_AVRO_DECIMAL_PRECISION_PROP = 'connect.decimal.precision';
export const CONNECT_AVRO_DECIMAL_PRECISION_DEFAULT = 64;

export const CONNECT_TYPE_INT8 = 'int8';
export const CONNECT_TYPE_INT16 = 'int16';

const AVRO_TYPE_OF: Partial<Record<SchemaType, string>> = {
  INT32: 'int',
  INT64: 'long',
  FLOAT32: 'float',
  FLOAT64: 'double',
  BOOLEAN: 'boolean',
  STRING: 'string',
  BYTES: 'bytes',
  ARRAY: 'array',
  MAP: 'map',
};

/** What a Connect union struct (io.confluent.connect.avro.Union) is recognised by. */
export function isUnionSchema(schema: Schema): boolean {
  return schema.name() === AVRO_TYPE_UNION || schema.parameters()?.has(GENERALIZED_TYPE_UNION) === true;
}

export function isEnumSchema(schema: Schema): boolean {
  const parameters = schema.parameters();
  return schema.type() === 'STRING' && parameters !== null && (parameters.has(GENERALIZED_TYPE_ENUM) || parameters.has(AVRO_TYPE_ENUM));
}

export function isFixedSchema(schema: Schema): boolean {
  return schema.type() === 'BYTES' && schema.name() !== null && schema.parameters()?.has(CONNECT_AVRO_FIXED_SIZE_PROP) === true;
}

export function equalsIgnoreCase(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** Names and their scrubbing, as one AvroData instance applies them. */
export class AvroNames {
  constructor(
    private readonly scrubInvalidNames: boolean,
    private readonly enhancedSchemaSupport: boolean,
    private readonly generalizedSumTypeSupport: boolean,
  ) {}

  scrubName(name: string): string {
    return this.scrubInvalidNames ? scrubName(name) : name;
  }

  scrubFullName(name: string | null): string | null {
    if (name === null || !this.scrubInvalidNames) return name;
    const [namespace, simple] = this.splitName(name);
    return namespace === null ? simple : `${namespace}.${simple}`;
  }

  /** A dotted name as [namespace or null, name], each part scrubbed when configured. */
  splitName(fullName: string): [string | null, string] {
    if (fullName === '') return [null, fullName];
    const parts = javaSplitDots(fullName).map((part) => this.scrubName(part));
    if (parts.length <= 1) return [null, parts[0] ?? ''];
    return [parts.slice(0, -1).join('.'), parts[parts.length - 1]];
  }

  /** The Connect field name a union branch maps to. */
  avroUnionMemberName(schema: AvroSchema, index: number): string {
    if (this.generalizedSumTypeSupport) return `${GENERALIZED_TYPE_UNION_FIELD_PREFIX}${index}`;
    if (isNamed(schema)) return this.enhancedSchemaSupport ? schema.fullName : this.splitName(schema.name)[1];
    return schema.type;
  }

  connectUnionMemberName(schema: Schema, index: number): string {
    if (this.generalizedSumTypeSupport) return `${GENERALIZED_TYPE_UNION_FIELD_PREFIX}${index}`;
    if (schema.type() === 'STRUCT' || isEnumSchema(schema) || isFixedSchema(schema)) {
      const name = schema.name() ?? '';
      return this.enhancedSchemaSupport ? (this.scrubFullName(name) ?? '') : this.splitName(name)[1];
    }
    return AVRO_TYPE_OF[schema.type()] ?? schema.type().toLowerCase();
  }
}

/** Java's String.split("\\."): trailing empty parts dropped. */
function javaSplitDots(text: string): string[] {
  const parts = text.split('.');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const URL_SAFE = /[A-Za-z0-9.\-*_]/;

/** AvroData.doScrubName: URL-encode the name, then turn every character Avro rejects into `_`. */
export function scrubName(name: string): string {
  if (name === '' || VALID_NAME.test(name)) return name;
  let encoded = '';
  for (const char of name) {
    if (char === ' ') encoded += '+';
    else if (URL_SAFE.test(char)) encoded += char;
    else for (const byte of Buffer.from(char, 'utf8')) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (encoded[0] >= '0' && encoded[0] <= '9') encoded = `x${encoded}`;
  return encoded.replace(/[^A-Za-z0-9_]/g, '_');
}
