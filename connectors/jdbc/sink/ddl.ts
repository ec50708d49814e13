/**
 * CREATE TABLE and ALTER TABLE ... ADD for `auto.create` / `auto.evolve`: Connect schema to column
 * type per dialect and default-value literals (connectors-spec.md 2.8, 2.9).
 */
import { ConnectError } from '../../../src/connect/index.js';
import {
  BigDecimal,
  DATE_LOGICAL_NAME,
  DECIMAL_LOGICAL_NAME,
  formatJavaDouble,
  formatJavaFloat,
  TIME_LOGICAL_NAME,
  TIMESTAMP_LOGICAL_NAME,
  type Schema,
} from '../../../src/data/index.js';
import type { DialectName } from '../common/db.js';
import { isFieldOptional, type SinkField } from './fields-metadata.js';
import type { Zone } from '../common/time-zone.js';
import { formatDate, formatTime, formatTimestamp } from '../common/wall-clock-text.js';

export interface DdlContext {
  readonly dialect: DialectName;
  /** The table as written in SQL. */
  readonly table: string;
  column(name: string): string;
  /** INT64/STRING fields written as timestamps (`timestamp.fields.list`). */
  readonly timestampFields: ReadonlySet<string>;
  readonly dbZone: Zone;
  readonly dateZone: Zone;
}

const isPostgres = (d: DialectName): boolean => d === 'PostgreSqlDatabaseDialect';

/** MySQL refuses TEXT in a key (Confluent's auto.create fails there); 255 characters fit InnoDB's key limit. */
const MYSQL_KEY_STRING = 'VARCHAR(255)';

/** The column type of a field, or Confluent's error when the schema has none. */
export function sqlType(ctx: Pick<DdlContext, 'dialect' | 'timestampFields'>, name: string, schema: Schema, isPrimaryKey = false): string {
  const pg = isPostgres(ctx.dialect);
  switch (schema.name()) {
    case DECIMAL_LOGICAL_NAME:
      return pg ? 'DECIMAL' : `DECIMAL(65,${Number(schema.parameters()?.get('scale') ?? '0')})`;
    case DATE_LOGICAL_NAME:
      return 'DATE';
    case TIME_LOGICAL_NAME:
      return pg ? 'TIME' : 'TIME(3)';
    case TIMESTAMP_LOGICAL_NAME:
      return pg ? 'TIMESTAMP' : 'DATETIME(3)';
    default:
      break;
  }
  switch (schema.type()) {
    case 'INT8':
      return pg ? 'SMALLINT' : 'TINYINT';
    case 'INT16':
      return 'SMALLINT';
    case 'INT32':
      return 'INT';
    case 'INT64':
      if (ctx.timestampFields.has(name)) return pg ? 'TIMESTAMP' : 'DATETIME(6)';
      return 'BIGINT';
    case 'FLOAT32':
      return pg ? 'REAL' : 'FLOAT';
    case 'FLOAT64':
      return pg ? 'DOUBLE PRECISION' : 'DOUBLE';
    case 'BOOLEAN':
      return pg ? 'BOOLEAN' : 'TINYINT';
    case 'STRING':
      if (ctx.timestampFields.has(name)) return pg ? 'TIMESTAMP' : 'DATETIME(6)';
      return !pg && isPrimaryKey ? MYSQL_KEY_STRING : 'TEXT';
    case 'BYTES':
      return pg ? 'BYTEA' : 'VARBINARY(1024)';
    case 'ARRAY': {
      const element = schema.valueSchema();
      if (pg && element !== null) return `${sqlType(ctx, name, element)}[]`;
      break;
    }
    default:
      break;
  }
  throw new ConnectError(`${schema.name() ?? 'null'} (${schema.type()}) type doesn't have a mapping to the SQL database column type`);
}

/** `"name" TYPE` followed by ` DEFAULT <literal>`, ` NULL` or ` NOT NULL`. */
export function columnSpec(ctx: DdlContext, field: SinkField): string {
  const spec = `${ctx.column(field.name)} ${sqlType(ctx, field.name, field.schema, field.isPrimaryKey)}`;
  const defaultValue = field.schema.defaultValue();
  if (defaultValue !== null && defaultValue !== undefined) return `${spec} DEFAULT ${defaultLiteral(ctx, field.schema, defaultValue)}`;
  return isFieldOptional(field) ? `${spec} NULL` : `${spec} NOT NULL`;
}

export function createTableStatement(ctx: DdlContext, fields: Iterable<SinkField>): string {
  const all = [...fields];
  const keys = all.filter((f) => f.isPrimaryKey).map((f) => ctx.column(f.name));
  const columns = all.map((f) => `\n${columnSpec(ctx, f)}`).join(',');
  return `CREATE TABLE ${ctx.table} (${columns}${keys.length > 0 ? `,\nPRIMARY KEY(${keys.join(',')})` : ''})`;
}

/** One ALTER TABLE adding every missing column (each ADD on its own line when there are several). */
export function alterTableStatements(ctx: DdlContext, fields: readonly SinkField[]): string[] {
  const newlines = fields.length > 1;
  return [`ALTER TABLE ${ctx.table} ${fields.map((f) => `${newlines ? '\n' : ''}ADD ${columnSpec(ctx, f)}`).join(',')}`];
}

/** A default value as a SQL literal (formatColumnValue). */
export function defaultLiteral(ctx: Pick<DdlContext, 'dialect' | 'dbZone' | 'dateZone'>, schema: Schema, value: unknown): string {
  const pg = isPostgres(ctx.dialect);
  switch (schema.name()) {
    case DECIMAL_LOGICAL_NAME:
      return value instanceof BigDecimal ? value.toString() : String(value);
    case DATE_LOGICAL_NAME:
      return quoted(formatDate(asDate(value).getTime(), ctx.dateZone));
    case TIME_LOGICAL_NAME:
      return quoted(formatTime(asDate(value).getTime(), ctx.dbZone));
    case TIMESTAMP_LOGICAL_NAME:
      return quoted(formatTimestamp(asDate(value).getTime(), ctx.dbZone));
    default:
      break;
  }
  switch (schema.type()) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64':
      return String(value);
    case 'FLOAT32':
      return formatJavaFloat(Number(value));
    case 'FLOAT64':
      return formatJavaDouble(Number(value));
    case 'BOOLEAN':
      if (pg) return value === true ? 'TRUE' : 'FALSE';
      return value === true ? '1' : '0';
    case 'STRING':
      return quoted(String(value));
    case 'BYTES': {
      const hex = Buffer.from(value as Uint8Array).toString('hex').toUpperCase();
      return pg ? `'\\x${hex}'` : `x'${hex}'`;
    }
    case 'ARRAY':
      if (pg && Array.isArray(value)) return `ARRAY[${value.map(arrayItemLiteral).join(',')}]`;
      break;
    default:
      break;
  }
  throw new ConnectError(`Unsupported type for column value: ${schema.type()}`);
}

function arrayItemLiteral(item: unknown): string {
  if (item === null || item === undefined) return 'NULL';
  if (typeof item === 'string') return quoted(item);
  if (typeof item === 'number' || typeof item === 'bigint') return String(item);
  if (typeof item === 'boolean') return item ? 'TRUE' : 'FALSE';
  throw new ConnectError(`Unsupported type for array item: ${typeof item}`);
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  throw new ConnectError(`Expected a Date default value, got ${typeof value}`);
}
