/**
 * Writes a collection of records in one transaction (Confluent's JdbcDbWriter): records grouped
 * into a buffer per destination table, every buffer flushed, then one commit; any error rolls back.
 * Holds the task's session (opened on first use, and again after close()).
 */
import { ConnectError } from '../../../src/connect/index.js';
import type { SinkRecord } from '../../../src/data/index.js';
import type { Logger } from '../../../src/util/logger.js';
import type { SessionOpener } from '../common/connect.js';
import { DbError, type DbSession, type TableId } from '../common/db.js';
import type { DdlContext } from './ddl.js';
import type { TableSql } from './dml.js';
import type { JdbcSinkSettings } from './sink-config.js';
import { postgresCast, postgresElementType, TableBuffer } from './table-buffer.js';
import { TableDefinitions, tableKey, type TableDefinition } from './table-definitions.js';
import { TableStructure } from './table-structure.js';

/** Opening a session failed (after `connection.attempts`); `transient` when the server may come back. */
export class ConnectionFailure extends ConnectError {
  constructor(
    message: string,
    readonly transient: boolean,
    options: { cause: unknown },
  ) {
    super(message, 500, options);
  }
}

export class JdbcWriter {
  #session: DbSession | null = null;
  #defaultSchema: string | null = null;
  #defaultCatalog: string | null = null;
  readonly #definitions: TableDefinitions;
  readonly #structure: TableStructure;
  /** Destination table per topic (table.name.format applied and parsed). */
  readonly #tables = new Map<string, TableId>();
  readonly #tableKeys = new Map<string, string>();

  constructor(
    private readonly settings: JdbcSinkSettings,
    private readonly open: SessionOpener,
    private readonly logger: Logger,
  ) {
    this.#definitions = new TableDefinitions(settings.tableTypes);
    this.#structure = new TableStructure(settings, this.#definitions, logger, (session, statements) => this.#applyDdl(session, statements));
  }

  /** The open session; opens one (with connection.attempts) when there is none. */
  async session(): Promise<DbSession> {
    if (this.#session !== null && !this.#session.isClosed()) return this.#session;
    await this.close();
    let session: DbSession;
    try {
      session = await this.open(this.settings.connection, { logger: this.logger });
    } catch (err) {
      throw new ConnectionFailure(`Could not connect to database: ${(err as Error).message}`, err instanceof DbError && err.transient, { cause: err });
    }
    const mysql = session.dialect.name === 'MySqlDatabaseDialect';
    this.#defaultSchema = mysql ? null : await session.currentSchema();
    this.#defaultCatalog = mysql ? await session.currentCatalog() : null;
    this.#session = session;
    this.logger.info({ dialect: session.dialect.name }, 'JDBC sink connected');
    return session;
  }

  async write(records: readonly SinkRecord[]): Promise<void> {
    const session = await this.session();
    await session.begin();
    try {
      const buffers = new Map<string, TableBuffer>();
      const byTopic = new Map<string, TableBuffer>();
      for (const record of records) {
        const topic = record.topic();
        let buffer = byTopic.get(topic);
        if (buffer === undefined) {
          // Topics may share a table (table.name.format without ${topic}): one buffer per table.
          const id = this.destinationTable(session, topic);
          const key = this.#tableKeys.get(topic) ?? tableKey(id);
          this.#tableKeys.set(topic, key);
          buffer = buffers.get(key) ?? new TableBuffer(this.#tableContext(session, id));
          buffers.set(key, buffer);
          byTopic.set(topic, buffer);
        }
        await buffer.add(record);
      }
      for (const buffer of buffers.values()) await buffer.flush();
      await session.commit();
    } catch (err) {
      // A rollback also undoes this put's CREATE/ALTER in PostgreSQL: read the tables again.
      this.#definitions.clear();
      if (!session.isClosed()) await session.rollback().catch((rollbackError: unknown) => this.logger.warn({ err: rollbackError }, 'Failed to roll back transaction'));
      throw err;
    }
  }

  /** Closes the session and forgets cached table metadata; the next write reconnects. */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = null;
    this.#definitions.clear();
    if (session !== null) await session.close().catch((err: unknown) => this.logger.warn({ err }, 'Ignoring error closing connection'));
  }

  destinationTable(session: DbSession, topic: string): TableId {
    const cached = this.#tables.get(topic);
    if (cached !== undefined) return cached;
    const name = this.settings.tableNameFormat.replaceAll('${topic}', topic);
    if (name === '') throw new ConnectError(`Destination table name for topic '${topic}' is empty using the format string '${this.settings.tableNameFormat}'`);
    const parsed = session.dialect.parseTableId(name);
    const id: TableId = { catalog: parsed.catalog ?? this.#defaultCatalog, schema: parsed.schema ?? this.#defaultSchema, table: parsed.table };
    this.#tables.set(topic, id);
    return id;
  }

  #tableContext(session: DbSession, id: TableId): ConstructorParameters<typeof TableBuffer>[0] {
    const { settings } = this;
    const dialect = session.dialect;
    const quote = settings.quoteIdentifiers;
    const column = (name: string): string => (quote ? dialect.quoteIdentifier(name) : name);
    const table = dialect.formatTableId(id, quote);
    const ddl: DdlContext = { dialect: dialect.name, table, column, timestampFields: settings.timestampFields, dbZone: settings.dbZone, dateZone: settings.dateZone };
    const pg = dialect.name === 'PostgreSqlDatabaseDialect';
    return {
      session,
      settings,
      structure: this.#structure,
      id,
      ddl,
      sqlFor: (definition: TableDefinition): TableSql => ({
        dialect: dialect.name,
        table,
        column,
        cast: pg ? (name) => postgresCast(definition.columns.get(name)) : () => '',
        elementType: pg ? (name) => postgresElementType(definition.columns.get(name)) : () => null,
      }),
    };
  }

  /** MySQL commits implicitly around DDL; the rest of the put then needs a transaction again. */
  async #applyDdl(session: DbSession, statements: readonly string[]): Promise<void> {
    for (const sql of statements) await session.query(sql);
    if (session.dialect.name === 'MySqlDatabaseDialect') await session.begin();
  }
}
