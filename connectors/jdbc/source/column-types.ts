/**
 * Result-set column → Connect field: the schema (GenericDatabaseDialect.addFieldToSchema with the
 * PostgreSQL overrides) and the value converter (columnConverterFor), over the database layer's
 * DbValue forms. Columns of unsupported types get no field, as in Confluent.
 */
import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, DataException, Decimal, Schema, SchemaBuilder } from '../../../src/data/index.js';
import { SqlDate, SqlTime, SqlTimestamp } from '../../../src/data/sql-temporal.js';
import type { ColumnDefinition, DbValue, DialectName } from '../common/db.js';
import type { NumericMapping, TimestampGranularity } from './source-settings.js';
import { dateMillis, formatWallClock, parseTimestampText, parseTimeText, toInstant, type CalendarSystem, type Instant } from './temporal-text.js';
import { UTC, type Zone } from '../common/time-zone.js';

/** Schema parameter with the column precision on Decimal fields (JdbcSourceConnector's PRECISION_FIELD). */
export const DECIMAL_PRECISION_PARAMETER = 'connect.decimal.precision';
const MAX_INTEGER_TYPE_PRECISION = 18;
const NUMERIC_SCALE_LOW = -84;
const NUMERIC_SCALE_HIGH = 127;
const NUMERIC_SCALE_UNSET = -127;

export interface TypeMappingOptions {
  dialect: DialectName;
  numericMapping: NumericMapping;
  granularity: TimestampGranularity;
  zone: Zone;
  calendar: CalendarSystem;
}

export interface ColumnReader {
  /** Field name: the column label. */
  name: string;
  schema: Schema;
  /** The Connect value of a non-null database value. */
  read(value: DbValue): unknown;
  /** The instant of a non-null TIMESTAMP (or DATE) value, for timestamp offsets; absent for other types. */
  instant?: (value: DbValue) => Instant;
}

const schemaOf = (required: Schema, optionalSchema: Schema, optional: boolean): Schema => (optional ? optionalSchema : required);
const INT8 = (o: boolean): Schema => schemaOf(Schema.INT8_SCHEMA, Schema.OPTIONAL_INT8_SCHEMA, o);
const INT16 = (o: boolean): Schema => schemaOf(Schema.INT16_SCHEMA, Schema.OPTIONAL_INT16_SCHEMA, o);
const INT32 = (o: boolean): Schema => schemaOf(Schema.INT32_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA, o);
const INT64 = (o: boolean): Schema => schemaOf(Schema.INT64_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA, o);
const FLOAT32 = (o: boolean): Schema => schemaOf(Schema.FLOAT32_SCHEMA, Schema.OPTIONAL_FLOAT32_SCHEMA, o);
const FLOAT64 = (o: boolean): Schema => schemaOf(Schema.FLOAT64_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA, o);
const BOOLEAN = (o: boolean): Schema => schemaOf(Schema.BOOLEAN_SCHEMA, Schema.OPTIONAL_BOOLEAN_SCHEMA, o);
const STRING = (o: boolean): Schema => schemaOf(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, o);
const BYTES = (o: boolean): Schema => schemaOf(Schema.BYTES_SCHEMA, Schema.OPTIONAL_BYTES_SCHEMA, o);
const logical = (builder: SchemaBuilder, optional: boolean): Schema => (optional ? builder.optional() : builder).build();

type IntBits = 8 | 16 | 32;
const INT_RANGE: Record<IntBits, [number, number]> = { 8: [-128, 127], 16: [-32768, 32767], 32: [-2147483648, 2147483647] };

export function columnReader(column: ColumnDefinition, options: TypeMappingOptions): ColumnReader | null {
  const optional = column.nullability !== 'NO_NULLS';
  const name = column.name;
  const reader = (schema: Schema, read: (value: DbValue) => unknown): ColumnReader => ({ name, schema, read });
  const int = (bits: IntBits): ColumnReader => reader(bits === 8 ? INT8(optional) : bits === 16 ? INT16(optional) : INT32(optional), (v) => toInt(v, bits, name));
  const long = (): ColumnReader => reader(INT64(optional), (v) => toLong(v, name));

  if (options.dialect === 'PostgreSqlDatabaseDialect') {
    // The driver reports `boolean` as BIT(1); bit(n) strings are 0/1 text.
    if (column.jdbcType === 'BIT') {
      if (column.precision <= 1) return reader(BOOLEAN(optional), toBoolean);
      if (column.precision <= 8) return reader(INT8(optional), (v) => wrapInt(Number.parseInt(String(v), 2), 8));
      return reader(BYTES(optional), (v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))));
    }
    if (column.jdbcType === 'OTHER') {
      const type = column.typeName.toLowerCase();
      return type === 'json' || type === 'jsonb' || type === 'uuid' ? reader(STRING(optional), (v) => String(v)) : null;
    }
  }

  switch (column.jdbcType) {
    case 'BOOLEAN':
      return reader(BOOLEAN(optional), toBoolean);
    case 'BIT':
      return reader(INT8(optional), (v) => wrapInt(toNumberLoose(v), 8));
    case 'TINYINT':
      return column.signed ? int(8) : int(16);
    case 'SMALLINT':
      return column.signed ? int(16) : int(32);
    case 'INTEGER':
      return column.signed ? int(32) : long();
    case 'BIGINT':
      return long();
    case 'REAL':
      return reader(FLOAT32(optional), (v) => Math.fround(toNumberLoose(v)));
    case 'FLOAT':
    case 'DOUBLE':
      return reader(FLOAT64(optional), toNumberLoose);
    case 'NUMERIC': {
      const mapped = numericReader(column, options.numericMapping, optional);
      if (mapped !== null) return mapped;
      return decimalReader(column, options.dialect, optional);
    }
    case 'DECIMAL':
      return decimalReader(column, options.dialect, optional);
    case 'CHAR':
    case 'VARCHAR':
    case 'LONGVARCHAR':
    case 'NCHAR':
    case 'NVARCHAR':
    case 'LONGNVARCHAR':
    case 'CLOB':
    case 'NCLOB':
    case 'SQLXML':
      return reader(STRING(optional), toText);
    case 'BINARY':
    case 'VARBINARY':
    case 'LONGVARBINARY':
    case 'BLOB':
      return reader(BYTES(optional), toBytes);
    case 'DATE': {
      const millis = (v: DbValue): number => (typeof v === 'number' ? dateMillis(`${String(v).padStart(4, '0')}-01-01`, options.calendar) : dateMillis(String(v), options.calendar));
      return { name, schema: logical(ConnectDate.builder(), optional), read: (v) => new SqlDate(millis(v)), instant: (v) => ({ millis: millis(v), nanos: 0 }) };
    }
    case 'TIME':
    case 'TIME_WITH_TIMEZONE':
      return reader(logical(ConnectTime.builder(), optional), (v) => new SqlTime(toInstant(parseTimeText(String(v)), options.zone, options.calendar).millis));
    case 'TIMESTAMP':
    case 'TIMESTAMP_WITH_TIMEZONE':
      return timestampReader(column, options, optional);
    default:
      return null;
  }
}

function numericReader(column: ColumnDefinition, mapping: NumericMapping, optional: boolean): ColumnReader | null {
  const { precision, scale, name } = column;
  const integral = (): ColumnReader => {
    if (precision > 9) return { name, schema: INT64(optional), read: (v) => toLong(v, name) };
    const bits: IntBits = precision > 4 ? 32 : precision > 2 ? 16 : 8;
    return { name, schema: bits === 8 ? INT8(optional) : bits === 16 ? INT16(optional) : INT32(optional), read: (v) => toInt(v, bits, name) };
  };
  const double = (): ColumnReader => ({ name, schema: FLOAT64(optional), read: toNumberLoose });
  const integralScale = scale < 1 && scale >= NUMERIC_SCALE_LOW;
  switch (mapping) {
    case 'precision_only':
      return scale === 0 && precision <= MAX_INTEGER_TYPE_PRECISION ? integral() : null;
    case 'best_fit':
      if (precision > MAX_INTEGER_TYPE_PRECISION) return null;
      return integralScale ? integral() : scale > 0 ? double() : null;
    case 'best_fit_eager_double':
      if (integralScale) return precision <= MAX_INTEGER_TYPE_PRECISION ? integral() : null;
      return scale > 0 ? double() : null;
    default:
      return null;
  }
}

function decimalReader(column: ColumnDefinition, dialect: DialectName, optional: boolean): ColumnReader {
  // PostgreSQL reports an unconstrained numeric with precision 0 and scale 0; Confluent's
  // PostgreSQL dialect gives it the highest scale, as for the driver's "scale unset".
  const unset = column.scale === NUMERIC_SCALE_UNSET || (dialect === 'PostgreSqlDatabaseDialect' && column.precision === 0 && column.scale === 0);
  const scale = unset ? NUMERIC_SCALE_HIGH : column.scale;
  const builder = Decimal.builder(scale).parameter(DECIMAL_PRECISION_PARAMETER, String(column.precision));
  return { name: column.name, schema: logical(builder, optional), read: (v) => rescale(toDecimal(v, column.name), scale) };
}

function timestampReader(column: ColumnDefinition, options: TypeMappingOptions, optional: boolean): ColumnReader {
  const instant = (v: DbValue): Instant => toInstant(parseTimestampText(String(v)), zoneFor(column, options), options.calendar);
  const base = { name: column.name, instant };
  switch (options.granularity) {
    case 'micros_long':
      return { ...base, schema: INT64(optional), read: (v) => epochMicros(instant(v)) };
    case 'micros_string':
      return { ...base, schema: STRING(optional), read: (v) => String(epochMicros(instant(v))) };
    case 'micros_iso_datetime_string':
      return { ...base, schema: STRING(optional), read: (v) => formatWallClock(instant(v), options.zone, 6, 'T') };
    case 'nanos_long':
      return { ...base, schema: INT64(optional), read: (v) => epochNanos(instant(v)) };
    case 'nanos_string':
      return { ...base, schema: STRING(optional), read: (v) => String(epochNanos(instant(v))) };
    case 'nanos_iso_datetime_string':
      return { ...base, schema: STRING(optional), read: (v) => formatWallClock(instant(v), options.zone, 9, 'T') };
    default:
      return { ...base, schema: logical(ConnectTimestamp.builder(), optional), read: (v) => sqlTimestamp(instant(v)) };
  }
}

/**
 * MySQL sends TIMESTAMP columns converted to the session time zone, which the database layer sets
 * to UTC (Connector/J reads them as instants too); DATETIME and PostgreSQL `timestamp` are
 * wall-clock values in db.timezone. Text with an offset (timestamptz) carries its own zone.
 */
function zoneFor(column: ColumnDefinition, options: TypeMappingOptions): Zone {
  if (options.dialect === 'MySqlDatabaseDialect' && column.typeName.toUpperCase() === 'TIMESTAMP') return UTC;
  return options.zone;
}


export function sqlTimestamp(instant: Instant): SqlTimestamp {
  return new SqlTimestamp(instant.millis, instant.nanos);
}

// Java's DateTimeUtils divides getTime() by 1000 with truncation, so instants before 1970 with a
// fractional second come out one second off; we keep the same arithmetic for identical output.
function epochMicros(instant: Instant): bigint {
  return BigInt(Math.trunc(instant.millis / 1000)) * 1_000_000n + BigInt(Math.floor(instant.nanos / 1000));
}

function epochNanos(instant: Instant): bigint {
  return BigInt(Math.trunc(instant.millis / 1000)) * 1_000_000_000n + BigInt(instant.nanos);
}

function toBoolean(value: DbValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value !== 0 && value !== 0n;
  if (Buffer.isBuffer(value)) return value.some((b) => b !== 0);
  const text = String(value).trim().toLowerCase();
  return text === '1' || text === 't' || text === 'true' || text === 'y' || text === 'yes' || text === 'on';
}

function toNumberLoose(value: DbValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return Number(bufferToBigInt(value));
  const n = Number(value);
  if (Number.isNaN(n) && String(value) !== 'NaN') throw new DataException(`Not a number: ${String(value)}`);
  return n;
}

function bufferToBigInt(bytes: Buffer): bigint {
  let result = 0n;
  for (const byte of bytes) result = (result << 8n) | BigInt(byte);
  return result;
}

function wrapInt(value: number, bits: IntBits): number {
  return bits === 8 ? (value << 24) >> 24 : bits === 16 ? (value << 16) >> 16 : value | 0;
}

function toInt(value: DbValue, bits: IntBits, column: string): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') n = integralText(value, column);
  else n = toNumberLoose(value);
  const [min, max] = INT_RANGE[bits];
  if (!Number.isInteger(n) || n < min || n > max) throw new DataException(`Value ${String(value)} of column ${column} does not fit a ${bits}-bit integer`);
  return n;
}

function integralText(text: string, column: string): number {
  try {
    return Number(BigDecimal.fromString(text.trim()).toBigInt());
  } catch {
    throw new DataException(`Value ${text} of column ${column} is not a number`);
  }
}

function toLong(value: DbValue, column: string): bigint {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new DataException(`Value ${value} of column ${column} is not an integer`);
    return BigInt(value);
  }
  if (typeof value === 'string') {
    let integral: bigint;
    try {
      integral = BigDecimal.fromString(value.trim()).toBigInt();
    } catch {
      throw new DataException(`Value ${value} of column ${column} is not a number`);
    }
    if (integral !== BigInt.asIntN(64, integral)) throw new DataException(`Value ${value} of column ${column} does not fit a 64-bit integer`);
    return integral;
  }
  if (Buffer.isBuffer(value)) return BigInt.asIntN(64, bufferToBigInt(value));
  return value === true ? 1n : 0n;
}

function toDecimal(value: DbValue, column: string): BigDecimal {
  if (typeof value === 'number') return BigDecimal.fromNumber(value);
  if (typeof value === 'bigint') return new BigDecimal(value, 0);
  const text = String(value).trim();
  try {
    return BigDecimal.fromString(text);
  } catch {
    throw new DataException(`Value ${text} of column ${column} has no Decimal representation`);
  }
}

/** BigDecimal.setScale(scale, HALF_UP), as the drivers' getBigDecimal(column, scale) does. */
export function rescale(value: BigDecimal, scale: number): BigDecimal {
  const current = value.scale();
  if (current === scale) return value;
  if (scale > current) return new BigDecimal(value.unscaledValue() * 10n ** BigInt(scale - current), scale);
  const divisor = 10n ** BigInt(current - scale);
  const unscaled = value.unscaledValue();
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return new BigDecimal(negative ? -quotient : quotient, scale);
}

function toText(value: DbValue): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

function toBytes(value: DbValue): Buffer {
  if (Buffer.isBuffer(value)) return value;
  return Buffer.from(String(value), 'utf8');
}
