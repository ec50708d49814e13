import { describe, expect, it } from 'vitest';
import type { DialectName } from '../common/db.js';
import { deleteStatement, insertStatement, updateStatement, upsertStatement, type TableSql } from './dml.js';

function table(dialect: DialectName, casts: Record<string, string> = {}, quote = true, types: Record<string, string> = {}): TableSql {
  const q = dialect === 'PostgreSqlDatabaseDialect' ? '"' : '`';
  const column = (n: string): string => (quote ? `${q}${n}${q}` : n);
  return { dialect, table: column('orders'), column, cast: (n) => casts[n] ?? '', elementType: (n) => types[n] ?? null };
}

const TYPES = { id: 'int8', name: 'text', qty: 'int4', doc: 'jsonb', k: 'uuid' };

const PG = 'PostgreSqlDatabaseDialect';
const MY = 'MySqlDatabaseDialect';

describe('JDBC sink DML text', () => {
  it('PostgreSQL upsert is Confluent\'s ON CONFLICT statement (spec 2.5)', () => {
    expect(upsertStatement(table(PG), ['id'], ['name', 'qty']).sql(1)).toBe(
      'INSERT INTO "orders" ("id","name","qty") VALUES (?,?,?) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name","qty"=EXCLUDED."qty"',
    );
    expect(upsertStatement(table(PG), ['id'], []).sql(1)).toBe('INSERT INTO "orders" ("id") VALUES (?) ON CONFLICT ("id") DO NOTHING');
  });

  it('MySQL upsert is the lower-case on duplicate key update statement (spec 2.5)', () => {
    expect(upsertStatement(table(MY), ['id'], ['name', 'qty']).sql(1)).toBe(
      'insert into `orders`(`id`,`name`,`qty`) values(?,?,?) on duplicate key update `name`=values(`name`),`qty`=values(`qty`)',
    );
    expect(upsertStatement(table(MY), ['id'], []).sql(1)).toBe('insert into `orders`(`id`) values(?) on duplicate key update `id`=values(`id`)');
  });

  it('INSERT differs in spacing per dialect; PostgreSQL casts json, jsonb and uuid placeholders', () => {
    expect(insertStatement(table(MY), ['id'], ['doc']).sql(1)).toBe('INSERT INTO `orders`(`id`,`doc`) VALUES(?,?)');
    expect(insertStatement(table(PG, { id: '::uuid', doc: '::jsonb' }), ['id'], ['doc', 'n']).sql(1)).toBe('INSERT INTO "orders" ("id","doc","n") VALUES (?::uuid,?::jsonb,?)');
  });

  it('PostgreSQL writes several rows as one array per column through unnest', () => {
    const t = table(PG, { doc: '::jsonb' }, true, TYPES);
    const insert = insertStatement(t, [], ['id', 'doc']);
    expect(insert.sql(1)).toBe('INSERT INTO "orders" ("id","doc") VALUES (?,?::jsonb)');
    expect(insert.sql(3)).toBe('INSERT INTO "orders" ("id","doc") SELECT * FROM unnest(?::int8[],?::jsonb[])');
    expect(insert.params([1n, '{}', 2n, '[]', 3n, null], 0, 3)).toEqual(['{1,2,3}', '{"{}","[]",NULL}']);
    expect(insert.params([1n, '{}', 2n, '[]', 3n, null], 1, 2)).toEqual(['{2,3}', '{"[]",NULL}']);
    expect(upsertStatement(t, ['id'], ['name', 'qty']).sql(2)).toBe(
      'INSERT INTO "orders" ("id","name","qty") SELECT * FROM unnest(?::int8[],?::text[],?::int4[]) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name","qty"=EXCLUDED."qty"',
    );
    expect(updateStatement(t, ['id'], ['name', 'qty']).sql(2)).toBe(
      'UPDATE "orders" SET "name" = v.c0, "qty" = v.c1 FROM (SELECT * FROM unnest(?::text[],?::int4[],?::int8[])) AS v(c0,c1,c2) WHERE "orders"."id" = v.c2',
    );
    expect(deleteStatement(t, ['k']).sql(2)).toBe('DELETE FROM "orders" WHERE "k" = ANY(?::uuid[])');
    expect(deleteStatement(t, ['id', 'name']).sql(2)).toBe('DELETE FROM "orders" WHERE ("id","name") IN (SELECT * FROM unnest(?::int8[],?::text[]))');
  });

  it('PostgreSQL falls back to a VALUES list when a column cannot be an array element', () => {
    const t = table(PG, {}, true, { id: 'int8' });
    expect(insertStatement(t, ['id'], ['tags']).sql(2)).toBe('INSERT INTO "orders" ("id","tags") VALUES (?,?),(?,?)');
    expect(insertStatement(t, ['id'], ['tags']).params([1, 2, 3, 4], 1, 1)).toEqual([3, 4]);
  });

  it('several rows repeat the VALUES row; the statement text is the same for the same row count', () => {
    const pg = upsertStatement(table(PG, { doc: '::json' }), ['id'], ['doc']);
    expect(pg.sql(3)).toBe('INSERT INTO "orders" ("id","doc") VALUES (?,?::json),(?,?::json),(?,?::json) ON CONFLICT ("id") DO UPDATE SET "doc"=EXCLUDED."doc"');
    expect(pg.sql(3)).toBe(pg.sql(3));
    expect(pg.paramsPerRow).toBe(2);
    expect(insertStatement(table(MY), [], ['a', 'b']).sql(2)).toBe('INSERT INTO `orders`(`a`,`b`) VALUES(?,?),(?,?)');
  });

  it('UPDATE sets non-key columns then matches key columns; no WHERE without keys', () => {
    expect(updateStatement(table(PG, { doc: '::json', id: '::uuid' }), ['id', 'v'], ['doc', 'n']).sql(1)).toBe('UPDATE "orders" SET "doc" = ?::json, "n" = ? WHERE "id" = ? AND "v" = ?');
    expect(updateStatement(table(MY), [], ['n']).sql(1)).toBe('UPDATE `orders` SET `n` = ?');
    expect(updateStatement(table(MY), ['id'], ['n']).multiRow).toBe(false);
  });

  it('DELETE by key: one row is Confluent\'s statement, several an IN list', () => {
    const single = deleteStatement(table(PG), ['id']);
    expect(single.sql(1)).toBe('DELETE FROM "orders" WHERE "id" = ?');
    expect(single.sql(3)).toBe('DELETE FROM "orders" WHERE "id" IN (?,?,?)');
    const composite = deleteStatement(table(MY), ['a', 'b']);
    expect(composite.sql(1)).toBe('DELETE FROM `orders` WHERE `a` = ? AND `b` = ?');
    expect(composite.sql(2)).toBe('DELETE FROM `orders` WHERE (`a`,`b`) IN ((?,?),(?,?))');
  });

  it('quote.sql.identifiers=never writes bare names', () => {
    expect(upsertStatement(table(PG, {}, false), ['id'], ['name']).sql(1)).toBe('INSERT INTO orders (id,name) VALUES (?,?) ON CONFLICT (id) DO UPDATE SET name=EXCLUDED.name');
  });
});
