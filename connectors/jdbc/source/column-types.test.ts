import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BigDecimal, type Schema } from '../../../src/data/index.js';
import { javaToString } from '../../../src/data/java-text.js';
import type { ColumnDefinition, DialectName } from '../common/db.js';
import { columnReader, rescale, type TypeMappingOptions } from './column-types.js';
import { column } from './fake-session.js';
import type { NumericMapping, TimestampGranularity } from './source-settings.js';
import { UTC, zoneOf } from '../common/time-zone.js';

const options = (overrides: Partial<TypeMappingOptions> = {}): TypeMappingOptions => ({
  dialect: 'PostgreSqlDatabaseDialect',
  numericMapping: 'none',
  granularity: 'connect_logical',
  zone: UTC,
  calendar: 'LEGACY',
  ...overrides,
});

/** `INT32`, `optional INT64`, `Decimal(scale=2,precision=10)`... */
function describeSchema(schema: Schema): string {
  const name = schema.name();
  const params = schema.parameters();
  let text = name === null ? schema.type() : name.replace('org.apache.kafka.connect.data.', '');
  if (params !== null && params.size > 0) text += `(${[...params].map(([k, v]) => `${k}=${v}`).join(',')})`;
  return (schema.isOptional() ? 'optional ' : '') + text;
}

function mapped(col: ColumnDefinition, o: Partial<TypeMappingOptions> = {}): string | null {
  const reader = columnReader(col, options(o));
  return reader === null ? null : describeSchema(reader.schema);
}

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('generic mapping (spec 1.7.1)', () => {
  const my = { dialect: 'MySqlDatabaseDialect' as DialectName };
  it('integers by signedness', () => {
    expect(mapped(column('a', 'BIT'), my)).toBe('INT8');
    expect(mapped(column('a', 'TINYINT'), my)).toBe('INT8');
    expect(mapped(column('a', 'TINYINT', { signed: false }), my)).toBe('INT16');
    expect(mapped(column('a', 'SMALLINT', { signed: false }), my)).toBe('INT32');
    expect(mapped(column('a', 'INTEGER', { nullability: 'NULLABLE' }), my)).toBe('optional INT32');
    expect(mapped(column('a', 'INTEGER', { signed: false, nullability: 'UNKNOWN' }), my)).toBe('optional INT64');
    expect(mapped(column('a', 'BIGINT', { signed: false }), my)).toBe('INT64');
  });

  it('floats, text, bytes, dates', () => {
    expect(mapped(column('a', 'REAL'))).toBe('FLOAT32');
    expect(mapped(column('a', 'FLOAT'))).toBe('FLOAT64');
    expect(mapped(column('a', 'DOUBLE'))).toBe('FLOAT64');
    for (const t of ['CHAR', 'VARCHAR', 'LONGVARCHAR', 'NCHAR', 'CLOB', 'SQLXML'] as const) expect(mapped(column('a', t))).toBe('STRING');
    for (const t of ['BINARY', 'VARBINARY', 'LONGVARBINARY', 'BLOB'] as const) expect(mapped(column('a', t))).toBe('BYTES');
    expect(mapped(column('a', 'DATE'))).toBe('Date');
    expect(mapped(column('a', 'TIME'))).toBe('Time');
    expect(mapped(column('a', 'TIMESTAMP'))).toBe('Timestamp');
    expect(mapped(column('a', 'TIMESTAMP_WITH_TIMEZONE'))).toBe('Timestamp');
  });

  it('drops arrays, structs, NULL and unknown OTHER types', () => {
    expect(mapped(column('a', 'ARRAY', { typeName: '_int4' }))).toBeNull();
    expect(mapped(column('a', 'STRUCT'))).toBeNull();
    expect(mapped(column('a', 'NULL'))).toBeNull();
    expect(mapped(column('a', 'OTHER', { typeName: 'interval' }))).toBeNull();
  });

  it('DECIMAL is always Decimal with the column precision', () => {
    expect(mapped(column('a', 'DECIMAL', { precision: 10, scale: 2 }), { numericMapping: 'best_fit' })).toBe(
      'Decimal(scale=2,connect.decimal.precision=10)',
    );
  });
});

describe('numeric.mapping (spec 1.7.2)', () => {
  const cases: Array<[number, number, Record<NumericMapping, string>]> = [
    [4, 0, { none: 'Decimal(scale=0,connect.decimal.precision=4)', precision_only: 'INT16', best_fit: 'INT16', best_fit_eager_double: 'INT16' }],
    [2, 0, { none: 'Decimal(scale=0,connect.decimal.precision=2)', precision_only: 'INT8', best_fit: 'INT8', best_fit_eager_double: 'INT8' }],
    [9, 0, { none: 'Decimal(scale=0,connect.decimal.precision=9)', precision_only: 'INT32', best_fit: 'INT32', best_fit_eager_double: 'INT32' }],
    [18, 0, { none: 'Decimal(scale=0,connect.decimal.precision=18)', precision_only: 'INT64', best_fit: 'INT64', best_fit_eager_double: 'INT64' }],
    [19, 0, { none: 'Decimal(scale=0,connect.decimal.precision=19)', precision_only: 'Decimal(scale=0,connect.decimal.precision=19)', best_fit: 'Decimal(scale=0,connect.decimal.precision=19)', best_fit_eager_double: 'Decimal(scale=0,connect.decimal.precision=19)' }],
    [10, 2, { none: 'Decimal(scale=2,connect.decimal.precision=10)', precision_only: 'Decimal(scale=2,connect.decimal.precision=10)', best_fit: 'FLOAT64', best_fit_eager_double: 'FLOAT64' }],
    [30, 2, { none: 'Decimal(scale=2,connect.decimal.precision=30)', precision_only: 'Decimal(scale=2,connect.decimal.precision=30)', best_fit: 'Decimal(scale=2,connect.decimal.precision=30)', best_fit_eager_double: 'FLOAT64' }],
    [5, -2, { none: 'Decimal(scale=-2,connect.decimal.precision=5)', precision_only: 'Decimal(scale=-2,connect.decimal.precision=5)', best_fit: 'INT32', best_fit_eager_double: 'INT32' }],
  ];
  for (const [precision, scale, expected] of cases) {
    it(`NUMERIC(${precision},${scale})`, () => {
      for (const mapping of Object.keys(expected) as NumericMapping[]) {
        expect(mapped(column('n', 'NUMERIC', { precision, scale }), { numericMapping: mapping }), mapping).toBe(expected[mapping]);
      }
    });
  }

  it('unconstrained PostgreSQL numeric: scale 127, or INT8 under best_fit (issue #480)', () => {
    const n = column('n', 'NUMERIC', { precision: 0, scale: 0, typeName: 'numeric' });
    expect(mapped(n)).toBe('Decimal(scale=127,connect.decimal.precision=0)');
    expect(mapped(n, { numericMapping: 'best_fit' })).toBe('INT8');
    expect(() => columnReader(n, options({ numericMapping: 'best_fit' }))?.read('123456')).toThrow(/does not fit/);
    const value = columnReader(n, options())?.read('12.5') as BigDecimal;
    expect(value.scale()).toBe(127);
    expect(value.compareTo(BigDecimal.fromString('12.5'))).toBe(0);
  });

  it('values: Decimal at the column scale (HALF_UP), integers and doubles from text', () => {
    expect(String(columnReader(column('n', 'DECIMAL', { precision: 10, scale: 2 }), options())?.read('3.5'))).toBe('3.50');
    expect(rescale(BigDecimal.fromString('2.345'), 2).toString()).toBe('2.35');
    expect(rescale(BigDecimal.fromString('-2.345'), 2).toString()).toBe('-2.35');
    expect(columnReader(column('n', 'NUMERIC', { precision: 18, scale: 0 }), options({ numericMapping: 'best_fit' }))?.read('9007199254740993')).toBe(9007199254740993n);
    expect(columnReader(column('n', 'NUMERIC', { precision: 4, scale: 0 }), options({ numericMapping: 'best_fit' }))?.read('-1234')).toBe(-1234);
    expect(columnReader(column('n', 'NUMERIC', { precision: 10, scale: 3 }), options({ numericMapping: 'best_fit' }))?.read('1.125')).toBe(1.125);
  });
});

describe('PostgreSQL specifics (spec 1.7.3)', () => {
  it('boolean is BIT(1) → BOOLEAN; bit(n); json, jsonb and uuid as STRING', () => {
    expect(mapped(column('b', 'BIT', { precision: 1, typeName: 'bool' }))).toBe('BOOLEAN');
    expect(columnReader(column('b', 'BIT', { precision: 1 }), options())?.read(true)).toBe(true);
    expect(columnReader(column('b', 'BIT', { precision: 4 }), options())?.read('1010')).toBe(10);
    expect(mapped(column('b', 'BIT', { precision: 20 }))).toBe('BYTES');
    expect(mapped(column('j', 'OTHER', { typeName: 'jsonb' }))).toBe('STRING');
    expect(mapped(column('j', 'OTHER', { typeName: 'json' }))).toBe('STRING');
    expect(mapped(column('u', 'OTHER', { typeName: 'uuid', nullability: 'NULLABLE' }))).toBe('optional STRING');
  });
});

describe('temporal values', () => {
  const ts = column('ts', 'TIMESTAMP', { typeName: 'timestamp' });
  const read = (col: ColumnDefinition, value: string, o: Partial<TypeMappingOptions> = {}): unknown => columnReader(col, options(o))?.read(value);

  it('TIMESTAMP wall clock in db.timezone, printed as java.sql.Timestamp', () => {
    const value = read(ts, '2022-08-01 00:00:00') as Date;
    expect(value.getTime()).toBe(Date.UTC(2022, 7, 1));
    expect(javaToString(value)).toBe('2022-08-01 00:00:00.0');
    const ny = read(ts, '2022-08-01 00:00:00.5', { zone: zoneOf('America/New_York') }) as Date;
    expect(ny.getTime()).toBe(Date.UTC(2022, 7, 1, 4, 0, 0, 500));
    expect(javaToString(ny)).toBe('2022-08-01 04:00:00.5');
  });

  it('timestamptz and MySQL TIMESTAMP are instants; DATETIME is wall clock', () => {
    const ny = { zone: zoneOf('America/New_York') };
    expect((read(column('t', 'TIMESTAMP', { typeName: 'timestamptz' }), '2022-07-31 22:00:00+00', ny) as Date).getTime()).toBe(Date.UTC(2022, 6, 31, 22));
    const my = { ...ny, dialect: 'MySqlDatabaseDialect' as DialectName };
    expect((read(column('t', 'TIMESTAMP', { typeName: 'TIMESTAMP' }), '2022-08-01 00:00:00.123456', my) as Date).getTime()).toBe(Date.UTC(2022, 7, 1, 0, 0, 0, 123));
    expect((read(column('t', 'TIMESTAMP', { typeName: 'DATETIME' }), '2022-08-01 00:00:00', my) as Date).getTime()).toBe(Date.UTC(2022, 7, 1, 4));
  });

  it('DATE at UTC midnight, TIME on 1970-01-01 in db.timezone, MySQL YEAR as a date', () => {
    const date = read(column('d', 'DATE'), '2022-08-01') as Date;
    expect(date.getTime()).toBe(Date.UTC(2022, 7, 1));
    expect(javaToString(date)).toBe('2022-08-01');
    const time = read(column('t', 'TIME'), '13:45:01.5') as Date;
    expect(time.getTime()).toBe(49_501_500);
    expect(javaToString(time)).toBe('13:45:01');
    expect((columnReader(column('y', 'DATE', { typeName: 'YEAR' }), options())?.read(2022) as Date).getTime()).toBe(Date.UTC(2022, 0, 1));
  });

  it('timestamp.granularity (spec 1.7.4)', () => {
    const value = '2022-08-01 00:00:00.123456';
    const of = (granularity: TimestampGranularity): unknown => read(ts, value, { granularity });
    const micros = 1_659_312_000_123_456n;
    expect(of('micros_long')).toBe(micros);
    expect(of('micros_string')).toBe(String(micros));
    expect(of('micros_iso_datetime_string')).toBe('2022-08-01T00:00:00.123456');
    expect(of('nanos_long')).toBe(micros * 1000n);
    expect(of('nanos_string')).toBe(String(micros * 1000n));
    expect(of('nanos_iso_datetime_string')).toBe('2022-08-01T00:00:00.123456000');
    expect(mapped(ts, { granularity: 'micros_long' })).toBe('INT64');
    expect(mapped({ ...ts, nullability: 'NULLABLE' }, { granularity: 'nanos_string' })).toBe('optional STRING');
    const reader = columnReader(ts, options({ granularity: 'micros_long' }));
    expect(reader?.instant?.(value)).toEqual({ millis: 1_659_312_000_123, nanos: 123_456_000 });
  });
});
