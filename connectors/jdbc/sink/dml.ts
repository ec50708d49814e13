/**
 * The sink's INSERT / upsert / UPDATE / DELETE text per dialect (connectors-spec.md 2.5), with `?`
 * placeholders. A one-row statement is exactly Confluent's. Several rows become one statement:
 * MySQL repeats the VALUES row (or the key list of a DELETE); PostgreSQL takes one array per column
 * and reads the rows with `unnest`, since parsing a VALUES list of thousands of placeholders costs
 * the server more than the inserts themselves (about 3x the rows/s at 3,000 rows per statement).
 */
import type { DbParam, DialectName } from '../common/db.js';
import { postgresArrayLiteral } from './pg-array-literal.js';

/** How names and placeholders are written for one table. */
export interface TableSql {
  readonly dialect: DialectName;
  /** The table as written in SQL (quoted or not). */
  readonly table: string;
  /** A column name as written in SQL. */
  column(name: string): string;
  /** PostgreSQL's `::json`, `::jsonb` or `::uuid` for a column of that type, else ''. */
  cast(name: string): string;
  /**
   * PostgreSQL: the column's type name for an array parameter (`int8` → `?::int8[]`), or null when
   * the column cannot travel in an array (array columns, unknown or unusual types).
   */
  elementType(name: string): string | null;
}

/** A statement for one or more rows of `paramsPerRow` parameters each, taken row after row. */
export interface WriteStatement {
  readonly paramsPerRow: number;
  /** False for statements that must run one row at a time. */
  readonly multiRow: boolean;
  /** Whether the parameter count limits the rows per statement (false when rows travel in arrays). */
  readonly paramsPerRowLimit: boolean;
  sql(rows: number): string;
  /** The statement's parameters for `rows` rows of row-major `params` starting at row `start`. */
  params(params: DbParam[], start: number, rows: number): DbParam[];
}

function rowSlice(params: DbParam[], start: number, rows: number, perRow: number): DbParam[] {
  return start === 0 && rows * perRow === params.length ? params : params.slice(start * perRow, (start + rows) * perRow);
}

/** `head + row,row,... + tail`; `single` is the one-row text. */
export class RowStatement implements WriteStatement {
  readonly #texts = new Map<number, string>();
  readonly paramsPerRowLimit = true;

  constructor(
    readonly head: string,
    readonly rowTemplate: string,
    readonly separator: string,
    readonly tail: string,
    readonly paramsPerRow: number,
    readonly single: string,
    readonly multiRow: boolean,
  ) {}

  /** The text for `rows` rows; the few distinct row counts of a task are cached. */
  sql(rows: number): string {
    if (rows === 1 || !this.multiRow) return this.single;
    let text = this.#texts.get(rows);
    if (text === undefined) {
      text = this.head + this.rowTemplate + (this.separator + this.rowTemplate).repeat(rows - 1) + this.tail;
      if (this.#texts.size > 16) this.#texts.clear();
      this.#texts.set(rows, text);
    }
    return text;
  }

  params(params: DbParam[], start: number, rows: number): DbParam[] {
    return rowSlice(params, start, rows, this.paramsPerRow);
  }
}

/** Several rows as one array literal per column (PostgreSQL); one row as Confluent's statement. */
export class ColumnarStatement implements WriteStatement {
  readonly multiRow = true;
  readonly paramsPerRowLimit = false;

  constructor(
    readonly columnar: string,
    readonly single: string,
    readonly paramsPerRow: number,
  ) {}

  sql(rows: number): string {
    return rows === 1 ? this.single : this.columnar;
  }

  params(params: DbParam[], start: number, rows: number): DbParam[] {
    const perRow = this.paramsPerRow;
    if (rows === 1) return rowSlice(params, start, rows, perRow);
    const columns: DbParam[] = [];
    const column = new Array<DbParam>(rows);
    for (let c = 0; c < perRow; c++) {
      for (let r = 0, i = start * perRow + c; r < rows; r++, i += perRow) column[r] = params[i] as DbParam;
      columns.push(postgresArrayLiteral(column));
    }
    return columns;
  }
}

const placeholders = (t: TableSql, names: readonly string[]): string => names.map((n) => `?${t.cast(n)}`).join(',');
const columnList = (t: TableSql, names: readonly string[]): string => names.map((n) => t.column(n)).join(',');
const isPostgres = (t: TableSql): boolean => t.dialect === 'PostgreSqlDatabaseDialect';

/** `unnest(?::int8[],?::text[])` for the columns, or null when one of them cannot be an array. */
function unnest(t: TableSql, names: readonly string[]): string | null {
  const types = names.map((n) => t.elementType(n));
  if (types.some((type) => type === null)) return null;
  return `unnest(${types.map((type) => `?::${type as string}[]`).join(',')})`;
}

export function insertStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): WriteStatement {
  const all = [...keys, ...nonKeys];
  if (isPostgres(t)) {
    const head = `INSERT INTO ${t.table} (${columnList(t, all)})`;
    const row = `(${placeholders(t, all)})`;
    const arrays = unnest(t, all);
    if (arrays !== null) return new ColumnarStatement(`${head} SELECT * FROM ${arrays}`, `${head} VALUES ${row}`, all.length);
    return new RowStatement(`${head} VALUES `, row, ',', '', all.length, `${head} VALUES ${row}`, true);
  }
  const head = `INSERT INTO ${t.table}(${columnList(t, all)}) VALUES`;
  const row = `(${all.map(() => '?').join(',')})`;
  return new RowStatement(head, row, ',', '', all.length, head + row, true);
}

export function upsertStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): WriteStatement {
  const all = [...keys, ...nonKeys];
  if (isPostgres(t)) {
    const head = `INSERT INTO ${t.table} (${columnList(t, all)})`;
    const row = `(${placeholders(t, all)})`;
    const onConflict =
      nonKeys.length === 0
        ? ` ON CONFLICT (${columnList(t, keys)}) DO NOTHING`
        : ` ON CONFLICT (${columnList(t, keys)}) DO UPDATE SET ${nonKeys.map((n) => `${t.column(n)}=EXCLUDED.${t.column(n)}`).join(',')}`;
    const single = `${head} VALUES ${row}${onConflict}`;
    const arrays = unnest(t, all);
    if (arrays !== null) return new ColumnarStatement(`${head} SELECT * FROM ${arrays}${onConflict}`, single, all.length);
    return new RowStatement(`${head} VALUES `, row, ',', onConflict, all.length, single, true);
  }
  const head = `insert into ${t.table}(${columnList(t, all)}) values`;
  const row = `(${all.map(() => '?').join(',')})`;
  const updated = nonKeys.length === 0 ? keys : nonKeys;
  const tail = ` on duplicate key update ${updated.map((n) => `${t.column(n)}=values(${t.column(n)})`).join(',')}`;
  return new RowStatement(head, row, ',', tail, all.length, head + row + tail, true);
}

/**
 * UPDATE by key: placeholders are the non-key values, then the key values. Row by row, except in
 * PostgreSQL with key columns, where `UPDATE ... FROM unnest(...)` updates many rows at once.
 */
export function updateStatement(t: TableSql, keys: readonly string[], nonKeys: readonly string[]): WriteStatement {
  const set = nonKeys.map((n) => `${t.column(n)} = ?${t.cast(n)}`).join(', ');
  const where = keys.length === 0 ? '' : ` WHERE ${keys.map((n) => `${t.column(n)} = ?`).join(' AND ')}`;
  const single = `UPDATE ${t.table} SET ${set}${where}`;
  const all = [...nonKeys, ...keys];
  const arrays = isPostgres(t) && keys.length > 0 ? unnest(t, all) : null;
  if (arrays !== null) {
    const alias = all.map((_, i) => `c${i}`);
    const columnar =
      `UPDATE ${t.table} SET ${nonKeys.map((n, i) => `${t.column(n)} = v.c${i}`).join(', ')} ` +
      `FROM (SELECT * FROM ${arrays}) AS v(${alias.join(',')}) ` +
      `WHERE ${keys.map((n, i) => `${t.table}.${t.column(n)} = v.c${nonKeys.length + i}`).join(' AND ')}`;
    return new ColumnarStatement(columnar, single, all.length);
  }
  return new RowStatement(single, '', '', '', all.length, single, false);
}

/** DELETE by key; several rows become `k = ANY(?::t[])`, `(k1,k2) IN (SELECT * FROM unnest(...))` or an IN list. */
export function deleteStatement(t: TableSql, keys: readonly string[]): WriteStatement {
  const single = `DELETE FROM ${t.table}${keys.length === 0 ? '' : ` WHERE ${keys.map((n) => `${t.column(n)} = ?`).join(' AND ')}`}`;
  if (keys.length === 0) return new RowStatement(single, '', '', '', 0, single, false);
  if (isPostgres(t)) {
    const types = keys.map((n) => t.elementType(n));
    if (keys.length === 1 && types[0] !== null) return new ColumnarStatement(`DELETE FROM ${t.table} WHERE ${t.column(keys[0] as string)} = ANY(?::${types[0] as string}[])`, single, 1);
    const arrays = unnest(t, keys);
    if (arrays !== null) return new ColumnarStatement(`DELETE FROM ${t.table} WHERE (${columnList(t, keys)}) IN (SELECT * FROM ${arrays})`, single, keys.length);
  }
  if (keys.length === 1) {
    return new RowStatement(`DELETE FROM ${t.table} WHERE ${t.column(keys[0] as string)} IN (`, '?', ',', ')', 1, single, true);
  }
  return new RowStatement(`DELETE FROM ${t.table} WHERE (${columnList(t, keys)}) IN (`, `(${keys.map(() => '?').join(',')})`, ',', ')', keys.length, single, true);
}
