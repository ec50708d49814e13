import { describe, expect, it } from 'vitest';
import type { DialectName } from '../common/db.js';
import { deleteStatement, insertStatement, updateStatement, upsertStatement, type TableSql } from './dml.js';

function table(dialect: DialectName, casts: Record<string, string> = {}, quote = true): TableSql {
  const q = dialect === 'PostgreSqlDatabaseDialect' ? '"' : '`';
  const column = (n: string): string => (quote ? `${q}${n}${q}` : n);
  return { dialect, table: column('orders'), column, cast: (n) => casts[n] ?? '' };
}

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
