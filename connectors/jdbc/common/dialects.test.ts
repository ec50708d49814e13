import { describe, expect, it } from 'vitest';
import { dialectFor, MYSQL_DIALECT, POSTGRES_DIALECT } from './dialects.js';

describe('PostgreSQL dialect', () => {
  const d = POSTGRES_DIALECT;

  it('quotes with double quotes, doubling embedded ones', () => {
    expect(d.identifierQuote).toBe('"');
    expect(d.quoteIdentifier('orders')).toBe('"orders"');
    expect(d.quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('formats table ids quoted or not, skipping missing parts', () => {
    const id = { catalog: null, schema: 'public', table: 'Orders' };
    expect(d.formatTableId(id, true)).toBe('"public"."Orders"');
    expect(d.formatTableId(id, false)).toBe('public.Orders');
    expect(d.formatTableId({ catalog: null, schema: null, table: 't' }, true)).toBe('"t"');
    expect(d.formatTableId({ catalog: 'db', schema: 's', table: 't' }, true)).toBe('"db"."s"."t"');
  });

  it('uses schema.table as the FQN', () => {
    expect(d.fqn({ catalog: null, schema: 'public', table: 'orders' })).toBe('public.orders');
    expect(d.fqn({ catalog: 'db', schema: 'public', table: 'orders' })).toBe('public.orders');
    expect(d.fqn({ catalog: null, schema: null, table: 'orders' })).toBe('orders');
  });

  it('parses names: one part is a table, two are schema.table, three catalog.schema.table', () => {
    expect(d.parseTableId('orders')).toEqual({ catalog: null, schema: null, table: 'orders' });
    expect(d.parseTableId('public.orders')).toEqual({ catalog: null, schema: 'public', table: 'orders' });
    expect(d.parseTableId('db.public.orders')).toEqual({ catalog: 'db', schema: 'public', table: 'orders' });
  });

  it('parses quoted parts with dots, spaces and doubled quotes inside', () => {
    expect(d.parseTableId('"My Schema"."a.b"')).toEqual({ catalog: null, schema: 'My Schema', table: 'a.b' });
    expect(d.parseTableId('"we""ird".t')).toEqual({ catalog: null, schema: 'we"ird', table: 't' });
    expect(d.parseTableId(' public . orders ')).toEqual({ catalog: null, schema: 'public', table: 'orders' });
    const id = { catalog: null, schema: 's.x', table: 'q"t' };
    expect(d.parseTableId(d.formatTableId(id, true))).toEqual(id);
  });

  it('rejects empty parts, unterminated quotes and more than three parts', () => {
    expect(() => d.parseTableId('a..b')).toThrow(/empty identifier/);
    expect(() => d.parseTableId('"abc')).toThrow(/unterminated/);
    expect(() => d.parseTableId('a.b.c.d')).toThrow(/at most catalog.schema.table/);
  });
});

describe('MySQL dialect', () => {
  const d = MYSQL_DIALECT;

  it('quotes with backticks, doubling embedded ones', () => {
    expect(d.identifierQuote).toBe('`');
    expect(d.quoteIdentifier('a`b')).toBe('`a``b`');
  });

  it('uses catalog.table for two-part names, ids and FQNs', () => {
    const id = d.parseTableId('shop.orders');
    expect(id).toEqual({ catalog: 'shop', schema: null, table: 'orders' });
    expect(d.formatTableId(id, true)).toBe('`shop`.`orders`');
    expect(d.fqn(id)).toBe('shop.orders');
    expect(d.parseTableId('`my.db`.`t``x`')).toEqual({ catalog: 'my.db', schema: null, table: 't`x' });
  });

  it('treats double quotes as ordinary characters', () => {
    expect(d.parseTableId('"a"')).toEqual({ catalog: null, schema: null, table: '"a"' });
  });
});

describe('dialectFor', () => {
  it('returns the dialect object for a name', () => {
    expect(dialectFor('PostgreSqlDatabaseDialect')).toBe(POSTGRES_DIALECT);
    expect(dialectFor('MySqlDatabaseDialect')).toBe(MYSQL_DIALECT);
    expect(POSTGRES_DIALECT.name).toBe('PostgreSqlDatabaseDialect');
  });
});
