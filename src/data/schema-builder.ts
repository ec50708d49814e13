import { DataException, SchemaBuilderException } from './errors.js';
import { ConnectSchema, Field, type Schema, type SchemaType } from './schema.js';
import { validateValue } from './validate.js';

/**
 * Fluent schema construction, as Java's SchemaBuilder:
 * `SchemaBuilder.struct().name('x').field('id', Schema.INT64_SCHEMA).optional().build()`.
 * A builder is itself a Schema (so a struct under construction can be used as one), but it
 * only equals itself, as in Java.
 */
export class SchemaBuilder implements Schema {
  readonly #type: SchemaType;
  #optional: boolean | null = null;
  #defaultValue: unknown = null;
  #fields: Map<string, Field> | null;
  #keySchema: Schema | null = null;
  #valueSchema: Schema | null = null;
  #name: string | null = null;
  #version: number | null = null;
  #doc: string | null = null;
  #parameters: Map<string, string> | null = null;

  constructor(type: SchemaType) {
    this.#type = type;
    this.#fields = type === 'STRUCT' ? new Map() : null;
  }

  static type(type: SchemaType): SchemaBuilder {
    return new SchemaBuilder(type);
  }

  static int8(): SchemaBuilder {
    return new SchemaBuilder('INT8');
  }

  static int16(): SchemaBuilder {
    return new SchemaBuilder('INT16');
  }

  static int32(): SchemaBuilder {
    return new SchemaBuilder('INT32');
  }

  static int64(): SchemaBuilder {
    return new SchemaBuilder('INT64');
  }

  static float32(): SchemaBuilder {
    return new SchemaBuilder('FLOAT32');
  }

  static float64(): SchemaBuilder {
    return new SchemaBuilder('FLOAT64');
  }

  static bool(): SchemaBuilder {
    return new SchemaBuilder('BOOLEAN');
  }

  static string(): SchemaBuilder {
    return new SchemaBuilder('STRING');
  }

  static bytes(): SchemaBuilder {
    return new SchemaBuilder('BYTES');
  }

  static struct(): SchemaBuilder {
    return new SchemaBuilder('STRUCT');
  }

  static array(valueSchema: Schema): SchemaBuilder {
    if (valueSchema === null || valueSchema === undefined) throw new SchemaBuilderException('valueSchema cannot be null.');
    const builder = new SchemaBuilder('ARRAY');
    builder.#valueSchema = valueSchema;
    return builder;
  }

  static map(keySchema: Schema, valueSchema: Schema): SchemaBuilder {
    if (keySchema === null || keySchema === undefined) throw new SchemaBuilderException('keySchema cannot be null.');
    if (valueSchema === null || valueSchema === undefined) throw new SchemaBuilderException('valueSchema cannot be null.');
    const builder = new SchemaBuilder('MAP');
    builder.#keySchema = keySchema;
    builder.#valueSchema = valueSchema;
    return builder;
  }

  /** MAP/ARRAY schemas with a missing key or value schema; only Values' string parsing produces them. */
  static partialContainer(type: 'ARRAY' | 'MAP', keySchema: Schema | null, valueSchema: Schema | null): SchemaBuilder {
    const builder = new SchemaBuilder(type);
    builder.#keySchema = keySchema;
    builder.#valueSchema = valueSchema;
    return builder;
  }

  type(): SchemaType {
    return this.#type;
  }

  isOptional(): boolean {
    return this.#optional === true;
  }

  optional(): this {
    checkCanSet('optional', this.#optional, true);
    this.#optional = true;
    return this;
  }

  required(): this {
    checkCanSet('optional', this.#optional, false);
    this.#optional = false;
    return this;
  }

  defaultValue(): unknown;
  defaultValue(value: unknown): this;
  defaultValue(...args: [] | [unknown]): unknown {
    if (args.length === 0) return this.#defaultValue;
    const value = args[0] ?? null;
    checkCanSet('default', this.#defaultValue, value);
    try {
      validateValue(this, value);
    } catch (error) {
      if (error instanceof DataException) throw new SchemaBuilderException('Invalid default value', { cause: error });
      throw error;
    }
    this.#defaultValue = value;
    return this;
  }

  name(): string | null;
  name(name: string): this;
  name(...args: [] | [string]): string | null | this {
    if (args.length === 0) return this.#name;
    checkCanSet('name', this.#name, args[0]);
    this.#name = args[0];
    return this;
  }

  version(): number | null;
  version(version: number): this;
  version(...args: [] | [number]): number | null | this {
    if (args.length === 0) return this.#version;
    checkCanSet('version', this.#version, args[0]);
    this.#version = args[0];
    return this;
  }

  doc(): string | null;
  doc(doc: string): this;
  doc(...args: [] | [string]): string | null | this {
    if (args.length === 0) return this.#doc;
    checkCanSet('doc', this.#doc, args[0]);
    this.#doc = args[0];
    return this;
  }

  parameter(name: string, value: string): this {
    this.#parameters ??= new Map();
    this.#parameters.set(name, value);
    return this;
  }

  parameters(): ReadonlyMap<string, string> | null;
  parameters(parameters: ReadonlyMap<string, string> | Record<string, string>): this;
  parameters(...args: [] | [ReadonlyMap<string, string> | Record<string, string>]): ReadonlyMap<string, string> | null | this {
    if (args.length === 0) return this.#parameters === null ? null : new Map(this.#parameters);
    const entries = args[0] instanceof Map ? [...args[0].entries()] : Object.entries(args[0]);
    // Like Java, never keep an empty parameter map.
    if (entries.length === 0) return this;
    this.#parameters ??= new Map();
    for (const [key, value] of entries) this.#parameters.set(key, value);
    return this;
  }

  fields(): readonly Field[] {
    if (this.#fields === null) throw new DataException('Cannot list fields on non-struct type');
    return [...this.#fields.values()];
  }

  /** With one argument, looks a field up; with two, adds a field (STRUCT only). */
  field(name: string): Field | null;
  field(name: string, schema: Schema): this;
  field(...args: [string] | [string, Schema]): Field | null | this {
    if (args.length === 1) {
      if (this.#fields === null) throw new DataException('Cannot look up fields on non-struct type');
      return this.#fields.get(args[0]) ?? null;
    }
    const [name, schema] = args;
    if (this.#fields === null) throw new SchemaBuilderException(`Cannot create fields on type ${this.#type}`);
    if (name === null || name === undefined || name === '') throw new SchemaBuilderException('fieldName cannot be null.');
    if (schema === null || schema === undefined) throw new SchemaBuilderException(`fieldSchema for field ${name} cannot be null.`);
    if (this.#fields.has(name)) throw new SchemaBuilderException(`Cannot create field because of field name duplication ${name}`);
    this.#fields.set(name, new Field(name, this.#fields.size, schema));
    return this;
  }

  keySchema(): Schema | null {
    return this.#keySchema;
  }

  valueSchema(): Schema | null {
    return this.#valueSchema;
  }

  build(): Schema {
    return new ConnectSchema({
      type: this.#type,
      optional: this.isOptional(),
      defaultValue: this.#defaultValue,
      name: this.#name,
      version: this.#version,
      doc: this.#doc,
      parameters: this.#parameters === null ? null : new Map(this.#parameters),
      fields: this.#fields === null ? null : [...this.#fields.values()],
      keySchema: this.#keySchema,
      valueSchema: this.#valueSchema,
    });
  }

  schema(): Schema {
    return this.build();
  }

  equals(other: unknown): boolean {
    return other === this;
  }

  toString(): string {
    return `SchemaBuilder{${this.#name !== null ? `${this.#name}:` : ''}${this.#type}}`;
  }
}

function checkCanSet(field: string, current: unknown, value: unknown): void {
  if (current !== null && current !== value) {
    throw new SchemaBuilderException(`Invalid SchemaBuilder call: ${field} has already been set.`);
  }
}
