import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError, type DbSession } from './db.js';
import { column, drain, lostConnection, openPostgres, provokeDeadlock, tableName } from './test-support.js';

let session: DbSession;
let other: DbSession;
const table = tableName();
const schema = tableName();

beforeAll(async () => {
  session = await openPostgres();
  other = await openPostgres();
  await session.query(`CREATE TYPE ${table}_mood AS ENUM ('sad', 'happy')`);
  await session.query(`CREATE TABLE ${table} (
    id serial PRIMARY KEY,
    big bigserial,
    ident int GENERATED ALWAYS AS IDENTITY,
    small int2 NOT NULL DEFAULT 0,
    amount numeric(10,2) NOT NULL,
    loose numeric,
    rounded numeric(5,-2),
    r float4,
    d float8,
    flag boolean,
    name varchar(20),
    code char(5),
    body text,
    data bytea,
    day date,
    at_time time(3),
    at_timetz timetz,
    ts timestamp(3),
    tstz timestamptz,
    doc jsonb,
    doc_text json,
    uid uuid,
    span interval,
    bits bit(8),
    vbits varbit(16),
    mood ${table}_mood,
    moods ${table}_mood[],
    ints int4[],
    texts text[],
    grid int2[][]
  )`);
});

afterAll(async () => {
  await session.query(`DROP TABLE IF EXISTS ${table}`);
  await session.query(`DROP TYPE IF EXISTS ${table}_mood`);
  await session.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await session.close();
  await other.close();
});

describe('PostgreSQL values', () => {
  it('returns each type in its DbValue form', async () => {
    const { rows } = await session.query(`SELECT
      32767::int2, '-2147483648'::int4, 9223372036854775807::int8, -12.3400::numeric, 'NaN'::numeric,
      12345678901234567890.123456789::numeric, 1.5::float4, 'Infinity'::float8, 'NaN'::float8, 0.1::float8,
      true, false, 'héllo'::text, 'ab'::char(4), '\\x00ff'::bytea, DATE '2022-08-01', TIME '13:14:15.123456',
      TIMETZ '13:14:15+02', TIMESTAMP '2022-08-01 00:00:00.123456', TIMESTAMPTZ '2022-08-01 02:00:00.5+02',
      'infinity'::timestamp, '{"b": 1, "a": [1, 2]}'::jsonb, '{"b":1}'::json,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, INTERVAL '1 day 2 hours', B'101'::bit(3), 42::oid, NULL::int4, NULL::text`);
    expect(rows[0]).toEqual([
      32767, -2147483648, 9223372036854775807n, '-12.3400', 'NaN',
      '12345678901234567890.123456789', 1.5, Infinity, NaN, 0.1,
      true, false, 'héllo', 'ab  ', Buffer.from([0, 255]), '2022-08-01', '13:14:15.123456',
      '13:14:15+02', '2022-08-01 00:00:00.123456', '2022-08-01 00:00:00.5+00',
      'infinity', '{"a": [1, 2], "b": 1}', '{"b":1}',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1 day 02:00:00', '101', 42n, null, null,
    ]);
  });

  it('returns arrays as JS arrays of element values', async () => {
    const { rows } = await session.query(`SELECT
      ARRAY[1, NULL, 3]::int4[], ARRAY['a,b', 'say "hi"', 'back\\slash', 'NULL', NULL, '', ' x ']::text[],
      ARRAY[9223372036854775807]::int8[], ARRAY[1.50, -2]::numeric[], ARRAY[true, false], ARRAY['\\x01'::bytea],
      ARRAY[DATE '2020-01-02'], ARRAY[[1, 2], [3, 4]]::int2[], '{}'::int4[], ARRAY['{"a":1}'::jsonb],
      '[0:1]={7,8}'::int4[], ARRAY[1.5]::float8[]`);
    expect(rows[0]).toEqual([
      [1, null, 3], ['a,b', 'say "hi"', 'back\\slash', 'NULL', null, '', ' x '],
      [9223372036854775807n], ['1.50', '-2'], [true, false], [Buffer.from([1])],
      ['2020-01-02'], [[1, 2], [3, 4]], [], ['{"a": 1}'],
      [7, 8], [1.5],
    ]);
  });

  it('parses values of types the session first meets in a result (enums, arrays of enums)', async () => {
    await session.query(`INSERT INTO ${table} (amount, mood, moods) VALUES (1, 'happy', '{sad,happy,NULL}')`);
    const result = await session.query(`SELECT mood, moods FROM ${table}`);
    expect(result.rows[0]).toEqual(['happy', ['sad', 'happy', null]]);
    expect(column(result.columns, 'mood')).toMatchObject({ jdbcType: 'VARCHAR', typeName: `${table}_mood` });
    expect(column(result.columns, 'moods')).toMatchObject({ jdbcType: 'ARRAY', typeName: `_${table}_mood`, elementTypeName: `${table}_mood` });
    await session.query(`DELETE FROM ${table}`);
  });

  it('runs in UTC and prints timestamptz with its offset', async () => {
    const { rows } = await session.query(`SELECT current_setting('TimeZone'), TIMESTAMPTZ '2022-08-01 00:00:00.123456Z'`);
    expect(rows[0]).toEqual(['UTC', '2022-08-01 00:00:00.123456+00']);
  });
});

describe('PostgreSQL parameters', () => {
  it('binds every DbParam kind through ? placeholders', async () => {
    const { rows } = await session.query(
      `SELECT ?::int4, ?::int8, ?::numeric, ?::float8, ?::bool, ?::text, ?::bytea, ?::int4[], ?::text[], ?::timestamp, ?::text IS NULL, '?' AS literal`,
      [7, 9007199254740993n, '123.4500', 2.5, true, "it's", Buffer.from([1, 2, 3]), [1, 2], ['a"b', 'c,d'], '2022-01-02 03:04:05.678', null],
    );
    expect(rows[0]).toEqual([
      7, 9007199254740993n, '123.4500', 2.5, true, "it's", Buffer.from([1, 2, 3]), [1, 2], ['a"b', 'c,d'], '2022-01-02 03:04:05.678', true, '?',
    ]);
  });

  it('leaves statements without parameters untouched and reports affected rows', async () => {
    const insert = await session.query(`INSERT INTO ${table} (amount) VALUES (?), (?), (?)`, ['1', '2', '3']);
    expect(insert.rowCount).toBe(3);
    expect(insert.columns).toEqual([]);
    const update = await session.query(`UPDATE ${table} SET body = 'x' WHERE amount > ?`, [1]);
    expect(update.rowCount).toBe(2);
    const jsonb = await session.query(`SELECT '{"k": 1}'::jsonb ?? 'k', ?::int`, [1]);
    expect(jsonb.rows[0]).toEqual([true, 1]);
    await session.query(`DELETE FROM ${table}`);
  });
});

describe('PostgreSQL column metadata', () => {
  it('describes result-set columns like pgjdbc', async () => {
    const { columns } = await session.query(`SELECT * FROM ${table}`);
    expect(column(columns, 'id')).toEqual({
      name: 'id', jdbcType: 'INTEGER', typeName: 'int4', precision: 10, scale: 0,
      nullability: 'NO_NULLS', signed: true, autoIncrement: true, elementTypeName: null,
    });
    expect(column(columns, 'big')).toMatchObject({ jdbcType: 'BIGINT', typeName: 'int8', precision: 19, autoIncrement: true });
    expect(column(columns, 'ident')).toMatchObject({ jdbcType: 'INTEGER', autoIncrement: true, nullability: 'NO_NULLS' });
    expect(column(columns, 'small')).toMatchObject({ jdbcType: 'SMALLINT', precision: 5, autoIncrement: false, nullability: 'NO_NULLS' });
    expect(column(columns, 'amount')).toMatchObject({ jdbcType: 'NUMERIC', precision: 10, scale: 2, signed: true });
    expect(column(columns, 'loose')).toMatchObject({ jdbcType: 'NUMERIC', precision: 0, scale: 0, nullability: 'NULLABLE' });
    expect(column(columns, 'rounded')).toMatchObject({ precision: 5, scale: -2 });
    expect(column(columns, 'r')).toMatchObject({ jdbcType: 'REAL', typeName: 'float4' });
    expect(column(columns, 'd')).toMatchObject({ jdbcType: 'DOUBLE', typeName: 'float8' });
    expect(column(columns, 'flag')).toMatchObject({ jdbcType: 'BIT', typeName: 'bool', precision: 1, signed: false });
    expect(column(columns, 'name')).toMatchObject({ jdbcType: 'VARCHAR', typeName: 'varchar', precision: 20 });
    expect(column(columns, 'code')).toMatchObject({ jdbcType: 'CHAR', typeName: 'bpchar', precision: 5 });
    expect(column(columns, 'body')).toMatchObject({ jdbcType: 'VARCHAR', typeName: 'text', precision: 0 });
    expect(column(columns, 'data')).toMatchObject({ jdbcType: 'BINARY', typeName: 'bytea' });
    expect(column(columns, 'day')).toMatchObject({ jdbcType: 'DATE' });
    expect(column(columns, 'at_time')).toMatchObject({ jdbcType: 'TIME', scale: 3 });
    expect(column(columns, 'at_timetz')).toMatchObject({ jdbcType: 'TIME', typeName: 'timetz', scale: 6 });
    expect(column(columns, 'ts')).toMatchObject({ jdbcType: 'TIMESTAMP', typeName: 'timestamp', scale: 3 });
    expect(column(columns, 'tstz')).toMatchObject({ jdbcType: 'TIMESTAMP', typeName: 'timestamptz', scale: 6 });
    expect(column(columns, 'doc')).toMatchObject({ jdbcType: 'OTHER', typeName: 'jsonb' });
    expect(column(columns, 'doc_text')).toMatchObject({ jdbcType: 'OTHER', typeName: 'json' });
    expect(column(columns, 'uid')).toMatchObject({ jdbcType: 'OTHER', typeName: 'uuid' });
    expect(column(columns, 'span')).toMatchObject({ jdbcType: 'OTHER', typeName: 'interval' });
    expect(column(columns, 'bits')).toMatchObject({ jdbcType: 'BIT', typeName: 'bit', precision: 8 });
    expect(column(columns, 'vbits')).toMatchObject({ jdbcType: 'OTHER', typeName: 'varbit', precision: 16 });
    expect(column(columns, 'ints')).toMatchObject({ jdbcType: 'ARRAY', typeName: '_int4', elementTypeName: 'int4' });
    expect(column(columns, 'grid')).toMatchObject({ jdbcType: 'ARRAY', typeName: '_int2', elementTypeName: 'int2' });
  });

  it('uses the column label and leaves nullability of expressions unknown', async () => {
    const { columns } = await session.query(`SELECT id AS ident_alias, id + 1 AS plus FROM ${table}`);
    expect(column(columns, 'ident_alias')).toMatchObject({ nullability: 'NO_NULLS', autoIncrement: true });
    expect(column(columns, 'plus')).toMatchObject({ nullability: 'UNKNOWN', autoIncrement: false });
  });

  it('describes a table through the catalog the same way as its result set', async () => {
    const described = await session.describeTable({ catalog: null, schema: 'public', table });
    const { columns } = await session.query(`SELECT * FROM ${table}`);
    expect(described).toEqual(columns);
    expect(await session.describeTable({ catalog: null, schema: null, table })).toEqual(columns);
    expect(await session.describeTable({ catalog: null, schema: 'public', table: `${table}_missing` })).toEqual([]);
    expect(await session.describeTable({ catalog: null, schema: 'nope', table })).toEqual([]);
  });

  it('lists primary key columns in key order', async () => {
    const name = `${table}_pk`;
    await session.query(`CREATE TABLE "${name}" (a int, "B" int, c int, PRIMARY KEY ("B", a))`);
    try {
      expect(await session.primaryKeyColumns({ catalog: null, schema: 'public', table: name })).toEqual(['B', 'a']);
      expect(await session.primaryKeyColumns({ catalog: null, schema: null, table: name })).toEqual(['B', 'a']);
      expect(await session.primaryKeyColumns({ catalog: null, schema: 'public', table: `${name}_x` })).toEqual([]);
    } finally {
      await session.query(`DROP TABLE "${name}"`);
    }
  });

  it('notices a column added after the table was first described', async () => {
    await session.query(`SELECT * FROM ${table}`);
    await session.query(`ALTER TABLE ${table} ADD COLUMN late int NOT NULL DEFAULT 1`);
    const { columns } = await session.query(`SELECT late FROM ${table}`);
    expect(column(columns, 'late').nullability).toBe('NO_NULLS');
    await session.query(`ALTER TABLE ${table} DROP COLUMN late`);
  });
});

describe('PostgreSQL streaming', () => {
  const rowCount = 50_000;

  it('delivers 50,000 rows in batches of at most the fetch size', async () => {
    const stream = session.stream('SELECT g, md5(g::text) FROM generate_series(1, ?) g ORDER BY g', [rowCount], 1000);
    const columns = await stream.columns();
    expect(columns.map((c) => c.name)).toEqual(['g', 'md5']);
    let seen = 0;
    let batches = 0;
    let sawCursor = false;
    for await (const batch of stream) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(1000);
      expect(batch[0]?.[0]).toBe(seen + 1);
      seen += batch.length;
      batches += 1;
      if (batches === 2) {
        // The server still holds the rest: our session sits in a transaction with an open cursor.
        const activity = await other.query(
          `SELECT state, query FROM pg_stat_activity WHERE application_name = 'sluice' AND query LIKE 'FETCH FORWARD 1000 FROM%'`,
        );
        sawCursor = activity.rows.some((r) => r[0] === 'idle in transaction');
      }
    }
    expect(seen).toBe(rowCount);
    expect(batches).toBe(50);
    expect(sawCursor).toBe(true);
    await expectNoOpenTransaction();
  });

  it('stops early on close and leaves the session usable', async () => {
    const stream = session.stream('SELECT g FROM generate_series(1, 50000) g', [], 100);
    const sizes: number[] = [];
    for await (const batch of stream) {
      sizes.push(batch.length);
      if (sizes.length === 3) break;
    }
    expect(sizes).toEqual([100, 100, 100]);
    await stream.close();
    await expectNoOpenTransaction();
    expect((await session.query('SELECT count(*) FROM pg_cursors')).rows[0]).toEqual([0n]);
    expect((await session.query('SELECT 1')).rows).toEqual([[1]]);
  });

  it('can be closed before reading and after columns()', async () => {
    const unread = session.stream('SELECT 1', [], 10);
    await unread.close();
    const described = session.stream('SELECT 1 AS one', [], 10);
    expect((await described.columns())[0]?.name).toBe('one');
    await described.close();
    await described.close();
    await expectNoOpenTransaction();
  });

  it('reads inside the caller’s transaction and leaves it open', async () => {
    await session.begin();
    await session.query(`INSERT INTO ${table} (amount) VALUES (5)`);
    const { rows } = await drain(session.stream(`SELECT amount FROM ${table}`, [], 10));
    expect(rows).toEqual([['5.00']]);
    await session.rollback();
    expect((await session.query(`SELECT count(*) FROM ${table}`)).rows).toEqual([[0n]]);
  });

  it('refuses other statements while a stream is open', async () => {
    const stream = session.stream('SELECT g FROM generate_series(1, 10) g', [], 2);
    await stream.columns();
    await expect(session.query('SELECT 1')).rejects.toThrow(/streamed result is still open/);
    await stream.close();
    expect((await session.query('SELECT 1')).rows).toEqual([[1]]);
  });

  it('reports query errors as DbError and rolls back its own transaction', async () => {
    const stream = session.stream(`SELECT nope FROM ${table}`, [], 10);
    await expect(stream.columns()).rejects.toMatchObject({ name: 'DbError', sqlState: '42703', transient: false });
    await expectNoOpenTransaction();
    const failing = session.stream('SELECT 1 / (g - 3) FROM generate_series(1, 5) g', [], 1);
    await expect(drain(failing)).rejects.toMatchObject({ sqlState: '22012' });
    await expectNoOpenTransaction();
  });

  it('returns empty results as no batches', async () => {
    const empty = session.stream('SELECT 1 AS one WHERE false', [], 10);
    expect((await empty.columns()).map((c) => c.name)).toEqual(['one']);
    expect((await drain(empty)).sizes).toEqual([]);
    const exact = await drain(session.stream('SELECT g FROM generate_series(1, 20) g', [], 10));
    expect(exact.sizes).toEqual([10, 10]);
    const driverDefault = await drain(session.stream('SELECT g FROM generate_series(1, 2500) g', [], 0));
    expect(driverDefault.sizes).toEqual([1000, 1000, 500]);
  });
});

/** Outside a transaction a statement's transaction starts with it. */
async function expectNoOpenTransaction(): Promise<void> {
  const { rows } = await session.query('SELECT xact_start = query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()');
  expect(rows[0]).toEqual([true]);
}

describe('PostgreSQL catalog', () => {
  beforeAll(async () => {
    await session.query(`CREATE SCHEMA ${schema}`);
    await session.query(`CREATE TABLE ${schema}.plain (id int)`);
    await session.query(`CREATE VIEW ${schema}.seen AS SELECT * FROM ${schema}.plain`);
    await session.query(`CREATE TABLE ${schema}.parted (id int, k int) PARTITION BY RANGE (k)`);
    await session.query(`CREATE TABLE ${schema}.parted_1 PARTITION OF ${schema}.parted FOR VALUES FROM (0) TO (10)`);
  });

  it('lists tables by schema pattern and type, in JDBC order', async () => {
    const tables = await session.listTables({ catalogPattern: null, schemaPattern: schema, types: ['TABLE'] });
    expect(tables).toEqual([
      { catalog: null, schema, table: 'parted_1', type: 'TABLE' },
      { catalog: null, schema, table: 'plain', type: 'TABLE' },
    ]);
    const all = await session.listTables({ catalogPattern: null, schemaPattern: schema, types: ['view', 'Partitioned Table', 'TABLE'] });
    expect(all.map((t) => `${t.type}:${t.table}`)).toEqual(['PARTITIONED TABLE:parted', 'TABLE:parted_1', 'TABLE:plain', 'VIEW:seen']);
  });

  it('treats patterns as SQL LIKE patterns and null as no filter', async () => {
    const like = await session.listTables({ catalogPattern: 'te%', schemaPattern: `${schema.slice(0, -3)}%`, types: ['VIEW'] });
    expect(like).toEqual([{ catalog: null, schema, table: 'seen', type: 'VIEW' }]);
    const anySchema = await session.listTables({ catalogPattern: null, schemaPattern: null, types: ['TABLE'] });
    expect(anySchema).toContainEqual({ catalog: null, schema, table: 'plain', type: 'TABLE' });
    expect(anySchema).toContainEqual({ catalog: null, schema: 'public', table, type: 'TABLE' });
    expect(anySchema.some((t) => t.schema === 'pg_catalog')).toBe(false);
    expect(await session.listTables({ catalogPattern: 'other_db', schemaPattern: schema, types: ['TABLE'] })).toEqual([]);
  });

  it('answers current schema, catalog, identifier length and time', async () => {
    expect(await session.currentSchema()).toBe('public');
    expect(await session.currentCatalog()).toBe('test');
    expect(await session.maxIdentifierLength()).toBe(63);
    const before = Date.now();
    const now = await session.currentTimestamp();
    expect(Math.abs(now.epochMs - before)).toBeLessThan(5000);
    expect(now.nanos).toBeGreaterThanOrEqual(0);
    expect(now.nanos).toBeLessThan(1_000_000_000);
    expect(Math.floor(now.nanos / 1_000_000)).toBe(now.epochMs % 1000);
  });
});

describe('PostgreSQL transactions and errors', () => {
  it('commits and rolls back', async () => {
    await session.begin();
    await session.query(`INSERT INTO ${table} (amount) VALUES (1)`);
    await session.rollback();
    await session.begin();
    await session.query(`INSERT INTO ${table} (amount) VALUES (2)`);
    await session.commit();
    expect((await other.query(`SELECT amount FROM ${table}`)).rows).toEqual([['2.00']]);
    await session.query(`DELETE FROM ${table}`);
  });

  it('applies the isolation level to later transactions', async () => {
    await session.setIsolation('SERIALIZABLE');
    await session.begin();
    expect((await session.query('SHOW transaction_isolation')).rows).toEqual([['serializable']]);
    await session.commit();
    await session.setIsolation('READ_COMMITTED');
  });

  it('raises DbError with the SQLSTATE for SQL errors', async () => {
    await expect(session.query('SELEC 1')).rejects.toMatchObject({ name: 'DbError', sqlState: '42601', transient: false });
    await expect(session.query(`SELECT * FROM ${table}_missing`)).rejects.toMatchObject({ sqlState: '42P01', transient: false });
    await expect(session.query(`SELECT missing FROM ${table}`)).rejects.toMatchObject({ sqlState: '42703' });
    const err = await session.query(`SELECT * FROM ${table}_missing`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as Error).message).toContain('does not exist');
  });

  it('reports deadlocks and lock timeouts as transient', async () => {
    await session.query(`INSERT INTO ${table} (id, amount) VALUES (-1, 1), (-2, 2)`);
    try {
      const failures = await provokeDeadlock(session, other, (key) => `UPDATE ${table} SET body = 'x' WHERE id = ${key === 'a' ? -1 : -2}`);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ name: 'DbError', sqlState: '40P01', transient: true });

      await other.begin();
      await other.query(`UPDATE ${table} SET body = 'o' WHERE id = -1`);
      await session.begin();
      await session.query("SET LOCAL lock_timeout = '100ms'");
      await expect(session.query(`UPDATE ${table} SET body = 's' WHERE id = -1`)).rejects.toMatchObject({ sqlState: '55P03', transient: true });
      await session.rollback();
      await other.rollback();
    } finally {
      await session.query(`DELETE FROM ${table}`);
    }
  });

  it('marks the session closed and errors transient when the server ends the connection', async () => {
    const victim = await openPostgres();
    const pid = (await victim.query('SELECT pg_backend_pid()')).rows[0]?.[0];
    const lost = await lostConnection(victim, () => other.query('SELECT pg_terminate_backend(?)', [pid as number]));
    expect(lost).toMatchObject({ error: { name: 'DbError', transient: true }, closed: true, afterClose: { transient: true, sqlState: '08003' } });
  });
});
