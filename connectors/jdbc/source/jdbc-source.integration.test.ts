/**
 * The JDBC source against the real PostgreSQL and MariaDB: a standalone worker with the embedded
 * broker, tables created per test (prefix src_, dropped afterwards), records read back with kcat.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, uniqueTableName } from '../../../test/helpers/databases.js';
import type { DbSession } from '../common/db.js';
import { ddl, ids, setupSession, Stack, startProxy, withPort, type TestDatabase } from './source-test-support.js';

let savedTz: string | undefined;
const stack = new Stack();

beforeAll(async () => {
  // java.sql.Timestamp text is in the process time zone; pin it so the expected text is fixed.
  savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
  await stack.start();
});

afterEach(async () => {
  // A test that failed between stopping and starting the worker must not take the others down.
  if (stack.worker === null) await stack.startWorker();
});

afterAll(async () => {
  await stack.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe.each(DATABASES as readonly TestDatabase[])('JDBC source on $name', (db) => {
  let sql: DbSession;
  const created: string[] = [];
  const prefix = `${db.name}-`;
  const types = ddl(db);

  beforeAll(async () => {
    sql = await setupSession(db);
  });

  afterAll(async () => {
    for (const table of created) {
      if (table.startsWith('__view__')) await sql.query(`DROP VIEW IF EXISTS ${table.slice('__view__'.length)}`);
      else await sql.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await sql.close();
  });

  async function table(columns: string): Promise<string> {
    const name = uniqueTableName('src');
    await sql.query(`CREATE TABLE ${name} (${columns})`);
    created.push(name);
    return name;
  }

  const config = (extra: Record<string, string>): Record<string, string> => ({
    'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
    'tasks.max': '1',
    'connection.url': db.url,
    'topic.prefix': prefix,
    'poll.interval.ms': '200',
    ...extra,
  });

  it('incrementing: rows there at start and inserted while running, as the text a Java worker writes', async () => {
    const name = await table(`id ${types.serial}, name ${types.text} NULL, created ${types.timestamp} NOT NULL`);
    await sql.query(`INSERT INTO ${name} (name, created) VALUES ('a', '2022-08-01 00:00:00'), (NULL, '2022-08-01 00:00:00.5')`);
    await stack.createConnector(`${name}-inc`, config({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name }));
    const topic = prefix + name;
    await stack.awaitRecords(topic, (r) => r.length >= 2, '2 rows');
    await sql.query(`INSERT INTO ${name} (name, created) VALUES ('c', '2022-08-02 10:11:12.123456')`);
    const records = await stack.awaitRecords(topic, (r) => r.length >= 3, '3 rows');
    expect(records).toEqual([
      'Struct{id=1,name=a,created=2022-08-01 00:00:00.0}',
      'Struct{id=2,created=2022-08-01 00:00:00.5}',
      'Struct{id=3,name=c,created=2022-08-02 10:11:12.123456}',
    ]);
    await stack.deleteConnector(`${name}-inc`);
  });

  for (const mode of ['timestamp', 'timestamp+incrementing', 'bulk'] as const) {
    it(`${mode}: picks up inserts and updates made while it runs`, async () => {
      const name = await table(`id ${types.serial}, name ${types.text} NOT NULL, updated ${types.timestamp} NOT NULL`);
      await sql.query(`INSERT INTO ${name} (name, updated) VALUES ('a', '2022-08-01 00:00:01'), ('b', '2022-08-01 00:00:02')`);
      // Bulk copies the table every poll; kcat's end-of-topic wait would chase a topic written every 200 ms.
      const extra: Record<string, string> = { mode, 'table.whitelist': name, ...(mode === 'bulk' ? { 'poll.interval.ms': '1500' } : {}) };
      if (mode !== 'bulk') extra['timestamp.column.name'] = 'updated';
      if (mode === 'timestamp+incrementing') extra['incrementing.column.name'] = 'id';
      const connector = `${name}-${mode.replace('+', '-')}`;
      await stack.createConnector(connector, config(extra));
      const topic = prefix + name;
      await stack.awaitRecords(topic, (r) => r.length >= 2, 'initial rows');
      await sql.query(`INSERT INTO ${name} (name, updated) VALUES ('c', '2022-08-01 00:00:03')`);
      await sql.query(`UPDATE ${name} SET name = 'a2', updated = '2022-08-01 00:00:04' WHERE id = 1`);
      const records = await stack.awaitRecords(topic, (r) => r.some((x) => x.includes('name=a2')) && r.some((x) => x.includes('name=c')), 'the insert and the update');
      await stack.deleteConnector(connector);
      if (mode === 'bulk') {
        // Every poll copies the whole table again.
        expect(records.slice(0, 2)).toEqual(['Struct{id=1,name=a,updated=2022-08-01 00:00:01.0}', 'Struct{id=2,name=b,updated=2022-08-01 00:00:02.0}']);
      } else {
        expect(records).toEqual([
          'Struct{id=1,name=a,updated=2022-08-01 00:00:01.0}',
          'Struct{id=2,name=b,updated=2022-08-01 00:00:02.0}',
          'Struct{id=3,name=c,updated=2022-08-01 00:00:03.0}',
          'Struct{id=1,name=a2,updated=2022-08-01 00:00:04.0}',
        ]);
      }
    });
  }

  it('a restart resumes from the stored offsets: nothing lost, nothing repeated', async () => {
    const name = await table(`id ${types.serial}, name ${types.text} NOT NULL`);
    const insert = async (from: number, count: number): Promise<void> => {
      const values = Array.from({ length: count }, (_, i) => `('row${from + i}')`).join(',');
      await sql.query(`INSERT INTO ${name} (name) VALUES ${values}`);
    };
    await insert(1, 500);
    const connector = `${name}-restart`;
    const cfg = config({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name, 'batch.max.rows': '50' });
    await stack.createConnector(connector, cfg);
    const topic = prefix + name;
    await stack.awaitRecords(topic, (r) => r.length >= 500, '500 rows');
    await stack.stopWorker();
    await insert(501, 300);
    await stack.startWorker();
    await stack.createConnector(connector, cfg);
    const records = await stack.awaitRecords(topic, (r) => r.length >= 800, '800 rows');
    expect(ids(records)).toEqual(Array.from({ length: 800 }, (_, i) => i + 1));
    await stack.deleteConnector(connector);
  });

  it('incrementing values past 2^53 are stored exactly and resumed from after a restart', async () => {
    const name = await table(`id BIGINT PRIMARY KEY, name ${types.text} NOT NULL`);
    const first = 9_223_372_036_854_775_000n;
    const insert = async (from: number, count: number): Promise<void> => {
      const values = Array.from({ length: count }, (_, i) => `(${first + BigInt(from + i)}, 'row${from + i}')`).join(',');
      await sql.query(`INSERT INTO ${name} (id, name) VALUES ${values}`);
    };
    const bigIds = (records: readonly string[]): string[] => records.map((r) => /\bid=(\d+)/.exec(r)?.[1] ?? '?');
    const expected = (count: number): string[] => Array.from({ length: count }, (_, i) => String(first + BigInt(i)));
    await insert(0, 30);
    const connector = `${name}-big`;
    const cfg = config({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name, 'batch.max.rows': '10' });
    await stack.createConnector(connector, cfg);
    const topic = prefix + name;
    expect(bigIds(await stack.awaitRecords(topic, (r) => r.length >= 30, '30 rows'))).toEqual(expected(30));
    await stack.stopWorker();
    // One id past the last one read: rounded to a double, the stored offset would skip or repeat it.
    await insert(30, 20);
    await stack.startWorker();
    await stack.createConnector(connector, cfg);
    expect(bigIds(await stack.awaitRecords(topic, (r) => r.length >= 50, '50 rows'))).toEqual(expected(50));
    await stack.deleteConnector(connector);
  });

  it('rows that share a timestamp are not lost when the task stops among them (timestamp mode)', async () => {
    const name = await table(`id ${types.serial}, updated ${types.timestamp} NOT NULL`);
    const count = 20_000;
    await sql.query(
      db.name === 'postgresql'
        ? `INSERT INTO ${name} (updated) SELECT TIMESTAMP '2022-08-01 00:00:01' FROM generate_series(1, ${count})`
        : `INSERT INTO ${name} (updated) SELECT '2022-08-01 00:00:01' FROM seq_1_to_${count}`,
    );
    await sql.query(`INSERT INTO ${name} (updated) VALUES ('2022-08-01 00:00:02')`);
    const connector = `${name}-same-ts`;
    // A slow link to the database, so that the worker is surely stopped among the rows.
    const proxy = await startProxy(db.name === 'postgresql' ? 5432 : 3306, 200_000);
    const cfg = config({ mode: 'timestamp', 'timestamp.column.name': 'updated', 'table.whitelist': name, 'batch.max.rows': '100', 'connection.url': withPort(db.url, proxy.port) });
    await stack.createConnector(connector, cfg);
    const topic = prefix + name;
    await stack.awaitFirst(topic, 5);
    await stack.stopWorker();
    await proxy.close();
    const atStop = await stack.records(topic);
    expect(atStop.length).toBeLessThan(count);
    cfg['connection.url'] = db.url;
    await stack.startWorker();
    await stack.createConnector(connector, cfg, 'STOPPED');
    // The stored offset never reached the shared timestamp while rows with it were still unread.
    const stored = (await stack.rest.get(`/connectors/${connector}/offsets`)).body.offsets as Array<{ partition: unknown; offset: Record<string, number> }>;
    const fqn = db.name === 'postgresql' ? `public.${name}` : `test.${name}`;
    expect(stored.map((o) => o.partition)).toEqual([{ protocol: '1', table: fqn }]);
    if (atStop.length < count) expect(stored[0].offset.timestamp ?? 0).toBeLessThan(Date.UTC(2022, 7, 1, 0, 0, 1));
    expect((await stack.rest.put(`/connectors/${connector}/resume`)).status).toBe(202);
    const records = await stack.awaitRecords(topic, (r) => new Set(ids(r)).size >= count + 1, 'every row at least once', 60_000);
    expect(new Set(ids(records)).size).toBe(count + 1);
    await stack.deleteConnector(connector);
  });

  it("incrementing mode loses a row committed after a higher id; Sluice's incrementing delay does not", async () => {
    const name = await table(`id ${types.serial}, name ${types.text}`);
    const slow = await setupSession(db);
    try {
      await slow.begin();
      await slow.query(`INSERT INTO ${name} (name) VALUES ('slow')`); // takes id 1, not committed yet
      await sql.query(`INSERT INTO ${name} (name) VALUES ('fast')`); // id 2, committed
      const plain = `${name}-plain`;
      const delayed = `${name}-delayed`;
      const base = { mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name };
      await stack.createConnector(plain, config({ ...base, 'topic.prefix': `${prefix}plain-` }));
      expect(ids(await stack.awaitRecords(`${prefix}plain-${name}`, (r) => r.length >= 1, 'id 2 (plain)'))).toEqual([2]);
      await stack.createConnector(delayed, config({ ...base, 'topic.prefix': `${prefix}delayed-`, 'sluice.incrementing.delay.interval.ms': '3000' }));
      await stack.rest.awaitRunning(delayed);
      await slow.commit();
      expect(ids(await stack.awaitRecords(`${prefix}delayed-${name}`, (r) => r.length >= 2, 'ids 1 and 2 (delayed)'))).toEqual([1, 2]);
      await sql.query(`INSERT INTO ${name} (name) VALUES ('after')`);
      // Once the plain connector has read id 3, id 1 is behind its offset for good.
      expect(ids(await stack.awaitRecords(`${prefix}plain-${name}`, (r) => r.length >= 2, 'id 3 (plain)'))).toEqual([2, 3]);
      expect(ids(await stack.awaitRecords(`${prefix}delayed-${name}`, (r) => r.length >= 3, 'id 3 (delayed)'))).toEqual([1, 2, 3]);
      await stack.deleteConnector(plain);
      await stack.deleteConnector(delayed);
    } finally {
      await slow.close();
    }
  });

  it('a legacy (protocol 0) partition offset is read on start', async () => {
    const name = await table(`id ${types.serial}, name ${types.text} NOT NULL`);
    await sql.query(`INSERT INTO ${name} (name) VALUES ('a'), ('b'), ('c'), ('d')`);
    const connector = `${name}-legacy`;
    await stack.createConnector(connector, config({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name }), 'STOPPED');
    const patched = await stack.rest.patch(`/connectors/${connector}/offsets`, { offsets: [{ partition: { table: name }, offset: { incrementing: 2 } }] });
    expect(patched.status, patched.text).toBe(200);
    await stack.rest.put(`/connectors/${connector}/resume`);
    const records = await stack.awaitRecords(prefix + name, (r) => r.length >= 2, 'rows after id 2');
    expect(ids(records)).toEqual([3, 4]);
    await stack.deleteConnector(connector);
  });

  it('query mode: the query with the criteria appended, the prefix as the topic', async () => {
    const name = await table(`id ${types.serial}, name ${types.text} NOT NULL, updated ${types.timestamp} NOT NULL`);
    await sql.query(`INSERT INTO ${name} (name, updated) VALUES ('a', '2022-08-01 00:00:01'), ('b', '2022-08-01 00:00:02')`);
    const topic = `${prefix}${name}-query`;
    const connector = `${name}-query`;
    await stack.createConnector(
      connector,
      config({
        mode: 'timestamp+incrementing',
        query: `SELECT * FROM (SELECT id, UPPER(name) AS shout, updated FROM ${name}) AS q`,
        'incrementing.column.name': 'id',
        'timestamp.column.name': 'updated',
        'topic.prefix': topic,
      }),
    );
    await stack.awaitRecords(topic, (r) => r.length >= 2, 'query rows');
    await sql.query(`UPDATE ${name} SET name = 'c', updated = '2022-08-01 00:00:03' WHERE id = 1`);
    const records = await stack.awaitRecords(topic, (r) => r.length >= 3, 'the updated row');
    expect(records).toEqual(['Struct{id=1,shout=A,updated=2022-08-01 00:00:01.0}', 'Struct{id=2,shout=B,updated=2022-08-01 00:00:02.0}', 'Struct{id=1,shout=C,updated=2022-08-01 00:00:03.0}']);
    await stack.deleteConnector(connector);
  });

  it('a new table is picked up without a restart', async () => {
    const base = uniqueTableName('src');
    const schema = db.name === 'postgresql' ? 'public' : 'test';
    const first = `${base}_one`;
    const second = `${base}_two`;
    await sql.query(`CREATE TABLE ${first} (id ${types.serial}, name ${types.text})`);
    created.push(first, second);
    await sql.query(`INSERT INTO ${first} (name) VALUES ('x')`);
    const connector = `${base}-new-table`;
    await stack.createConnector(
      connector,
      config({
        mode: 'incrementing',
        'table.include.list': `${schema}\\.${base}_.*`,
        'incrementing.column.mapping': '.*:id',
        'table.poll.interval.ms': '300',
        'tasks.max': '2',
      }),
    );
    await stack.awaitRecords(prefix + first, (r) => r.length >= 1, 'the first table');
    await sql.query(`CREATE TABLE ${second} (id ${types.serial}, name ${types.text})`);
    await sql.query(`INSERT INTO ${second} (name) VALUES ('y')`);
    expect(await stack.awaitRecords(prefix + second, (r) => r.length >= 1, 'the new table')).toEqual(['Struct{id=1,name=y}']);
    const status = await stack.rest.awaitRunning(connector, 2);
    expect(status.tasks).toHaveLength(2);
    await stack.deleteConnector(connector);
  });

  it('table.types, schema.pattern and catalog.pattern select what is listed', async () => {
    const name = await table(`id ${types.serial}, name ${types.text}`);
    const view = `${name}_v`;
    await sql.query(`CREATE VIEW ${view} AS SELECT id, UPPER(name) AS name FROM ${name}`);
    created.unshift(`__view__${view}`);
    await sql.query(`INSERT INTO ${name} (name) VALUES ('a')`);
    const pattern: Record<string, string> = db.name === 'postgresql' ? { 'schema.pattern': 'public' } : { 'catalog.pattern': 'test' };
    const connector = `${name}-view`;
    // The whitelist names both; only the view is of a listed type.
    await stack.createConnector(connector, config({ mode: 'bulk', 'table.whitelist': `${name},${view}`, 'table.types': 'VIEW', 'poll.interval.ms': '60000', ...pattern }));
    expect(await stack.awaitRecords(prefix + view, (r) => r.length >= 1, 'the view')).toEqual(['Struct{id=1,name=A}']);
    const status = await stack.rest.awaitRunning(connector);
    expect(status.tasks).toHaveLength(1);
    expect(await stack.records(prefix + name)).toEqual([]);
    await stack.deleteConnector(connector);
    const elsewhere = `${name}-elsewhere`;
    const other: Record<string, string> = db.name === 'postgresql' ? { 'schema.pattern': 'pg_catalog' } : { 'catalog.pattern': 'mysql' };
    await stack.createConnector(elsewhere, config({ mode: 'bulk', 'table.whitelist': view, 'table.types': 'VIEW', ...other }));
    expect(await stack.awaitFailure(elsewhere)).toContain('not assigned a table');
    await stack.deleteConnector(elsewhere);
  });

  it('every supported column type round-trips through JsonConverter with the expected Connect schema', async () => {
    const spec = db.name === 'postgresql' ? POSTGRES_TYPES : MARIADB_TYPES;
    const name = await table(spec.columns);
    await sql.query(`INSERT INTO ${name} ${spec.insert}`);
    const connector = `${name}-types`;
    await stack.createConnector(
      connector,
      config({
        mode: 'bulk',
        'table.whitelist': name,
        'poll.interval.ms': '60000',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'true',
      }),
    );
    const [record] = await stack.awaitRecords(prefix + name, (r) => r.length >= 1, 'the row');
    const { schema, payload } = JSON.parse(record) as { schema: { name: string; fields: unknown[] }; payload: Record<string, unknown> };
    expect(schema.name).toBe(name);
    expect(schema.fields).toEqual(spec.fields);
    expect(payload).toEqual(spec.payload);
    await stack.deleteConnector(connector);
  });

  describe('bad input', () => {
    const port = db.name === 'postgresql' ? 5432 : 3306;

    it('validate reports an unreachable database and bad credentials on connection.url', async () => {
      const validate = async (url: string): Promise<string[]> => {
        const reply = await stack.rest.put('/connector-plugins/io.confluent.connect.jdbc.JdbcSourceConnector/config/validate', config({ mode: 'bulk', 'table.whitelist': 'x', 'connection.url': url }));
        expect(reply.status, reply.text).toBe(200);
        return reply.body.configs.find((c: { value: { name: string } }) => c.value.name === 'connection.url').value.errors;
      };
      expect(await validate(withPort(db.url, 1))).toEqual([expect.stringMatching(/^Could not connect to database\. .*(ECONNREFUSED|refused)/)]);
      const badLogin = db.name === 'postgresql' ? db.url.replace('user=postgres', 'user=src_nobody') : `${db.url}&password=wrong`;
      expect(await validate(badLogin)).toEqual([expect.stringMatching(db.name === 'postgresql' ? /^Could not connect to database\. .*src_nobody/ : /^Could not connect to database\. .*Access denied/)]);
      expect(await validate(db.url)).toEqual([]);
      // Creating such a connector is refused with the same message.
      const created = await stack.rest.post('/connectors', { name: 'src-unreachable', config: config({ mode: 'bulk', 'table.whitelist': 'x', 'connection.url': withPort(db.url, 1) }) });
      expect(created.status).toBe(400);
      expect(created.text).toContain('Could not connect to database.');
    });

    it('a database that goes away fails the task with the connection error', async () => {
      const name = await table(`id ${types.serial}, name ${types.text}`);
      await sql.query(`INSERT INTO ${name} (name) VALUES ('a')`);
      const proxy = await startProxy(port);
      const connector = `${name}-away`;
      try {
        await stack.createConnector(connector, config({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': name, 'connection.url': withPort(db.url, proxy.port), 'connection.attempts': '1', 'query.retry.attempts': '2' }));
        await stack.awaitRecords(prefix + name, (r) => r.length >= 1, 'the row');
        await proxy.close();
        const trace = await stack.awaitFailure(connector);
        expect(trace).toMatch(/Could not connect to the database|SQL exception|Failed to query table after retries/);
        expect(trace).toMatch(/ECONNREFUSED|connect|Connection/i);
      } finally {
        await proxy.close();
        await stack.deleteConnector(connector);
      }
    });

    it('credentials that stop working fail the task with the database message', async () => {
      const user = uniqueTableName('src_user');
      const proxy = await startProxy(port);
      const name = await table(`id ${types.serial}, name ${types.text}`);
      const connector = `${name}-creds`;
      const url = withPort(db.url, proxy.port).replace(/user=[^&]*/, `user=${user}`);
      if (db.name === 'postgresql') {
        await sql.query(`CREATE ROLE ${user} LOGIN PASSWORD 'secret'`);
        await sql.query(`GRANT SELECT ON ${name} TO ${user}`);
      } else {
        await sql.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'secret'`);
        await sql.query(`GRANT SELECT ON test.* TO '${user}'@'%'`);
      }
      try {
        await stack.createConnector(connector, config({ mode: 'bulk', 'table.whitelist': name, 'connection.url': url, 'connection.password': 'secret', 'connection.attempts': '1' }));
        await stack.rest.awaitRunning(connector);
        if (db.name === 'postgresql') await sql.query(`ALTER ROLE ${user} NOLOGIN`);
        else await sql.query(`ALTER USER '${user}'@'%' IDENTIFIED BY 'changed'`);
        proxy.cut();
        const trace = await stack.awaitFailure(connector);
        expect(trace).toMatch(db.name === 'postgresql' ? /not permitted to log in/ : /Access denied/);
      } finally {
        await stack.deleteConnector(connector);
        await proxy.close();
        if (db.name === 'postgresql') {
          await sql.query(`REVOKE ALL ON ${name} FROM ${user}`);
          await sql.query(`DROP ROLE ${user}`);
        } else {
          await sql.query(`DROP USER '${user}'@'%'`);
        }
      }
    });

    it('a missing table or column fails the task with a clear message', async () => {
      const missing = uniqueTableName('src_missing');
      await stack.createConnector(`${missing}-table`, config({ mode: 'bulk', 'table.whitelist': missing }));
      expect(await stack.awaitFailure(`${missing}-table`)).toContain('Task is being killed because it was not assigned a table nor a query to execute.');
      await stack.deleteConnector(`${missing}-table`);

      const name = await table(`id ${types.serial}, name ${types.text}`);
      await stack.createConnector(`${name}-column`, config({ mode: 'incrementing', 'incrementing.column.name': 'nope', 'table.whitelist': name }));
      expect(await stack.awaitFailure(`${name}-column`)).toMatch(/Incrementing column: nope does not exist in table '.*'/);
      await stack.deleteConnector(`${name}-column`);

      const dropped = await table(`id ${types.serial}, name ${types.text}`);
      await stack.createConnector(`${dropped}-dropped`, config({ mode: 'bulk', 'table.whitelist': dropped, 'table.poll.interval.ms': '600000' }));
      await stack.rest.awaitRunning(`${dropped}-dropped`);
      await sql.query(`DROP TABLE ${dropped}`);
      expect(await stack.awaitFailure(`${dropped}-dropped`)).toMatch(/Non-transient SQL exception while running query for table: .*(does not exist|doesn't exist)/);
      await stack.deleteConnector(`${dropped}-dropped`);
    });
  });
});

type JsonField = Record<string, unknown>;
const field = (name: string, type: string, optional = true, logical?: { name: string; parameters?: Record<string, string> }): JsonField => ({
  type,
  optional,
  ...(logical === undefined ? {} : { name: logical.name, version: 1 }),
  ...(logical?.parameters === undefined ? {} : { parameters: logical.parameters }),
  field: name,
});
const DECIMAL = (scale: number, precision: number) => ({ name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: String(scale), 'connect.decimal.precision': String(precision) } });
const DATE = { name: 'org.apache.kafka.connect.data.Date' };
const TIME = { name: 'org.apache.kafka.connect.data.Time' };
const TIMESTAMP = { name: 'org.apache.kafka.connect.data.Timestamp' };
const decimalBase64 = (unscaled: bigint): string => {
  let hex = unscaled.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return Buffer.from(hex, 'hex').toString('base64');
};

const POSTGRES_TYPES = {
  columns:
    'id SERIAL PRIMARY KEY, flag BOOLEAN, small SMALLINT, big BIGINT, real_v REAL, dbl DOUBLE PRECISION, num NUMERIC(10,2), num_any NUMERIC, txt TEXT, vc VARCHAR(10), ch CHAR(3), bin BYTEA, ' +
    'day DATE, tod TIME, ts TIMESTAMP, tstz TIMESTAMPTZ, js JSONB, uid UUID, arr INT[], bits BIT(4), iv INTERVAL',
  insert:
    "(flag, small, big, real_v, dbl, num, num_any, txt, vc, ch, bin, day, tod, ts, tstz, js, uid, arr, bits, iv) VALUES (true, 2, 8, 1.5, 2.5, 3.25, 12.125, 'x', 'vc', 'abc', '\\x0102', " +
    "'2022-08-01', '13:45:01.5', '2022-08-01 00:00:00.123456', '2022-08-01 00:00:00+02', '{\"a\": 1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,2}', '1010', '1 day')",
  fields: [
    field('id', 'int32', false),
    field('flag', 'boolean'),
    field('small', 'int16'),
    field('big', 'int64'),
    field('real_v', 'float'),
    field('dbl', 'double'),
    field('num', 'bytes', true, DECIMAL(2, 10)),
    field('num_any', 'bytes', true, DECIMAL(127, 0)),
    field('txt', 'string'),
    field('vc', 'string'),
    field('ch', 'string'),
    field('bin', 'bytes'),
    field('day', 'int32', true, DATE),
    field('tod', 'int32', true, TIME),
    field('ts', 'int64', true, TIMESTAMP),
    field('tstz', 'int64', true, TIMESTAMP),
    field('js', 'string'),
    field('uid', 'string'),
    field('bits', 'int8'),
  ],
  payload: {
    id: 1,
    flag: true,
    small: 2,
    big: 8,
    real_v: 1.5,
    dbl: 2.5,
    num: decimalBase64(325n),
    num_any: decimalBase64(12125n * 10n ** 124n),
    txt: 'x',
    vc: 'vc',
    ch: 'abc',
    bin: 'AQI=',
    day: 19205,
    tod: 49_501_500,
    ts: Date.UTC(2022, 7, 1, 0, 0, 0, 123),
    tstz: Date.UTC(2022, 6, 31, 22),
    js: '{"a": 1}',
    uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    bits: 10,
  },
};

const MARIADB_TYPES = {
  columns:
    'id INT AUTO_INCREMENT PRIMARY KEY, flag BOOLEAN, tiny TINYINT, utiny TINYINT UNSIGNED, small SMALLINT, uint INT UNSIGNED, big BIGINT, fl FLOAT, dbl DOUBLE, num DECIMAL(10,2), ' +
    "txt TEXT, vc VARCHAR(10), ch CHAR(3), bin VARBINARY(10), blb BLOB, day DATE, tod TIME(3), dtt DATETIME(6), ts TIMESTAMP(6) NULL, js JSON, en ENUM('a','b'), yr YEAR, bits BIT(4)",
  insert:
    "(flag, tiny, utiny, small, uint, big, fl, dbl, num, txt, vc, ch, bin, blb, day, tod, dtt, ts, js, en, yr, bits) VALUES (true, -1, 200, 2, 4000000000, 8, 1.5, 2.5, 3.25, 'x', 'vc', 'abc', x'0102', x'03', " +
    "'2022-08-01', '13:45:01.5', '2022-08-01 00:00:00.123456', '2022-08-01 00:00:00.5', '{\"a\":1}', 'b', 2022, b'1010')",
  fields: [
    field('id', 'int32', false),
    field('flag', 'int8'),
    field('tiny', 'int8'),
    field('utiny', 'int16'),
    field('small', 'int16'),
    field('uint', 'int64'),
    field('big', 'int64'),
    field('fl', 'float'),
    field('dbl', 'double'),
    field('num', 'bytes', true, DECIMAL(2, 10)),
    field('txt', 'string'),
    field('vc', 'string'),
    field('ch', 'string'),
    field('bin', 'bytes'),
    field('blb', 'bytes'),
    field('day', 'int32', true, DATE),
    field('tod', 'int32', true, TIME),
    field('dtt', 'int64', true, TIMESTAMP),
    field('ts', 'int64', true, TIMESTAMP),
    field('js', 'string'),
    field('en', 'string'),
    field('yr', 'int32', true, DATE),
    field('bits', 'int8'),
  ],
  payload: {
    id: 1,
    flag: 1,
    tiny: -1,
    utiny: 200,
    small: 2,
    uint: 4_000_000_000,
    big: 8,
    fl: 1.5,
    dbl: 2.5,
    num: decimalBase64(325n),
    txt: 'x',
    vc: 'vc',
    ch: 'abc',
    bin: 'AQI=',
    blb: 'Aw==',
    day: 19205,
    tod: 49_501_500,
    dtt: Date.UTC(2022, 7, 1, 0, 0, 0, 123),
    ts: Date.UTC(2022, 7, 1, 0, 0, 0, 500),
    js: '{"a":1}',
    en: 'b',
    yr: 18993,
    bits: 10,
  },
};
