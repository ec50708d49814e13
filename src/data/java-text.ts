import { BigDecimal } from './big-decimal.js';
import { javaDateToString } from './java-date-format.js';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
import { Schema } from './schema.js';
import { isSchemalessDouble } from './schemaless-doubles.js';
import { isSqlTemporal } from './sql-temporal.js';
import { Struct } from './struct.js';
import { isMapLike, mapEntries } from './value-equality.js';

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
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'number':
      return javaNumberText(value, schema ?? null);
    default:
      break;
  }
  if (value instanceof Struct) return value.toString();
  if (value instanceof BigDecimal) return value.toString();
  if (value instanceof Date) return isSqlTemporal(value) ? value.toString() : javaDateToString(value);
  if (value instanceof Uint8Array) return `[B@${(javaBytesHashCode(value) >>> 0).toString(16)}`;
  if (Array.isArray(value)) {
    const elementSchema = containerSchema(schema, 'value');
    return `[${value.map((element, i) => javaToString(element, elementSchema ?? doubleIfMarked(value, i, element))).join(', ')}]`;
  }
  if (isMapLike(value)) {
    const keySchema = containerSchema(schema, 'key');
    const valueSchema = containerSchema(schema, 'value');
    const entries = mapEntries(value).map(([k, v]) => `${javaToString(k, keySchema)}=${javaToString(v, valueSchema ?? doubleIfMarked(value, k, v))}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** A JS number printed as the Java type its schema names. */
export function javaNumberText(value: number, schema: Schema | null): string {
  switch (schema?.type()) {
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
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : formatJavaDouble(value);
  }
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
