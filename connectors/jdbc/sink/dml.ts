/**
 * The sink's INSERT / upsert / UPDATE / DELETE text per dialect (connectors-spec.md 2.5), with `?`
 * placeholders. A one-row statement is exactly Confluent's; the multi-row forms repeat the VALUES
 * row (or the key list of a DELETE) so that a batch is a few statements rather than one per record.
 */
import type { DialectName } from '../common/db.js';

/** How names and placeholders are written for one table. */
export interface TableSql {
  readonly dialect: DialectName;
  /** The table as written in SQL (quoted or not). */
  readonly table: string;
  /** A column name as written in SQL. */
  column(name: string): string;
  /** PostgreSQL's `::json`, `::jsonb` or `::uuid` for a column of that type, else ''. */
  cast(name: string): string;
}

/**
 * A statement whose `rowTemplate` repeats once per row: `head + row,row,... + tail`. `single` is
 * the one-row text (Confluent's exact statement).
 */
export class RowStatement {
  readonly #texts = new Map<number, string>();

  constructor(
    readonly head: string,
    readonly rowTemplate: string,
    readonly separator: string,
    readonly tail: string,
    readonly paramsPerRow: number,
    readonly single: string,
    /** False for statements that must run one row at a time (UPDATE). */
    readonly multiRow: boolean,
  ) {}

  /** The text for `rows` rows; the few distinct row counts of a task are cached. */
  sql(rows: number): string {
    if (rows === 1) return this.single;
    let text = this.#texts.get(rows);
    if (text === undefined) {
      text = this.head + this.rowTemplate + (this.separator + this.rowTemplate).repeat(rows - 1) + this.tail;
      if (this.#texts.size > 16) this.#texts.clear();
      this.#texts.set(rows, text);
    }
    return text;
  }
}

const placeholders = (t: TableSql, names: readonly string[]): string => names.map((n) => `?${t.cast(n)}`).join(',');
const columnList = (t: TableSql, names: readonly string[]): string => names.map((n) => t.column(n)).join(',');

export function insertStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): RowStatement {
  const all = [...keys, ...nonKeys];
  if (t.dialect === 'PostgreSqlDatabaseDialect') {
    const head = `INSERT INTO ${t.table} (${columnList(t, all)}) VALUES `;
    const row = `(${placeholders(t, all)})`;
    return new RowStatement(head, row, ',', '', all.length, head + row, true);
  }
  const head = `INSERT INTO ${t.table}(${columnList(t, all)}) VALUES`;
  const row = `(${all.map(() => '?').join(',')})`;
  return new RowStatement(head, row, ',', '', all.length, head + row, true);
}

export function upsertStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): RowStatement {
  const all = [...keys, ...nonKeys];
  if (t.dialect === 'PostgreSqlDatabaseDialect') {
    const head = `INSERT INTO ${t.table} (${columnList(t, all)}) VALUES `;
    const row = `(${placeholders(t, all)})`;
    const onConflict =
      nonKeys.length === 0
        ? ` ON CONFLICT (${columnList(t, keys)}) DO NOTHING`
        : ` ON CONFLICT (${columnList(t, keys)}) DO UPDATE SET ${nonKeys.map((n) => `${t.column(n)}=EXCLUDED.${t.column(n)}`).join(',')}`;
    return new RowStatement(head, row, ',', onConflict, all.length, head + row + onConflict, true);
  }
  const head = `insert into ${t.table}(${columnList(t, all)}) values`;
  const row = `(${all.map(() => '?').join(',')})`;
  const updated = nonKeys.length === 0 ? keys : nonKeys;
  const tail = ` on duplicate key update ${updated.map((n) => `${t.column(n)}=values(${t.column(n)})`).join(',')}`;
  return new RowStatement(head, row, ',', tail, all.length, head + row + tail, true);
}

/** UPDATE by key: placeholders are the non-key values, then the key values. Runs row by row. */
export function updateStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): RowStatement {
  const set = nonKeys.map((n) => `${t.column(n)} = ?${t.cast(n)}`).join(', ');
  const where = keys.length === 0 ? '' : ` WHERE ${keys.map((n) => `${t.column(n)} = ?`).join(' AND ')}`;
  const sql = `UPDATE ${t.table} SET ${set}${where}`;
  return new RowStatement(sql, '', '', '', keys.length + nonKeys.length, sql, false);
}

/** DELETE by key; several rows become `k IN (?,?)` or `(k1,k2) IN ((?,?),(?,?))`. */
export function deleteStatement(t: TableSql, keys: readonly string[]): RowStatement {
  const single = `DELETE FROM ${t.table}${keys.length === 0 ? '' : ` WHERE ${keys.map((n) => `${t.column(n)} = ?`).join(' AND ')}`}`;
  if (keys.length === 0) return new RowStatement(single, '', '', '', 0, single, false);
  if (keys.length === 1) {
    return new RowStatement(`DELETE FROM ${t.table} WHERE ${t.column(keys[0] as string)} IN (`, '?', ',', ')', 1, single, true);
  }
  return new RowStatement(`DELETE FROM ${t.table} WHERE (${columnList(t, keys)}) IN (`, `(${keys.map(() => '?').join(',')})`, ',', ')', keys.length, single, true);
}
