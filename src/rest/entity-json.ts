/**
 * JSON text of a REST entity from its response schema (schemas.ts), with fast-json-stringify's output
 * for the part of JSON Schema those schemas use: `type` (one, or one plus "null"), `properties`
 * (written in schema order; undeclared keys dropped), `additionalProperties` (a schema, or true for
 * any JSON), `items` and `anyOf`. Values are coerced as fast-json-stringify coerces them (null
 * string "", null integer 0, a non-object where an object is declared `{}`, toJSON() honoured).
 * Two differences: `anyOf` picks the first alternative of the value's JSON type (fast-json-stringify
 * validates each in full), and a value of the wrong type for a nullable type is coerced rather than
 * refused.
 */

export interface EntitySchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, EntitySchema>>;
  readonly additionalProperties?: boolean | EntitySchema;
  readonly items?: EntitySchema;
  readonly anyOf?: readonly EntitySchema[];
}

export type EntityWriter = (value: unknown) => string;

/** A writer for `schema`; throws on schema features it does not know, so a new route fails its tests. */
export function entityWriter(schema: EntitySchema): EntityWriter {
  if (schema.anyOf !== undefined) return anyOfWriter(schema.anyOf);
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length > 1) throw new Error(`Unsupported response schema type ${JSON.stringify(schema.type)}`);
  const write = typedWriter(nonNull[0], schema);
  return types.includes('null') ? (value) => (value === null ? 'null' : write(value)) : write;
}

function typedWriter(type: string | undefined, schema: EntitySchema): EntityWriter {
  switch (type) {
    case undefined:
      return anyJson;
    case 'string':
      return writeString;
    case 'integer':
      return writeInteger;
    case 'number':
      return writeNumber;
    case 'boolean':
      return (value) => (value ? 'true' : 'false');
    case 'array':
      return arrayWriter(schema.items);
    case 'object':
      return objectWriter(schema);
    default:
      throw new Error(`Unsupported response schema type ${type}`);
  }
}

function anyJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function writeString(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return '""';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(String(value));
}

function writeInteger(value: unknown): string {
  if (Number.isInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  const integer = Math.trunc(value as number);
  if (!Number.isFinite(integer)) throw new Error(`The value "${String(value)}" cannot be converted to an integer.`);
  return String(integer);
}

function writeNumber(value: unknown): string {
  const num = Number(value);
  if (Number.isNaN(num)) throw new Error(`The value "${String(value)}" cannot be converted to a number.`);
  return Number.isFinite(num) ? String(num) : 'null';
}

function arrayWriter(items: EntitySchema | undefined): EntityWriter {
  const write = items === undefined ? anyJson : entityWriter(items);
  return (value) => {
    if (!Array.isArray(value)) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i]);
    return `${out}]`;
  };
}

function objectWriter(schema: EntitySchema): EntityWriter {
  const declared = Object.entries(schema.properties ?? {}).map(([key, s]) => ({ key, prefix: `${JSON.stringify(key)}:`, write: entityWriter(s) }));
  const extra = schema.additionalProperties;
  const writeExtra = extra === true ? anyJson : typeof extra === 'object' ? entityWriter(extra) : undefined;
  const declaredKeys = new Set(declared.map((p) => p.key));
  return (value) => {
    const obj = toJson(value);
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return '{}';
    const record = obj as Record<string, unknown>;
    let out = '{';
    for (const { key, prefix, write } of declared) {
      const v = record[key];
      if (v === undefined) continue;
      out += (out.length === 1 ? '' : ',') + prefix + write(v);
    }
    if (writeExtra !== undefined) {
      for (const key of Object.keys(record)) {
        const v = record[key];
        if (v === undefined || declaredKeys.has(key)) continue;
        out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${writeExtra(v)}`;
      }
    }
    return `${out}}`;
  };
}

function toJson(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
}

function anyOfWriter(alternatives: readonly EntitySchema[]): EntityWriter {
  const compiled = alternatives.map((s) => ({ types: jsonTypesOf(s), write: entityWriter(s) }));
  return (value) => {
    const type = jsonTypeOf(value);
    const match = compiled.find((c) => c.types === undefined || c.types.includes(type) || (type === 'integer' && c.types.includes('number')));
    if (match === undefined) throw new Error("The value of '#' does not match schema definition.");
    return match.write(value);
  };
}

function jsonTypesOf(schema: EntitySchema): readonly string[] | undefined {
  if (schema.anyOf !== undefined || schema.type === undefined) return undefined;
  return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
