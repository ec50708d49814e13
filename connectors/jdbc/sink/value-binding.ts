/**
 * Connect values to statement parameters (connectors-spec.md 2.7). Dates and times become the
 * wall-clock text of the instant in `date.timezone` / `db.timezone`, as JDBC's setDate/setTime/
 * setTimestamp with a Calendar send them; PostgreSQL also gets the zone offset after times and
 * timestamps, which `timestamp`/`time` columns ignore and `timestamptz`/`timetz` columns need.
 */
import { ConnectError } from '../../../src/connect/index.js';
import { BigDecimal, DATE_LOGICAL_NAME, DECIMAL_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME, type Schema } from '../../../src/data/index.js';
import type { DbParam, DialectName } from '../common/db.js';
import { formatDate, formatEpochFraction, formatOffset, formatTime, formatTimestamp } from '../common/wall-clock-text.js';
import type { JdbcSinkSettings } from './sink-config.js';

/** Converts one non-null value; throws ConnectError for values the database cannot take. */
export type Bind = (value: unknown) => DbParam;

export type BindingSettings = Pick<JdbcSinkSettings, 'dbZone' | 'dateZone' | 'timestampFields' | 'timestampPrecision'>;

const same: Bind = (value) => value as DbParam;

const toBuffer: Bind = (value) => {
  if (Buffer.isBuffer(value)) return value;
  const bytes = value as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

const toDecimalText: Bind = (value) => (value instanceof BigDecimal ? value.toPlainString() : String(value));

function unsupported(type: string): Bind {
  return () => {
    throw new ConnectError(`Unsupported source data type: ${type}`);
  };
}

/** The converter for values of `schema` written to column `fieldName`. */
export function binderFor(dialect: DialectName, schema: Schema, fieldName: string, settings: BindingSettings): Bind {
  const pg = dialect === 'PostgreSqlDatabaseDialect';
  switch (schema.name()) {
    case DECIMAL_LOGICAL_NAME:
      return toDecimalText;
    case DATE_LOGICAL_NAME: {
      const zone = settings.dateZone;
      return (value) => formatDate((value as Date).getTime(), zone);
    }
    case TIME_LOGICAL_NAME: {
      const zone = settings.dbZone;
      if (pg) return (value) => formatTime((value as Date).getTime(), zone) + formatOffset((value as Date).getTime(), zone);
      return (value) => formatTime((value as Date).getTime(), zone);
    }
    case TIMESTAMP_LOGICAL_NAME: {
      const zone = settings.dbZone;
      if (pg) return (value) => formatTimestamp((value as Date).getTime(), zone) + formatOffset((value as Date).getTime(), zone);
      return (value) => formatTimestamp((value as Date).getTime(), zone);
    }
    default:
      break;
  }
  switch (schema.type()) {
    case 'INT64':
    case 'STRING':
      if (settings.timestampFields.has(fieldName)) return epochTimestamp(pg, settings);
      return same;
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'FLOAT32':
    case 'FLOAT64':
    case 'BOOLEAN':
      return same;
    case 'BYTES':
      return toBuffer;
    case 'ARRAY': {
      const element = schema.valueSchema();
      if (!pg || element === null) return unsupported('ARRAY');
      const bindElement = binderFor(dialect, element, fieldName, settings);
      return (value) => (value as unknown[]).map((v) => (v === null || v === undefined ? null : bindElement(v)));
    }
    default:
      return unsupported(schema.type());
  }
}

/** INT64 or numeric STRING epoch micro/nanoseconds as a timestamp in `db.timezone`. */
function epochTimestamp(pg: boolean, settings: BindingSettings): Bind {
  const units = settings.timestampPrecision === 'nanoseconds' ? 1_000_000_000n : 1_000_000n;
  const zone = settings.dbZone;
  return (value) => {
    let epoch: bigint;
    try {
      epoch = typeof value === 'bigint' ? value : BigInt(typeof value === 'number' ? Math.trunc(value) : String(value).trim());
    } catch {
      throw new ConnectError(`Cannot convert '${String(value)}' to a timestamp: not an epoch count of ${settings.timestampPrecision}`);
    }
    const text = formatEpochFraction(epoch, units, zone);
    return pg ? text + formatOffset(Number(epoch / (units / 1000n)), zone) : text;
  };
}
