import { describe, expect, it } from 'vitest';
import { ConnectError, RetriableError, type ErrantRecordReporter, type SinkTaskContext } from '../../../src/connect/index.js';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../../../src/data/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { DbError, type DialectName } from '../common/db.js';
import { column, FakeSession } from './fake-session.js';
import { JdbcSinkTask } from './jdbc-sink-task.js';

const valueSchema = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('name', Schema.OPTIONAL_STRING_SCHEMA).build();

function value(id: number, name: string | null): Struct {
  return new Struct(valueSchema).put('id', BigInt(id)).put('name', name);
}

let offset = 0n;
function record(key: string | null, v: Struct | null, topic = 'orders'): SinkRecord {
  return new SinkRecord({ topic, kafkaPartition: 0, kafkaOffset: offset++, keySchema: key === null ? null : Schema.STRING_SCHEMA, key, valueSchema: v === null ? null : valueSchema, value: v, timestamp: 5 });
}

interface Harness {
  task: JdbcSinkTask;
  sessions: FakeSession[];
  timeouts: number[];
  reported: Array<{ record: SinkRecord; error: Error }>;
  session(): FakeSession;
}

async function startTask(config: Record<string, string>, opts: { dialect?: DialectName; reporter?: boolean; prepare?: (s: FakeSession) => void } = {}): Promise<Harness> {
  const sessions: FakeSession[] = [];
  const timeouts: number[] = [];
  const reported: Array<{ record: SinkRecord; error: Error }> = [];
  const reporter: ErrantRecordReporter = {
    report: async (record, error) => {
      reported.push({ record, error });
    },
  };
  const task = new JdbcSinkTask({
    logger: silentLogger(),
    openSession: async () => {
      const s = new FakeSession(opts.dialect);
      const previous = sessions.at(-1);
      if (previous !== undefined) for (const [name, t] of previous.tables) s.tables.set(name, t);
      else s.addTable('orders', [column('id', 'int8'), column('name')]);
      opts.prepare?.(s);
      sessions.push(s);
      return s;
    },
  });
  const context = { timeout: (ms: number) => timeouts.push(ms), errantRecordReporter: () => (opts.reporter ? reporter : null) } as unknown as SinkTaskContext;
  task.initialize(context);
  await task.start({ name: 'jdbc-sink', 'connection.url': 'jdbc:postgresql://db/test', ...config });
  return { task, sessions, timeouts, reported, session: () => sessions.at(-1) as FakeSession };
}

describe('JdbcSinkTask writes', () => {
  it('writes a put as one multi-row INSERT in one transaction', async () => {
    const h = await startTask({});
    await h.task.put([record(null, value(1, 'a')), record(null, value(2, null))]);
    const s = h.session();
    expect(s.statements.map((x) => x.sql).filter((q) => /^(BEGIN|COMMIT|INSERT)/.test(q))).toEqual(['BEGIN', 'INSERT INTO "public"."orders" ("id","name") SELECT * FROM unnest(?::int8[],?::text[])', 'COMMIT']);
    expect(s.writes.at(-1)?.params).toEqual(['{1,2}', '{"a",NULL}']);
  });

  it('writes a put as one multi-row INSERT in MySQL', async () => {
    const h = await startTask({}, { dialect: 'MySqlDatabaseDialect' });
    await h.task.put([record(null, value(1, 'a')), record(null, value(2, null))]);
    expect(h.session().writes.at(-1)).toEqual({ sql: 'INSERT INTO `test`.`orders`(`id`,`name`) VALUES(?,?),(?,?)', params: [1n, 'a', 2n, null] });
  });

  it('flushes at batch.size', async () => {
    const h = await startTask({ 'batch.size': '2' });
    await h.task.put([1, 2, 3, 4, 5].map((i) => record(null, value(i, 'x'))));
    expect(h.session().writes.filter((w) => w.sql.startsWith('INSERT')).map((w) => String(w.params[0]).split(',').length)).toEqual([2, 2, 1]);
  });

  it('upserts with a primitive key and keeps delete-then-reinsert order', async () => {
    const h = await startTask({ 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'pk.fields': 'code', 'delete.enabled': 'true' }, {
      dialect: 'MySqlDatabaseDialect',
      prepare: (s) => s.addTable('orders', [column('code'), column('id', 'int8'), column('name')]),
    });
    await h.task.put([record('k1', value(1, 'a')), record('k2', value(2, 'b')), record('k1', null), record('k1', value(1, 'again'))]);
    const writes = h.session().writes.filter((w) => /^(INSERT|DELETE)/i.test(w.sql));
    expect(writes.map((w) => [w.sql, w.params])).toEqual([
      ['insert into `test`.`orders`(`code`,`id`,`name`) values(?,?,?),(?,?,?) on duplicate key update `id`=values(`id`),`name`=values(`name`)', ['k1', 1n, 'a', 'k2', 2n, 'b']],
      ['DELETE FROM `test`.`orders` WHERE `code` = ?', ['k1']],
      ['insert into `test`.`orders`(`code`,`id`,`name`) values(?,?,?) on duplicate key update `id`=values(`id`),`name`=values(`name`)', ['k1', 1n, 'again']],
    ]);
  });

  it('keeps the last row of a key in a PostgreSQL upsert statement', async () => {
    const h = await startTask({ 'insert.mode': 'upsert', 'pk.mode': 'record_value', 'pk.fields': 'id' });
    await h.task.put([record(null, value(1, 'a')), record(null, value(2, 'b')), record(null, value(1, 'c'))]);
    expect(h.session().writes.find((w) => w.sql.startsWith('INSERT'))?.params).toEqual(['{2,1}', '{"b","c"}']);
  });

  it('PostgreSQL updates many rows at once, the last of each key winning', async () => {
    const h = await startTask({ 'insert.mode': 'update', 'pk.mode': 'record_value', 'pk.fields': 'id' });
    await h.task.put([record(null, value(1, 'a')), record(null, value(2, 'b')), record(null, value(1, 'c'))]);
    expect(h.session().writes.filter((w) => w.sql.startsWith('UPDATE'))).toEqual([
      {
        sql: 'UPDATE "public"."orders" SET "name" = v.c0 FROM (SELECT * FROM unnest(?::text[],?::int8[])) AS v(c0,c1) WHERE "public"."orders"."id" = v.c1',
        params: ['{"b","c"}', '{2,1}'],
      },
    ]);
  });

  it('runs UPDATE row by row, non-key values first', async () => {
    const h = await startTask({ 'insert.mode': 'update', 'pk.mode': 'record_value', 'pk.fields': 'id' }, { dialect: 'MySqlDatabaseDialect' });
    await h.task.put([record(null, value(1, 'a')), record(null, value(2, 'b'))]);
    expect(h.session().writes.filter((w) => w.sql.startsWith('UPDATE')).map((w) => [w.sql, w.params])).toEqual([
      ['UPDATE `test`.`orders` SET `name` = ? WHERE `id` = ?', ['a', 1n]],
      ['UPDATE `test`.`orders` SET `name` = ? WHERE `id` = ?', ['b', 2n]],
    ]);
  });

  it('splits MySQL statements at 65,535 parameters', async () => {
    const wide = SchemaBuilder.struct();
    for (let i = 0; i < 30; i++) wide.field(`c${i}`, Schema.INT32_SCHEMA);
    const schema = wide.build();
    const h = await startTask({ 'batch.size': '5000', 'auto.create': 'true' }, { dialect: 'MySqlDatabaseDialect' });
    const records = Array.from({ length: 5000 }, (_, n) => {
      const s = new Struct(schema);
      for (let i = 0; i < 30; i++) s.put(`c${i}`, n);
      return new SinkRecord({ topic: 'wide', kafkaPartition: 0, kafkaOffset: BigInt(n), valueSchema: schema, value: s });
    });
    await h.task.put(records);
    expect(h.session().writes.filter((w) => w.sql.startsWith('INSERT')).map((w) => w.params.length / 30)).toEqual([2184, 2184, 632]);
  });

  it('creates a missing table with auto.create and adds columns with auto.evolve', async () => {
    const h = await startTask({ 'auto.create': 'true', 'auto.evolve': 'true', 'pk.mode': 'kafka' });
    await h.task.put([record(null, value(1, 'a'), 'fresh')]);
    expect(h.session().writes[0]?.sql).toBe(
      'CREATE TABLE "public"."fresh" (\n"__connect_topic" TEXT NOT NULL,\n"__connect_partition" INT NOT NULL,\n"__connect_offset" BIGINT NOT NULL,\n"id" BIGINT NOT NULL,\n"name" TEXT NULL,\nPRIMARY KEY("__connect_topic","__connect_partition","__connect_offset"))',
    );
    const wider = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('name', Schema.OPTIONAL_STRING_SCHEMA).field('note', Schema.OPTIONAL_STRING_SCHEMA).build();
    await h.task.put([new SinkRecord({ topic: 'fresh', kafkaPartition: 0, kafkaOffset: 9n, valueSchema: wider, value: new Struct(wider).put('id', 2n).put('note', 'n') })]);
    expect(h.session().writes.map((w) => w.sql)).toContain('ALTER TABLE "public"."fresh" ADD "note" TEXT NULL');
  });

  it('fails with Confluent\'s messages for a missing table or column', async () => {
    const h = await startTask({});
    await expect(h.task.put([record(null, value(1, 'a'), 'missing')])).rejects.toThrow('Table "public"."missing" is missing and auto-creation is disabled');
    const wider = SchemaBuilder.struct().field('id', Schema.INT64_SCHEMA).field('extra', Schema.OPTIONAL_INT32_SCHEMA).build();
    await expect(h.task.put([new SinkRecord({ topic: 'orders', kafkaPartition: 0, kafkaOffset: 1n, valueSchema: wider, value: new Struct(wider).put('id', 1n) })])).rejects.toThrow(
      `Table "public"."orders" is missing fields ([SinkRecordField{schema=Schema{INT32}, name='extra', isPrimaryKey=false}]) and auto-evolution is disabled`,
    );
    expect(h.session().statements.at(-1)?.sql).toBe('ROLLBACK');
  });
});

describe('JdbcSinkTask errors', () => {
  it('retries SQL errors max.retries times on a new connection, then fails', async () => {
    const h = await startTask({ 'max.retries': '2', 'retry.backoff.ms': '123' }, { prepare: (s) => (s.failWith = (sql) => (sql.startsWith('INSERT') ? new DbError('deadlock detected', '40P01', true) : null)) });
    const batch = [record(null, value(1, 'a'))];
    for (let i = 0; i < 2; i++) {
      const err = await h.task.put(batch).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RetriableError);
      expect((err as Error).message).toBe('Exception chain:\njava.sql.SQLException: deadlock detected (SQLState 40P01)');
    }
    expect(h.timeouts).toEqual([123, 123]);
    const final = await h.task.put(batch).catch((e: unknown) => e);
    expect(final).toBeInstanceOf(ConnectError);
    expect(final).not.toBeInstanceOf(RetriableError);
    expect(h.sessions.length).toBe(3);
    expect(h.sessions.slice(0, 2).every((s) => s.closed)).toBe(true);
  });

  it('trim.sensitive.log keeps only the SQLState of SQL errors', async () => {
    const h = await startTask({ 'trim.sensitive.log': 'true' }, { prepare: (s) => (s.failWith = (sql) => (sql.startsWith('INSERT') ? new DbError("Duplicate entry 'secret' for key 'PRIMARY'", '23000', false) : null)) });
    const err = await h.task.put([record(null, value(1, 'a'))]).catch((e: unknown) => e);
    expect((err as Error).message).toBe('Exception chain:\njava.sql.SQLException: <redacted> (SQLState 23000)');
  });

  it('a successful put after a failure resets the retry budget', async () => {
    let failures = 1;
    const h = await startTask({ 'max.retries': '1' }, { prepare: (s) => (s.failWith = (sql) => (sql.startsWith('INSERT') && failures-- > 0 ? new DbError('connection reset', '08006', true) : null)) });
    const batch = [record(null, value(1, 'a'))];
    await expect(h.task.put(batch)).rejects.toBeInstanceOf(RetriableError);
    await h.task.put(batch);
    failures = 1;
    await expect(h.task.put(batch)).rejects.toBeInstanceOf(RetriableError);
  });

  it('with a reporter, writes one by one after the retries and reports the failing records', async () => {
    const h = await startTask({ 'max.retries': '0' }, { reporter: true, prepare: (s) => (s.failWith = (sql, params) => (sql.startsWith('INSERT') && params.some((p) => String(p).includes('bad')) ? new DbError('value too long', '22001', false) : null)) });
    const good = record(null, value(1, 'ok'));
    const bad = record(null, value(2, 'bad'));
    await h.task.put([good, bad]);
    expect(h.reported.map((r) => r.record)).toEqual([bad]);
    expect(h.reported[0]?.error.message).toContain('value too long');
    const oneByOne = h.sessions[1] as FakeSession;
    expect(oneByOne.statements.map((w) => w.sql.slice(0, 6))).toEqual(['BEGIN', 'INSERT', 'COMMIT', 'BEGIN', 'INSERT', 'ROLLBA']);
    expect(h.sessions[0]?.closed && oneByOne.closed).toBe(true);
  });

  it('reports records it cannot write to the reporter, or fails without one', async () => {
    const schemaless = new SinkRecord({ topic: 'orders', kafkaPartition: 0, kafkaOffset: 3n, value: new Map([['id', 1n]]), timestamp: 5 });
    const strict = await startTask({});
    await expect(strict.task.put([schemaless])).rejects.toThrow(
      "Sink connector 'jdbc-sink' is configured with 'delete.enabled=false' and 'pk.mode=none' and therefore requires records with a non-null Struct value and non-null Struct schema, but found record at (topic='orders',partition=0,offset=3,timestamp=5) with a HashMap value and null value schema.",
    );
    const tolerant = await startTask({}, { reporter: true });
    const good = record(null, value(1, 'a'));
    await tolerant.task.put([good, schemaless]);
    await tolerant.task.put([good, schemaless]);
    expect(tolerant.reported.map((r) => r.record)).toEqual([schemaless]);
    expect(tolerant.session().writes.filter((w) => w.sql.startsWith('INSERT')).length).toBe(2);
  });

  it('retries a batch while reconnecting fails transiently, and fails at once on refused credentials', async () => {
    let refuse: DbError | null = null;
    const sessions: FakeSession[] = [];
    const timeouts: number[] = [];
    const task = new JdbcSinkTask({
      logger: silentLogger(),
      openSession: async () => {
        if (refuse !== null) throw refuse;
        const s = new FakeSession().addTable('orders', [column('id', 'int8'), column('name')]);
        sessions.push(s);
        return s;
      },
    });
    task.initialize({ timeout: (ms: number) => timeouts.push(ms), errantRecordReporter: () => null } as unknown as SinkTaskContext);
    await task.start({ 'connection.url': 'jdbc:postgresql://db/test', 'max.retries': '2', 'retry.backoff.ms': '50' });
    await (sessions[0] as FakeSession).close();
    refuse = new DbError('Connection to db:5432 refused', '08001', true);
    const batch = [record(null, value(1, 'a'))];
    await expect(task.put(batch)).rejects.toBeInstanceOf(RetriableError);
    await expect(task.put(batch)).rejects.toBeInstanceOf(RetriableError);
    const exhausted = await task.put(batch).catch((e: unknown) => e);
    expect(exhausted).not.toBeInstanceOf(RetriableError);
    expect((exhausted as Error).message).toBe('Could not connect to database: Connection to db:5432 refused');
    expect(timeouts).toEqual([50, 50]);
    refuse = null;
    await task.put(batch);
    expect(sessions.length).toBe(2);
    await (sessions[1] as FakeSession).close();
    refuse = new DbError('password authentication failed for user "x"', '28P01', false);
    const denied = await task.put(batch).catch((e: unknown) => e);
    expect(denied).not.toBeInstanceOf(RetriableError);
    expect((denied as Error).message).toContain('password authentication failed');
  });

  it('fails start when the database cannot be reached', async () => {
    const task = new JdbcSinkTask({ logger: silentLogger(), openSession: async () => Promise.reject(new DbError('Connection refused (127.0.0.1:1)', '08001', true)) });
    task.initialize({ errantRecordReporter: () => null } as unknown as SinkTaskContext);
    await expect(task.start({ 'connection.url': 'jdbc:postgresql://127.0.0.1:1/x' })).rejects.toThrow('Could not connect to database: Connection refused (127.0.0.1:1)');
  });
});
