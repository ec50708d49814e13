import { BigDecimal } from './big-decimal.js';
import { javaDateToString } from './java-date-format.js';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
import { Schema } from './schema.js';
import { isSchemalessDouble } from './schemaless-doubles.js';
import { isSqlTemporal } from './sql-temporal.js';
import { Struct } from './struct.js';
import { isMapLike } from './value-equality.js';

/**
 * A Connect value as Java's toString() prints it (what StringConverter writes and Struct.toString
 * shows): lists `[a, b]`, maps `{k=v, k2=v2}`, structs `Struct{a=1}`, dates like java.util.Date
 * (or java.sql.Timestamp/Date/Time for the classes of sql-temporal.ts).
 * JS numbers do not say whether they are floats, doubles or ints, so the schema decides
 * (FLOAT32 → `1.0` as a Java float, FLOAT64 → `1.0`, INT* → `1`); without a schema an integral
 * number prints as an integer and any other as a Java double.
 * Java prints a byte[] as `[B@<identity hash>`, which no one can reproduce; we print the same
 * shape with Java's Arrays.hashCode of the content, so equal bytes print alike.
 */
export function javaToString(value: unknown, schema?: Schema | null): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return javaNumberText(value, schema ?? null);
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      break;
    default:
      return value === undefined ? 'null' : String(value);
  }
  if (value === null) return 'null';
  // A Map is none of the classes below, so testing it first changes no output.
  if (value instanceof Map) return mapText(value, schema ?? null);
  if (value instanceof Struct) return value.toString();
  if (value instanceof BigDecimal) return value.toString();
  if (value instanceof Date) return isSqlTemporal(value) ? value.toString() : javaDateToString(value);
  if (value instanceof Uint8Array) return `[B@${(javaBytesHashCode(value) >>> 0).toString(16)}`;
  if (Array.isArray(value)) return listText(value, schema ?? null);
  if (isMapLike(value)) return objectText(value as Record<string, unknown>, schema ?? null);
  return String(value);
}

// The containers build their text by concatenation (no array of parts to join) and derive the
// element schemas once per container; strings and numbers, the common elements, skip the
// recursive call.

function listText(list: readonly unknown[], schema: Schema | null): string {
  const elementSchema = containerSchema(schema, 'value');
  let text = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) text += ', ';
    const element = list[i];
    // A hole of a sparse array prints as nothing, as Array.prototype.join prints it.
    if (element === undefined && !(i in list)) continue;
    text += elementText(list, i, element, elementSchema);
  }
  return `${text}]`;
}

function mapText(map: ReadonlyMap<unknown, unknown>, schema: Schema | null): string {
  const keySchema = containerSchema(schema, 'key');
  const valueSchema = containerSchema(schema, 'value');
  // forEach: no [key, value] pair per entry, as an iterator makes.
  let text = '';
  map.forEach((value, key) => {
    text += `${text === '' ? '{' : ', '}${typeof key === 'string' ? key : javaToString(key, keySchema)}=${elementText(map, key, value, valueSchema)}`;
  });
  return text === '' ? '{}' : `${text}}`;
}

/** A plain object as a map with string keys, in Object.entries order. */
function objectText(object: Record<string, unknown>, schema: Schema | null): string {
  // The keys are strings, which print as themselves whatever the key schema.
  const valueSchema = containerSchema(schema, 'value');
  const keys = Object.keys(object);
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) text += ', ';
    const key = keys[i];
    text += `${key}=${elementText(object, key, object[key], valueSchema)}`;
  }
  return `${text}}`;
}

/** An element of a container: with its schema, else as a Java Double if a reader marked it so. */
function elementText(container: object, key: unknown, value: unknown, schema: Schema | null): string {
  if (typeof value === 'string') return value;
  // Small longs (counts, versions, flags) from a text made once.
  if (typeof value === 'bigint' && value >= 0n && value < SMALL_LONG_TEXTS_END) return SMALL_LONG_TEXTS[Number(value)];
  if (schema !== null) return javaToString(value, schema);
  if (typeof value === 'number') return isSchemalessDouble(container, key, value) ? formatJavaDouble(value) : javaNumberText(value, null);
  return javaToString(value, null);
}

const SMALL_LONG_TEXTS: readonly string[] = Array.from({ length: 1024 }, (_, i) => String(i));
const SMALL_LONG_TEXTS_END = BigInt(SMALL_LONG_TEXTS.length);

/** A JS number printed as the Java type its schema names. */
export function javaNumberText(value: number, schema: Schema | null): string {
  if (schema === null) return integerOrDoubleText(value);
  switch (schema.type()) {
    case 'FLOAT32':
      return formatJavaFloat(value);
    case 'FLOAT64':
      return formatJavaDouble(value);
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64':
      return Number.isInteger(value) ? String(value) : formatJavaDouble(value);
    default:
      return integerOrDoubleText(value);
  }
}

/** Without a schema: a safe integer as an integer (but -0 as the double `-0.0`), else a Java double. */
function integerOrDoubleText(value: number): string {
  // Int32 values (other than -0) first: the common case, cheaper than Number.isSafeInteger.
  if ((value | 0) === value && (value !== 0 || 1 / value > 0)) return String(value);
  return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : formatJavaDouble(value);
}

/** FLOAT64 for an entry a reader marked as a Java Double, else no schema. */
export function doubleIfMarked(container: object, key: unknown, value: unknown): Schema | null {
  return isSchemalessDouble(container, key, value) ? Schema.FLOAT64_SCHEMA : null;
}

function containerSchema(schema: Schema | null | undefined, part: 'key' | 'value'): Schema | null {
  if (schema === null || schema === undefined) return null;
  const type = schema.type();
  if (part === 'key') return type === 'MAP' ? schema.keySchema() : null;
  return type === 'MAP' || type === 'ARRAY' ? schema.valueSchema() : null;
}

/** Java's Arrays.hashCode(byte[]). */
function javaBytesHashCode(bytes: Uint8Array): number {
  let hash = 1;
  for (const byte of bytes) hash = (Math.imul(31, hash) + ((byte << 24) >> 24)) | 0;
  return hash;
}
