/**
 * Reads one table (or the custom query) for a task: Confluent's BulkTableQuerier,
 * TimestampIncrementingTableQuerier and TimestampTableQuerier in one class. A query runs in its
 * own transaction and streams; its rows are handed out in batches across polls until the result
 * is exhausted, then the transaction commits and the querier waits for its next turn.
 */
import { ConnectError } from '../../../src/connect/index.js';
import { BigDecimal, DataException, Decimal, SourceRecord, type SourceMap, type Struct } from '../../../src/data/index.js';
import type { Logger } from '../../../src/util/logger.js';
import type { DbParam, DbSession, DbValue, Dialect, RowStream, TableId } from '../common/db.js';
import type { TypeMappingOptions } from './column-types.js';
import { criteriaStatement, maxIncrementingStatement, type CriteriaStatement } from './criteria-sql.js';
import { TimestampIncrementingOffset } from './offsets.js';
import { SchemaMapping } from './schema-mapping.js';
import type { Mode } from './source-settings.js';
import { formatOffset } from '../common/wall-clock-text.js';
import { compareInstants, formatWallClock, instantOf, type Instant } from './temporal-text.js';

const LONG_MAX = 2n ** 63n - 1n;

export interface QuerierSpec {
  mode: Mode;
  /** The table in table mode; null in query mode. */
  table: TableId | null;
  /** The user's query in query mode. */
  query: string | null;
  queryMasked: boolean;
  topic: string;
  partition: SourceMap;
  /** Incrementing column; '' = the table's first auto-increment column; ignored where the mode has none. */
  incrementingColumn: string;
  timestampColumns: readonly string[];
  /** The stored offset (or the initial one). */
  offset: TimestampIncrementingOffset;
  suffix: string;
  timestampDelayMs: number;
  /** Sluice's incrementing delay; 0 = off. */
  incrementingDelayMs: number;
}

export interface QuerierEnvironment {
  dialect: Dialect;
  quoteIdentifiers: boolean;
  typeOptions: TypeMappingOptions;
  fetchSize: number;
  logger: Logger;
  /** Local clock for the incrementing delay's observations. */
  now(): number;
}

interface HeldRow {
  struct: Struct;
  timestamp: Instant | null;
}

export class TableQuerier {
  /** When the last query finished (0 = never): the next one is due poll.interval.ms later. */
  lastUpdate = 0;
  retries = 0;
  readonly #spec: QuerierSpec;
  readonly #env: QuerierEnvironment;
  #incrementingColumn: string | null;
  #statement: CriteriaStatement | null = null;
  #loggedSql: string | null = null;
  #mapping: SchemaMapping | null = null;
  #committed: TimestampIncrementingOffset;
  #offset: TimestampIncrementingOffset;
  #stream: RowStream | null = null;
  #batches: AsyncIterator<DbValue[][]> | null = null;
  #inTransaction = false;
  #exhausted = false;
  #timestampReader: ((row: readonly DbValue[]) => Instant | null) | null = null;
  /** Timestamp mode: the row whose offset depends on the next row's timestamp. */
  #held: HeldRow | null = null;
  #observations: Array<{ at: number; max: bigint | null }> = [];

  constructor(spec: QuerierSpec, env: QuerierEnvironment) {
    this.#spec = spec;
    this.#env = env;
    this.#incrementingColumn = spec.mode === 'incrementing' || spec.mode === 'timestamp+incrementing' ? spec.incrementingColumn : null;
    this.#committed = this.#offset = spec.offset;
  }

  get querying(): boolean {
    return this.#inTransaction || this.#stream !== null;
  }

  /** The table (or 'query') for messages and ordering. */
  get name(): string {
    return this.#spec.table === null ? 'query' : this.#env.dialect.formatTableId(this.#spec.table, true);
  }

  /** The offset the next query starts from. */
  get offset(): TimestampIncrementingOffset {
    return this.#offset;
  }

  /**
   * Up to `max` records of the current query, starting the query when none runs. `done` is true
   * once the result is exhausted (the caller then calls finish()).
   */
  async read(session: DbSession, max: number): Promise<{ records: SourceRecord[]; done: boolean }> {
    if (!this.querying) {
      const started = await this.#start(session);
      if (!started) return { records: [], done: true };
    }
    const records: SourceRecord[] = [];
    while (records.length < max) {
      const batch = await this.#nextBatch();
      if (batch === null) break;
      for (const row of batch) this.#emit(row, records);
      if (records.length > 0) break;
    }
    if (this.#exhausted && this.#held !== null) {
      const held = this.#held;
      this.#held = null;
      this.#offset = new TimestampIncrementingOffset(held.timestamp, null);
      records.push(this.#record(held.struct, this.#offset));
    }
    return { records, done: this.#exhausted };
  }

  /** Ends the query: commits its transaction (releasing locks) and closes the stream. */
  async finish(session: DbSession, now: number): Promise<void> {
    await this.#closeStream();
    if (this.#inTransaction) {
      this.#inTransaction = false;
      await session.commit();
    }
    this.retries = 0;
    this.lastUpdate = now;
  }

  /**
   * After an error or on stop: closes what is open and, when `resetOffset`, goes back to the offset
   * the current query started from, so its rows are read again. Closing an unfinished MySQL stream
   * closes its session (the caller opens another). `abandon` drops an open stream and transaction
   * without a word to the server, for a session about to be closed (a server that stopped
   * answering would hold up a stopping task).
   */
  async reset(session: DbSession | null, now: number, resetOffset: boolean, abandon = false): Promise<void> {
    if (abandon) {
      this.#stream = null;
      this.#batches = null;
      this.#inTransaction = false;
    } else {
      await this.#closeStream().catch(() => undefined);
      if (this.#inTransaction) {
        this.#inTransaction = false;
        if (session !== null && !session.isClosed()) await session.rollback().catch(() => undefined);
      }
    }
    this.#held = null;
    if (resetOffset) this.#offset = this.#committed;
    this.lastUpdate = now;
  }

  compareTo(other: TableQuerier): number {
    if (this.lastUpdate !== other.lastUpdate) return this.lastUpdate < other.lastUpdate ? -1 : 1;
    const a = this.#spec.table;
    const b = other.#spec.table;
    if (a === null || b === null) return 0;
    return compareText(a.table, b.table) || compareNullable(a.schema, b.schema) || compareNullable(a.catalog, b.catalog);
  }

  async #start(session: DbSession): Promise<boolean> {
    const statement = await this.#prepare(session);
    this.#committed = this.#offset;
    this.#exhausted = false;
    this.#held = null;
    let upperBound: bigint | null = null;
    if (this.#usesIncrementingDelay()) {
      upperBound = await this.#incrementingUpperBound(session);
      if (upperBound === null || upperBound <= this.#offset.incrementingOrInitial()) return false;
    }
    await session.begin();
    this.#inTransaction = true;
    const params = await this.#parameters(session, statement, upperBound);
    const stream = session.stream(statement.sql, params, this.#env.fetchSize);
    this.#stream = stream;
    const columns = await stream.columns();
    const schemaName = this.#spec.table === null ? null : this.#spec.table.table;
    if (this.#mapping === null || this.#mapping.signature !== SchemaMapping.signatureOf(schemaName, columns)) {
      this.#mapping = SchemaMapping.create(schemaName, columns, this.#env.typeOptions, (column) =>
        this.#env.logger.warn(`JDBC type ${column.jdbcType} (${column.typeName}) not currently supported; column ${column.name} of ${this.name} is left out`),
      );
      this.#timestampReader = this.#spec.timestampColumns.length > 0 && this.#spec.mode !== 'bulk' && this.#spec.mode !== 'incrementing' ? this.#timestampColumnsReader(this.#mapping) : null;
    }
    this.#batches = stream[Symbol.asyncIterator]();
    return true;
  }

  async #prepare(session: DbSession): Promise<CriteriaStatement> {
    if (this.#statement !== null) return this.#statement;
    const { dialect, quoteIdentifiers } = this.#env;
    if (this.#incrementingColumn === '') this.#incrementingColumn = await this.#autoIncrementColumn(session);
    const quote = (name: string): string => (quoteIdentifiers ? dialect.quoteIdentifier(name) : name);
    const base = this.#spec.table !== null ? `SELECT * FROM ${dialect.formatTableId(this.#spec.table, quoteIdentifiers)}` : (this.#spec.query ?? '');
    const timestamps = this.#spec.mode === 'timestamp' || this.#spec.mode === 'timestamp+incrementing' ? this.#spec.timestampColumns.map(quote) : [];
    const statement =
      this.#spec.mode === 'bulk'
        ? criteriaStatement(base, { incrementing: null, timestamps: [] }, this.#spec.suffix)
        : criteriaStatement(
            base,
            { incrementing: this.#incrementingColumn === null ? null : quote(this.#incrementingColumn), timestamps, incrementingUpperBound: this.#usesIncrementingDelay() },
            this.#spec.suffix,
          );
    if (statement.sql !== this.#loggedSql) {
      this.#env.logger.info(`Begin using SQL query: ${this.#spec.queryMasked ? '<masked>' : statement.sql}`);
      this.#loggedSql = statement.sql;
    }
    this.#statement = statement;
    return statement;
  }

  async #autoIncrementColumn(session: DbSession): Promise<string> {
    const table = this.#spec.table;
    if (table === null) throw new ConnectError(`'incrementing.column.name' must be set when using a custom query`);
    const column = (await session.describeTable(table)).find((c) => c.autoIncrement);
    if (column === undefined) {
      throw new ConnectError(`No auto-incrementing column found in table ${this.name}; set 'incrementing.column.name' to the table's strictly incrementing column`);
    }
    this.#env.logger.info(`Using auto-incrementing column ${column.name} of ${this.name} as the incrementing column`);
    return column.name;
  }

  #usesIncrementingDelay(): boolean {
    return this.#spec.mode === 'incrementing' && this.#spec.incrementingDelayMs > 0 && this.#incrementingColumn !== null;
  }

  /**
   * Sluice's incrementing delay: remember the largest id visible now, and read only up to the
   * largest id that was visible `delay` ms ago. A row whose transaction commits after a higher id
   * became visible is still read if it commits within the delay.
   */
  async #incrementingUpperBound(session: DbSession): Promise<bigint | null> {
    const { dialect, quoteIdentifiers } = this.#env;
    const column = this.#incrementingColumn as string;
    const quotedColumn = quoteIdentifiers ? dialect.quoteIdentifier(column) : column;
    const from = this.#spec.table !== null ? { table: dialect.formatTableId(this.#spec.table, quoteIdentifiers) } : { query: this.#spec.query ?? '' };
    const result = await session.query(maxIncrementingStatement(from, quotedColumn));
    const max = result.rows[0]?.[0] ?? null;
    const now = this.#env.now();
    this.#observations.push({ at: now, max: max === null ? null : BigInt(typeof max === 'string' ? BigDecimal.fromString(max).toBigInt() : (max as number | bigint)) });
    const cutoff = now - this.#spec.incrementingDelayMs;
    let eligible = -1;
    for (let i = 0; i < this.#observations.length; i++) if (this.#observations[i].at <= cutoff) eligible = i;
    if (eligible < 0) return null;
    this.#observations = this.#observations.slice(eligible);
    return this.#observations[0].max;
  }

  async #parameters(session: DbSession, statement: CriteriaStatement, upperBound: bigint | null): Promise<DbParam[]> {
    let end: Instant | null = null;
    if (statement.parameters.includes('endTimestamp')) {
      const now = await session.currentTimestamp();
      end = instantOf(now.epochMs - this.#spec.timestampDelayMs);
    }
    return statement.parameters.map((parameter): DbParam => {
      switch (parameter) {
        case 'beginTimestamp':
          return this.#timestampParameter(this.#offset.timestampOrInitial());
        case 'endTimestamp':
          return this.#timestampParameter(end as Instant);
        case 'lastIncrementing':
          return this.#offset.incrementingOrInitial();
        case 'incrementingUpperBound':
          return upperBound;
      }
    });
  }

  /**
   * Timestamps are bound as wall-clock text in db.timezone (JDBC's setTimestamp with a calendar).
   * For PostgreSQL the zone's offset is appended, which a `timestamp` comparison ignores and a
   * `timestamptz` comparison uses, as with the Java driver.
   */
  #timestampParameter(instant: Instant): string {
    const { zone } = this.#env.typeOptions;
    const text = formatWallClock(instant, zone);
    return this.#env.typeOptions.dialect === 'PostgreSqlDatabaseDialect' ? text + formatOffset(instant.millis, zone) : text;
  }

  /** COALESCE of the configured timestamp columns, each found in the result case-sensitively, else case-insensitively. */
  #timestampColumnsReader(mapping: SchemaMapping): (row: readonly DbValue[]) => Instant | null {
    const fields = mapping.schema.fields().map((f) => f.name());
    const readers = this.#spec.timestampColumns.map((column) => {
      let name = column;
      if (!fields.includes(column)) {
        const matches = fields.filter((f) => f.toLowerCase() === column.toLowerCase());
        if (matches.length === 0) throw new DataException(`Timestamp column ${column} not found in ${fields.join(',')}`);
        if (matches.length > 1) {
          throw new DataException(
            `Timestamp column ${column} not found in columns read from database: ${fields.join(',')}. Could not fall back to case-insensitively selecting a column because there were multiple columns whose names case-insensitively matched the specified name: ${matches.join(',')}. To force the connector to choose between these columns, specify a value for the timestamp column configuration property that matches the desired column case-sensitively.`,
          );
        }
        name = matches[0];
      }
      const reader = mapping.instantReader(name);
      if (reader === null) throw new DataException(`Timestamp column ${name} of ${this.name} is not a DATE or TIMESTAMP column`);
      return reader;
    });
    return (row) => {
      for (const reader of readers) {
        const instant = reader(row);
        if (instant !== null) return instant;
      }
      return null;
    };
  }

  async #nextBatch(): Promise<DbValue[][] | null> {
    if (this.#exhausted || this.#batches === null) return null;
    const next = await this.#batches.next();
    if (next.done === true) {
      this.#exhausted = true;
      return null;
    }
    return next.value;
  }

  #emit(row: DbValue[], records: SourceRecord[]): void {
    const mapping = this.#mapping as SchemaMapping;
    const struct = mapping.toStruct(row);
    switch (this.#spec.mode) {
      case 'bulk':
        records.push(this.#record(struct, null));
        return;
      case 'timestamp': {
        const timestamp = (this.#timestampReader as (row: readonly DbValue[]) => Instant | null)(row);
        const held = this.#held;
        this.#held = { struct, timestamp };
        if (held === null) return;
        // The offset only moves to a timestamp once every row with it has been read (PR #1093).
        if (held.timestamp === null || timestamp === null || compareInstants(held.timestamp, timestamp) < 0) {
          this.#offset = new TimestampIncrementingOffset(held.timestamp, null);
        }
        records.push(this.#record(held.struct, this.#offset));
        return;
      }
      default: {
        const timestamp = this.#timestampReader === null ? null : this.#timestampReader(row);
        const incrementing = this.#incrementingColumn === null ? null : incrementingValue(struct, this.#incrementingColumn);
        this.#offset = new TimestampIncrementingOffset(timestamp, incrementing);
        records.push(this.#record(struct, this.#offset));
      }
    }
  }

  #record(struct: Struct, offset: TimestampIncrementingOffset | null): SourceRecord {
    return new SourceRecord({
      sourcePartition: this.#spec.partition,
      sourceOffset: offset === null ? null : offset.toMap(),
      topic: this.#spec.topic,
      valueSchema: struct.schema(),
      value: struct,
    });
  }

  async #closeStream(): Promise<void> {
    const stream = this.#stream;
    this.#stream = null;
    this.#batches = null;
    if (stream !== null) await stream.close();
  }
}

/** The incrementing column's value as a long (TimestampIncrementingCriteria.extractOffsetIncrementedId). */
export function incrementingValue(struct: Struct, column: string): bigint {
  const schema = struct.schema();
  const field = schema.field(column);
  if (field === null) {
    throw new DataException(`Incrementing column ${column} not found in ${schema.fields().map((f) => f.name()).join(',')}`);
  }
  const value = struct.get(field);
  const fieldSchema = field.schema();
  if (value === null || value === undefined) throw new ConnectError(`Null value for incrementing column of type: ${fieldSchema.type()}`);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && ['INT8', 'INT16', 'INT32'].includes(fieldSchema.type())) return BigInt(value);
  if (fieldSchema.name() === Decimal.LOGICAL_NAME && value instanceof BigDecimal) {
    if (value.compareTo(new BigDecimal(LONG_MAX)) > 0) throw new ConnectError('Decimal value for incrementing column exceeded Long.MAX_VALUE');
    if (value.scale() !== 0) throw new ConnectError('Scale of Decimal value for incrementing column must be 0');
    return value.longValue();
  }
  throw new ConnectError(`Invalid type for incrementing column: ${fieldSchema.type()}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareText(a, b);
}
