/**
 * The records of one `put` bound for one table (Confluent's BufferedRecords): flushed at
 * `batch.size`, when the key or value schema changes (statements re-prepared, DDL checked again),
 * before a write that follows a delete, and at the end of the `put`. A flush runs the writes as
 * multi-row statements, then the deletes.
 */
import { ConnectError } from '../../../src/connect/index.js';
import { schemaEquals, type Schema, type SinkRecord } from '../../../src/data/index.js';
import type { ColumnDefinition, DbParam, DbSession, TableId } from '../common/db.js';
import type { DdlContext } from './ddl.js';
import { deleteStatement, insertStatement, updateStatement, upsertStatement, type TableSql, type WriteStatement } from './dml.js';
import { extractFields } from './fields-metadata.js';
import { RowBinder } from './row-binder.js';
import type { JdbcSinkSettings } from './sink-config.js';
import { describeTableId, type TableDefinition } from './table-definitions.js';
import type { TableStructure } from './table-structure.js';

/** PostgreSQL's limit on bind parameters per statement (MySQL's prepared statements share it). */
export const MAX_PARAMS_PER_STATEMENT = 65_535;
/** VALUES lists are cut well below MySQL's default max_allowed_packet (16 MiB in MariaDB). */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/** What a buffer needs from the writer: the open session, the settings and the table's SQL names. */
export interface TableContext {
  readonly session: DbSession;
  readonly settings: JdbcSinkSettings;
  readonly structure: TableStructure;
  readonly id: TableId;
  /** Identifier quoting and DDL settings for this table; `cast` is filled from the definition. */
  ddl: DdlContext;
  sqlFor(definition: TableDefinition): TableSql;
}

interface Prepared {
  readonly binder: RowBinder;
  readonly write: WriteStatement;
  readonly delete: WriteStatement | null;
  /**
   * PostgreSQL refuses an ON CONFLICT DO UPDATE that meets the same key twice in one statement, and
   * an UPDATE ... FROM meeting a row twice takes either source row.
   */
  readonly dedupeKeys: boolean;
}

export class TableBuffer {
  #records: SinkRecord[] = [];
  #keySchema: Schema | null = null;
  #valueSchema: Schema | null = null;
  #prepared: Prepared | null = null;
  #deletesInBatch = false;

  constructor(private readonly ctx: TableContext) {}

  async add(record: SinkRecord): Promise<void> {
    const { deleteEnabled, batchSize } = this.ctx.settings;
    let schemaChanged = false;
    if (!schemaEquals(this.#keySchema, record.keySchema())) {
      this.#keySchema = record.keySchema();
      schemaChanged = true;
    }
    const valueSchema = record.valueSchema();
    if (valueSchema === null) {
      if (deleteEnabled) this.#deletesInBatch = true;
    } else if (schemaEquals(this.#valueSchema, valueSchema)) {
      // A write after a delete of the same key must not be reordered before it.
      if (deleteEnabled && this.#deletesInBatch) await this.flush();
    } else {
      this.#valueSchema = valueSchema;
      schemaChanged = true;
    }
    if (schemaChanged || this.#prepared === null) {
      await this.flush();
      this.#prepared = await this.#prepare(record.keySchema(), valueSchema ?? this.#valueSchema);
    }
    if (record.value() === null && deleteEnabled) this.#deletesInBatch = true;
    this.#records.push(record);
    if (this.#records.length >= batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#records.length === 0) return;
    const prepared = this.#prepared as Prepared;
    const records = this.#records;
    this.#records = [];
    this.#deletesInBatch = false;
    const writes: SinkRecord[] = [];
    const deletes: SinkRecord[] = [];
    for (const r of records) (r.value() === null && prepared.delete !== null ? deletes : writes).push(r);
    if (writes.length > 0) await this.#executeWrites(prepared, writes);
    if (deletes.length > 0 && prepared.delete !== null) await this.#executeDeletes(prepared, prepared.delete, deletes);
  }

  async #prepare(keySchema: Schema | null, valueSchema: Schema | null): Promise<Prepared> {
    const { settings, session, id } = this.ctx;
    const fields = extractFields(id.table, settings, keySchema, valueSchema);
    const definition = await this.ctx.structure.createOrAmend(session, id, this.ctx.ddl, fields);
    const sql = this.ctx.sqlFor(definition);
    const keys = fields.keyFieldNames;
    const nonKeys = fields.nonKeyFieldNames;
    let write: WriteStatement;
    switch (settings.insertMode) {
      case 'insert':
        write = insertStatement(sql, keys, nonKeys);
        break;
      case 'upsert':
        if (keys.length === 0) {
          throw new ConnectError(`Write to table '${describeTableId(id)}' in UPSERT mode requires key field names to be known, check the primary key configuration`);
        }
        write = upsertStatement(sql, keys, nonKeys);
        break;
      case 'update':
        write = updateStatement(sql, keys, nonKeys);
        break;
    }
    let del: WriteStatement | null = null;
    if (settings.deleteEnabled) {
      if (keys.length === 0) throw new ConnectError('Require primary keys to support delete');
      del = deleteStatement(sql, keys);
    }
    const binder = new RowBinder(session.dialect.name, settings, keySchema, valueSchema, fields);
    const dedupeKeys = session.dialect.name === 'PostgreSqlDatabaseDialect' && ((settings.insertMode === 'upsert' && nonKeys.length > 0) || (settings.insertMode === 'update' && write.multiRow));
    return { binder, write, delete: del, dedupeKeys };
  }

  async #executeWrites(prepared: Prepared, records: SinkRecord[]): Promise<void> {
    const { binder, write } = prepared;
    const perRow = write.paramsPerRow;
    const update = this.ctx.settings.insertMode === 'update';
    if (!write.multiRow) {
      for (const record of records) {
        const params = new Array<DbParam>(perRow);
        binder.keys(record, params, binder.nonKeys(record, params, 0));
        await this.ctx.session.query(write.sql(1), params);
      }
      return;
    }
    let params = new Array<DbParam>(records.length * perRow);
    let at = 0;
    // UPDATE takes the non-key values first, then the key; INSERT and upserts the key first.
    if (update) for (const record of records) at = binder.keys(record, params, binder.nonKeys(record, params, at));
    else for (const record of records) at = binder.nonKeys(record, params, binder.keys(record, params, at));
    let rows = records.length;
    if (prepared.dedupeKeys) ({ params, rows } = lastRowPerKey(params, rows, perRow, update ? perRow - binder.keyCount : 0, binder.keyCount));
    await this.#executeChunked(write, params, rows);
  }

  async #executeDeletes(prepared: Prepared, statement: WriteStatement, records: SinkRecord[]): Promise<void> {
    const { binder } = prepared;
    const perRow = binder.keyCount;
    const params = new Array<DbParam>(records.length * perRow);
    let at = 0;
    for (const record of records) at = binder.keys(record, params, at);
    await this.#executeChunked(statement, params, records.length);
  }

  /** Runs `rows` rows of `params` in as few statements as the parameter and size limits allow. */
  async #executeChunked(statement: WriteStatement, params: DbParam[], rows: number): Promise<void> {
    const perRow = statement.paramsPerRow;
    const maxRows = statement.paramsPerRowLimit ? Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / Math.max(1, perRow))) : rows;
    let row = 0;
    while (row < rows) {
      const end = statement.paramsPerRowLimit ? cutAtSize(params, perRow, row, Math.min(rows, row + maxRows)) : Math.min(rows, row + maxRows);
      await this.ctx.session.query(statement.sql(end - row), statement.params(params, row, end - row));
      row = end;
    }
  }
}

/** The end row (exclusive) keeping the statement under MAX_STATEMENT_BYTES, at least one row. */
function cutAtSize(params: readonly DbParam[], perRow: number, start: number, end: number): number {
  let bytes = 0;
  for (let row = start; row < end; row++) {
    for (let i = row * perRow, last = i + perRow; i < last; i++) {
      const p = params[i];
      bytes += typeof p === 'string' ? p.length : Buffer.isBuffer(p) ? p.length * 2 : 8;
    }
    if (bytes > MAX_STATEMENT_BYTES && row > start) return row;
  }
  return end;
}

/** Keeps the last row of each key (what running the rows one after another would leave). */
function lastRowPerKey(params: DbParam[], rows: number, perRow: number, keyAt: number, keyCount: number): { params: DbParam[]; rows: number } {
  const last = new Map<string, number>();
  for (let row = 0; row < rows; row++) last.set(keyText(params, row * perRow + keyAt, keyCount), row);
  if (last.size === rows) return { params, rows };
  const kept = [...last.values()].sort((a, b) => a - b);
  const out = new Array<DbParam>(kept.length * perRow);
  let at = 0;
  for (const row of kept) for (let i = row * perRow, end = i + perRow; i < end; i++) out[at++] = params[i] as DbParam;
  return { params: out, rows: kept.length };
}

function keyText(params: readonly DbParam[], from: number, count: number): string {
  let text = '';
  for (let i = from; i < from + count; i++) {
    const p = params[i];
    text += `${p === null ? 'n' : Buffer.isBuffer(p) ? `b${p.toString('hex')}` : typeof p === 'object' ? `a${JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}` : `${typeof p}${String(p)}`}\u0000`;
  }
  return text;
}

/** PostgreSQL casts placeholders for json, jsonb and uuid columns. */
export function postgresCast(column: ColumnDefinition | undefined): string {
  if (column === undefined) return '';
  const type = column.typeName.toLowerCase();
  return type === 'json' || type === 'jsonb' || type === 'uuid' ? `::${type}` : '';
}

/** A column type that can be an array element in a cast (`int8`, `text`, `jsonb`); null for array columns and names needing quotes. */
export function postgresElementType(column: ColumnDefinition | undefined): string | null {
  if (column === undefined) return null;
  const type = column.typeName;
  return /^[a-z_][a-z0-9_]*$/.test(type) && !type.startsWith('_') ? type : null;
}
