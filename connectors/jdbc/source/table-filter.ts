/**
 * Which listed tables the connector copies (TableMonitorThread's filters): the legacy exact-name
 * whitelist/blacklist, or the 10.9 regex include/exclude lists matched against `schema.table`.
 */
import { ConnectError } from '../../../src/connect/index.js';
import type { Dialect, TableId } from '../common/db.js';
import { fullMatchRegex } from './source-config.js';

export interface TableFilters {
  whitelist: readonly string[];
  blacklist: readonly string[];
  includeList: readonly string[];
  excludeList: readonly string[];
}

export function filterTables(tables: readonly TableId[], filters: TableFilters, dialect: Dialect): TableId[] {
  if (filters.includeList.length > 0 || filters.excludeList.length > 0) {
    const include = filters.includeList.map((r) => fullMatchRegex(r.trim()));
    const exclude = filters.excludeList.map((r) => fullMatchRegex(r.trim()));
    const seen = new Set<string>();
    return tables.filter((table) => {
      const name = dialect.fqn(table);
      if (seen.has(name)) return false;
      const keep = include.some((r) => r.test(name)) && !exclude.some((r) => r.test(name));
      if (keep) seen.add(name);
      return keep;
    });
  }
  // A table matches a legacy list by its unquoted or quoted qualified name, or its bare name.
  const named = (list: ReadonlySet<string>, table: TableId): boolean =>
    list.has(dialect.formatTableId(table, false)) || list.has(dialect.formatTableId(table, true)) || list.has(table.table);
  if (filters.whitelist.length > 0) {
    const whitelist = new Set(filters.whitelist);
    return tables.filter((table) => named(whitelist, table));
  }
  if (filters.blacklist.length > 0) {
    const blacklist = new Set(filters.blacklist);
    return tables.filter((table) => !named(blacklist, table));
  }
  return [...tables];
}

/**
 * Topics are named after the unqualified table name, so two tables with the same name in
 * different schemas would mix in one topic: Confluent refuses to start, and so do we.
 */
export function checkDuplicateNames(tables: readonly TableId[], filters: TableFilters, dialect: Dialect): void {
  const byName = new Map<string, TableId[]>();
  for (const table of tables) {
    const group = byName.get(table.table);
    if (group === undefined) byName.set(table.table, [table]);
    else group.push(table);
  }
  const duplicates = [...byName.values()].filter((group) => group.length > 1);
  if (duplicates.length === 0) return;
  const configText =
    filters.whitelist.length > 0 ? `'table.whitelist'` : filters.blacklist.length > 0 ? `'table.blacklist'` : `'table.whitelist' or 'table.blacklist'`;
  const listed = duplicates.map((group) => `[${group.map((t) => dialect.formatTableId(t, true)).join(', ')}]`).join(', ');
  throw new ConnectError(
    'The connector uses the unqualified table name as the topic name and has detected duplicate unqualified table names. ' +
      'This could lead to mixed data types in the topic and downstream processing errors. To prevent such processing errors, ' +
      'the JDBC Source connector fails to start when it detects duplicate table name configurations. ' +
      `Update the connector's ${configText} config to include exactly one table in each of the tables listed below.\n\t[${listed}]`,
  );
}

/** ConnectorUtils.groupPartitions: `count` contiguous groups, the first `size % count` one longer. */
export function groupPartitions<T>(elements: readonly T[], count: number): T[][] {
  if (count <= 0) throw new RangeError('Number of groups must be positive.');
  const perGroup = Math.floor(elements.length / count);
  const leftover = elements.length % count;
  const groups: T[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = perGroup + (i < leftover ? 1 : 0);
    groups.push(elements.slice(start, start + size));
    start += size;
  }
  return groups;
}

export function sameTables(a: readonly TableId[] | null, b: readonly TableId[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((t, i) => t.catalog === b[i].catalog && t.schema === b[i].schema && t.table === b[i].table);
}
