import { DataException } from '../../data/index.js';
import type { JsonValue } from './json-value.js';

/**
 * An Avro schema as Avro Java's Schema models it: every schema but a union carries ordered props
 * (`connect.name`, `logicalType`, ...), named types carry a namespace, and records are filled in
 * after creation so that recursive types can refer to themselves.
 */
export type AvroSchema = AvroPrimitiveSchema | AvroRecordSchema | AvroEnumSchema | AvroFixedSchema | AvroArraySchema | AvroMapSchema | AvroUnionSchema;

export type AvroPrimitiveType = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
export type AvroNamedSchema = AvroRecordSchema | AvroEnumSchema | AvroFixedSchema;
export type AvroProps = Map<string, JsonValue>;

export interface AvroPrimitiveSchema {
  readonly type: AvroPrimitiveType;
  readonly props: AvroProps;
}

interface Named {
  /** The unqualified name. */
  readonly name: string;
  readonly namespace: string | null;
  readonly fullName: string;
  readonly doc: string | null;
  /** Full names. */
  readonly aliases: readonly string[];
  readonly props: AvroProps;
}

export interface AvroRecordSchema extends Named {
  readonly type: 'record';
  readonly isError: boolean;
  /** Set once after creation (see createRecord). */
  fields: readonly AvroField[];
}

export interface AvroEnumSchema extends Named {
  readonly type: 'enum';
  readonly symbols: readonly string[];
  readonly enumDefault: string | null;
}

export interface AvroFixedSchema extends Named {
  readonly type: 'fixed';
  readonly size: number;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
  readonly props: AvroProps;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
  readonly props: AvroProps;
}

export interface AvroUnionSchema {
  readonly type: 'union';
  readonly types: readonly AvroSchema[];
}

export type AvroFieldOrder = 'ascending' | 'descending' | 'ignore';

export interface AvroField {
  readonly name: string;
  readonly schema: AvroSchema;
  readonly doc: string | null;
  /** The JSON default, or undefined when the field has none (JSON null is a default). */
  readonly defaultValue: JsonValue | undefined;
  readonly order: AvroFieldOrder;
  readonly aliases: readonly string[];
  readonly props: AvroProps;
}

export const AVRO_PRIMITIVE_TYPES: readonly AvroPrimitiveType[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

/** Avro's Schema.Type names: a named type called like one must always be written fully qualified. */
export const AVRO_TYPE_NAMES: ReadonlySet<string> = new Set([...AVRO_PRIMITIVE_TYPES, 'record', 'enum', 'array', 'map', 'union', 'fixed']);

/** A bad name or an overwritten prop (Avro's SchemaParseException / AvroRuntimeException). */
export class AvroSchemaException extends DataException {
  constructor(message: string) {
    super(message);
    this.name = 'AvroSchemaException';
  }
}

export function isNamed(schema: AvroSchema): schema is AvroNamedSchema {
  return schema.type === 'record' || schema.type === 'enum' || schema.type === 'fixed';
}

export function createPrimitive(type: AvroPrimitiveType): AvroPrimitiveSchema {
  return { type, props: new Map() };
}

export function createArray(items: AvroSchema): AvroArraySchema {
  return { type: 'array', items, props: new Map() };
}

export function createMap(values: AvroSchema): AvroMapSchema {
  return { type: 'map', values, props: new Map() };
}

export function createUnion(types: readonly AvroSchema[]): AvroUnionSchema {
  return { type: 'union', types };
}

/** A record without fields yet; `name` may be a full name, which then wins over `namespace`. */
export function createRecord(name: string, namespace: string | null, doc: string | null, isError = false, aliases: readonly string[] = []): AvroRecordSchema {
  return { type: 'record', ...avroName(name, namespace), doc, aliases, props: new Map(), isError, fields: [] };
}

export function createEnum(
  name: string,
  namespace: string | null,
  doc: string | null,
  symbols: readonly string[],
  enumDefault: string | null,
  aliases: readonly string[] = [],
): AvroEnumSchema {
  for (const symbol of symbols) validateName(symbol);
  if (new Set(symbols).size !== symbols.length) throw new AvroSchemaException(`Duplicate enum symbol in: ${symbols.join(', ')}`);
  if (enumDefault !== null && !symbols.includes(enumDefault)) {
    throw new AvroSchemaException(`The Enum Default: ${enumDefault} is not in the enum symbol set: [${symbols.join(', ')}]`);
  }
  return { type: 'enum', ...avroName(name, namespace), doc, aliases, props: new Map(), symbols, enumDefault };
}

export function createFixed(name: string, namespace: string | null, doc: string | null, size: number, aliases: readonly string[] = []): AvroFixedSchema {
  return { type: 'fixed', ...avroName(name, namespace), doc, aliases, props: new Map(), size };
}

export function createField(
  name: string,
  schema: AvroSchema,
  doc: string | null = null,
  defaultValue: JsonValue | undefined = undefined,
  order: AvroFieldOrder = 'ascending',
  aliases: readonly string[] = [],
): AvroField {
  return { name: validateName(name), schema, doc, defaultValue, order, aliases, props: new Map() };
}

/** Avro's Name(name, space): a dotted name carries its own namespace; "" means none. */
export function avroName(name: string, namespace: string | null): { name: string; namespace: string | null; fullName: string } {
  const lastDot = name.lastIndexOf('.');
  let space = namespace;
  let simple = name;
  if (lastDot >= 0) {
    space = name.slice(0, lastDot);
    simple = name.slice(lastDot + 1);
  }
  validateName(simple);
  if (space === '') space = null;
  return { name: simple, namespace: space, fullName: space === null ? simple : `${space}.${simple}` };
}

const INITIAL = /^[\p{L}_]$/u;
const REST = /^[\p{L}\p{Nd}_]*$/u;

/** Avro's name rule: a letter or `_`, then letters, digits or `_`. */
export function validateName(name: string): string {
  if (name.length === 0) throw new AvroSchemaException('Empty name');
  if (!INITIAL.test(String.fromCodePoint(name.codePointAt(0) as number))) throw new AvroSchemaException(`Illegal initial character: ${name}`);
  if (!REST.test(name)) throw new AvroSchemaException(`Illegal character in: ${name}`);
  return name;
}

/** Avro's addProp: the first value stays; setting a different one is an error. */
export function addProp(props: AvroProps, key: string, value: JsonValue): void {
  const existing = props.get(key);
  if (existing === undefined) {
    props.set(key, value);
    return;
  }
  if (!jsonEquals(existing, value)) throw new AvroSchemaException(`Can't overwrite property: ${key}`);
}

function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      const other = b.get(key);
      if (other === undefined || !jsonEquals(value, other)) return false;
    }
    return true;
  }
  if (Array.isArray(b) || b instanceof Map) return false;
  return a.kind === b.kind && a.value === b.value;
}

/** A prop's text, or null when absent or not a string (Avro's getProp). */
export function textProp(schema: AvroSchema, key: string): string | null {
  if (schema.type === 'union') return null;
  const value = schema.props.get(key);
  return typeof value === 'string' ? value : null;
}

/** The name Avro's GenericData resolves union branches by: full name for named types, else the type. */
export function unionBranchName(schema: AvroSchema): string {
  return isNamed(schema) ? schema.fullName : schema.type;
}

/** Field positions by name, computed once per record. */
const FIELD_INDEXES = new WeakMap<AvroRecordSchema, Map<string, number>>();

export function fieldIndex(record: AvroRecordSchema, name: string): number {
  let indexes = FIELD_INDEXES.get(record);
  if (indexes === undefined || indexes.size !== record.fields.length) {
    indexes = new Map(record.fields.map((field, i) => [field.name, i]));
    FIELD_INDEXES.set(record, indexes);
  }
  return indexes.get(name) ?? -1;
}
