import { describe, expect, it } from 'vitest';
import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, Decimal, Schema, SchemaBuilder } from '../../../src/data/index.js';
import type { DialectName } from '../common/db.js';
import { UTC, zoneOf } from '../common/time-zone.js';
import { binderFor, type BindingSettings } from './value-binding.js';

const PG = 'PostgreSqlDatabaseDialect';
const MY = 'MySqlDatabaseDialect';
const utc: BindingSettings = { dbZone: UTC, dateZone: UTC, timestampFields: new Set(['micros', 'nanos_text']), timestampPrecision: 'microseconds' };
const bind = (dialect: DialectName, schema: Schema, value: unknown, settings = utc, name = 'f') => binderFor(dialect, schema, name, settings)(value);

describe('value binding (spec 2.7)', () => {
  it('passes primitives through; bytes as Buffers; decimals as exact text', () => {
    expect(bind(MY, Schema.INT64_SCHEMA, 9007199254740993n)).toBe(9007199254740993n);
    expect(bind(PG, Schema.STRING_SCHEMA, 'x')).toBe('x');
    expect(bind(PG, Schema.BOOLEAN_SCHEMA, true)).toBe(true);
    const bytes = bind(PG, Schema.BYTES_SCHEMA, new Uint8Array([1, 2]));
    expect(Buffer.isBuffer(bytes) && [...bytes]).toEqual([1, 2]);
    expect(bind(MY, Decimal.schema(3), new BigDecimal(-12345n, 3))).toBe('-12.345');
  });

  it('writes dates and times as wall-clock text in their zones; PostgreSQL gets the offset', () => {
    const instant = new Date(Date.UTC(2024, 6, 1, 22, 15, 0, 5));
    expect(bind(MY, ConnectTimestamp.SCHEMA, instant)).toBe('2024-07-01 22:15:00.005');
    expect(bind(PG, ConnectTimestamp.SCHEMA, instant)).toBe('2024-07-01 22:15:00.005+00:00');
    const tokyo: BindingSettings = { ...utc, dbZone: zoneOf('Asia/Tokyo'), dateZone: zoneOf('Asia/Tokyo') };
    expect(bind(MY, ConnectTimestamp.SCHEMA, instant, tokyo)).toBe('2024-07-02 07:15:00.005');
    expect(bind(PG, ConnectTimestamp.SCHEMA, instant, tokyo)).toBe('2024-07-02 07:15:00.005+09:00');
    expect(bind(MY, ConnectTime.SCHEMA, new Date(Date.UTC(1970, 0, 1, 1, 2, 3, 4)), tokyo)).toBe('10:02:03.004');
    const ny: BindingSettings = { ...utc, dbZone: zoneOf('America/New_York'), dateZone: zoneOf('America/New_York') };
    expect(bind(MY, ConnectDate.SCHEMA, new Date(Date.UTC(2024, 0, 10)), ny)).toBe('2024-01-09');
    expect(bind(MY, ConnectDate.SCHEMA, new Date(Date.UTC(2024, 0, 10)), { ...ny, dateZone: UTC })).toBe('2024-01-10');
  });

  it('binds timestamp.fields.list fields from epoch micro- or nanoseconds', () => {
    expect(bind(MY, Schema.INT64_SCHEMA, 1_700_000_000_123_456n, utc, 'micros')).toBe('2023-11-14 22:13:20.123456');
    expect(bind(PG, Schema.STRING_SCHEMA, '1700000000123456789', { ...utc, timestampPrecision: 'nanoseconds' }, 'nanos_text')).toBe('2023-11-14 22:13:20.123456789+00:00');
    expect(() => bind(MY, Schema.STRING_SCHEMA, 'soon', utc, 'micros')).toThrow("Cannot convert 'soon' to a timestamp");
  });

  it('binds PostgreSQL arrays of primitives; refuses structs, maps and MySQL arrays', () => {
    const ints = SchemaBuilder.array(Schema.INT8_SCHEMA).build();
    expect(bind(PG, ints, [1, null, 3])).toEqual([1, null, 3]);
    expect(() => bind(MY, ints, [1])).toThrow('Unsupported source data type: ARRAY');
    expect(() => bind(PG, SchemaBuilder.struct().build(), {})).toThrow('Unsupported source data type: STRUCT');
    expect(() => bind(PG, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build(), new Map())).toThrow('Unsupported source data type: MAP');
  });
});
