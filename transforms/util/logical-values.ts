import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DATE_LOGICAL_NAME,
  DECIMAL_LOGICAL_NAME,
  DataException,
  Decimal,
  TIMESTAMP_LOGICAL_NAME,
  TIME_LOGICAL_NAME,
  type Schema,
} from '../../src/data/index.js';

const LOGICAL_NAMES: ReadonlySet<string> = new Set([DECIMAL_LOGICAL_NAME, DATE_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME]);

/** Whether `schema` is one of Connect's built-in logical types (Decimal, Date, Time, Timestamp). */
export function isLogicalSchema(schema: Schema): boolean {
  const name = schema.name();
  return name !== null && LOGICAL_NAMES.has(name);
}

/**
 * A logical value in its physical form (`fromLogical`): Decimal → two's-complement bytes,
 * Date → INT32 days, Time → INT32 millis of day, Timestamp → INT64 millis. Other values unchanged.
 */
export function encodeLogicalValue(schema: Schema, value: unknown): unknown {
  if (value === null) return null;
  switch (schema.name()) {
    case DECIMAL_LOGICAL_NAME:
      return Decimal.fromLogical(schema, expect(value, BigDecimal, schema));
    case DATE_LOGICAL_NAME:
      return ConnectDate.fromLogical(schema, expect(value, Date, schema));
    case TIME_LOGICAL_NAME:
      return ConnectTime.fromLogical(schema, expect(value, Date, schema));
    case TIMESTAMP_LOGICAL_NAME:
      return ConnectTimestamp.fromLogical(schema, expect(value, Date, schema));
    default:
      return value;
  }
}

function expect<T>(value: unknown, type: abstract new (...args: never[]) => T, schema: Schema): T {
  if (value instanceof type) return value;
  throw new DataException(`Invalid value for logical type ${schema.name() ?? ''}: expected ${type.name}`);
}
