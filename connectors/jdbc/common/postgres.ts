import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
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
import { pgDbError, type ConnectTarget } from './db-errors.js';
import { POSTGRES_DIALECT } from './dialects.js';
import { pgColumnDefinition, type PgAttribute } from './pg-columns.js';
import { BUILTIN_PG_TYPES, typeFromRow, type PgType, type PgTypeRow } from './pg-type-catalog.js';
import { toNumberedPlaceholders } from './placeholders.js';
import { CLOSE_TIMEOUT_MS, closeWithin, effectiveFetchSize, ISOLATION_SQL, sessionBusyError } from './session-common.js';

export interface PostgresConnectConfig {
  host: string;
  port: number;
  database: string;
  user: string | null;
  password: string | null;
  ssl: boolean | ConnectionOptions;
  connectTimeoutMs: number;
  applicationName: string;
  /** Server options sent at startup (`-c search_path=…`), as pgjdbc's `options`. */
  options: string | null;
}

type Field = pg.FieldDef;
type RawRow = DbValue[];

const identity = (value: string): DbValue => value;

/** Tables whose column facts are cached; beyond this the cache starts over. */
const ATTRIBUTE_CACHE_LIMIT = 1000;

let cursorCounter = 0;

/**
 * Opens one PostgreSQL session: values parsed per the DbValue rules by per-client type parsers,
 * session time zone UTC, ISO dates and shortest-exact floats.
 */
export async function openPostgresSession(config: PostgresConnectConfig): Promise<PostgresSession> {
  const session = new PostgresSession(config);
  await session.connect(config);
  return session;
}

export class PostgresSession implements DbSession {
  readonly dialect: Dialect = POSTGRES_DIALECT;
  private readonly client: pg.Client;
  private readonly types = new Map<number, PgType>();
  /** pg_attribute facts per table OID, then per attnum. */
  private readonly attributes = new Map<number, Map<number, PgAttribute>>();
  private closed = false;
  private streaming = false;
  private maxIdentifier: number | null = null;

  constructor(config: PostgresConnectConfig) {
    const getTypeParser = (oid: number): ((value: string) => DbValue) => this.typeOf(oid)?.parse ?? identity;
    this.client = new pg.Client({
      host: config.host,
      port: config.port,
      database: config.database === '' ? undefined : config.database,
      user: config.user ?? undefined,
      password: config.password ?? undefined,
      ssl: config.ssl,
      connectionTimeoutMillis: config.connectTimeoutMs,
      application_name: config.applicationName,
      options: config.options ?? undefined,
      keepAlive: true,
      types: { getTypeParser } as unknown as pg.CustomTypesConfig,
    });
    // An idle connection that drops emits 'error'; without a listener that would end the process.
    this.client.on('error', () => {
      this.closed = true;
    });
    this.client.on('end', () => {
      this.closed = true;
    });
  }

  async connect(config: PostgresConnectConfig): Promise<void> {
    const target: ConnectTarget = { product: 'PostgreSQL', ...config };
    try {
      await this.client.connect();
      // ISO DateStyle fixes the text forms; extra_float_digits > 0 gives shortest exact floats.
      await this.client.query("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, MDY'; SET extra_float_digits = 3");
    } catch (err) {
      this.closed = true;
      await this.client.end().catch(() => undefined);
      throw pgDbError(err, target);
    }
  }

  async query(sql: string, params: readonly DbParam[] = []): Promise<QueryResult> {
    this.checkUsable();
    const text = params.length === 0 ? sql : toNumberedPlaceholders(sql, params.length);
    const result = await this.run(text, params);
    const columns = await this.describeFields(result.fields, result.rows);
    return { columns, rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  stream(sql: string, params: readonly DbParam[], fetchSize: number): RowStream {
    this.checkUsable();
    const text = params.length === 0 ? sql : toNumberedPlaceholders(sql, params.length);
    return new PgCursorStream(this, text.replace(/[\s;]+$/, ''), params, effectiveFetchSize(fetchSize));
  }

  async begin(): Promise<void> {
    await this.query('BEGIN');
  }

  async commit(): Promise<void> {
    await this.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.query('ROLLBACK');
  }

  async setIsolation(level: IsolationLevel): Promise<void> {
    await this.query(`SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[level]}`);
  }

  async currentTimestamp(): Promise<{ epochMs: number; nanos: number }> {
    const { rows } = await this.query('SELECT (EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000)::int8');
    const micros = rows[0]?.[0] as bigint;
    const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
    const microOfSecond = micros - seconds * 1_000_000n;
    return { epochMs: Number(seconds * 1000n + microOfSecond / 1000n), nanos: Number(microOfSecond) * 1000 };
  }

  async currentSchema(): Promise<string | null> {
    const { rows } = await this.query('SELECT current_schema()');
    return (rows[0]?.[0] as string | null | undefined) ?? null;
  }

  async currentCatalog(): Promise<string | null> {
    const { rows } = await this.query('SELECT current_database()');
    return (rows[0]?.[0] as string | null | undefined) ?? null;
  }

  async listTables(filter: {
    catalogPattern: string | null;
    schemaPattern: string | null;
    types: readonly string[];
  }): Promise<Array<TableId & { type: string }>> {
    this.checkUsable();
    const { rows } = await this.run(LIST_TABLES_SQL, [
      filter.catalogPattern === '' ? null : filter.catalogPattern,
      filter.schemaPattern === '' ? null : filter.schemaPattern,
      filter.types.map((t) => t.toUpperCase()),
    ]);
    return rows.map((r) => ({ catalog: null, schema: r[0] as string, table: r[1] as string, type: r[2] as string }));
  }

  async describeTable(id: TableId): Promise<ColumnDefinition[]> {
    const { rows } = await this.query(DESCRIBE_TABLE_SQL, [id.table, id.schema, id.schema]);
    const oids = rows.map((r) => Number(r[1]));
    await this.loadTypes(oids.filter((oid) => this.typeOf(oid) === undefined));
    return rows.map((r) =>
      pgColumnDefinition(r[0] as string, this.typeOrUnknown(Number(r[1])), r[2] as number, {
        notNull: r[3] as boolean,
        autoIncrement: r[4] as boolean,
      }),
    );
  }

  async primaryKeyColumns(id: TableId): Promise<string[]> {
    const { rows } = await this.query(PRIMARY_KEY_SQL, [id.table, id.schema, id.schema]);
    return rows.map((r) => r[0] as string);
  }

  async maxIdentifierLength(): Promise<number> {
    if (this.maxIdentifier === null) {
      const { rows } = await this.query('SHOW max_identifier_length');
      this.maxIdentifier = Number(rows[0]?.[0] ?? 63);
    }
    return this.maxIdentifier;
  }

  isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeWithin(this.client.end(), CLOSE_TIMEOUT_MS);
    this.client.connection.stream.destroy();
  }

  /** Runs one statement on the connection; rows come back as arrays. */
  async run(text: string, params: readonly DbParam[]): Promise<pg.QueryArrayResult<RawRow>> {
    try {
      const result = (await this.client.query({
        text,
        values: params.length === 0 ? undefined : (params as DbParam[]),
        rowMode: 'array',
      })) as pg.QueryArrayResult<RawRow> | Array<pg.QueryArrayResult<RawRow>>;
      // Several statements in one text (simple protocol) give one result each; the last one counts.
      return Array.isArray(result) ? (result[result.length - 1] as pg.QueryArrayResult<RawRow>) : result;
    } catch (err) {
      const dbError = pgDbError(err);
      if (endsConnection(err, dbError)) this.closed = true;
      throw dbError;
    }
  }

  transactionStatus(): string | null {
    return this.client.getTransactionStatus() ?? null;
  }

  setStreaming(active: boolean): void {
    this.streaming = active;
  }

  checkUsable(): void {
    if (this.closed) throw new DbError('The PostgreSQL connection is closed', '08003', true);
    if (this.streaming) throw sessionBusyError();
  }

  /**
   * Column definitions for a result's fields. Values of types unknown when the rows were parsed
   * arrived as text; they are converted here once the catalog has told what the types are.
   */
  async describeFields(fields: readonly Field[], rows: RawRow[]): Promise<ColumnDefinition[]> {
    if (fields.length === 0) return [];
    const unknown = fields.map((f, i) => (this.typeOf(f.dataTypeID) === undefined ? i : -1)).filter((i) => i >= 0);
    if (unknown.length > 0) {
      await this.loadTypes(unknown.map((i) => (fields[i] as Field).dataTypeID));
      for (const i of unknown) {
        const parse = this.typeOrUnknown((fields[i] as Field).dataTypeID).parse;
        if (parse === identity) continue;
        for (const row of rows) {
          const value = row[i];
          if (typeof value === 'string') row[i] = parse(value);
        }
      }
    }
    const missing = new Set<number>();
    for (const f of fields) {
      // System columns (ctid, xmin: attnum < 0) are not cached; asking again would not find them.
      if (f.tableID !== 0 && f.columnID > 0 && this.attributes.get(f.tableID)?.get(f.columnID) === undefined) missing.add(f.tableID);
    }
    if (missing.size > 0) await this.loadAttributes([...missing]);
    return fields.map((f) =>
      pgColumnDefinition(
        f.name,
        this.typeOrUnknown(f.dataTypeID),
        f.dataTypeModifier,
        f.tableID === 0 ? null : (this.attributes.get(f.tableID)?.get(f.columnID) ?? null),
      ),
    );
  }

  private typeOf(oid: number): PgType | undefined {
    return BUILTIN_PG_TYPES.get(oid) ?? this.types.get(oid);
  }

  private typeOrUnknown(oid: number): PgType {
    return this.typeOf(oid) ?? { oid, name: 'unknown', jdbcType: 'OTHER', element: null, parse: identity };
  }

  /** Reads pg_type rows for the OIDs (and their element/base types) into the session's cache. */
  private async loadTypes(oids: readonly number[]): Promise<void> {
    const wanted = [...new Set(oids)].filter((oid) => this.typeOf(oid) === undefined);
    if (wanted.length === 0) return;
    const { rows } = await this.run(TYPES_SQL, [wanted.map(String)]);
    const found: PgTypeRow[] = rows.map((r) => ({
      oid: Number(r[0]),
      name: r[1] as string,
      kind: r[2] as string,
      category: r[3] as string,
      elementOid: Number(r[4]),
      baseOid: Number(r[5]),
      delimiter: r[6] as string,
    }));
    const dependencies = found.flatMap((t) => [t.elementOid, t.baseOid]).filter((oid) => oid !== 0 && !wanted.includes(oid));
    await this.loadTypes(dependencies);
    // Dependencies inside this batch (a domain over another new type) are built in order of need.
    const byOid = new Map(found.map((t) => [t.oid, t]));
    const build = (oid: number): PgType | undefined => {
      const known = this.typeOf(oid);
      if (known !== undefined) return known;
      const row = byOid.get(oid);
      if (row === undefined) return undefined;
      byOid.delete(oid);
      const type = typeFromRow(row, build);
      this.types.set(oid, type);
      return type;
    };
    for (const oid of wanted) {
      // A type gone from the catalog is remembered as unknown rather than looked up on every query.
      if (build(oid) === undefined) this.types.set(oid, this.typeOrUnknown(oid));
    }
  }

  private async loadAttributes(tableOids: readonly number[]): Promise<void> {
    if (this.attributes.size + tableOids.length > ATTRIBUTE_CACHE_LIMIT) this.attributes.clear();
    const { rows } = await this.run(ATTRIBUTES_SQL, [tableOids.map(String)]);
    for (const oid of tableOids) this.attributes.set(oid, new Map());
    for (const r of rows) {
      this.attributes.get(Number(r[0]))?.set(r[1] as number, { notNull: r[2] as boolean, autoIncrement: r[3] as boolean });
    }
  }
}

/** FATAL errors end the backend; socket failures end the connection. */
function endsConnection(err: unknown, dbError: DbError): boolean {
  const severity = typeof err === 'object' && err !== null ? (err as { severity?: unknown }).severity : undefined;
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return severity === undefined && dbError.transient;
}

/**
 * Rows of a query through `DECLARE … CURSOR` and `FETCH FORWARD n`, inside the session's
 * transaction or, when there is none, one opened here and committed when the stream ends.
 */
class PgCursorStream implements RowStream {
  private readonly cursor = `sluice_cursor_${++cursorCounter}`;
  private opened: Promise<void> | null = null;
  private columnDefs: ColumnDefinition[] = [];
  private pending: RawRow[] | null = null;
  private exhausted = false;
  private finished = false;
  private ownTransaction = false;

  constructor(
    private readonly session: PostgresSession,
    private readonly sql: string,
    private readonly params: readonly DbParam[],
    private readonly fetchSize: number,
  ) {}

  columns(): Promise<ColumnDefinition[]> {
    return this.open().then(() => this.columnDefs);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<DbValue[][]> {
    try {
      await this.open();
      while (!this.finished) {
        const batch = this.pending ?? (this.exhausted ? [] : await this.fetch());
        this.pending = null;
        if (batch.length > 0) yield batch;
        if (this.exhausted || batch.length === 0) break;
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.pending = null;
    if (this.opened === null) return;
    await this.opened.catch(() => undefined);
    this.session.setStreaming(false);
    if (this.session.isClosed()) return;
    const status = this.session.transactionStatus();
    if (this.ownTransaction) {
      await this.session.run(status === 'E' ? 'ROLLBACK' : 'COMMIT', []);
    } else if (status === 'T') {
      await this.session.run(`CLOSE ${this.cursor}`, []).catch(() => undefined);
    }
  }

  private open(): Promise<void> {
    this.opened ??= this.start();
    return this.opened;
  }

  private async start(): Promise<void> {
    this.session.checkUsable();
    this.session.setStreaming(true);
    try {
      if (this.session.transactionStatus() === 'I') {
        await this.session.run('BEGIN', []);
        this.ownTransaction = true;
      }
      await this.session.run(`DECLARE ${this.cursor} NO SCROLL CURSOR FOR ${this.sql}`, this.params);
      const first = await this.fetchRaw();
      this.columnDefs = await this.session.describeFields(first.fields, first.rows);
      this.pending = first.rows;
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  private async fetch(): Promise<RawRow[]> {
    try {
      const result = await this.fetchRaw();
      await this.session.describeFields(result.fields, result.rows);
      return result.rows;
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  private async fetchRaw(): Promise<pg.QueryArrayResult<RawRow>> {
    const result = await this.session.run(`FETCH FORWARD ${this.fetchSize} FROM ${this.cursor}`, []);
    if (result.rows.length < this.fetchSize) this.exhausted = true;
    return result;
  }

  private async abort(): Promise<void> {
    this.finished = true;
    this.session.setStreaming(false);
    if (this.ownTransaction && !this.session.isClosed()) {
      await this.session.run('ROLLBACK', []).catch(() => undefined);
    }
  }
}

const LIST_TABLES_SQL = `
SELECT n.nspname, c.relname, t.type
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT CASE
  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind WHEN 'r' THEN 'SYSTEM TOAST TABLE' WHEN 'i' THEN 'SYSTEM TOAST INDEX' END
  WHEN n.nspname ~ '^pg_' OR n.nspname = 'information_schema' THEN CASE c.relkind
    WHEN 'r' THEN CASE WHEN n.nspname ~ '^pg_temp' THEN 'TEMPORARY TABLE' ELSE 'SYSTEM TABLE' END
    WHEN 'v' THEN 'SYSTEM VIEW' WHEN 'i' THEN 'SYSTEM INDEX' WHEN 'S' THEN 'TEMPORARY SEQUENCE' END
  ELSE CASE c.relkind
    WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
    WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'PARTITIONED INDEX'
    WHEN 'c' THEN 'TYPE' END
  END AS type) t
WHERE ($1::text IS NULL OR current_database() LIKE $1)
  AND ($2::text IS NULL OR n.nspname LIKE $2)
  AND t.type = ANY($3::text[])
ORDER BY t.type, n.nspname, c.relname`;

/** Domains are described by their base type and typmod, as result sets describe them. */
const DESCRIBE_TABLE_SQL = `
SELECT a.attname,
  CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE a.atttypid END,
  CASE WHEN ty.typtype = 'd' THEN ty.typtypmod ELSE a.atttypmod END,
  a.attnotnull,
  (a.attidentity <> '' OR COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false))
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND CASE WHEN ?::text IS NULL THEN pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname = ?::text END
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

const PRIMARY_KEY_SQL = `
SELECT a.attname
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
WHERE i.indisprimary AND c.relname = ?
  AND CASE WHEN ?::text IS NULL THEN pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname = ?::text END
ORDER BY k.ord`;

const TYPES_SQL = `
SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typbasetype, COALESCE(e.typdelim, t.typdelim)::text
FROM pg_catalog.pg_type t
LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
WHERE t.oid = ANY($1::oid[])`;

const ATTRIBUTES_SQL = `
SELECT a.attrelid, a.attnum, a.attnotnull,
  (a.attidentity <> '' OR COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false))
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`;
