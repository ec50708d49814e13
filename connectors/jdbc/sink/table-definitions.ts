/**
 * Destination tables as the database describes them (existence filtered by `table.types`, type,
 * columns), cached per task and refreshed after DDL (Confluent's TableDefinitions).
 */
import type { ColumnDefinition, DbSession, TableId } from '../common/db.js';
import type { TableType } from './sink-config.js';

export interface TableDefinition {
  /** The table as found (its name may differ in case from the configured one). */
  readonly id: TableId;
  readonly type: TableType;
  /** Columns by name, in ordinal order. */
  readonly columns: ReadonlyMap<string, ColumnDefinition>;
}

/** Confluent's TableId.toString: each present part double-quoted, joined by dots. */
export function describeTableId(id: TableId): string {
  return [id.catalog, id.schema, id.table]
    .filter((p): p is string => p !== null)
    .map((p) => `"${p}"`)
    .join('.');
}

export function tableKey(id: TableId): string {
  return `${id.catalog ?? ''}\u0000${id.schema ?? ''}\u0000${id.table}`;
}

export class TableDefinitions {
  readonly #cache = new Map<string, TableDefinition>();

  constructor(private readonly tableTypes: readonly TableType[]) {}

  /** The cached definition, else read from the database; null when the table does not exist. */
  async get(session: DbSession, id: TableId): Promise<TableDefinition | null> {
    return this.#cache.get(tableKey(id)) ?? this.refresh(session, id);
  }

  async refresh(session: DbSession, id: TableId): Promise<TableDefinition | null> {
    const found = await this.#find(session, id);
    if (found === null) {
      this.#cache.delete(tableKey(id));
      return null;
    }
    const columns = await session.describeTable(found);
    const definition: TableDefinition = { id: found, type: found.type, columns: new Map(columns.map((c) => [c.name, c])) };
    this.#cache.set(tableKey(id), definition);
    return definition;
  }

  clear(): void {
    this.#cache.clear();
  }

  /** The table among those of the allowed types: the exact name, else the only case-insensitive match. */
  async #find(session: DbSession, id: TableId): Promise<(TableId & { type: TableType }) | null> {
    const tables = await session.listTables({ catalogPattern: id.catalog, schemaPattern: id.schema, types: this.tableTypes });
    const inScope = tables.filter((t) => samePart(t.catalog, id.catalog) && samePart(t.schema, id.schema));
    const exact = inScope.find((t) => t.table === id.table);
    const lower = id.table.toLowerCase();
    const loose = inScope.filter((t) => t.table.toLowerCase() === lower);
    const match = exact ?? (loose.length === 1 ? loose[0] : undefined);
    if (match === undefined) return null;
    const type = (this.tableTypes.find((t) => t === match.type.toUpperCase()) ?? 'TABLE') as TableType;
    return { catalog: match.catalog, schema: match.schema, table: match.table, type };
  }
}

function samePart(actual: string | null, wanted: string | null): boolean {
  return wanted === null || actual === null || actual === wanted || actual.toLowerCase() === wanted.toLowerCase();
}
