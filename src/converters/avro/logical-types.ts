import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataException,
  Decimal,
  decimalScale,
  DATE_LOGICAL_NAME,
  DECIMAL_LOGICAL_NAME,
  describeValue,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
} from '../../data/index.js';

/**
 * AvroData's logical type converters, keyed by the exact Connect schema name: Decimal as its
 * unscaled bytes, Date and Time as int, Timestamp as long.
 */
export function toAvroLogical(schema: Schema | null, value: unknown): unknown {
  const name = schema?.name() ?? null;
  if (name === null || value === null || value === undefined || schema === null) return value;
  switch (name) {
    case DECIMAL_LOGICAL_NAME: {
      if (!(value instanceof BigDecimal)) throw new DataException(`Invalid type for Decimal, expected BigDecimal but was ${describeValue(value)}`);
      const scale = scaleOf(schema);
      // Decimal.fromLogical's check, with the scale parsed once per schema.
      if (value.scale() !== scale) return Decimal.fromLogical(schema, value);
      return unscaledBytes(value.unscaledValue());
    }
    case DATE_LOGICAL_NAME:
      return ConnectDate.fromLogical(schema, expectDate(value, 'Date'));
    case TIME_LOGICAL_NAME:
      return ConnectTime.fromLogical(schema, expectDate(value, 'Time'));
    case TIMESTAMP_LOGICAL_NAME:
      return ConnectTimestamp.fromLogical(schema, expectDate(value, 'Timestamp'));
    default:
      return value;
  }
}

export function toConnectLogical(schema: Schema | null, value: unknown): unknown {
  const name = schema?.name() ?? null;
  if (name === null || value === null || value === undefined || schema === null) return value;
  switch (name) {
    case DECIMAL_LOGICAL_NAME:
      if (!(value instanceof Uint8Array)) {
        throw new DataException(`Invalid type for Decimal, underlying representation should be bytes but was ${describeValue(value)}`);
      }
      return value.length > 0 && value.length <= 6 ? new BigDecimal(smallFromBytes(value), scaleOf(schema)) : Decimal.toLogical(schema, value);
    case DATE_LOGICAL_NAME:
      return ConnectDate.toLogical(schema, expectInt(value, 'Date'));
    case TIME_LOGICAL_NAME:
      return ConnectTime.toLogical(schema, expectInt(value, 'Time'));
    case TIMESTAMP_LOGICAL_NAME:
      if (typeof value !== 'bigint') {
        throw new DataException(`Invalid type for Timestamp, underlying representation should be int64 but was ${describeValue(value)}`);
      }
      return ConnectTimestamp.toLogical(schema, value);
    default:
      return value;
  }
}

function expectDate(value: unknown, type: string): Date {
  if (!(value instanceof Date)) throw new DataException(`Invalid type for ${type}, expected Date but was ${describeValue(value)}`);
  return value;
}

function expectInt(value: unknown, type: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DataException(`Invalid type for ${type}, underlying representation should be int32 but was ${describeValue(value)}`);
  }
  return value;
}

const SCALES = new WeakMap<Schema, number>();

function scaleOf(schema: Schema): number {
  let scale = SCALES.get(schema);
  if (scale === undefined) {
    scale = decimalScale(schema);
    SCALES.set(schema, scale);
  }
  return scale;
}

/**
 * BigInteger.toByteArray of an unscaled value: minimal big-endian two's complement. Values that
 * fit 48 bits (nearly every amount) are done in double arithmetic, cheaper than BigInt shifts.
 */
function unscaledBytes(unscaled: bigint): Buffer {
  if (unscaled >= -0x800000000000n && unscaled < 0x800000000000n) {
    const n = Number(unscaled);
    let length = 1;
    while (n >= 2 ** (8 * length - 1) || n < -(2 ** (8 * length - 1))) length++;
    const bytes = Buffer.allocUnsafe(length);
    bytes.writeIntBE(n, 0, length);
    return bytes;
  }
  return new BigDecimal(unscaled, 0).toBytes();
}

/** `new BigInteger(bytes)` for at most 6 bytes. */
function smallFromBytes(bytes: Uint8Array): bigint {
  let value = bytes[0] >= 0x80 ? bytes[0] - 0x100 : bytes[0];
  for (let i = 1; i < bytes.length; i++) value = value * 0x100 + bytes[i];
  return BigInt(value);
}
