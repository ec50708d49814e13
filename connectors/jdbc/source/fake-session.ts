/** A scripted DbSession for the source's unit tests: records statements, serves rows, fails on demand. */
import { MYSQL_DIALECT, POSTGRES_DIALECT } from '../common/dialects.js';
import type { ColumnDefinition, DbParam, DbSession, DbValue, Dialect, IsolationLevel, QueryResult, RowStream, TableId } from '../common/db.js';

export function column(name: string, jdbcType: ColumnDefinition['jdbcType'], overrides: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return {
    name,
    jdbcType,
    typeName: jdbcType.toLowerCase(),
    precision: 0,
    scale: 0,
    nullability: 'NO_NULLS',
    signed: true,
    autoIncrement: false,
    elementTypeName: null,
    ...overrides,
  };
}

export interface ServedRows {
  columns: ColumnDefinition[];
  rows: DbValue[][];
}

export class FakeSession implements DbSession {
  readonly dialect: Dialect;
  /** Every statement run, with its parameters. */
  readonly statements: Array<{ sql: string; params: readonly DbParam[]; kind: 'query' | 'stream' }> = [];
  readonly events: string[] = [];
  tables: Array<TableId & { type: string }> = [];
  columns = new Map<string, ColumnDefinition[]>();
  now = { epochMs: Date.UTC(2022, 7, 1, 12), nanos: 0 };
  /** Rows for a streamed statement. */
  serve: (sql: string, params: readonly DbParam[]) => ServedRows = () => ({ columns: [], rows: [] });
  answer: (sql: string, params: readonly DbParam[]) => QueryResult = () => ({ columns: [], rows: [], rowCount: 0 });
  /** Thrown by the next stream() or query(), then cleared. */
  failNext: Error | null = null;
  closed = false;
  isolation: IsolationLevel | null = null;

  constructor(dialect: 'postgres' | 'mysql' = 'postgres') {
    this.dialect = dialect === 'postgres' ? POSTGRES_DIALECT : MYSQL_DIALECT;
  }

  #takeFailure(): void {
    const failure = this.failNext;
    if (failure !== null) {
      this.failNext = null;
      throw failure;
    }
  }

  async query(sql: string, params: readonly DbParam[] = []): Promise<QueryResult> {
    this.statements.push({ sql, params, kind: 'query' });
    this.#takeFailure();
    return this.answer(sql, params);
  }

  stream(sql: string, params: readonly DbParam[], fetchSize: number): RowStream {
    this.statements.push({ sql, params, kind: 'stream' });
    const failure = this.failNext;
    this.failNext = null;
    const served = failure === null ? this.serve(sql, params) : null;
    let closed = false;
    const events = this.events;
    return {
      columns: async () => {
        if (failure !== null) throw failure;
        return (served as ServedRows).columns;
      },
      close: async () => {
        closed = true;
        events.push('close-stream');
      },
      async *[Symbol.asyncIterator]() {
        if (failure !== null) throw failure;
        const rows = (served as ServedRows).rows;
        for (let i = 0; i < rows.length && !closed; i += fetchSize) yield rows.slice(i, i + fetchSize);
      },
    };
  }

  async begin(): Promise<void> {
    this.events.push('begin');
  }
  async commit(): Promise<void> {
    this.events.push('commit');
  }
  async rollback(): Promise<void> {
    this.events.push('rollback');
  }
  async setIsolation(level: IsolationLevel): Promise<void> {
    this.isolation = level;
  }
  async currentTimestamp(): Promise<{ epochMs: number; nanos: number }> {
    this.events.push('now');
    return this.now;
  }
  async currentSchema(): Promise<string | null> {
    return 'public';
  }
  async currentCatalog(): Promise<string | null> {
    return 'test';
  }
  async listTables(): Promise<Array<TableId & { type: string }>> {
    this.#takeFailure();
    return this.tables;
  }
  async describeTable(id: TableId): Promise<ColumnDefinition[]> {
    return this.columns.get(id.table) ?? [];
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
