/**
 * The SQL of each mode (TimestampIncrementingCriteria.whereClause and the queriers), character for
 * character: `SELECT * FROM T` or the user's query, the criteria, then ` <query.suffix>`.
 */

export interface CriteriaColumns {
  /** The quoted incrementing column, or null. */
  incrementing: string | null;
  /** The quoted timestamp columns (several are combined with COALESCE). */
  timestamps: readonly string[];
  /** Sluice's incrementing delay: an upper bound on the incrementing column too. */
  incrementingUpperBound?: boolean;
}

/** Which values a statement binds, in order. */
export type CriteriaParameter = 'beginTimestamp' | 'endTimestamp' | 'lastIncrementing' | 'incrementingUpperBound';

export interface CriteriaStatement {
  sql: string;
  parameters: CriteriaParameter[];
}

export function timestampExpression(timestamps: readonly string[]): string {
  return timestamps.length === 1 ? timestamps[0] : `COALESCE(${timestamps.join(',')})`;
}

export function criteriaStatement(base: string, columns: CriteriaColumns, suffix: string): CriteriaStatement {
  const inc = columns.incrementing;
  const hasTimestamps = columns.timestamps.length > 0;
  let sql = base;
  let parameters: CriteriaParameter[] = [];
  if (hasTimestamps && inc !== null) {
    const ts = timestampExpression(columns.timestamps);
    sql += ` WHERE ${ts} < ? AND ((${ts} = ? AND ${inc} > ?) OR ${ts} > ?) ORDER BY ${ts},${inc} ASC`;
    parameters = ['endTimestamp', 'beginTimestamp', 'lastIncrementing', 'beginTimestamp'];
  } else if (hasTimestamps) {
    const ts = timestampExpression(columns.timestamps);
    sql += ` WHERE ${ts} > ? AND ${ts} < ? ORDER BY ${ts} ASC`;
    parameters = ['beginTimestamp', 'endTimestamp'];
  } else if (inc !== null && columns.incrementingUpperBound === true) {
    sql += ` WHERE ${inc} > ? AND ${inc} <= ? ORDER BY ${inc} ASC`;
    parameters = ['lastIncrementing', 'incrementingUpperBound'];
  } else if (inc !== null) {
    sql += ` WHERE ${inc} > ? ORDER BY ${inc} ASC`;
    parameters = ['lastIncrementing'];
  }
  if (suffix !== '') sql += ` ${suffix}`;
  return { sql, parameters };
}

/** The largest incrementing value now visible (for Sluice's incrementing delay). */
export function maxIncrementingStatement(from: { table: string } | { query: string }, incrementing: string): string {
  return 'table' in from ? `SELECT MAX(${incrementing}) FROM ${from.table}` : `SELECT MAX(${incrementing}) FROM (${from.query}) sluice_rows`;
}
