import { describe, expect, it } from 'vitest';
import { MYSQL_DIALECT, POSTGRES_DIALECT } from '../common/dialects.js';
import { criteriaStatement, maxIncrementingStatement } from './criteria-sql.js';

const pgTable = `SELECT * FROM ${POSTGRES_DIALECT.formatTableId({ catalog: null, schema: 'public', table: 'orders' }, true)}`;
const q = (name: string): string => POSTGRES_DIALECT.quoteIdentifier(name);

describe('generated SQL per mode (spec 1.3)', () => {
  it('bulk: the table or the query as is, then the suffix', () => {
    expect(criteriaStatement(pgTable, { incrementing: null, timestamps: [] }, '')).toEqual({ sql: 'SELECT * FROM "public"."orders"', parameters: [] });
    expect(criteriaStatement('SELECT a FROM t', { incrementing: null, timestamps: [] }, 'LIMIT 10').sql).toBe('SELECT a FROM t LIMIT 10');
  });

  it('incrementing', () => {
    expect(criteriaStatement(pgTable, { incrementing: q('id'), timestamps: [] }, '')).toEqual({
      sql: 'SELECT * FROM "public"."orders" WHERE "id" > ? ORDER BY "id" ASC',
      parameters: ['lastIncrementing'],
    });
  });

  it('timestamp, one column and several (COALESCE)', () => {
    expect(criteriaStatement(pgTable, { incrementing: null, timestamps: [q('updated_at')] }, '')).toEqual({
      sql: 'SELECT * FROM "public"."orders" WHERE "updated_at" > ? AND "updated_at" < ? ORDER BY "updated_at" ASC',
      parameters: ['beginTimestamp', 'endTimestamp'],
    });
    expect(criteriaStatement(pgTable, { incrementing: null, timestamps: [q('a'), q('b')] }, '').sql).toBe(
      'SELECT * FROM "public"."orders" WHERE COALESCE("a","b") > ? AND COALESCE("a","b") < ? ORDER BY COALESCE("a","b") ASC',
    );
  });

  it('timestamp+incrementing, exactly as the spec example', () => {
    expect(criteriaStatement(pgTable, { incrementing: q('id'), timestamps: [q('updated_at')] }, '')).toEqual({
      sql: 'SELECT * FROM "public"."orders" WHERE "updated_at" < ? AND (("updated_at" = ? AND "id" > ?) OR "updated_at" > ?) ORDER BY "updated_at","id" ASC',
      parameters: ['endTimestamp', 'beginTimestamp', 'lastIncrementing', 'beginTimestamp'],
    });
  });

  it('MySQL quoting, unquoted identifiers, query mode and the suffix', () => {
    const table = `SELECT * FROM ${MYSQL_DIALECT.formatTableId({ catalog: 'shop', schema: null, table: 'orders' }, true)}`;
    expect(criteriaStatement(table, { incrementing: MYSQL_DIALECT.quoteIdentifier('id'), timestamps: [] }, 'LIMIT 100').sql).toBe(
      'SELECT * FROM `shop`.`orders` WHERE `id` > ? ORDER BY `id` ASC LIMIT 100',
    );
    expect(criteriaStatement('SELECT * FROM shop.orders', { incrementing: 'id', timestamps: ['ts'] }, '').sql).toBe(
      'SELECT * FROM shop.orders WHERE ts < ? AND ((ts = ? AND id > ?) OR ts > ?) ORDER BY ts,id ASC',
    );
  });

  it('Sluice incrementing delay: an upper bound and the max query', () => {
    expect(criteriaStatement(pgTable, { incrementing: q('id'), timestamps: [], incrementingUpperBound: true }, '')).toEqual({
      sql: 'SELECT * FROM "public"."orders" WHERE "id" > ? AND "id" <= ? ORDER BY "id" ASC',
      parameters: ['lastIncrementing', 'incrementingUpperBound'],
    });
    expect(maxIncrementingStatement({ table: '"public"."orders"' }, '"id"')).toBe('SELECT MAX("id") FROM "public"."orders"');
    expect(maxIncrementingStatement({ query: 'SELECT * FROM v' }, 'id')).toBe('SELECT MAX(id) FROM (SELECT * FROM v) sluice_rows');
  });
});
