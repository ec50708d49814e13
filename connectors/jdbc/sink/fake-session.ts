/**
 * An in-memory DbSession for the sink's unit tests: records every statement, keeps table metadata
 * that CREATE/ALTER statements update, and fails statements on demand.
 */
import type { ColumnDefinition, DbParam, DbSession, Dialect, DialectName, QueryResult, RowStream, TableId } from '../common/db.js';
import { DbError } from '../common/db.js';
import { dialectFor } from '../common/dialects.js';

export interface Statement {
  sql: string;
  params: readonly DbParam[];
}

export function column(name: string, typeName = 'text'): ColumnDefinition {
  return { name, jdbcType: 'VARCHAR', typeName, precision: 0, scale: 0, nullability: 'NULLABLE', signed: true, autoIncrement: false, elementTypeName: null };
}

export class FakeSession implements DbSession {
  readonly dialect: Dialect;
  readonly statements: Statement[] = [];
  /** Tables by name, with their columns. */
  readonly tables = new Map<string, { type: string; columns: ColumnDefinition[] }>();
  /** Throws the returned error for a statement, if any. */
  failWith: (sql: string, params: readonly DbParam[]) => DbError | null = () => null;
  closed = false;

  constructor(dialectName: DialectName = 'PostgreSqlDatabaseDialect') {
    this.dialect = dialectFor(dialectName);
  }

  /** The statements other than BEGIN/COMMIT/ROLLBACK. */
  get writes(): Statement[] {
    return this.statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(s.sql));
  }

  addTable(name: string, columns: ColumnDefinition[], type = 'TABLE'): this {
    this.tables.set(name, { type, columns });
    return this;
  }

  async query(sql: string, params: readonly DbParam[] = []): Promise<QueryResult> {
    if (this.closed) throw new DbError('This connection has been closed.', '08003', true);
    this.statements.push({ sql, params: [...params] });
    const failure = this.failWith(sql, params);
    if (failure !== null) throw failure;
    const create = /^CREATE TABLE [`"]?(?:[^`".]+[`"]?\.[`"]?)?([^`"( ]+)[`"]? \(/.exec(sql);
    if (create !== null) {
      const names = [...sql.matchAll(/^[`"]?([^`"\s]+)[`"]? [A-Z]/gm)].map((m) => m[1] as string).filter((n) => n !== 'PRIMARY');
      this.addTable(create[1] as string, names.map((n) => column(n)));
    }
    const alter = /^ALTER TABLE [`"]?(?:[^`".]+[`"]?\.[`"]?)?([^`" ]+)[`"]? /.exec(sql);
    if (alter !== null) {
      const table = this.tables.get(alter[1] as string);
      for (const m of sql.matchAll(/ADD [`"]?([^`"\s]+)[`"]? /g)) table?.columns.push(column(m[1] as string));
    }
    return { columns: [], rows: [], rowCount: 0 };
  }

  stream(): RowStream {
    throw new Error('not used by the sink');
  }

  async begin(): Promise<void> {
    await this.query('BEGIN');
  }

  async commit(): Promise<void> {
    await this.query('COMMIT');
  }

  async rollback(): Promise<void> {
    this.statements.push({ sql: 'ROLLBACK', params: [] });
  }

  async setIsolation(): Promise<void> {}

  async currentTimestamp(): Promise<{ epochMs: number; nanos: number }> {
    return { epochMs: Date.now(), nanos: 0 };
  }

  async currentSchema(): Promise<string | null> {
    return this.dialect.name === 'PostgreSqlDatabaseDialect' ? 'public' : null;
  }

  async currentCatalog(): Promise<string | null> {
    return this.dialect.name === 'MySqlDatabaseDialect' ? 'test' : null;
  }

  async listTables(filter: { types: readonly string[] }): Promise<Array<TableId & { type: string }>> {
    const pg = this.dialect.name === 'PostgreSqlDatabaseDialect';
    return [...this.tables.entries()]
      .filter(([, t]) => filter.types.includes(t.type))
      .map(([table, t]) => ({ catalog: pg ? null : 'test', schema: pg ? 'public' : null, table, type: t.type }));
  }

  async describeTable(id: TableId): Promise<ColumnDefinition[]> {
    return [...(this.tables.get(id.table)?.columns ?? [])];
  }

  async primaryKeyColumns(): Promise<string[]> {
    return [];
  }

  async maxIdentifierLength(): Promise<number> {
    return 63;
  }

  isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
