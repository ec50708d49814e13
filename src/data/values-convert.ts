import { BigDecimal } from './big-decimal.js';
import { ConnectDate, MILLIS_PER_DAY } from './date.js';
import { Decimal } from './decimal.js';
import { DataException, SchemaBuilderException } from './errors.js';
import { javaToString } from './java-text.js';
import { DATE_LOGICAL_NAME, DECIMAL_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME } from './logical-names.js';
import { Schema, type SchemaType } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';
import { Struct } from './struct.js';
import { ConnectTime } from './time.js';
import { ConnectTimestamp } from './timestamp.js';
import { describeValue } from './validate.js';
import { isMapLike, mapEntries } from './value-equality.js';
import { convertToString } from './values-format.js';
import { parseString } from './values-parse.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * Converts a value to the JS representation of another schema, as Values.convertTo does:
 * numbers widen or wrap like Java casts, strings are parsed, dates move between the temporal
 * logical types. Throws DataException when no conversion exists.
 */
export function convertTo(toSchema: Schema, fromSchema: Schema | null, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (toSchema.isOptional()) return null;
    throw new DataException('Unable to convert a null value to a schema that requires a value');
  }
  switch (toSchema.type()) {
    case 'BYTES':
      return toSchema.name() === DECIMAL_LOGICAL_NAME ? toDecimal(toSchema, value) : toBytes(toSchema, value);
    case 'STRING':
      return convertToString(fromSchema, value);
    case 'BOOLEAN':
      return toBoolean(fromSchema, value);
    case 'INT8':
      return Number(BigInt.asIntN(8, asLong(value, fromSchema)));
    case 'INT16':
      return Number(BigInt.asIntN(16, asLong(value, fromSchema)));
    case 'INT32':
      if (toSchema.name() === DATE_LOGICAL_NAME) return toDate(toSchema, fromSchema, value);
      if (toSchema.name() === TIME_LOGICAL_NAME) return toTime(toSchema, fromSchema, value);
      return Number(BigInt.asIntN(32, asLong(value, fromSchema)));
    case 'INT64':
      if (toSchema.name() === TIMESTAMP_LOGICAL_NAME) return toTimestamp(toSchema, fromSchema, value);
      return asLong(value, fromSchema);
    case 'FLOAT32':
      return Math.fround(asDouble(value, fromSchema));
    case 'FLOAT64':
      return asDouble(value, fromSchema);
    case 'ARRAY': {
      const parsed = typeof value === 'string' ? parseString(value)?.value : value;
      if (Array.isArray(parsed)) return parsed;
      throw unableToConvert(parsed, toSchema);
    }
    case 'MAP': {
      const parsed = typeof value === 'string' ? parseString(value)?.value : value;
      if (isMapLike(parsed)) return parsed;
      throw unableToConvert(parsed, toSchema);
    }
    case 'STRUCT':
      if (value instanceof Struct) return value;
      throw unableToConvert(value, toSchema);
  }
}

function toBoolean(fromSchema: Schema | null, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const parsed = parseString(value);
    if (typeof parsed?.value === 'boolean') return parsed.value;
  }
  return asLong(value, fromSchema) !== 0n;
}

function toDecimal(toSchema: Schema, value: unknown): BigDecimal {
  if (value instanceof Uint8Array) return Decimal.toLogical(toSchema, value);
  if (value instanceof BigDecimal) return value;
  // Java goes through the double value, even for a Long.
  if (typeof value === 'number' || typeof value === 'bigint') return BigDecimal.fromNumber(Number(value));
  if (typeof value === 'string') {
    try {
      return BigDecimal.fromString(value);
    } catch (error) {
      throw new DataException(`Unable to convert ${value} to ${toSchema.toString()}`, { cause: error });
    }
  }
  throw unableToConvert(value, toSchema);
}

function toBytes(toSchema: Schema, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof BigDecimal) return Decimal.fromLogical(toSchema, value);
  throw unableToConvert(value, toSchema);
}

function parsedIfString(value: unknown): unknown {
  return typeof value === 'string' ? (parseString(value)?.value ?? null) : value;
}

function toDate(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  const value = parsedIfString(input);
  if (value === null) return null;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name() === DATE_LOGICAL_NAME) return value;
    if (fromSchema.name() === TIMESTAMP_LOGICAL_NAME) return ConnectDate.toLogical(toSchema, Math.trunc(value.getTime() / MILLIS_PER_DAY) | 0);
  }
  return ConnectDate.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(value, fromSchema))));
}

function toTime(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  const value = parsedIfString(input);
  if (value === null) return null;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name() === TIME_LOGICAL_NAME) return value;
    if (fromSchema.name() === TIMESTAMP_LOGICAL_NAME) {
      const millisOfDay = ((value.getTime() % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY;
      return ConnectTime.toLogical(toSchema, millisOfDay);
    }
  }
  return ConnectTime.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(value, fromSchema))));
}

function toTimestamp(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  const value = parsedIfString(input);
  if (value === null) return null;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name() === DATE_LOGICAL_NAME) {
      return ConnectTimestamp.toLogical(toSchema, ConnectDate.fromLogical(fromSchema, value) * MILLIS_PER_DAY);
    }
    if (fromSchema.name() === TIME_LOGICAL_NAME) return ConnectTimestamp.toLogical(toSchema, ConnectTime.fromLogical(fromSchema, value));
    if (fromSchema.name() === TIMESTAMP_LOGICAL_NAME) return value;
  }
  return ConnectTimestamp.toLogical(toSchema, asLong(value, fromSchema));
}

/** Java's Number.longValue() of a Connect value, or a parsed string, as a bigint. */
export function asLong(value: unknown, fromSchema: Schema | null, cause?: unknown): bigint {
  let failure = cause;
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'number') return doubleToLong(value);
  if (value instanceof BigDecimal) return value.longValue();
  if (typeof value === 'string') {
    try {
      return BigDecimal.fromString(value).longValue();
    } catch (error) {
      failure = error;
    }
  }
  if (fromSchema !== null) {
    if (value instanceof Date) {
      const name = fromSchema.name();
      if (name === DATE_LOGICAL_NAME) return BigInt(ConnectDate.fromLogical(fromSchema, value));
      if (name === TIME_LOGICAL_NAME) return BigInt(ConnectTime.fromLogical(fromSchema, value));
      if (name === TIMESTAMP_LOGICAL_NAME) return ConnectTimestamp.fromLogical(fromSchema, value);
    }
    throw new DataException(`Unable to convert ${javaToString(value)} (${describeValue(value)}) to ${fromSchema.toString()}`, { cause: failure });
  }
  throw new DataException(`Unable to convert ${javaToString(value)} (${describeValue(value)}) to a number`, { cause: failure });
}

/** Java's doubleValue() of a Connect value, or a parsed string. */
export function asDouble(value: unknown, fromSchema: Schema | null): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof BigDecimal) return value.toNumber();
  let cause: unknown;
  if (typeof value === 'string') {
    try {
      return BigDecimal.fromString(value).toNumber();
    } catch (error) {
      cause = error;
    }
  }
  return Number(asLong(value, fromSchema, cause));
}

/** Java's (long) cast of a double: truncation, NaN to 0, saturation at the long range. */
function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 9.223372036854776e18) return LONG_MAX;
  if (value <= -9.223372036854776e18) return LONG_MIN;
  return BigInt(Math.trunc(value));
}

function unableToConvert(value: unknown, toSchema: Schema): DataException {
  return new DataException(`Unable to convert ${javaToString(value)} (${describeValue(value)}) to ${toSchema.toString()}`);
}

/**
 * The schema Values.inferSchema gives a value, or null. JS numbers are ambiguous: integers in the
 * int32 range infer INT32, other numbers FLOAT64; bigints INT64. Dates and decimals infer nothing,
 * as in Java.
 */
export function inferSchema(value: unknown): Schema | null {
  if (typeof value === 'string') return Schema.STRING_SCHEMA;
  if (typeof value === 'boolean') return Schema.BOOLEAN_SCHEMA;
  if (typeof value === 'bigint') return Schema.INT64_SCHEMA;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? Schema.INT32_SCHEMA : Schema.FLOAT64_SCHEMA;
  }
  if (value instanceof Uint8Array) return Schema.BYTES_SCHEMA;
  if (value instanceof Struct) return value.schema();
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const detector = new SchemaDetector();
    return value.every((element) => detector.canDetect(element)) ? SchemaBuilder.array(detector.schema()).build() : null;
  }
  if (isMapLike(value)) {
    const entries = mapEntries(value);
    if (entries.length === 0) return null;
    const keys = new SchemaDetector();
    const values = new SchemaDetector();
    return entries.every(([k, v]) => keys.canDetect(k) && values.canDetect(v)) ? SchemaBuilder.map(keys.schema(), values.schema()).build() : null;
  }
  return null;
}

class SchemaDetector {
  #knownType: SchemaType | null = null;
  #optional = false;

  canDetect(value: unknown): boolean {
    if (value === null || value === undefined) {
      this.#optional = true;
      return true;
    }
    const schema = inferSchema(value);
    if (schema === null) return false;
    if (this.#knownType === null) this.#knownType = schema.type();
    return this.#knownType === schema.type();
  }

  schema(): Schema {
    if (this.#knownType === null) throw new SchemaBuilderException('type cannot be null');
    const builder = SchemaBuilder.type(this.#knownType);
    if (this.#optional) builder.optional();
    return builder.build();
  }
}
