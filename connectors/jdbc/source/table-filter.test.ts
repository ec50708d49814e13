import { describe, expect, it } from 'vitest';
import { MYSQL_DIALECT, POSTGRES_DIALECT } from '../common/dialects.js';
import type { TableId } from '../common/db.js';
import { checkDuplicateNames, filterTables, groupPartitions, sameTables } from './table-filter.js';

const pg = (schema: string, table: string): TableId => ({ catalog: null, schema, table });
const none = { whitelist: [], blacklist: [], includeList: [], excludeList: [] };
const TABLES = [pg('public', 'orders'), pg('public', 'users'), pg('audit', 'log'), pg('public', 'orders_tmp')];
const names = (tables: TableId[]): string[] => tables.map((t) => POSTGRES_DIALECT.fqn(t));

describe('table filters', () => {
  it('whitelist matches the unquoted or quoted qualified name or the bare name', () => {
    expect(names(filterTables(TABLES, { ...none, whitelist: ['orders'] }, POSTGRES_DIALECT))).toEqual(['public.orders']);
    expect(names(filterTables(TABLES, { ...none, whitelist: ['public.users', '"audit"."log"'] }, POSTGRES_DIALECT))).toEqual(['public.users', 'audit.log']);
    expect(names(filterTables(TABLES, { ...none, whitelist: ['PUBLIC.USERS'] }, POSTGRES_DIALECT))).toEqual([]);
  });

  it('blacklist removes the same matches; no filter keeps all', () => {
    expect(names(filterTables(TABLES, { ...none, blacklist: ['log', 'public.orders_tmp'] }, POSTGRES_DIALECT))).toEqual(['public.orders', 'public.users']);
    expect(filterTables(TABLES, none, POSTGRES_DIALECT)).toHaveLength(4);
  });

  it('include/exclude regexes match the whole fully qualified name, case-sensitively', () => {
    expect(names(filterTables(TABLES, { ...none, includeList: ['public\\.orders.*'] }, POSTGRES_DIALECT))).toEqual(['public.orders', 'public.orders_tmp']);
    expect(names(filterTables(TABLES, { ...none, includeList: ['public\\..*'], excludeList: ['.*_tmp'] }, POSTGRES_DIALECT))).toEqual(['public.orders', 'public.users']);
    expect(names(filterTables(TABLES, { ...none, includeList: ['orders'] }, POSTGRES_DIALECT))).toEqual([]);
    expect(names(filterTables(TABLES, { ...none, includeList: ['Public\\..*'] }, POSTGRES_DIALECT))).toEqual([]);
    // Exclude list alone includes nothing (Confluent: an empty include set matches nothing).
    expect(filterTables(TABLES, { ...none, excludeList: ['x'] }, POSTGRES_DIALECT)).toEqual([]);
    const mysql = [{ catalog: 'shop', schema: null, table: 'orders' }];
    expect(filterTables(mysql, { ...none, includeList: ['shop\\.orders'] }, MYSQL_DIALECT)).toEqual(mysql);
  });

  it('fails on duplicate unqualified names', () => {
    expect(() => checkDuplicateNames([pg('a', 't'), pg('b', 't'), pg('a', 'u')], { ...none, whitelist: ['t'] }, POSTGRES_DIALECT)).toThrow(
      /duplicate unqualified table names.*'table.whitelist'.*\["a"."t", "b"."t"\]/s,
    );
    expect(() => checkDuplicateNames(TABLES, none, POSTGRES_DIALECT)).not.toThrow();
  });
});

describe('task split (ConnectorUtils.groupPartitions)', () => {
  it('contiguous groups, the first ones one longer', () => {
    expect(groupPartitions([1, 2, 3, 4, 5], 3)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupPartitions([1, 2], 2)).toEqual([[1], [2]]);
    expect(groupPartitions([1, 2, 3, 4, 5, 6, 7], 2)).toEqual([[1, 2, 3, 4], [5, 6, 7]]);
  });

  it('compares table lists', () => {
    expect(sameTables(null, null)).toBe(true);
    expect(sameTables(null, [])).toBe(false);
    expect(sameTables([pg('a', 'b')], [pg('a', 'b')])).toBe(true);
    expect(sameTables([pg('a', 'b')], [pg('a', 'c')])).toBe(false);
  });
});
