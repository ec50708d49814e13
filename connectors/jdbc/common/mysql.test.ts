import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DbError, type ColumnDefinition, type DbSession } from './db.js';
import { STREAMING_NET_WRITE_TIMEOUT_S } from './mysql.js';
import { column, drain, lostConnection, openMySql, provokeDeadlock, tableName } from './test-support.js';

let session: DbSession;
let other: DbSession;
const table = tableName();
const numbers = tableName();

beforeAll(async () => {
  session = await openMySql();
  other = await openMySql();
  await session.query(`CREATE TABLE ${table} (
    id bigint unsigned AUTO_INCREMENT PRIMARY KEY,
    flag tinyint(1) NOT NULL DEFAULT 0,
    tiny tinyint,
    utiny tinyint unsigned,
    small smallint,
    medium mediumint unsigned,
    num int NOT NULL DEFAULT 0,
    unum int unsigned,
    big bigint,
    amount decimal(10,4),
    uamount decimal(8,2) unsigned,
    f float,
    d double,
    bit1 bit(1),
    bits bit(12),
    code char(4),
    name varchar(20),
    body text,
    raw blob,
    fixed binary(3),
    var varbinary(10),
    day date,
    at_time time(3),
    dt datetime(6),
    ts timestamp(6) NULL,
    yr year,
    doc json,
    kind enum('a','b'),
    tags set('x','y')
  ) ENGINE=InnoDB`);
  await session.query(`CREATE TABLE ${numbers} (n int PRIMARY KEY, label varchar(40)) ENGINE=InnoDB`);
  await session.query(`INSERT INTO ${numbers}
    SELECT a.d + b.d * 10 + c.d * 100 + e.d * 1000 + f.d * 10000 + 1, CONCAT('row ', a.d + b.d * 10 + c.d * 100 + e.d * 1000 + f.d * 10000 + 1)
    FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
         (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
         (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c,
         (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) e,
         (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) f`);
});

afterAll(async () => {
  await session.query(`DROP TABLE IF EXISTS ${table}`);
  await session.query(`DROP TABLE IF EXISTS ${numbers}`);
  await session.query(`DROP VIEW IF EXISTS ${table}_v`);
  await session.close();
  await other.close();
});

const FULL_ROW = [
  18446744073709551615n, 1, -128, 255, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808n,
  '-12.3400', '999999.99', 1.5, 2.25, Buffer.from([1]), Buffer.from([0x01, 0x01]), 'ab', 'héllo ?', 'long text',
  Buffer.from([0, 1, 2]), Buffer.from([7, 0, 0]), Buffer.from([0xff]), '2022-08-01', '13:14:15.123',
  '2022-08-01 00:00:00.123456', '2022-08-01 00:00:00.654321', 2024, null, 'b', 'x,y',
];

describe('MySQL values', () => {
  beforeAll(async () => {
    await session.query(
      `INSERT INTO ${table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, b'1', b'100000001', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...FULL_ROW.slice(0, 13), ...FULL_ROW.slice(15)],
    );
  });

  it('returns each type in its DbValue form', async () => {
    const { rows } = await session.query(`SELECT * FROM ${table}`);
    expect(rows).toEqual([FULL_ROW]);
  });

  it('returns JSON as text and expressions in their own kinds', async () => {
    const { rows, columns } = await session.query(
      `SELECT JSON_OBJECT('a', 1), 1 + 1, CAST(18446744073709551615 AS UNSIGNED), 1.50 * 2, NULL, 'x', X'0A0B', CAST('2020-01-02' AS DATE)`,
    );
    const [doc, ...rest] = rows[0] ?? [];
    expect(JSON.parse(doc as string)).toEqual({ a: 1 });
    expect(rest).toEqual([2, 18446744073709551615n, '3.00', null, 'x', Buffer.from([10, 11]), '2020-01-02']);
    expect(columns.slice(1).map((c) => c.jdbcType)).toEqual(['INTEGER', 'BIGINT', 'DECIMAL', 'NULL', 'VARCHAR', 'VARBINARY', 'DATE']);
  });

  it('runs in UTC: TIMESTAMP columns hold and return UTC text', async () => {
    const { rows } = await session.query(`SELECT @@session.time_zone, UNIX_TIMESTAMP(ts), ts FROM ${table}`);
    expect(rows[0]).toEqual(['+00:00', '1659312000.654321', '2022-08-01 00:00:00.654321']);
  });

  it('binds parameters client-side, leaving ? inside literals alone', async () => {
    const { rows } = await session.query(
      `SELECT ?, ?, ?, ?, ?, ?, ?, '?', ? IS NULL, HEX(?)`,
      ["it's \\ \"quoted\"", 9223372036854775807n, -3, 2.5, true, '2022-01-02 03:04:05', 'é', null, Buffer.from([0, 0xff])],
    );
    expect(rows[0]).toEqual(["it's \\ \"quoted\"", 9223372036854775807n, -3, '2.5', 1, '2022-01-02 03:04:05', 'é', '?', 1, '00FF']);
  });

  it('sends the formatted text without mysql2 scanning it again for placeholders', async () => {
    // The sql-escaper instance mysql2 itself loads.
    const fromMysql2 = createRequire(createRequire(import.meta.url).resolve('mysql2'));
    const escaper = fromMysql2('sql-escaper') as { format: (...args: unknown[]) => string };
    const format = vi.spyOn(escaper, 'format');
    try {
      const { rows } = await session.query(`SELECT ?, '?'`, ['a ? b']);
      expect(rows[0]).toEqual(['a ? b', '?']);
      await drain(session.stream('SELECT ?', [1], 10));
      expect(format).not.toHaveBeenCalled();
    } finally {
      format.mockRestore();
    }
  });

  it('reports affected rows for DML', async () => {
    const update = await session.query(`UPDATE ${table} SET name = ? WHERE id = ?`, ['renamed', 18446744073709551615n]);
    expect(update).toEqual({ columns: [], rows: [], rowCount: 1 });
    const none = await session.query(`UPDATE ${table} SET name = ? WHERE id = ?`, ['renamed', 1]);
    expect(none.rowCount).toBe(0);
  });
});

describe('MySQL column metadata', () => {
  it('describes result-set columns like Connector/J', async () => {
    const { columns } = await session.query(`SELECT * FROM ${table}`);
    expect(column(columns, 'id')).toEqual({
      name: 'id', jdbcType: 'BIGINT', typeName: 'BIGINT UNSIGNED', precision: 20, scale: 0,
      nullability: 'NO_NULLS', signed: false, autoIncrement: true, elementTypeName: null,
    });
    expect(column(columns, 'flag')).toMatchObject({ jdbcType: 'BIT', precision: 1, nullability: 'NO_NULLS', autoIncrement: false });
    expect(column(columns, 'tiny')).toMatchObject({ jdbcType: 'TINYINT', signed: true, nullability: 'NULLABLE' });
    expect(column(columns, 'utiny')).toMatchObject({ jdbcType: 'TINYINT', typeName: 'TINYINT UNSIGNED', signed: false });
    expect(column(columns, 'small')).toMatchObject({ jdbcType: 'SMALLINT', signed: true });
    expect(column(columns, 'medium')).toMatchObject({ jdbcType: 'INTEGER', typeName: 'MEDIUMINT UNSIGNED', signed: false });
    expect(column(columns, 'num')).toMatchObject({ jdbcType: 'INTEGER', typeName: 'INT', nullability: 'NO_NULLS' });
    expect(column(columns, 'unum')).toMatchObject({ jdbcType: 'INTEGER', signed: false });
    expect(column(columns, 'big')).toMatchObject({ jdbcType: 'BIGINT', signed: true });
    expect(column(columns, 'amount')).toMatchObject({ jdbcType: 'DECIMAL', typeName: 'DECIMAL', precision: 10, scale: 4, signed: true });
    expect(column(columns, 'uamount')).toMatchObject({ jdbcType: 'DECIMAL', precision: 8, scale: 2, signed: false });
    expect(column(columns, 'f')).toMatchObject({ jdbcType: 'REAL', typeName: 'FLOAT' });
    expect(column(columns, 'd')).toMatchObject({ jdbcType: 'DOUBLE' });
    expect(column(columns, 'bit1')).toMatchObject({ jdbcType: 'BIT', typeName: 'BIT', precision: 1 });
    expect(column(columns, 'bits')).toMatchObject({ jdbcType: 'BIT', precision: 12 });
    expect(column(columns, 'code')).toMatchObject({ jdbcType: 'CHAR', precision: 4 });
    expect(column(columns, 'name')).toMatchObject({ jdbcType: 'VARCHAR', precision: 20 });
    expect(column(columns, 'body')).toMatchObject({ jdbcType: 'LONGVARCHAR', typeName: 'TEXT', precision: 65535 });
    expect(column(columns, 'raw')).toMatchObject({ jdbcType: 'LONGVARBINARY', typeName: 'BLOB', precision: 65535 });
    expect(column(columns, 'fixed')).toMatchObject({ jdbcType: 'BINARY', precision: 3 });
    expect(column(columns, 'var')).toMatchObject({ jdbcType: 'VARBINARY', precision: 10 });
    expect(column(columns, 'day')).toMatchObject({ jdbcType: 'DATE' });
    expect(column(columns, 'at_time')).toMatchObject({ jdbcType: 'TIME', scale: 3 });
    expect(column(columns, 'dt')).toMatchObject({ jdbcType: 'TIMESTAMP', typeName: 'DATETIME', scale: 6 });
    expect(column(columns, 'ts')).toMatchObject({ jdbcType: 'TIMESTAMP', typeName: 'TIMESTAMP', scale: 6 });
    expect(column(columns, 'yr')).toMatchObject({ jdbcType: 'DATE', typeName: 'YEAR' });
    expect(column(columns, 'doc')).toMatchObject({ jdbcType: 'LONGVARCHAR', typeName: 'JSON' });
    expect(column(columns, 'kind')).toMatchObject({ jdbcType: 'CHAR', typeName: 'ENUM' });
    expect(column(columns, 'tags')).toMatchObject({ jdbcType: 'CHAR', typeName: 'SET' });
  });

  it('describes a table through information_schema with the same JDBC facts', async () => {
    const { columns } = await session.query(`SELECT * FROM ${table}`);
    const described = await session.describeTable({ catalog: 'test', schema: null, table });
    const facts = (c: ColumnDefinition) => ({
      name: c.name, jdbcType: c.jdbcType, scale: c.scale, nullability: c.nullability, signed: c.signed, autoIncrement: c.autoIncrement,
    });
    expect(described.map(facts)).toEqual(columns.map(facts));
    expect(column(described, 'amount')).toMatchObject({ precision: 10, scale: 4 });
    expect(column(described, 'name')).toMatchObject({ precision: 20, typeName: 'VARCHAR' });
    expect(column(described, 'bits')).toMatchObject({ precision: 12 });
    expect(column(described, 'id')).toMatchObject({ typeName: 'BIGINT UNSIGNED' });
    expect(await session.describeTable({ catalog: null, schema: null, table })).toEqual(described);
    expect(await session.describeTable({ catalog: 'test', schema: null, table: `${table}_missing` })).toEqual([]);
  });

  it('lists primary key columns in key order', async () => {
    const name = `${table}_pk`;
    await session.query(`CREATE TABLE ${name} (a int, b int, c int, PRIMARY KEY (b, a))`);
    try {
      expect(await session.primaryKeyColumns({ catalog: 'test', schema: null, table: name })).toEqual(['b', 'a']);
      expect(await session.primaryKeyColumns({ catalog: null, schema: null, table: name })).toEqual(['b', 'a']);
      expect(await session.primaryKeyColumns({ catalog: null, schema: null, table: `${name}_x` })).toEqual([]);
    } finally {
      await session.query(`DROP TABLE ${name}`);
    }
  });
});

describe('MySQL streaming', () => {
  it('delivers 50,000 rows in batches of at most the fetch size, reading as it goes', async () => {
    const connectionId = (await session.query('SELECT CONNECTION_ID()')).rows[0]?.[0];
    // About 50 MB in all, far more than the socket buffers hold, so reading ahead would show.
    const stream = session.stream(`SELECT n, label, REPEAT('x', 1000) AS pad FROM ${numbers} WHERE n > ? ORDER BY n`, [0], 1000);
    expect((await stream.columns()).map((c) => c.name)).toEqual(['n', 'label', 'pad']);
    let seen = 0;
    let batches = 0;
    let stillRunning = false;
    for await (const batch of stream) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(1000);
      expect(batch[0]?.slice(0, 2)).toEqual([seen + 1, `row ${seen + 1}`]);
      seen += batch.length;
      batches += 1;
      if (batches === 2) {
        // The server is still sending: the statement has not finished on our connection.
        const { rows } = await other.query('SELECT COMMAND FROM information_schema.PROCESSLIST WHERE ID = ?', [connectionId as bigint]);
        stillRunning = rows[0]?.[0] === 'Query';
      }
    }
    expect(seen).toBe(50_000);
    expect(batches).toBe(50);
    expect(stillRunning).toBe(true);
  });

  it('stops early on close by dropping the connection: the server stops, the session is closed', async () => {
    const reader = await openMySql();
    const connectionId = (await reader.query('SELECT CONNECTION_ID()')).rows[0]?.[0] as bigint;
    const stream = reader.stream(`SELECT n, REPEAT('x', 1000) AS pad FROM ${numbers} ORDER BY n`, [], 100);
    const sizes: number[] = [];
    for await (const batch of stream) {
      sizes.push(batch.length);
      if (sizes.length === 3) break;
    }
    expect(sizes).toEqual([100, 100, 100]);
    await stream.close();
    expect(reader.isClosed()).toBe(true);
    await expect(reader.query('SELECT 1')).rejects.toMatchObject({ sqlState: '08003', transient: true });
    // The server let go of the query instead of sending the other 49,700 rows.
    await vi.waitFor(
      async () => {
        const { rows } = await other.query('SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?', [connectionId]);
        expect(Number(rows[0]?.[0])).toBe(0);
      },
      { timeout: 5000, interval: 100 },
    );
    await reader.close();
  });

  it('can be closed before it starts, which keeps the session, and after columns()', async () => {
    await session.stream('SELECT 1', [], 10).close();
    expect((await session.query('SELECT 2')).rows).toEqual([[2]]);
    const reader = await openMySql();
    const described = reader.stream(`SELECT n AS one FROM ${numbers}`, [], 10);
    expect((await described.columns())[0]?.name).toBe('one');
    await described.close();
    await described.close();
    expect(reader.isClosed()).toBe(true);
    await reader.close();
  });

  it('refuses other statements while a stream is open', async () => {
    const reader = await openMySql();
    const stream = reader.stream(`SELECT n FROM ${numbers}`, [], 10);
    await stream.columns();
    await expect(reader.query('SELECT 1')).rejects.toThrow(/streamed result is still open/);
    const rest = await drain(stream);
    expect(rest.rows).toHaveLength(50_000);
    expect((await reader.query('SELECT 1')).rows).toEqual([[1]]);
    await reader.close();
  });

  it('a session closed under an open stream ends it at once with a connection error', async () => {
    const reader = await openMySql();
    const stream = reader.stream(`SELECT n, REPEAT('x', 1000) AS pad FROM ${numbers} ORDER BY n`, [], 100);
    const batches = stream[Symbol.asyncIterator]();
    expect((await batches.next()).done).toBe(false);
    const started = Date.now();
    await reader.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(batches.next()).rejects.toMatchObject({ name: 'DbError', sqlState: '08003', transient: true });
  });

  it('ends with a transient error when the server kills the connection mid-result', async () => {
    const reader = await openMySql();
    const connectionId = (await reader.query('SELECT CONNECTION_ID()')).rows[0]?.[0] as bigint;
    const stream = reader.stream(`SELECT n, REPEAT('x', 1000) AS pad FROM ${numbers} ORDER BY n`, [], 100);
    const batches = stream[Symbol.asyncIterator]();
    await batches.next();
    await other.query(`KILL ${String(connectionId)}`);
    let failure: unknown = null;
    let rows = 100;
    while (failure === null) {
      const next = await batches.next().catch((err: unknown) => (failure = err));
      if (failure === null && (next as IteratorResult<unknown[][]>).done === true) break;
      if (failure === null) rows += (next as IteratorResult<unknown[][]>).value.length;
    }
    expect(failure).toMatchObject({ name: 'DbError', transient: true });
    expect(rows).toBeLessThan(50_000);
    expect(reader.isClosed()).toBe(true);
    await reader.close();
  });

  it('raises net_write_timeout, so that a reader that pauses longer than the server default is not cut off', async () => {
    const reader = await openMySql();
    await reader.query('SET SESSION net_write_timeout = 1');
    const stream = reader.stream(`SELECT n, REPEAT('x', 1000) AS pad FROM ${numbers} ORDER BY n`, [], 1000);
    let seen = 0;
    for await (const batch of stream) {
      // Far more than the socket buffers hold is still to come: the server waits to write it.
      if (seen === 0) await new Promise((resolve) => setTimeout(resolve, 3000));
      seen += batch.length;
    }
    expect(seen).toBe(50_000);
    expect(Number((await reader.query('SELECT @@SESSION.net_write_timeout')).rows[0]?.[0])).toBe(STREAMING_NET_WRITE_TIMEOUT_S);
    await reader.close();
  });

  it('reports query errors as DbError', async () => {
    const stream = session.stream(`SELECT * FROM ${table}_missing`, [], 10);
    await expect(stream.columns()).rejects.toMatchObject({ name: 'DbError', sqlState: '42S02', transient: false });
    await stream.close();
    await expect(drain(session.stream('SELEC 1', [], 10))).rejects.toMatchObject({ sqlState: '42000' });
    expect((await session.query('SELECT 1')).rows).toEqual([[1]]);
  });

  it('returns empty results as no batches', async () => {
    expect((await drain(session.stream(`SELECT n FROM ${numbers} WHERE n < 0`, [], 10))).sizes).toEqual([]);
    expect((await drain(session.stream(`SELECT n FROM ${numbers} WHERE n <= 20`, [], 10))).sizes).toEqual([10, 10]);
    expect((await drain(session.stream(`SELECT n FROM ${numbers} WHERE n <= 2500`, [], 0))).sizes).toEqual([1000, 1000, 500]);
  });
});

describe('MySQL catalog', () => {
  it('lists tables with the database as catalog, filtered by pattern and type', async () => {
    await session.query(`CREATE VIEW ${table}_v AS SELECT id FROM ${table}`);
    const tables = await session.listTables({ catalogPattern: 'test', schemaPattern: null, types: ['TABLE'] });
    expect(tables).toContainEqual({ catalog: 'test', schema: null, table, type: 'TABLE' });
    expect(tables.some((t) => t.table === `${table}_v`)).toBe(false);
    const views = await session.listTables({ catalogPattern: 't_s%', schemaPattern: null, types: ['view'] });
    expect(views).toContainEqual({ catalog: 'test', schema: null, table: `${table}_v`, type: 'VIEW' });
    expect(views.every((t) => t.type === 'VIEW')).toBe(true);
    const both = await session.listTables({ catalogPattern: null, schemaPattern: null, types: ['TABLE', 'VIEW'] });
    const mine = both.filter((t) => t.table.startsWith(table)).map((t) => `${t.type}:${t.table}`);
    expect(mine).toEqual([`TABLE:${table}`, `VIEW:${table}_v`]);
    expect(both.some((t) => t.catalog === 'information_schema')).toBe(false);
    expect(await session.listTables({ catalogPattern: 'no_such_db', schemaPattern: null, types: ['TABLE'] })).toEqual([]);
  });

  it('answers current catalog, schema, identifier length and time', async () => {
    expect(await session.currentCatalog()).toBe('test');
    expect(await session.currentSchema()).toBeNull();
    expect(await session.maxIdentifierLength()).toBe(64);
    const before = Date.now();
    const now = await session.currentTimestamp();
    expect(Math.abs(now.epochMs - before)).toBeLessThan(5000);
    expect(now.nanos).toBeLessThan(1_000_000_000);
    expect(Math.floor(now.nanos / 1_000_000)).toBe(now.epochMs % 1000);
  });
});

describe('MySQL transactions and errors', () => {
  it('commits and rolls back', async () => {
    await session.begin();
    await session.query(`INSERT INTO ${numbers} VALUES (-1, 'rolled back')`);
    await session.rollback();
    await session.begin();
    await session.query(`INSERT INTO ${numbers} VALUES (-2, 'committed')`);
    await session.commit();
    expect((await other.query(`SELECT n FROM ${numbers} WHERE n < 0`)).rows).toEqual([[-2]]);
    await session.query(`DELETE FROM ${numbers} WHERE n < 0`);
  });

  it('applies the isolation level to later transactions', async () => {
    await session.setIsolation('SERIALIZABLE');
    const { rows } = await session.query('SELECT @@tx_isolation').catch(() => session.query('SELECT @@transaction_isolation'));
    expect(rows).toEqual([['SERIALIZABLE']]);
    await session.setIsolation('REPEATABLE_READ');
  });

  it('raises DbError with SQLSTATE for SQL errors, non-transient', async () => {
    await expect(session.query('SELEC 1')).rejects.toMatchObject({ name: 'DbError', sqlState: '42000', transient: false });
    await expect(session.query(`SELECT * FROM ${table}_missing`)).rejects.toMatchObject({ sqlState: '42S02', transient: false });
    await expect(session.query(`SELECT missing FROM ${table}`)).rejects.toMatchObject({ sqlState: '42S22', transient: false });
  });

  it('reports lock wait timeouts and deadlocks as transient', async () => {
    await session.query(`INSERT INTO ${numbers} VALUES (-10, 'a'), (-11, 'b')`);
    try {
      await other.begin();
      await other.query(`UPDATE ${numbers} SET label = 'x' WHERE n = -10`);
      await session.query('SET SESSION innodb_lock_wait_timeout = 1');
      await session.begin();
      const timeout = (await session.query(`UPDATE ${numbers} SET label = 'y' WHERE n = -10`).catch((e: unknown) => e)) as DbError;
      expect(timeout).toBeInstanceOf(DbError);
      expect(timeout.transient).toBe(true);
      expect(timeout.message).toContain('ER_LOCK_WAIT_TIMEOUT');
      await session.rollback();
      await other.rollback();

      await session.query('SET SESSION innodb_lock_wait_timeout = 20');
      const failures = await provokeDeadlock(session, other, (key) => `UPDATE ${numbers} SET label = 'x' WHERE n = ${key === 'a' ? -10 : -11}`);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ name: 'DbError', sqlState: '40001', transient: true });
    } finally {
      await session.query(`DELETE FROM ${numbers} WHERE n < 0`);
    }
  });

  it('marks the session closed and errors transient when the server kills the connection', async () => {
    const victim = await openMySql();
    const id = (await victim.query('SELECT CONNECTION_ID()')).rows[0]?.[0];
    const lost = await lostConnection(victim, () => other.query(`KILL ${String(id)}`));
    expect(lost).toMatchObject({ error: { name: 'DbError', transient: true }, closed: true, afterClose: { transient: true, sqlState: '08003' } });
  });
});
