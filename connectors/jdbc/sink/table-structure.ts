/**
 * Makes a destination table fit the records: CREATE when missing (`auto.create`), ALTER ... ADD for
 * missing nullable columns (`auto.evolve`), or the errors Confluent's DbStructure raises.
 */
import { ConnectError } from '../../../src/connect/index.js';
import type { Logger } from '../../../src/util/logger.js';
import type { DbSession, TableId } from '../common/db.js';
import { alterTableStatements, createTableStatement, type DdlContext } from './ddl.js';
import { describeField, type FieldsMetadata, type SinkField } from './fields-metadata.js';
import type { JdbcSinkSettings } from './sink-config.js';
import { describeTableId, type TableDefinition, type TableDefinitions } from './table-definitions.js';

/** A table could not be created or altered to take the records (TableAlterOrCreateException). */
export class TableAlterOrCreateError extends ConnectError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 500, options);
    this.name = 'io.confluent.connect.jdbc.sink.TableAlterOrCreateException';
  }
}

const CAPITALIZED: Record<string, string> = { TABLE: 'Table', VIEW: 'View', 'PARTITIONED TABLE': 'Partitioned Table' };

export class TableStructure {
  constructor(
    private readonly settings: Pick<JdbcSinkSettings, 'autoCreate' | 'autoEvolve' | 'maxRetries'>,
    private readonly definitions: TableDefinitions,
    private readonly logger: Logger,
    /** Runs DDL on the session (MySQL then restarts the transaction its implicit commit ended). */
    private readonly applyDdl: (session: DbSession, statements: readonly string[]) => Promise<void>,
  ) {}

  /** Ensures the table exists and has a column for every field; returns its definition. */
  async createOrAmend(session: DbSession, id: TableId, ddl: DdlContext, fields: FieldsMetadata): Promise<TableDefinition> {
    let definition = await this.definitions.get(session, id);
    if (definition === null) {
      if (!this.settings.autoCreate) throw new TableAlterOrCreateError(`Table ${describeTableId(id)} is missing and auto-creation is disabled`);
      const sql = createTableStatement(ddl, fields.allFields.values());
      this.logger.info({ sql }, 'Creating table');
      try {
        await this.applyDdl(session, [sql]);
      } catch (err) {
        // Another task may have created it meanwhile.
        this.logger.warn({ err }, 'Create failed, will attempt amend if table already exists');
        if ((await this.definitions.refresh(session, id).catch(() => null)) === null) throw err;
      }
      definition = await this.definitions.refresh(session, id);
      if (definition === null) throw new TableAlterOrCreateError(`Table ${describeTableId(id)} was created but cannot be found with the configured table.types`);
    }
    return this.#amend(session, id, ddl, fields, definition, this.settings.maxRetries);
  }

  async #amend(session: DbSession, id: TableId, ddl: DdlContext, fields: FieldsMetadata, definition: TableDefinition, retriesLeft: number): Promise<TableDefinition> {
    const missing = missingFields([...fields.allFields.values()], definition);
    if (missing.length === 0) return definition;
    const described = missing.map(describeField).join(', ');
    const capitalized = CAPITALIZED[definition.type] ?? definition.type;
    if (definition.type !== 'TABLE') {
      throw new TableAlterOrCreateError(`${capitalized} ${describeTableId(id)} is missing fields ([${described}]) and ALTER ${definition.type} is unsupported`);
    }
    for (const field of missing) {
      if (!(field.schema.isOptional() && !field.isPrimaryKey) && field.schema.defaultValue() === null) {
        throw new TableAlterOrCreateError(`Cannot ALTER ${definition.type} ${describeTableId(id)} to add missing field ${describeField(field)}, as the field is not optional and does not have a default value`);
      }
    }
    if (!this.settings.autoEvolve) {
      throw new TableAlterOrCreateError(`${capitalized} ${describeTableId(id)} is missing fields ([${described}]) and auto-evolution is disabled`);
    }
    const statements = alterTableStatements(ddl, missing);
    this.logger.info({ sql: statements, retriesLeft }, `Amending ${definition.type} to add missing fields`);
    try {
      await this.applyDdl(session, statements);
    } catch (err) {
      if (retriesLeft <= 0) throw new TableAlterOrCreateError(`Failed to amend ${definition.type} '${describeTableId(id)}' to add missing fields: [${described}]`, { cause: err });
      this.logger.warn({ err }, 'Amend failed, re-attempting');
      const refreshed = await this.definitions.refresh(session, id);
      if (refreshed === null) throw err;
      return this.#amend(session, id, ddl, fields, refreshed, retriesLeft - 1);
    }
    const refreshed = await this.definitions.refresh(session, id);
    if (refreshed === null) throw new TableAlterOrCreateError(`Table ${describeTableId(id)} disappeared while it was altered`);
    return refreshed;
  }
}

/** Fields with no column of the same name, exactly or ignoring case. */
export function missingFields(fields: readonly SinkField[], definition: TableDefinition): SinkField[] {
  const exactMissing = fields.filter((f) => !definition.columns.has(f.name));
  if (exactMissing.length === 0) return exactMissing;
  const lower = new Set([...definition.columns.keys()].map((c) => c.toLowerCase()));
  return exactMissing.filter((f) => !lower.has(f.name.toLowerCase()));
}
