/**
 * The database layer shared by the JDBC source and sink: what they need from PostgreSQL (`pg`)
 * and MySQL/MariaDB (`mysql2`), in JDBC's terms so that the connectors can follow Confluent's
 * behaviour (connectors-spec.md sections 1 and 2) without knowing which driver is underneath.
 *
 * Implementations: ./postgres.ts, ./mysql.ts; entry point `openSession()` in ./connect.ts.
 */

/** Dialect names accepted by `dialect.name` (Confluent's class simple names). */
export type DialectName = 'PostgreSqlDatabaseDialect' | 'MySqlDatabaseDialect';

/** A parsed `connection.url` (`jdbc:postgresql://`, `jdbc:mysql://`, `jdbc:mariadb://`). */
export interface JdbcUrl {
  /** The dialect the sub-protocol implies. */
  dialect: DialectName;
  host: string;
  port: number;
  /** Database named in the path; '' when absent. */
  database: string;
  /** Every `?k=v&k2=v2` (and MySQL `;k=v`) property, decoded; `user`/`password` included. */
  properties: Record<string, string>;
}

/** java.sql.Types names, as the connectors' type mapping is written in them. */
export type JdbcType =
  | 'BIT' | 'BOOLEAN' | 'TINYINT' | 'SMALLINT' | 'INTEGER' | 'BIGINT'
  | 'REAL' | 'FLOAT' | 'DOUBLE' | 'NUMERIC' | 'DECIMAL'
  | 'CHAR' | 'VARCHAR' | 'LONGVARCHAR' | 'NCHAR' | 'NVARCHAR' | 'LONGNVARCHAR' | 'CLOB' | 'NCLOB' | 'SQLXML'
  | 'BINARY' | 'VARBINARY' | 'LONGVARBINARY' | 'BLOB'
  | 'DATE' | 'TIME' | 'TIME_WITH_TIMEZONE' | 'TIMESTAMP' | 'TIMESTAMP_WITH_TIMEZONE'
  | 'ARRAY' | 'STRUCT' | 'OTHER' | 'NULL';

export type Nullability = 'NO_NULLS' | 'NULLABLE' | 'UNKNOWN';

/** A table identifier. PostgreSQL: schema + table (catalog null); MySQL: catalog (= database) + table. */
export interface TableId {
  catalog: string | null;
  schema: string | null;
  table: string;
}

/** One column of a table or of a result set, as JDBC metadata describes it. */
export interface ColumnDefinition {
  /** Column label (alias) or name. */
  name: string;
  jdbcType: JdbcType;
  /** The database's own type name, lower case for PostgreSQL (`int4`, `jsonb`, `_int4`), upper for MySQL (`DECIMAL`, `JSON`). */
  typeName: string;
  /** Precision (digits for numerics, length for strings/binaries/bits; 0 when unknown or unconstrained). */
  precision: number;
  /** Scale for numerics (0 when unknown); fractional-second digits for times/timestamps. */
  scale: number;
  nullability: Nullability;
  signed: boolean;
  autoIncrement: boolean;
  /** Element type name for PostgreSQL arrays (`int4` for `_int4`), else null. */
  elementTypeName: string | null;
}

/**
 * Values as sessions return them, whatever the driver:
 * - SMALLINT/INTEGER (and TINYINT, MEDIUMINT, YEAR): number; BIGINT: bigint (signed or unsigned);
 *   BIT: Buffer for MySQL, boolean for PostgreSQL `boolean`, string of 0/1 for PostgreSQL `bit(n)`;
 * - REAL/DOUBLE: number; NUMERIC/DECIMAL: the exact decimal text (`"-12.3400"`, `"NaN"`);
 * - BOOLEAN: boolean;
 * - text types, JSON, UUID, ENUM, SET, intervals and anything else textual: string;
 * - binary types: Buffer;
 * - DATE `"yyyy-MM-dd"`, TIME `"HH:mm:ss[.ffffff]"`, TIMESTAMP/DATETIME `"yyyy-MM-dd HH:mm:ss[.ffffff]"`:
 *   the server's wall-clock text, unconverted; TIMESTAMP WITH TIME ZONE (PostgreSQL timestamptz,
 *   timetz): the text with its offset, e.g. `"2022-08-01 00:00:00.123456+00"`; infinity as PostgreSQL prints it;
 * - PostgreSQL arrays: JS arrays of the element values above;
 * - SQL NULL: null.
 * Sessions run with the server's session time zone set to UTC, so MySQL TIMESTAMP and
 * PostgreSQL timestamptz texts are UTC instants.
 */
export type DbValue = null | boolean | number | bigint | string | Buffer | DbValue[];

/**
 * Parameters accepted by `query`/`stream`/`executeBatch`: the DbValue kinds, plus nothing else;
 * temporal parameters are passed as wall-clock text in the zone the connector binds in
 * (`db.timezone`), as JDBC's setTimestamp(…, calendar) does.
 */
export type DbParam = DbValue;

export interface QueryResult {
  columns: ColumnDefinition[];
  /** Rows as arrays in column order. */
  rows: DbValue[][];
  /** Rows changed by INSERT/UPDATE/DELETE (MySQL: affected rows as the server counts them). */
  rowCount: number;
}

/** Rows of a streamed query, delivered in batches of at most the fetch size. */
export interface RowStream extends AsyncIterable<DbValue[][]> {
  /** Result-set metadata; resolves before the first batch. */
  columns(): Promise<ColumnDefinition[]>;
  /**
   * Stops reading and releases the server-side cursor/stream. Safe to call twice. Before the end
   * of the result, PostgreSQL closes the cursor and the session stays usable; MySQL cannot stop a
   * result midway, so the session drops its connection and is closed (`isClosed()`): open another.
   */
  close(): Promise<void>;
}

export type IsolationLevel = 'READ_UNCOMMITTED' | 'READ_COMMITTED' | 'REPEATABLE_READ' | 'SERIALIZABLE';

/** Dialect rules that do not need a connection. */
export interface Dialect {
  readonly name: DialectName;
  /** `"` for PostgreSQL, `` ` `` for MySQL. */
  readonly identifierQuote: string;
  /** Quotes one identifier part, doubling embedded quote characters. */
  quoteIdentifier(part: string): string;
  /** `"public"."orders"` / `` `shop`.`orders` `` (or unquoted parts joined by `.` when quote=false). */
  formatTableId(id: TableId, quote: boolean): string;
  /** Unquoted fully qualified name used in offsets and filters: `public.orders`, `shop.orders`. */
  fqn(id: TableId): string;
  /**
   * Parses a possibly qualified, possibly quoted name (`orders`, `public.orders`, `"My"."T"`,
   * `` `db`.`t` ``) into a TableId; parts missing are null (filled from the session later).
   */
  parseTableId(name: string): TableId;
}

/** One connection to the database. Not safe for concurrent use: one statement at a time. */
export interface DbSession {
  readonly dialect: Dialect;
  /** Runs one statement with `?` placeholders (PostgreSQL sessions translate them to `$n`). */
  query(sql: string, params?: readonly DbParam[]): Promise<QueryResult>;
  /**
   * Runs a SELECT and streams its rows in batches of `fetchSize` without holding the whole result
   * in memory (PostgreSQL: a portal/cursor inside the current or an implicit transaction;
   * MySQL: the row stream with back-pressure, the reader free to pause for hours). No other
   * statement may run on the session until the stream is exhausted or closed.
   */
  stream(sql: string, params: readonly DbParam[], fetchSize: number): RowStream;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Applies a transaction isolation level to every later transaction of this session. */
  setIsolation(level: IsolationLevel): Promise<void>;
  /** `SELECT CURRENT_TIMESTAMP` as epoch ms (with sub-ms nanos where the server has them). */
  currentTimestamp(): Promise<{ epochMs: number; nanos: number }>;
  /** The session's current schema (PostgreSQL, e.g. `public`) and catalog (MySQL database). */
  currentSchema(): Promise<string | null>;
  currentCatalog(): Promise<string | null>;
  /** Tables visible through metadata, filtered like JDBC getTables(catalog, schemaPattern, '%', types). */
  listTables(filter: { catalogPattern: string | null; schemaPattern: string | null; types: readonly string[] }): Promise<Array<TableId & { type: string }>>;
  /** Column metadata of a table in ordinal order; [] when the table does not exist. */
  describeTable(id: TableId): Promise<ColumnDefinition[]>;
  /** Primary key column names of a table in key order. */
  primaryKeyColumns(id: TableId): Promise<string[]>;
  /** Longest identifier the server accepts (PostgreSQL: 63, MySQL: 64). */
  maxIdentifierLength(): Promise<number>;
  /** True once the connection failed or was closed. */
  isClosed(): boolean;
  close(): Promise<void>;
}

/** Settings shared by the source and the sink for opening sessions. */
export interface ConnectionSettings {
  url: string;
  /** `connection.user` / `connection.password`; override the URL's properties when set. */
  user: string | null;
  password: string | null;
  /** `dialect.name`; '' = from the URL. */
  dialectName: string;
  /** `connection.attempts` (>= 1) and `connection.backoff.ms`. */
  attempts: number;
  backoffMs: number;
}

/** Raised for SQL and connection errors; `transient` says whether a retry may help. */
export class DbError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | null,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DbError';
  }
}
