/**
 * The connector's table watcher (TableMonitorThread): lists the tables every
 * table.poll.interval.ms, applies the filters and asks for a task reconfiguration when the list
 * changed. A failed listing is logged and retried at the next interval; duplicate table names
 * fail the connector.
 */
import { ConnectError, type ConnectorContext } from '../../../src/connect/index.js';
import type { Logger } from '../../../src/util/logger.js';
import { closeQuietly, type SessionOpener } from '../common/connect.js';
import { DbError, type DbSession, type Dialect, type TableId } from '../common/db.js';
import type { SourceSettings } from './source-settings.js';
import { checkDuplicateNames, filterTables, sameTables } from './table-filter.js';
import { Wakeup } from './wakeup.js';

export class TableMonitor {
  readonly #settings: SourceSettings;
  readonly #openSession: SessionOpener;
  readonly #context: ConnectorContext;
  readonly #logger: Logger;
  readonly #wakeup = new Wakeup();
  readonly #tablesRead = new Wakeup();
  #session: DbSession | null;
  #dialect: Dialect | null = null;
  #tables: TableId[] | null = null;
  #stopped = false;
  #failed = false;
  #loop: Promise<void> | null = null;

  /** @param session an open session to start with (the connector's start-up connection), or null */
  constructor(settings: SourceSettings, openSession: SessionOpener, context: ConnectorContext, logger: Logger, session: DbSession | null) {
    this.#settings = settings;
    this.#openSession = openSession;
    this.#context = context;
    this.#logger = logger;
    this.#session = session;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /**
   * The filtered tables, waiting up to table.monitoring.startup.polling.limit.ms for the first
   * listing; null when there is none yet.
   */
  async tables(): Promise<TableId[] | null> {
    const deadline = Date.now() + this.#settings.startupPollingLimitMs;
    while (this.#tables === null && !this.#stopped && !this.#failed && Date.now() < deadline) {
      await this.#tablesRead.wait(deadline - Date.now());
    }
    const tables = this.#tables;
    if (tables === null) {
      this.#logger.warn('The connector has not been able to read the list of tables from the database yet.');
      return null;
    }
    try {
      if (this.#dialect !== null) checkDuplicateNames(tables, this.#settings, this.#dialect);
    } catch (err) {
      throw this.#fail(err);
    }
    if (tables.length === 0) this.#logger.info('Based on the supplied filtering rules, there are no matching tables to read data.');
    return tables;
  }

  /** The dialect of the database listed; known once tables() returned a list. */
  dialect(): Dialect {
    if (this.#dialect === null) throw new ConnectError('No table list has been read yet');
    return this.#dialect;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeup.wake();
    this.#tablesRead.wake();
    await this.#loop;
    await closeQuietly(this.#session);
    this.#session = null;
  }

  async #run(): Promise<void> {
    this.#logger.info('Starting to monitor tables.');
    while (!this.#stopped) {
      try {
        if (await this.#update()) {
          this.#logger.info('Table changes detected, requesting task reconfiguration');
          if (!this.#stopped) this.#context.requestTaskReconfiguration();
        }
      } catch (err) {
        this.#fail(err);
        return;
      }
      await this.#wakeup.wait(this.#settings.tablePollIntervalMs);
    }
  }

  async #update(): Promise<boolean> {
    let all: TableId[];
    let session: DbSession;
    try {
      session = await this.#dialectSession();
      all = await session.listTables({ catalogPattern: this.#settings.catalogPattern, schemaPattern: this.#settings.schemaPattern, types: this.#settings.tableTypes });
    } catch (err) {
      if (!(err instanceof DbError)) throw err;
      this.#logger.error({ err }, 'Error while trying to get updated table list, ignoring and waiting for next table poll interval');
      await closeQuietly(this.#session);
      this.#session = null;
      return false;
    }
    if (this.#stopped) return false;
    this.#dialect = session.dialect;
    const filtered = filterTables(
      all.map(({ catalog, schema, table }) => ({ catalog, schema, table })),
      this.#settings,
      session.dialect,
    );
    const prior = this.#tables;
    this.#tables = filtered;
    this.#tablesRead.wake();
    const changed = !sameTables(prior, filtered);
    if (changed) this.#logger.info(`Filtered tables: ${filtered.map((t) => session.dialect.fqn(t)).join(', ') || '(none)'}`);
    return changed;
  }

  async #dialectSession(): Promise<DbSession> {
    if (this.#session === null || this.#session.isClosed()) {
      await closeQuietly(this.#session);
      this.#session = await this.#openSession(this.#settings.connection);
    }
    return this.#session;
  }

  #fail(err: unknown): Error {
    const error = new ConnectError('Encountered an unrecoverable error while reading tables from the database', 500, { cause: err });
    this.#logger.error({ err }, error.message);
    if (!this.#failed) {
      this.#failed = true;
      this.#stopped = true;
      this.#wakeup.wake();
      this.#context.raiseError(error);
    }
    return error;
  }
}
