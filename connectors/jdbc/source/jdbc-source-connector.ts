/**
 * Confluent's io.confluent.connect.jdbc.JdbcSourceConnector: watches the database's tables and
 * spreads the matching ones over at most tasks.max tasks (one task for a custom query).
 */
import { ConfigException, type ConfigDef, type ConfigValue } from '../../../src/config/index.js';
import { ConnectError, type SourceConnector, type SourceConnectorContext, type TaskClass, type TaskConfig } from '../../../src/connect/index.js';
import { SLUICE_VERSION } from '../../../src/runtime/version.js';
import type { Logger } from '../../../src/util/logger.js';
import { closeQuietly, openDbSession, type JdbcPluginOptions, type SessionOpener } from '../common/connect.js';
import type { DbSession } from '../common/db.js';
import { jdbcLogger } from '../common/package-logger.js';
import { JdbcSourceTask } from './jdbc-source-task.js';
import { SOURCE_CONFIG_DEF, TABLES, TABLES_FETCHED } from './source-config.js';
import { parseSourceSettings, type SourceSettings } from './source-settings.js';
import { validateSourceConfig } from './source-validation.js';
import { groupPartitions } from './table-filter.js';
import { TableMonitor } from './table-monitor.js';

export type JdbcSourceConnectorOptions = JdbcPluginOptions;

export class JdbcSourceConnector implements SourceConnector {
  static readonly CLASS_NAME = 'io.confluent.connect.jdbc.JdbcSourceConnector';
  readonly kind = 'source';
  readonly #openSession: SessionOpener;
  readonly #logger: Logger;
  #context: SourceConnectorContext | null = null;
  #config: Record<string, string> = {};
  #settings: SourceSettings | null = null;
  #session: DbSession | null = null;
  #monitor: TableMonitor | null = null;

  constructor(options: JdbcSourceConnectorOptions = {}) {
    this.#openSession = options.openSession ?? openDbSession;
    this.#logger = options.logger ?? jdbcLogger('source');
  }

  version(): string {
    return SLUICE_VERSION;
  }

  config(): ConfigDef {
    return SOURCE_CONFIG_DEF;
  }

  validate(config: Record<string, string>): Promise<ConfigValue[]> {
    return validateSourceConfig(config, this.#openSession, this.#logger);
  }

  initialize(context: SourceConnectorContext): void {
    this.#context = context;
  }

  async start(config: Record<string, string>): Promise<void> {
    this.#logger.info('Starting JDBC Source Connector');
    let settings: SourceSettings;
    try {
      settings = parseSourceSettings(config);
    } catch (err) {
      if (!(err instanceof ConfigException)) throw err;
      throw new ConnectError(`Couldn't start JdbcSourceConnector due to configuration error: ${err.message}`, 500, { cause: err });
    }
    const filtersSet = settings.whitelist.length > 0 || settings.blacklist.length > 0 || settings.includeList.length > 0 || settings.excludeList.length > 0;
    if (settings.query !== null && filtersSet) throw new ConnectError('query may not be combined with whole-table copying settings.');
    this.#config = { ...config };
    this.#settings = settings;
    try {
      this.#session = await this.#openSession(settings.connection, { logger: this.#logger });
    } catch (err) {
      throw new ConnectError(`Could not connect to the database: ${(err as Error).message}`, 500, { cause: err });
    }
    if (settings.query !== null) {
      // The query's task needs no table list; the start-up connection only proved the database is there.
      await closeQuietly(this.#session);
      this.#session = null;
      return;
    }
    const context = this.#context;
    if (context === null) throw new ConnectError('JdbcSourceConnector started without initialize()');
    this.#monitor = new TableMonitor(settings, this.#openSession, context, this.#logger, this.#session);
    this.#session = null;
    this.#monitor.start();
  }

  taskClass(): TaskClass<JdbcSourceTask> {
    return { className: JdbcSourceTask.CLASS_NAME, create: () => new JdbcSourceTask() };
  }

  async taskConfigs(maxTasks: number): Promise<TaskConfig[]> {
    const settings = this.#settings;
    if (settings === null) throw new ConnectError('JdbcSourceConnector.taskConfigs called before start()');
    const withTables = (tables: string, fetched: boolean): TaskConfig => ({ ...this.#config, [TABLES]: tables, [TABLES_FETCHED]: String(fetched) });
    if (settings.query !== null) return [withTables('', true)];
    const monitor = this.#monitor as TableMonitor;
    const tables = await monitor.tables();
    if (tables === null) return [withTables('', false)];
    if (tables.length === 0) {
      this.#logger.warn("No tables were found so there's no work to be done.");
      return [withTables('', true)];
    }
    const dialect = monitor.dialect();
    const groups = groupPartitions(tables, Math.min(tables.length, Math.max(1, maxTasks)));
    return groups.map((group) => withTables(group.map((t) => dialect.formatTableId(t, settings.quoteIdentifiers)).join(','), true));
  }

  async stop(): Promise<void> {
    await this.#monitor?.stop();
    this.#monitor = null;
    await closeQuietly(this.#session);
    this.#session = null;
  }
}
