import { DataException } from './errors.js';
import { valuesEqual } from './value-equality.js';

/** Connect's schema types (Schema.Type). */
export type SchemaType =
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FLOAT32'
  | 'FLOAT64'
  | 'BOOLEAN'
  | 'STRING'
  | 'BYTES'
  | 'ARRAY'
  | 'MAP'
  | 'STRUCT';

export const SCHEMA_TYPES: readonly SchemaType[] = [
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FLOAT32',
  'FLOAT64',
  'BOOLEAN',
  'STRING',
  'BYTES',
  'ARRAY',
  'MAP',
  'STRUCT',
];

export function isPrimitiveType(type: SchemaType): boolean {
  return type !== 'ARRAY' && type !== 'MAP' && type !== 'STRUCT';
}

/**
 * A Connect schema (org.apache.kafka.connect.data.Schema). Accessors are methods, as in Java,
 * so that SchemaBuilder can offer the same names as fluent setters.
 */
export interface Schema {
  type(): SchemaType;
  isOptional(): boolean;
  /** The default value, or null when there is none. */
  defaultValue(): unknown;
  name(): string | null;
  version(): number | null;
  doc(): string | null;
  /** Schema parameters in insertion order, or null when none were set. */
  parameters(): ReadonlyMap<string, string> | null;
  /** Key schema of a MAP. */
  keySchema(): Schema | null;
  /** Element schema of an ARRAY, value schema of a MAP. */
  valueSchema(): Schema | null;
  /** Fields of a STRUCT, in order; throws for other types. */
  fields(): readonly Field[];
  /** A STRUCT field by name, or null; throws for other types. */
  field(name: string): Field | null;
  /** The built schema (a SchemaBuilder builds itself). */
  schema(): Schema;
  /** Java's Schema.equals: ConnectSchemas compare by content, a SchemaBuilder only equals itself. */
  equals(other: unknown): boolean;
  toString(): string;
}

/** A field of a STRUCT schema. */
export class Field {
  readonly #name: string;
  readonly #index: number;
  readonly #schema: Schema;

  constructor(name: string, index: number, schema: Schema) {
    this.#name = name;
    this.#index = index;
    this.#schema = schema;
  }

  name(): string {
    return this.#name;
  }

  index(): number {
    return this.#index;
  }

  schema(): Schema {
    return this.#schema;
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    return (
      other instanceof Field &&
      other.#index === this.#index &&
      other.#name === this.#name &&
      schemaEquals(this.#schema, other.#schema)
    );
  }

  toString(): string {
    return `Field{name=${this.#name}, index=${this.#index}, schema=${this.#schema.toString()}}`;
  }
}

export interface ConnectSchemaProperties {
  type: SchemaType;
  optional?: boolean;
  defaultValue?: unknown;
  name?: string | null;
  version?: number | null;
  doc?: string | null;
  parameters?: ReadonlyMap<string, string> | null;
  fields?: readonly Field[] | null;
  keySchema?: Schema | null;
  valueSchema?: Schema | null;
}

/** An immutable schema (ConnectSchema); build one with SchemaBuilder. */
export class ConnectSchema implements Schema {
  readonly #type: SchemaType;
  readonly #optional: boolean;
  readonly #defaultValue: unknown;
  readonly #name: string | null;
  readonly #version: number | null;
  readonly #doc: string | null;
  readonly #parameters: ReadonlyMap<string, string> | null;
  readonly #fields: readonly Field[] | null;
  readonly #fieldsByName: ReadonlyMap<string, Field> | null;
  readonly #keySchema: Schema | null;
  readonly #valueSchema: Schema | null;

  constructor(properties: ConnectSchemaProperties) {
    this.#type = properties.type;
    this.#optional = properties.optional ?? false;
    this.#defaultValue = properties.defaultValue ?? null;
    this.#name = properties.name ?? null;
    this.#version = properties.version ?? null;
    this.#doc = properties.doc ?? null;
    this.#parameters = properties.parameters ?? null;
    if (this.#type === 'STRUCT') {
      this.#fields = Object.freeze([...(properties.fields ?? [])]);
      this.#fieldsByName = new Map(this.#fields.map((field) => [field.name(), field]));
    } else {
      this.#fields = null;
      this.#fieldsByName = null;
    }
    this.#keySchema = properties.keySchema ?? null;
    this.#valueSchema = properties.valueSchema ?? null;
  }

  type(): SchemaType {
    return this.#type;
  }

  isOptional(): boolean {
    return this.#optional;
  }

  defaultValue(): unknown {
    return this.#defaultValue;
  }

  name(): string | null {
    return this.#name;
  }

  version(): number | null {
    return this.#version;
  }

  doc(): string | null {
    return this.#doc;
  }

  parameters(): ReadonlyMap<string, string> | null {
    return this.#parameters;
  }

  fields(): readonly Field[] {
    if (this.#fields === null) throw new DataException('Cannot list fields on non-struct type');
    return this.#fields;
  }

  field(name: string): Field | null {
    if (this.#fieldsByName === null) throw new DataException('Cannot look up fields on non-struct type');
    return this.#fieldsByName.get(name) ?? null;
  }

  keySchema(): Schema | null {
    if (this.#type !== 'MAP') throw new DataException('Cannot look up key schema on non-map type');
    return this.#keySchema;
  }

  valueSchema(): Schema | null {
    if (this.#type !== 'MAP' && this.#type !== 'ARRAY') {
      throw new DataException('Cannot look up value schema on non-array and non-map type');
    }
    return this.#valueSchema;
  }

  schema(): Schema {
    return this;
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof ConnectSchema)) return false;
    return (
      this.#optional === other.#optional &&
      this.#version === other.#version &&
      this.#name === other.#name &&
      this.#doc === other.#doc &&
      this.#type === other.#type &&
      valuesEqual(this.#defaultValue, other.#defaultValue) &&
      fieldListsEqual(this.#fields, other.#fields) &&
      schemaEquals(this.#keySchema, other.#keySchema) &&
      schemaEquals(this.#valueSchema, other.#valueSchema) &&
      parametersEqual(this.#parameters, other.#parameters)
    );
  }

  toString(): string {
    return this.#name !== null ? `Schema{${this.#name}:${this.#type}}` : `Schema{${this.#type}}`;
  }
}

/** Null-safe Schema equality with Java's semantics (Objects.equals). */
export function schemaEquals(a: Schema | null | undefined, b: Schema | null | undefined): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return a.equals(b);
}

function fieldListsEqual(a: readonly Field[] | null, b: readonly Field[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  return a.every((field, i) => field.equals(b[i]));
}

function parametersEqual(a: ReadonlyMap<string, string> | null, b: ReadonlyMap<string, string> | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (b.get(key) !== value) return false;
  }
  return true;
}

function primitive(type: SchemaType, optional: boolean): Schema {
  return new ConnectSchema({ type, optional });
}

/** The predefined schemas of Java's Schema interface (Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, ...). */
export const Schema = Object.freeze({
  INT8_SCHEMA: primitive('INT8', false),
  INT16_SCHEMA: primitive('INT16', false),
  INT32_SCHEMA: primitive('INT32', false),
  INT64_SCHEMA: primitive('INT64', false),
  FLOAT32_SCHEMA: primitive('FLOAT32', false),
  FLOAT64_SCHEMA: primitive('FLOAT64', false),
  BOOLEAN_SCHEMA: primitive('BOOLEAN', false),
  STRING_SCHEMA: primitive('STRING', false),
  BYTES_SCHEMA: primitive('BYTES', false),
  OPTIONAL_INT8_SCHEMA: primitive('INT8', true),
  OPTIONAL_INT16_SCHEMA: primitive('INT16', true),
  OPTIONAL_INT32_SCHEMA: primitive('INT32', true),
  OPTIONAL_INT64_SCHEMA: primitive('INT64', true),
  OPTIONAL_FLOAT32_SCHEMA: primitive('FLOAT32', true),
  OPTIONAL_FLOAT64_SCHEMA: primitive('FLOAT64', true),
  OPTIONAL_BOOLEAN_SCHEMA: primitive('BOOLEAN', true),
  OPTIONAL_STRING_SCHEMA: primitive('STRING', true),
  OPTIONAL_BYTES_SCHEMA: primitive('BYTES', true),
});
