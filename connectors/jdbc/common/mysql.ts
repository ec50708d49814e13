import { connect as netConnect, type Socket } from 'node:net';
import mysql from 'mysql2';
import type { SslOptions } from 'mysql2';
import {
  DbError,
  type ColumnDefinition,
  type DbParam,
  type DbSession,
  type DbValue,
  type Dialect,
  type IsolationLevel,
  type QueryResult,
  type RowStream,
  type TableId,
} from './db.js';
import { mysqlDbError, type ConnectTarget } from './db-errors.js';
import { MYSQL_DIALECT } from './dialects.js';
import { mysqlColumnDefinition, mysqlTableColumnDefinition, type MySqlField } from './mysql-columns.js';
import { inlineParameters } from './placeholders.js';
import { CLOSE_TIMEOUT_MS, closeWithin, effectiveFetchSize, ISOLATION_SQL, sessionBusyError } from './session-common.js';

/**
 * net_write_timeout while streaming, in seconds. The server gives up on a client that has not
 * taken a result packet for this long (60 s by default), and a paused connector stops reading mid-
 * result; four hours lets a pause of that length resume where it stopped.
 */
export const STREAMING_NET_WRITE_TIMEOUT_S = 4 * 3600;

export interface MySqlConnectConfig {
  host: string;
  port: number;
  database: string;
  user: string | null;
  password: string | null;
  ssl: SslOptions | null;
  connectTimeoutMs: number;
}

type Row = DbValue[];

interface TypeCastField {
  type: string;
  buffer(): Buffer | null;
}

/**
 * BIGINT (signed or unsigned) arrives as decimal text (supportBigNumbers + bigNumberStrings) and
 * becomes a bigint; geometry stays raw bytes. Everything else keeps mysql2's reading under the
 * connection options: numbers for the small integer types, text for DECIMAL and temporal types
 * (dateStrings), Buffers for BIT and binary-charset strings, text for JSON (jsonStrings).
 */
function typeCast(field: TypeCastField, next: () => unknown): unknown {
  switch (field.type) {
    case 'LONGLONG': {
      const value = next();
      return value === null ? null : BigInt(value as string);
    }
    case 'GEOMETRY':
    case 'VECTOR':
      return field.buffer();
    default:
      return next();
  }
}

/** Client-side binding, as Connector/J does by default: parameters become escaped literals. */
function renderParam(value: DbParam): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new DbError(`MySQL cannot bind the number ${value}`, '22003', false);
  }
  return mysql.escape(value);
}

/**
 * Statements reach mysql2 fully formatted (parameters already inlined by renderParam), and no
 * values are ever passed to it. Without this, mysql2 would scan every text again for `?`
 * placeholders even with no values (sql-escaper's format): a multi-row INSERT of thousands of
 * literals is a long scan, about a tenth of a sink worker's time on MariaDB.
 */
function sentAsIs(sql: string): string {
  return sql;
}

/** Opens one MySQL/MariaDB session with the session time zone set to UTC. */
export async function openMySqlSession(config: MySqlConnectConfig): Promise<MySqlSession> {
  // The session's own socket, so that it can be dropped at once: mysql2's destroy() only ends the
  // writing side, and a server in the middle of sending a result would carry on until it times out.
  const socket = netConnect({ host: config.host, port: config.port });
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  const connection = mysql.createConnection({
    stream: socket,
    host: config.host,
    port: config.port,
    database: config.database === '' ? undefined : config.database,
    user: config.user ?? undefined,
    password: config.password ?? undefined,
    ssl: config.ssl ?? undefined,
    connectTimeout: config.connectTimeoutMs,
    charset: 'UTF8MB4_GENERAL_CI',
    rowsAsArray: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    decimalNumbers: false,
    jsonStrings: true,
    typeCast: typeCast as mysql.TypeCast,
    multipleStatements: false,
    queryFormat: sentAsIs,
  });
  const session = new MySqlSession(connection, socket);
  try {
    await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
    await session.query("SET time_zone = '+00:00'");
  } catch (err) {
    await session.close();
    const target: ConnectTarget = { product: 'MySQL', ...config };
    throw mysqlDbError(err, target);
  }
  return session;
}

export class MySqlSession implements DbSession {
  readonly dialect: Dialect = MYSQL_DIALECT;
  private closed = false;
  /** The stream holding the connection, from its start to its end. */
  private activeStream: MySqlRowStream | null = null;

  constructor(
    private readonly connection: mysql.Connection,
    private readonly socket: Socket,
  ) {
    // A connection that breaks emits 'error' (without a listener that would end the process); a
    // stream reading from it is told here, as mysql2 reports the loss to the connection only.
    connection.on('error', (err: unknown) => {
      this.closed = true;
      this.endStream(mysqlDbError(err));
    });
    connection.on('end', () => {
      this.closed = true;
    });
  }

  query(sql: string, params: readonly DbParam[] = []): Promise<QueryResult> {
    try {
      this.checkUsable();
      const text = params.length === 0 ? sql : inlineParameters(sql, params, renderParam);
      return new Promise<QueryResult>((resolve, reject) => {
        this.connection.query({ sql: text, rowsAsArray: true }, (err: unknown, results: unknown, fields: unknown) => {
          if (err) {
            if (isFatal(err)) this.closed = true;
            reject(mysqlDbError(err));
            return;
          }
          if (Array.isArray(results)) {
            const columns = Array.isArray(fields) ? (fields as MySqlField[]).map(mysqlColumnDefinition) : [];
            resolve({ columns, rows: results as Row[], rowCount: results.length });
          } else {
            const header = results as { affectedRows?: number };
            resolve({ columns: [], rows: [], rowCount: header.affectedRows ?? 0 });
          }
        });
      });
    } catch (err) {
      return Promise.reject(mysqlDbError(err));
    }
  }

  stream(sql: string, params: readonly DbParam[], fetchSize: number): RowStream {
    this.checkUsable();
    const text = params.length === 0 ? sql : inlineParameters(sql, params, renderParam);
    return new MySqlRowStream(this, this.connection, text, effectiveFetchSize(fetchSize));
  }

  async begin(): Promise<void> {
    await this.query('START TRANSACTION');
  }

  async commit(): Promise<void> {
    await this.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.query('ROLLBACK');
  }

  async setIsolation(level: IsolationLevel): Promise<void> {
    await this.query(`SET SESSION TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[level]}`);
  }

  async currentTimestamp(): Promise<{ epochMs: number; nanos: number }> {
    const { rows } = await this.query('SELECT CURRENT_TIMESTAMP(6)');
    return parseUtcTimestamp(rows[0]?.[0] as string);
  }

  async currentSchema(): Promise<string | null> {
    return null;
  }

  async currentCatalog(): Promise<string | null> {
    const { rows } = await this.query('SELECT DATABASE()');
    return (rows[0]?.[0] as string | null | undefined) ?? null;
  }

  async listTables(filter: {
    catalogPattern: string | null;
    schemaPattern: string | null;
    types: readonly string[];
  }): Promise<Array<TableId & { type: string }>> {
    const catalog = filter.catalogPattern === '' ? null : filter.catalogPattern;
    const { rows } = await this.query(LIST_TABLES_SQL, [catalog, catalog]);
    const wanted = new Set(filter.types.map((t) => t.toUpperCase()));
    return rows
      .map((r) => ({ catalog: r[0] as string, schema: null, table: r[1] as string, type: jdbcTableType(r[0] as string, r[2] as string) }))
      .filter((t) => wanted.has(t.type))
      .sort((a, b) => compare(a.type, b.type) || compare(a.catalog, b.catalog) || compare(a.table, b.table));
  }

  async describeTable(id: TableId): Promise<ColumnDefinition[]> {
    const { rows } = await this.query(DESCRIBE_TABLE_SQL, [id.catalog, id.table]);
    return rows.map((r) =>
      mysqlTableColumnDefinition({
        name: r[0] as string,
        dataType: r[1] as string,
        columnType: r[2] as string,
        nullable: r[3] === 'YES',
        autoIncrement: /auto_increment/i.test(String(r[4] ?? '')),
        numericPrecision: toNumberOrNull(r[5]),
        numericScale: toNumberOrNull(r[6]),
        charMaxLength: toNumberOrNull(r[7]),
        datetimePrecision: toNumberOrNull(r[8]),
      }),
    );
  }

  async primaryKeyColumns(id: TableId): Promise<string[]> {
    const { rows } = await this.query(PRIMARY_KEY_SQL, [id.catalog, id.table]);
    return rows.map((r) => r[0] as string);
  }

  async maxIdentifierLength(): Promise<number> {
    return 64;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Says goodbye to the server, unless a stream holds the connection: then it is dropped at once. */
  async close(): Promise<void> {
    if (this.closed || this.activeStream !== null) {
      this.drop();
      return;
    }
    this.closed = true;
    await closeWithin(new Promise<void>((resolve) => this.connection.end(() => resolve())), CLOSE_TIMEOUT_MS);
    this.drop();
  }

  /**
   * Closes the connection now, without the protocol's goodbye: the server stops sending a result
   * when its next write fails. An open stream ends with a connection error.
   */
  drop(): void {
    this.closed = true;
    this.connection.destroy();
    this.socket.destroy();
    this.endStream(new DbError('The MySQL connection was closed while a result was being read', '08003', true));
  }

  private endStream(error: DbError): void {
    const stream = this.activeStream;
    this.activeStream = null;
    stream?.connectionLost(error);
  }

  streamStarted(stream: MySqlRowStream): void {
    this.activeStream = stream;
  }

  streamEnded(stream: MySqlRowStream): void {
    if (this.activeStream === stream) this.activeStream = null;
  }

  markClosed(): void {
    this.closed = true;
  }

  checkUsable(): void {
    if (this.closed) throw new DbError('The MySQL connection is closed', '08003', true);
    if (this.activeStream !== null) throw sessionBusyError();
  }
}

/**
 * Rows of a query read as they arrive, in batches of at most fetchSize. The connection is paused
 * while a full batch waits for its reader (the session's net_write_timeout is raised first, so a
 * reader may pause for hours). The protocol has no way to stop a result midway: instead of reading
 * the rest and dropping it (Connector/J's way, which can mean most of a table), closing an
 * unfinished stream drops the connection, and the session is closed.
 */
class MySqlRowStream implements RowStream {
  private started = false;
  /** The result is over: read to its end, failed, or the connection dropped. */
  private ended = false;
  /** Closed by its reader. */
  private finished = false;
  private error: DbError | null = null;
  private current: Row[] = [];
  private readonly ready: Row[][] = [];
  private columnDefs: ColumnDefinition[] | null = null;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;
  private resolveDone: () => void = () => undefined;

  constructor(
    private readonly session: MySqlSession,
    private readonly connection: mysql.Connection,
    private readonly sql: string,
    private readonly fetchSize: number,
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  async columns(): Promise<ColumnDefinition[]> {
    this.start();
    while (this.columnDefs === null && this.error === null && !this.ended) await this.waitForChange();
    if (this.error !== null && this.columnDefs === null) throw this.error;
    return this.columnDefs ?? [];
  }

  async *[Symbol.asyncIterator](): AsyncIterator<DbValue[][]> {
    this.start();
    try {
      for (;;) {
        if (this.finished) return;
        const batch = this.ready.shift();
        if (batch !== undefined) {
          if (this.ready.length === 0 && !this.ended) this.connection.resume();
          yield batch;
          continue;
        }
        if (this.error !== null) throw this.error;
        if (this.ended) return;
        await this.waitForChange();
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.started) return;
    this.ready.length = 0;
    this.current = [];
    if (!this.ended) this.session.drop();
    await this.done;
  }

  /** The connection under this stream was lost or dropped. */
  connectionLost(error: DbError): void {
    if (this.ended) return;
    this.error = error;
    this.ended = true;
    this.notify();
    this.resolveDone();
  }

  private start(): void {
    if (this.started || this.finished) return;
    this.session.checkUsable();
    this.started = true;
    this.session.streamStarted(this);
    // A failure here is a broken connection, which the query after it reports.
    this.connection.query({ sql: `SET SESSION net_write_timeout = ${STREAMING_NET_WRITE_TIMEOUT_S}` }, () => undefined);
    const query = this.connection.query({ sql: this.sql, rowsAsArray: true });
    query.on('fields', (fields: unknown) => {
      this.columnDefs = Array.isArray(fields) ? (fields as MySqlField[]).map(mysqlColumnDefinition) : [];
      this.notify();
    });
    query.on('result', (row: unknown) => {
      if (this.finished || !Array.isArray(row)) return;
      this.current.push(row as Row);
      if (this.current.length >= this.fetchSize) {
        this.ready.push(this.current);
        this.current = [];
        this.connection.pause();
        this.notify();
      }
    });
    query.on('error', (err: unknown) => {
      if (this.ended) return;
      if (isFatal(err)) this.session.markClosed();
      this.error = mysqlDbError(err);
      this.ended = true;
      this.session.streamEnded(this);
      this.notify();
      this.resolveDone();
    });
    query.on('end', () => {
      if (this.ended) return;
      if (this.current.length > 0 && !this.finished) this.ready.push(this.current);
      this.current = [];
      this.ended = true;
      this.session.streamEnded(this);
      this.notify();
      this.resolveDone();
    });
  }

  private waitForChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function isFatal(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { fatal?: unknown }).fatal === true;
}

function toNumberOrNull(value: DbValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SYSTEM_DATABASES = new Set(['mysql', 'performance_schema', 'sys']);

/** information_schema.TABLES.TABLE_TYPE in JDBC's words, as Connector/J reports them. */
function jdbcTableType(database: string, type: string): string {
  switch (type.toUpperCase()) {
    case 'BASE TABLE':
    case 'SYSTEM VERSIONED':
      return SYSTEM_DATABASES.has(database.toLowerCase()) ? 'SYSTEM TABLE' : 'TABLE';
    case 'TEMPORARY':
      return 'LOCAL TEMPORARY';
    default:
      return type.toUpperCase();
  }
}

/** `2024-05-01 12:00:00.123456` read as UTC, the session's time zone. */
export function parseUtcTimestamp(text: string): { epochMs: number; nanos: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/.exec(text);
  if (m === null) throw new DbError(`Unexpected timestamp text from the server: ${text}`, null, false);
  const [, y, mo, d, h, mi, s, fraction = ''] = m;
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const nanos = Number(fraction.padEnd(9, '0'));
  return { epochMs: seconds + Math.floor(nanos / 1_000_000), nanos };
}

const LIST_TABLES_SQL = `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
WHERE (? IS NULL OR TABLE_SCHEMA LIKE ?)`;

const DESCRIBE_TABLE_SQL = `SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, EXTRA, NUMERIC_PRECISION, NUMERIC_SCALE,
  CHARACTER_MAXIMUM_LENGTH, DATETIME_PRECISION
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
ORDER BY ORDINAL_POSITION`;

const PRIMARY_KEY_SQL = `SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
WHERE CONSTRAINT_NAME = 'PRIMARY' AND TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
ORDER BY ORDINAL_POSITION`;
