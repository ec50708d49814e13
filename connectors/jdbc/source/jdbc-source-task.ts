/**
 * Confluent's io.confluent.connect.jdbc.source.JdbcSourceTask: one querier per assigned table (or
 * one for the query), taken in turn by last run time, each at most every poll.interval.ms; rows
 * stream from the database and poll() returns them in batches of batch.max.rows.
 */
import { ConfigException } from '../../../src/config/index.js';
import { ConnectError, type SourceTask, type SourceTaskContext } from '../../../src/connect/index.js';
import type { SourceMap, SourceRecord } from '../../../src/data/index.js';
import { offsetToJson } from '../../../src/runtime/offset-storage.js';
import { SLUICE_VERSION } from '../../../src/runtime/version.js';
import type { Logger } from '../../../src/util/logger.js';
import { closeQuietly, openDbSession, type JdbcPluginOptions, type SessionOpener } from '../common/connect.js';
import { DbError, type ColumnDefinition, type DbSession, type Dialect, type TableId } from '../common/db.js';
import { redactJdbcUrl } from '../common/jdbc-url.js';
import { jdbcLogger } from '../common/package-logger.js';
import { ColumnMappings } from './column-mappings.js';
import { queryPartition, tablePartitionV0, tablePartitionV1, TimestampIncrementingOffset } from './offsets.js';
import { parseTaskSettings, type Mode, type TaskSettings } from './source-settings.js';
import { TableQuerier } from './table-querier.js';
import { Wakeup } from './wakeup.js';

export type JdbcSourceTaskOptions = JdbcPluginOptions;

/** Longest a poll() waits for a querier to become due before returning nothing. */
const MAX_IDLE_WAIT_MS = 1000;
/** How long stop() waits for a running database call before closing the session under it. */
const STOP_GRACE_MS = 5000;

export class JdbcSourceTask implements SourceTask {
  static readonly CLASS_NAME = 'io.confluent.connect.jdbc.source.JdbcSourceTask';

  readonly #openSession: SessionOpener;
  readonly #logger: Logger;
  readonly #wakeup = new Wakeup();
  readonly #abort = new AbortController();
  #context: SourceTaskContext | null = null;
  #settings: TaskSettings | null = null;
  #session: DbSession | null = null;
  #queriers: TableQuerier[] = [];
  #stopping = false;
  #polling: Promise<SourceRecord[] | null> | null = null;

  constructor(options: JdbcSourceTaskOptions = {}) {
    this.#openSession = options.openSession ?? openDbSession;
    this.#logger = options.logger ?? jdbcLogger('source');
  }

  version(): string {
    return SLUICE_VERSION;
  }

  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  async start(config: Record<string, string>): Promise<void> {
    let settings: TaskSettings;
    try {
      settings = parseTaskSettings(config);
    } catch (err) {
      if (!(err instanceof ConfigException)) throw err;
      throw new ConfigException(`Couldn't start JdbcSourceTask due to configuration error: ${err.message}`, { cause: err });
    }
    this.#settings = settings;
    if (settings.tables.length === 0 && settings.query === null) {
      if (!settings.tablesFetched) {
        this.#logger.info('Started JDBC source task. Waiting for DB tables to be fetched.');
        return;
      }
      throw new ConfigException(
        'Task is being killed because it was not assigned a table nor a query to execute. If run in table mode please make sure that the tables exist on the database. ' +
          'If the table does exist on the database, we recommend using the fully qualified table name.',
      );
    }
    if (settings.tables.length > 0 && settings.query !== null) {
      throw new ConfigException('Invalid configuration: a JdbcSourceTask cannot have both a table and a query assigned to it');
    }
    if (settings.mode === '') throw new ConfigException('Query mode must be specified');
    const session = await this.#connect();
    try {
      await this.#applyIsolation(session);
      this.#queriers = await this.#createQueriers(session, settings, settings.mode);
    } catch (err) {
      await closeQuietly(session);
      this.#session = null;
      throw err;
    }
    this.#logger.info(`Started JDBC source task with ${this.#queriers.length} querier(s)`);
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.#stopping) return null;
    if (this.#queriers.length === 0) {
      await this.#wakeup.wait(MAX_IDLE_WAIT_MS);
      return null;
    }
    const polling = this.#pollOnce(this.#settings as TaskSettings);
    this.#polling = polling;
    try {
      return await polling;
    } finally {
      this.#polling = null;
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#abort.abort();
    this.#wakeup.wake();
    const polling = this.#polling;
    if (polling !== null) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([polling.catch(() => null), new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    }
    const session = this.#session;
    this.#session = null;
    for (const querier of this.#queriers) await querier.reset(session, Date.now(), true, true);
    await closeQuietly(session);
  }

  async #pollOnce(settings: TaskSettings): Promise<SourceRecord[] | null> {
    while (!this.#stopping) {
      this.#queriers.sort((a, b) => a.compareTo(b));
      const querier = this.#queriers[0];
      if (!querier.querying) {
        const wait = querier.lastUpdate + settings.pollIntervalMs - Date.now();
        if (wait > 0) {
          await this.#wakeup.wait(Math.min(wait, MAX_IDLE_WAIT_MS));
          return null;
        }
      }
      let session: DbSession | null = this.#session;
      try {
        session = await this.#connectedSession();
        const { records, done } = await querier.read(session, settings.batchMaxRows);
        if (done) await querier.finish(session, Date.now());
        if (this.#stopping) return null;
        if (records.length > 0) return records;
      } catch (err) {
        if (this.#stopping) return null;
        await this.#handleError(querier, session, err, settings);
        return null;
      }
    }
    return null;
  }

  /**
   * Confluent's error handling: a transient SQL error is retried (from where the query got to)
   * at the querier's next turn, up to query.retry.attempts; anything else fails the task.
   */
  async #handleError(querier: TableQuerier, session: DbSession | null, err: unknown, settings: TaskSettings): Promise<void> {
    if (!(err instanceof DbError)) {
      await this.#abandonSession(querier);
      if (err instanceof ConnectError || err instanceof ConfigException) throw err;
      throw new ConnectError(`Error while processing table querier for ${querier.name}: ${(err as Error).message}`, 500, { cause: err });
    }
    if (!err.transient) {
      await this.#abandonSession(querier);
      throw new ConnectError(`Non-transient SQL exception while running query for table: ${querier.name}: ${err.message}`, 500, { cause: err });
    }
    const max = settings.queryRetryAttempts;
    this.#logger.error({ err }, `SQL exception while running query for table: ${querier.name}. Attempting retry ${querier.retries + 1} of ${max} attempts.`);
    await querier.reset(session, Date.now(), false);
    // A lost connection leaves the session closed, as does closing a MySQL stream before its end:
    // the next poll opens another and the query runs again from the offset reached.
    if (session !== null && session.isClosed()) {
      if (this.#session === session) this.#session = null;
      await closeQuietly(session);
    }
    if (max > 0 && querier.retries + 1 >= max) throw new ConnectError(`Failed to query table after retries: ${err.message}`, 500, { cause: err });
    querier.retries++;
  }

  /** The task is failing: drop the querier's query with the session, which is not asked for anything more. */
  async #abandonSession(querier: TableQuerier): Promise<void> {
    const session = this.#session;
    this.#session = null;
    await querier.reset(session, Date.now(), true, true);
    await closeQuietly(session);
  }

  async #connect(): Promise<DbSession> {
    const settings = this.#settings as TaskSettings;
    try {
      this.#session = await this.#openSession(settings.connection, { signal: this.#abort.signal, logger: this.#logger });
    } catch (err) {
      if (err instanceof DbError) {
        throw new ConnectError(`Could not connect to the database at ${redactJdbcUrl(settings.connection.url)}: ${err.message}`, 500, { cause: err });
      }
      throw err;
    }
    return this.#session;
  }

  async #connectedSession(): Promise<DbSession> {
    if (this.#session !== null && !this.#session.isClosed()) return this.#session;
    await closeQuietly(this.#session);
    this.#session = null;
    const session = await this.#connect();
    await this.#applyIsolation(session);
    return session;
  }

  async #applyIsolation(session: DbSession): Promise<void> {
    const level = (this.#settings as TaskSettings).isolation;
    if (level === null) return;
    if (level === 'SQL_SERVER_SNAPSHOT') {
      this.#logger.warn('Transaction isolation mode SQL_SERVER_SNAPSHOT is only supported with SQL Server; ignoring it');
      return;
    }
    try {
      await session.setIsolation(level);
    } catch (err) {
      this.#logger.warn({ err }, `Transaction isolation mode ${level} could not be set; using the database default`);
    }
  }

  async #createQueriers(session: DbSession, settings: TaskSettings, mode: Mode): Promise<TableQuerier[]> {
    const dialect = session.dialect;
    const tables = settings.tables.map((name) => parseTableName(dialect, name, settings.quoteIdentifiers));
    const mappings = new ColumnMappings(settings, dialect);
    mappings.validate(tables);
    const incremental = mode !== 'bulk';
    if (settings.query === null && incremental) await this.#checkColumns(session, settings, tables, mappings, mode);
    const env = {
      dialect,
      quoteIdentifiers: settings.quoteIdentifiers,
      typeOptions: { dialect: dialect.name, numericMapping: settings.numericMapping, granularity: settings.granularity, zone: settings.zone, calendar: settings.calendar },
      fetchSize: Math.max(1, settings.batchMaxRows),
      logger: this.#logger,
      now: () => Date.now(),
    };
    const targets: Array<TableId | null> = settings.query === null ? tables : [null];
    const offsets = incremental ? await this.#storedOffsets(targets, dialect) : new Map<TableId | null, TimestampIncrementingOffset>();
    const queriers: TableQuerier[] = [];
    for (const table of targets) {
      const columns = mappings.columnsFor(table);
      const offset = offsets.get(table) ?? (incremental ? await this.#initialOffset(session, settings) : TimestampIncrementingOffset.EMPTY);
      queriers.push(
        new TableQuerier(
          {
            mode,
            table,
            query: settings.query,
            queryMasked: settings.queryMasked,
            topic: table === null ? settings.topicPrefix : settings.topicPrefix + table.table,
            partition: partitionOf(table, incremental, dialect),
            incrementingColumn: columns.incrementing,
            timestampColumns: columns.timestamps,
            offset,
            suffix: settings.querySuffix,
            timestampDelayMs: settings.timestampDelayMs,
            incrementingDelayMs: settings.incrementingDelayMs,
          },
          env,
        ),
      );
    }
    return queriers;
  }

  /** The offset stored under the protocol 1 partition, else under the legacy protocol 0 one. */
  async #storedOffsets(targets: ReadonlyArray<TableId | null>, dialect: Dialect): Promise<Map<TableId | null, TimestampIncrementingOffset>> {
    const context = this.#context;
    if (context === null) throw new ConnectError('JdbcSourceTask started without initialize()');
    const candidates = new Map<TableId | null, SourceMap[]>();
    for (const table of targets) {
      candidates.set(table, table === null ? [queryPartition()] : [tablePartitionV1(dialect.fqn(table)), tablePartitionV0(table.table)]);
    }
    const found = await context.offsetStorageReader().offsets([...candidates.values()].flat());
    const result = new Map<TableId | null, TimestampIncrementingOffset>();
    for (const [table, partitions] of candidates) {
      for (const partition of partitions) {
        const offset = found.get(partition);
        if (offset !== null && offset !== undefined) {
          this.#logger.info(`Found offset ${offsetToJson(offset)} for partition ${JSON.stringify(partition)}`);
          result.set(table, TimestampIncrementingOffset.fromMap(offset));
          break;
        }
      }
    }
    return result;
  }

  async #initialOffset(session: DbSession, settings: TaskSettings): Promise<TimestampIncrementingOffset> {
    const initial = settings.timestampInitial;
    if (initial === null) return TimestampIncrementingOffset.EMPTY;
    let millis = initial;
    if (initial === -1) {
      try {
        millis = (await session.currentTimestamp()).epochMs;
      } catch (err) {
        throw new ConnectError('Error while getting initial timestamp from database', 500, { cause: err });
      }
    }
    return TimestampIncrementingOffset.fromMap({ timestamp: millis });
  }

  /** The configured offset columns must exist and, with validate.non.null, be NOT NULL. */
  async #checkColumns(session: DbSession, settings: TaskSettings, tables: readonly TableId[], mappings: ColumnMappings, mode: Mode): Promise<void> {
    for (const table of tables) {
      const name = session.dialect.formatTableId(table, settings.quoteIdentifiers);
      const { incrementing, timestamps } = mappings.columnsFor(table);
      let definitions: ColumnDefinition[];
      try {
        definitions = await session.describeTable(table);
      } catch (err) {
        throw new ConnectError('Failed trying to validate that columns used for offsets exist', 500, { cause: err });
      }
      if (definitions.length === 0) throw new ConfigException(`Table '${name}' does not exist in the database (or has no columns the connection user can see)`);
      const byName = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
      const usesIncrementing = mode === 'incrementing' || mode === 'timestamp+incrementing';
      const usesTimestamps = mode === 'timestamp' || mode === 'timestamp+incrementing';
      if (usesIncrementing && incrementing !== '' && !byName.has(incrementing.toLowerCase())) {
        throw new ConfigException(`Incrementing column: ${incrementing} does not exist in table '${name}'`);
      }
      if (usesTimestamps && timestamps.length > 0) {
        const missing = timestamps.filter((c) => !byName.has(c.toLowerCase()));
        if (missing.length > 0) throw new ConfigException(`Timestamp columns: ${missing.join(', ')} do not exist in table '${name}'`);
      }
      if (!settings.validateNonNull) continue;
      const optional = (column: string): boolean => byName.get(column.toLowerCase())?.nullability !== 'NO_NULLS';
      if (usesIncrementing && incrementing !== '' && optional(incrementing)) {
        throw new ConnectError(`Cannot make incremental queries using incrementing column ${incrementing} on ${name} because this column is nullable.`);
      }
      if (usesTimestamps && timestamps.every(optional)) {
        throw new ConnectError(`Cannot make incremental queries using timestamp columns ${timestamps.join(',')} on ${name} because all of these columns are nullable.`);
      }
    }
  }
}

/**
 * A table name from the task config. With quote.sql.identifiers=never Confluent's PostgreSQL
 * dialect lower-cases it, as PostgreSQL folds unquoted names.
 */
export function parseTableName(dialect: Dialect, name: string, quoteIdentifiers: boolean): TableId {
  const id = dialect.parseTableId(name);
  if (!quoteIdentifiers && dialect.name === 'PostgreSqlDatabaseDialect') return { ...id, table: id.table.toLowerCase() };
  return id;
}

function partitionOf(table: TableId | null, incremental: boolean, dialect: Dialect): SourceMap {
  if (table === null) return queryPartition();
  return incremental ? tablePartitionV1(dialect.fqn(table)) : tablePartitionV0(table.table);
}
