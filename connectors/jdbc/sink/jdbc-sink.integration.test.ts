/**
 * The JDBC sink in a real worker (embedded broker, in-process standalone worker) against the test
 * PostgreSQL and MariaDB: every insert.mode × pk.mode combination, auto.create / auto.evolve,
 * tombstone deletes, records without a struct (task failure, or the DLQ with errors.tolerance=all),
 * database errors in the task status, and the connection check of the validate endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, uniqueTableName } from '../../../test/helpers/databases.js';
import { run, waitFor } from '../../../test/helpers/run.js';
import { RestClient, startInProcessStack, type InProcessStack } from '../../../test/runtime/support.js';
import type { DbSession } from '../common/db.js';
import { envelope, produce, rows, startProxy, verifier, type FieldSpec } from './sink-test-support.js';

const FIELDS: FieldSpec[] = [
  { field: 'id', type: 'int64' },
  { field: 'name', type: 'string', optional: true },
];
const v = (id: number, name: string | null): string => envelope(FIELDS, { id, name });

let stack: InProcessStack;
let rest: RestClient;

beforeAll(async () => {
  stack = await startInProcessStack('jdbc-sink', { 'offset.flush.interval.ms': '200' });
  rest = new RestClient(stack.worker.restUrl);
});

afterAll(async () => {
  await stack?.close();
});

const JSON_VALUES = {
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'true',
};

async function createSink(name: string, url: string, topic: string, config: Record<string, string>): Promise<void> {
  const r = await rest.post('/connectors', { name, config: { 'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector', 'tasks.max': '1', topics: topic, 'connection.url': url, ...JSON_VALUES, ...config } });
  expect(r.status, r.text).toBe(201);
}

async function failedTrace(name: string): Promise<string | undefined> {
  const s = await rest.get(`/connectors/${name}/status`);
  const task = s.body?.tasks?.[0];
  return task?.state === 'FAILED' ? String(task.trace) : undefined;
}

/** Waits until the query returns `expected`; fails at once with the trace if the task failed. */
async function awaitRows(name: string, db: DbSession, sql: string, expected: unknown[][], timeoutMs = 30_000): Promise<void> {
  let last: unknown[][] = [];
  try {
    await waitFor(async () => {
      const trace = await failedTrace(name);
      if (trace !== undefined) throw new Error(`task of ${name} failed:\n${trace}`);
      last = await rows(db, sql).catch(() => []);
      return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
    }, timeoutMs, `rows of ${sql}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; last rows: ${JSON.stringify(last)}`);
  }
}

async function awaitFailure(name: string, timeoutMs = 30_000): Promise<string> {
  return waitFor(() => failedTrace(name), timeoutMs, `task of ${name} FAILED`);
}

describe.each(DATABASES)('JDBC sink into $name', ({ name: dbName, url }) => {
  const mysql = dbName === 'mariadb';
  const keyType = mysql ? 'VARCHAR(64)' : 'TEXT';
  let db: DbSession;
  const tables: string[] = [];

  beforeAll(async () => {
    db = await verifier(url);
  });

  afterAll(async () => {
    for (const t of tables) await db.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    await db?.close();
  });

  function table(): string {
    const t = uniqueTableName('snk');
    tables.push(t);
    return t;
  }

  /**
   * A database user of the test's own, so that it can cut off only the sink's connections; on
   * PostgreSQL with the table `t` (`pgColumns`) created for it to write.
   */
  async function createUser(user: string, t: string, pgColumns: string, password = ''): Promise<void> {
    if (mysql) {
      await db.query(`CREATE USER '${user}'@'%'${password === '' ? '' : ` IDENTIFIED BY '${password}'`}`);
      await db.query(`GRANT ALL ON test.* TO '${user}'@'%'`);
    } else {
      await db.query(`CREATE ROLE ${user} LOGIN`);
      await db.query(`CREATE TABLE ${t} (${pgColumns})`);
      await db.query(`GRANT ALL ON ${t} TO ${user}`);
    }
  }

  /** Ends every connection of `user`; returns how many there were. */
  async function killConnections(user: string): Promise<number> {
    if (!mysql) return (await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${user}'`)).rows.length;
    const { rows: ids } = await db.query(`SELECT id FROM information_schema.processlist WHERE user = '${user}'`);
    for (const [id] of ids) await db.query(`KILL ${String(id)}`).catch(() => undefined);
    return ids.length;
  }

  async function dropUser(user: string, t: string): Promise<void> {
    if (mysql) {
      await db.query(`DROP USER IF EXISTS '${user}'@'%'`);
    } else {
      await db.query(`DROP TABLE IF EXISTS ${t}`);
      await db.query(`DROP ROLE IF EXISTS ${user}`);
    }
  }

  interface Combo {
    insert: string;
    pk: string;
    pkFields?: string;
    setup?: (t: string) => string[];
    records: (t: string) => Array<[string | null, string | null]>;
    select: string;
    expected: (t: string) => unknown[][];
  }

  const threeRows = (): Array<[string, string]> => [
    ['k1', v(1, 'a')],
    ['k2', v(2, 'b')],
    ['k3', v(3, 'c')],
  ];
  const upserts = (): Array<[string, string]> => [
    ['k1', v(1, 'a')],
    ['k2', v(2, 'b')],
    ['k1', v(1, 'a2')],
  ];
  const COMBOS: Combo[] = [
    { insert: 'insert', pk: 'none', records: threeRows, select: 'id, name', expected: () => [[1, 'a'], [2, 'b'], [3, 'c']] },
    { insert: 'insert', pk: 'kafka', records: threeRows, select: '__connect_topic, __connect_partition, __connect_offset, id', expected: (t) => [[t, 0, 0, 1], [t, 0, 1, 2], [t, 0, 2, 3]] },
    { insert: 'insert', pk: 'record_key', pkFields: 'code', records: threeRows, select: 'code, id, name', expected: () => [['k1', 1, 'a'], ['k2', 2, 'b'], ['k3', 3, 'c']] },
    { insert: 'insert', pk: 'record_value', pkFields: 'id', records: threeRows, select: 'id, name', expected: () => [[1, 'a'], [2, 'b'], [3, 'c']] },
    { insert: 'upsert', pk: 'kafka', records: upserts, select: '__connect_offset, id, name', expected: () => [[0, 1, 'a'], [1, 2, 'b'], [2, 1, 'a2']] },
    { insert: 'upsert', pk: 'record_key', pkFields: 'code', records: upserts, select: 'code, id, name', expected: () => [['k1', 1, 'a2'], ['k2', 2, 'b']] },
    { insert: 'upsert', pk: 'record_value', pkFields: 'id', records: upserts, select: 'id, name', expected: () => [[1, 'a2'], [2, 'b']] },
    { insert: 'upsert', pk: 'record_value', records: upserts, select: 'id, name', expected: () => [[1, 'a'], [1, 'a2'], [2, 'b']] },
    {
      insert: 'update',
      pk: 'record_key',
      pkFields: 'code',
      setup: (t) => [`CREATE TABLE ${t} (code ${keyType} PRIMARY KEY, id BIGINT, name TEXT)`, `INSERT INTO ${t} VALUES ('k1', 1, 'a'), ('k2', 2, 'b')`],
      records: () => [['k1', v(1, 'A')], ['k3', v(3, 'c')]],
      select: 'code, id, name',
      expected: () => [['k1', 1, 'A'], ['k2', 2, 'b']],
    },
    {
      insert: 'update',
      pk: 'record_value',
      pkFields: 'id',
      setup: (t) => [`CREATE TABLE ${t} (id BIGINT PRIMARY KEY, name TEXT)`, `INSERT INTO ${t} VALUES (1, 'a'), (2, 'b')`],
      records: () => [[null, v(2, 'B')]],
      select: 'id, name',
      expected: () => [[1, 'a'], [2, 'B']],
    },
    {
      insert: 'update',
      pk: 'none',
      setup: (t) => [`CREATE TABLE ${t} (id BIGINT, name TEXT)`, `INSERT INTO ${t} VALUES (1, 'a'), (2, 'b')`],
      records: () => [[null, v(9, 'z')]],
      select: 'id, name',
      expected: () => [[9, 'z'], [9, 'z']],
    },
    {
      insert: 'update',
      pk: 'kafka',
      setup: (t) => [
        `CREATE TABLE ${t} (__connect_topic ${keyType}, __connect_partition INT, __connect_offset BIGINT, id BIGINT, name TEXT, PRIMARY KEY (__connect_topic, __connect_partition, __connect_offset))`,
        `INSERT INTO ${t} VALUES ('${t}', 0, 0, 1, 'a'), ('${t}', 0, 5, 5, 'e')`,
      ],
      records: () => [[null, v(1, 'A')]],
      select: '__connect_offset, id, name',
      expected: () => [[0, 1, 'A'], [5, 5, 'e']],
    },
  ];

  it.concurrent.each(COMBOS.map((c) => [`${c.insert} × ${c.pk}${c.pkFields === undefined ? '' : ` (${c.pkFields})`}`, c] as const))('insert.mode × pk.mode: %s', async (_label, combo) => {
    const t = table();
    for (const sql of combo.setup?.(t) ?? []) await db.query(sql);
    const name = `${t}-sink`;
    await produce(stack.broker.bootstrapServers, t, combo.records(t));
    await createSink(name, url, t, { 'insert.mode': combo.insert, 'pk.mode': combo.pk, ...(combo.pkFields === undefined ? {} : { 'pk.fields': combo.pkFields }), 'auto.create': String(combo.setup === undefined) });
    await awaitRows(name, db, `SELECT ${combo.select} FROM ${t}`, combo.expected(t));
    await rest.delete(`/connectors/${name}`);
  });

  it('binds every Connect type into existing columns, in multi-row and single-row statements, in db.timezone', async () => {
    const t = table();
    const name = `${t}-sink`;
    await db.query(
      mysql
        ? `CREATE TABLE ${t} (id BIGINT PRIMARY KEY, s TEXT, doc JSON, u CHAR(36), ts DATETIME(3), d DATE, tm TIME(3), amount DECIMAL(10,2), b VARBINARY(64), flag TINYINT(1), f FLOAT, g DOUBLE, small SMALLINT)`
        : `CREATE TABLE ${t} (id BIGINT PRIMARY KEY, s TEXT, doc JSONB, u UUID, ts TIMESTAMP(3), tstz TIMESTAMPTZ(3), d DATE, tm TIME(3), amount NUMERIC(10,2), b BYTEA, flag BOOLEAN, f REAL, g DOUBLE PRECISION, small SMALLINT)`,
    );
    const timestamp = { type: 'int64' as const, name: 'org.apache.kafka.connect.data.Timestamp', optional: true };
    const fields: FieldSpec[] = [
      { field: 'id', type: 'int64' },
      { field: 's', type: 'string', optional: true },
      { field: 'doc', type: 'string', optional: true },
      { field: 'u', type: 'string', optional: true },
      { field: 'ts', ...timestamp },
      ...(mysql ? [] : [{ field: 'tstz', ...timestamp }]),
      { field: 'd', type: 'int32', name: 'org.apache.kafka.connect.data.Date', optional: true },
      { field: 'tm', type: 'int32', name: 'org.apache.kafka.connect.data.Time', optional: true },
      { field: 'amount', type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' }, optional: true },
      { field: 'b', type: 'bytes', optional: true },
      { field: 'flag', type: 'boolean', optional: true },
      { field: 'f', type: 'float', optional: true },
      { field: 'g', type: 'double', optional: true },
      { field: 'small', type: 'int16', optional: true },
    ];
    const text = 'quote " back\\ slash, comma {brace} ünïcode 😀 NULL';
    const instant = Date.UTC(2024, 1, 29, 23, 59, 58, 123);
    const full = (id: number) => ({
      id,
      s: text,
      doc: '{"a": [1, "x\\"y"]}',
      u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ts: instant,
      ...(mysql ? {} : { tstz: instant }),
      d: Date.UTC(2024, 1, 29) / 86_400_000,
      tm: 13 * 3_600_000 + 14 * 60_000 + 15_678,
      amount: Buffer.from([0x30, 0x39]).toString('base64'),
      b: Buffer.from([0, 1, 255]).toString('base64'),
      flag: true,
      f: 1.5,
      g: 2.25,
      small: -3,
    });
    const empty = (id: number) => ({ id });
    await produce(stack.broker.bootstrapServers, t, [
      ['k1', envelope(fields, full(1))],
      ['k2', envelope(fields, empty(2))],
    ]);
    await createSink(name, url, t, { 'pk.mode': 'record_value', 'pk.fields': 'id', 'db.timezone': 'America/New_York', 'date.timezone': 'UTC' });
    const columns = mysql ? 'id, s, doc, u, ts, d, tm, amount, b, flag, f, g, small' : 'id, s, doc, u, ts, tstz, d, tm, amount, b, flag, f, g, small';
    const expectedFull = (id: number): unknown[] => [
      id,
      text,
      '{"a": [1, "x\\"y"]}',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '2024-02-29 18:59:58.123',
      ...(mysql ? [] : ['2024-02-29 23:59:58.123+00']),
      '2024-02-29',
      '08:14:15.678',
      '123.45',
      '0001ff',
      mysql ? 1 : true,
      1.5,
      2.25,
      -3,
    ];
    const nulls = (id: number): unknown[] => [id, ...Array.from({ length: mysql ? 12 : 13 }, () => null)];
    await awaitRows(name, db, `SELECT ${columns} FROM ${t}`, [expectedFull(1), nulls(2)]);
    // A put of one record runs Confluent's single-row statement.
    await produce(stack.broker.bootstrapServers, t, [['k3', envelope(fields, full(3))]]);
    await awaitRows(name, db, `SELECT ${columns} FROM ${t}`, [expectedFull(1), nulls(2), expectedFull(3)]);
    await rest.delete(`/connectors/${name}`);
  });

  it('arrays of primitives become PostgreSQL array columns; MySQL has no column type for them', async () => {
    const t = table();
    const name = `${t}-sink`;
    const schema = JSON.stringify({
      type: 'struct',
      optional: false,
      fields: [
        { field: 'id', type: 'int64', optional: false },
        { field: 'nums', type: 'array', items: { type: 'int32', optional: true }, optional: true },
        { field: 'tags', type: 'array', items: { type: 'string', optional: false }, optional: true },
      ],
    });
    const value = (id: number, nums: Array<number | null> | null, tags: string[] | null): string => `{"schema":${schema},"payload":${JSON.stringify({ id, nums, tags })}}`;
    await produce(stack.broker.bootstrapServers, t, [
      [null, value(1, [1, null, 3], ['a', 'b "quoted"', 'c,d'])],
      [null, value(2, [], null)],
    ]);
    await createSink(name, url, t, { 'auto.create': 'true' });
    if (mysql) {
      expect(await awaitFailure(name)).toContain("null (ARRAY) type doesn't have a mapping to the SQL database column type");
    } else {
      await awaitRows(name, db, `SELECT id, nums, tags FROM ${t}`, [
        [1, [1, null, 3], ['a', 'b "quoted"', 'c,d']],
        [2, [], null],
      ]);
    }
    await rest.delete(`/connectors/${name}`);
  });

  it('upsert without key columns fails the task with Confluent\'s message', async () => {
    const t = table();
    const name = `${t}-sink`;
    await produce(stack.broker.bootstrapServers, t, [['k1', v(1, 'a')]]);
    await createSink(name, url, t, { 'insert.mode': 'upsert', 'auto.create': 'true' });
    expect(await awaitFailure(name)).toContain('in UPSERT mode requires key field names to be known, check the primary key configuration');
    await rest.delete(`/connectors/${name}`);
  });

  it('auto.create, then auto.evolve adds the new optional columns', async () => {
    const t = table();
    const name = `${t}-sink`;
    await produce(stack.broker.bootstrapServers, t, [['k1', v(1, 'a')]]);
    await createSink(name, url, t, { 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'pk.fields': 'code', 'auto.create': 'true', 'auto.evolve': 'true' });
    await awaitRows(name, db, `SELECT code, id, name FROM ${t}`, [['k1', 1, 'a']]);
    const wider: FieldSpec[] = [...FIELDS, { field: 'qty', type: 'int32', optional: true }, { field: 'price', type: 'bytes', optional: true, name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }];
    await produce(stack.broker.bootstrapServers, t, [['k2', envelope(wider, { id: 2, name: 'b', qty: 7, price: 'AwE=' })]]);
    await awaitRows(name, db, `SELECT code, id, name, qty, price FROM ${t}`, [['k1', 1, 'a', null, null], ['k2', 2, 'b', 7, '7.69']]);
    const columns = (await db.describeTable({ catalog: mysql ? 'test' : null, schema: mysql ? null : 'public', table: t })).map((c) => [c.name, c.nullability]);
    // Confluent's column order: value fields, then key-only fields by name; added columns last.
    expect(columns).toEqual([['id', 'NO_NULLS'], ['name', 'NULLABLE'], ['code', 'NO_NULLS'], ['qty', 'NULLABLE'], ['price', 'NULLABLE']]);
    await rest.delete(`/connectors/${name}`);
  });

  it('delete.enabled: tombstones delete by key, and a re-insert after a delete survives', async () => {
    const t = table();
    const name = `${t}-sink`;
    await produce(stack.broker.bootstrapServers, t, [
      ['k1', v(1, 'a')],
      ['k2', v(2, 'b')],
      ['k3', v(3, 'c')],
      ['k1', null],
      ['k2', null],
      ['k2', v(2, 'back')],
    ]);
    await createSink(name, url, t, { 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'pk.fields': 'code', 'delete.enabled': 'true', 'auto.create': 'true' });
    await awaitRows(name, db, `SELECT code, id, name FROM ${t}`, [['k2', 2, 'back'], ['k3', 3, 'c']]);
    await produce(stack.broker.bootstrapServers, t, [['k3', null]]);
    await awaitRows(name, db, `SELECT code, id, name FROM ${t}`, [['k2', 2, 'back']]);
    await rest.delete(`/connectors/${name}`);
  });

  it('a schemaless record fails the task with Confluent\'s message', async () => {
    const t = table();
    const name = `${t}-sink`;
    await produce(stack.broker.bootstrapServers, t, [['k1', '{"id":1,"name":"a"}']]);
    await createSink(name, url, t, { 'auto.create': 'true', 'value.converter.schemas.enable': 'false' });
    expect(await awaitFailure(name)).toContain(
      `Sink connector '${name}' is configured with 'delete.enabled=false' and 'pk.mode=none' and therefore requires records with a non-null Struct value and non-null Struct schema, but found record at (topic='${t}',partition=0,offset=0,timestamp=`,
    );
    await rest.delete(`/connectors/${name}`);
  });

  it('with errors.tolerance=all, records without a struct value go to the DLQ and the rest are written', async () => {
    const t = table();
    const name = `${t}-sink`;
    const dlq = `${t}-dlq`;
    await produce(stack.broker.bootstrapServers, t, [
      ['k1', v(1, 'a')],
      ['k2', '{"schema":{"type":"string","optional":false},"payload":"just a string"}'],
      ['k3', v(3, 'c')],
    ]);
    await createSink(name, url, t, {
      'auto.create': 'true',
      'value.converter.schemas.enable': 'true',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': dlq,
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.deadletterqueue.context.headers.enable': 'true',
    });
    await awaitRows(name, db, `SELECT id, name FROM ${t}`, [[1, 'a'], [3, 'c']]);
    const dead = await waitFor(async () => {
      const r = await run('kcat', ['-b', stack.broker.bootstrapServers, '-C', '-t', dlq, '-o', 'beginning', '-e', '-q', '-f', '%k|%h<END>']);
      const lines = r.stdout.toString().split('<END>').filter((l) => l.length > 0);
      return lines.length >= 1 ? lines : undefined;
    }, 30_000, 'a record in the DLQ');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatch(/^k2\|/);
    expect(dead[0]).toContain('__connect.errors.stage=TASK_PUT');
    expect(dead[0]).toContain('requires records with a non-null Struct value and non-null Struct schema');
    await rest.delete(`/connectors/${name}`);
  });

  it('a missing table or column fails the task with a clear message', async () => {
    const t = table();
    const missing = `${t}-missing`;
    await produce(stack.broker.bootstrapServers, t, [['k1', v(1, 'a')]]);
    await createSink(missing, url, t, {});
    expect(await awaitFailure(missing)).toMatch(new RegExp(`Table ".+"\\."${t}" is missing and auto-creation is disabled`));
    await rest.delete(`/connectors/${missing}`);

    await db.query(`CREATE TABLE ${t} (id BIGINT)`);
    const narrow = `${t}-narrow`;
    await createSink(narrow, url, t, {});
    expect(await awaitFailure(narrow)).toMatch(new RegExp(`Table ".+"\\."${t}" is missing fields \\(\\[SinkRecordField\\{schema=Schema\\{STRING\\}, name='name', isPrimaryKey=false\\}\\]\\) and auto-evolution is disabled`));
    await rest.delete(`/connectors/${narrow}`);
  });

  it('an unreachable database is refused at creation, and fails the task when it goes away later', async () => {
    const t = table();
    const refused = await rest.post('/connectors', { name: `${t}-refused`, config: { 'connector.class': 'JdbcSink', topics: t, 'connection.url': url.replace(/:(5432|3306)\//, ':1/') } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/connection\.url: Could not connect to database\. Connection to 127\.0\.0\.1:1 refused/);

    const proxy = await startProxy(mysql ? 3306 : 5432);
    try {
      const name = `${t}-sink`;
      await produce(stack.broker.bootstrapServers, t, [['k1', v(1, 'a')]]);
      await createSink(name, url.replace(/:(5432|3306)\//, `:${proxy.port}/`), t, { 'auto.create': 'true', 'connection.attempts': '1', 'max.retries': '1', 'retry.backoff.ms': '100' });
      await awaitRows(name, db, `SELECT id, name FROM ${t}`, [[1, 'a']]);
      await proxy.close();
      await produce(stack.broker.bootstrapServers, t, [['k2', v(2, 'b')]]);
      expect(await awaitFailure(name)).toMatch(new RegExp(`Could not connect to database: Connection to 127\\.0\\.0\\.1:${proxy.port} refused`));
      await rest.delete(`/connectors/${name}`);
    } finally {
      await proxy.close();
    }
  });

  it('credentials that stop working fail the task with the database\'s message', async () => {
    const t = table();
    const user = t.replace(/^snk_/, 'snk_u');
    const name = `${t}-sink`;
    await createUser(user, t, 'id BIGINT, name TEXT', 'first-password');
    try {
      await produce(stack.broker.bootstrapServers, t, [['k1', v(1, 'a')]]);
      await createSink(name, url, t, { 'connection.user': user, 'connection.password': 'first-password', 'auto.create': 'true', 'connection.attempts': '1', 'max.retries': '1', 'retry.backoff.ms': '100' });
      await awaitRows(name, db, `SELECT id, name FROM ${t}`, [[1, 'a']]);
      await db.query(mysql ? `ALTER USER '${user}'@'%' IDENTIFIED BY 'second-password'` : `ALTER ROLE ${user} NOLOGIN`);
      await killConnections(user);
      await produce(stack.broker.bootstrapServers, t, [['k2', v(2, 'b')]]);
      expect(await awaitFailure(name)).toMatch(mysql ? new RegExp(`Could not connect to database: .*Access denied for user '${user}'`, 's') : new RegExp(`Could not connect to database: .*role "${user}" is not permitted to log in`, 's'));
      await rest.delete(`/connectors/${name}`);
    } finally {
      await dropUser(user, t);
    }
  });

  it('recovers with retries when the database drops its connections mid-stream, and loses nothing', async () => {
    const t = table();
    const user = t.replace(/^snk_/, 'snk_o');
    const name = `${t}-sink`;
    const total = 20_000;
    const chunk = 2_000;
    await createUser(user, t, 'id BIGINT PRIMARY KEY, name TEXT');
    try {
      await createSink(name, url, t, { 'connection.user': user, 'insert.mode': 'upsert', 'pk.mode': 'record_value', 'pk.fields': 'id', 'auto.create': 'true', 'batch.size': '500', 'max.retries': '30', 'retry.backoff.ms': '200', 'connection.backoff.ms': '200' });
      await rest.awaitRunning(name);
      let killed = 0;
      for (let start = 0; start < total; start += chunk) {
        await produce(stack.broker.bootstrapServers, t, Array.from({ length: chunk }, (_, i) => [null, v(start + i + 1, `row ${start + i + 1}`)] as [null, string]));
        await waitFor(async () => ((await rows(db, `SELECT COUNT(*) FROM ${t}`).catch(() => [[0]]))[0]?.[0] as number) > start || undefined, 30_000, 'the sink to be writing');
        killed += await killConnections(user);
      }
      expect(killed).toBeGreaterThanOrEqual(5);
      await awaitRows(name, db, `SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM ${t}`, [[total, total, 1, total]], 60_000);
      const status = await rest.get(`/connectors/${name}/status`);
      expect(status.body.tasks[0].state).toBe('RUNNING');
      await rest.delete(`/connectors/${name}`);
    } finally {
      await dropUser(user, t);
    }
  });

  it('recovers when the database is unreachable for a while, as during a restart', async () => {
    const t = table();
    const name = `${t}-sink`;
    const proxy = await startProxy(mysql ? 3306 : 5432);
    try {
      await produce(stack.broker.bootstrapServers, t, Array.from({ length: 500 }, (_, i) => [null, v(i + 1, 'before')] as [null, string]));
      await createSink(name, url.replace(/:(5432|3306)\//, `:${proxy.port}/`), t, {
        'insert.mode': 'upsert',
        'pk.mode': 'record_value',
        'pk.fields': 'id',
        'auto.create': 'true',
        'connection.attempts': '2',
        'connection.backoff.ms': '100',
        'max.retries': '100',
        'retry.backoff.ms': '100',
      });
      await awaitRows(name, db, `SELECT COUNT(*) FROM ${t}`, [[500]]);
      proxy.down();
      await produce(stack.broker.bootstrapServers, t, Array.from({ length: 500 }, (_, i) => [null, v(i + 501, 'during')] as [null, string]));
      // Several reconnects fail (connection.attempts each) before the server is back.
      await waitFor(() => (proxy.dropped >= 6 ? true : undefined), 30_000, 'reconnect attempts while the database is away');
      expect((await rest.get(`/connectors/${name}/status`)).body.tasks[0].state).toBe('RUNNING');
      proxy.up();
      await awaitRows(name, db, `SELECT COUNT(*), COUNT(DISTINCT id), MAX(id) FROM ${t}`, [[1000, 1000, 1000]]);
      await rest.delete(`/connectors/${name}`);
    } finally {
      await proxy.close();
    }
  });

  it('the validate endpoint reports connection problems on connection.url', async () => {
    const config = { 'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector', name: 'v', topics: 'x', 'connection.url': url.replace(/:(5432|3306)\//, ':1/') };
    const bad = await rest.put('/connector-plugins/JdbcSinkConnector/config/validate', config);
    expect(bad.status).toBe(200);
    const urlValue = bad.body.configs.find((c: { value: { name: string } }) => c.value.name === 'connection.url').value;
    expect(urlValue.errors[0]).toMatch(/^Could not connect to database\. /);
    const good = await rest.put('/connector-plugins/JdbcSinkConnector/config/validate', { ...config, 'connection.url': url });
    expect(good.body.error_count, JSON.stringify(good.body.configs.filter((c: { value: { errors: string[] } }) => c.value.errors.length > 0))).toBe(0);
    const deletes = await rest.put('/connector-plugins/JdbcSinkConnector/config/validate', { ...config, 'connection.url': url, 'delete.enabled': 'true' });
    const pk = deletes.body.configs.find((c: { value: { name: string } }) => c.value.name === 'pk.mode').value;
    expect(pk.errors).toEqual(['Deletes are only supported for pk.mode record_key']);
  });
});
