import { describe, expect, it } from 'vitest';
import type { SourceTaskContext } from '../../../src/connect/index.js';
import type { OffsetStorageReader } from '../../../src/runtime/offset-storage.js';
import { silentLogger } from '../../../src/util/logger.js';
import { DbError } from '../common/db.js';
import { column, FakeSession } from './fake-session.js';
import { JdbcSourceTask } from './jdbc-source-task.js';

const ORDERS_COLUMNS = [column('id', 'INTEGER', { autoIncrement: true }), column('name', 'VARCHAR', { nullability: 'NULLABLE' }), column('updated', 'TIMESTAMP', { typeName: 'timestamp' })];

function context(stored: Array<[Record<string, unknown>, Record<string, unknown>]> = []): SourceTaskContext {
  const reader = {
    offset: async () => null,
    offsets: async (partitions: Array<Record<string, unknown>>) => {
      const found = new Map<Record<string, unknown>, Record<string, unknown> | null>();
      for (const p of partitions) found.set(p, stored.find(([sp]) => JSON.stringify(sp) === JSON.stringify(p))?.[1] ?? null);
      return found;
    },
  } as unknown as OffsetStorageReader;
  return { configs: () => ({}), offsetStorageReader: () => reader };
}

function setup(stored: Array<[Record<string, unknown>, Record<string, unknown>]> = []): { task: JdbcSourceTask; session: FakeSession } {
  const session = new FakeSession();
  session.columns.set('orders', ORDERS_COLUMNS);
  session.serve = () => ({ columns: ORDERS_COLUMNS, rows: [[5, 'a', '2022-08-01 00:00:01']] });
  const task = new JdbcSourceTask({ openSession: async () => session, logger: silentLogger() });
  task.initialize(context(stored));
  return { task, session };
}

const CONFIG = { 'connection.url': 'jdbc:postgresql://db/test', mode: 'incrementing', 'incrementing.column.name': 'id', tables: '"public"."orders"', 'tables.fetched': 'true', 'poll.interval.ms': '50' };

describe('JdbcSourceTask', () => {
  it('resumes from the protocol 1 partition before the legacy one', async () => {
    const { task, session } = setup([
      [{ table: 'orders' }, { incrementing: 1 }],
      [{ protocol: '1', table: 'public.orders' }, { incrementing: 3 }],
    ]);
    await task.start(CONFIG);
    await task.poll();
    expect(session.statements.find((s) => s.kind === 'stream')?.params).toEqual([3n]);
    await task.stop();

    const legacy = setup([[{ table: 'orders' }, { incrementing: 1 }]]);
    await legacy.task.start(CONFIG);
    await legacy.task.poll();
    expect(legacy.session.statements.find((s) => s.kind === 'stream')?.params).toEqual([1n]);
    await legacy.task.stop();
  });

  it('starts from timestamp.initial, or the database time for -1', async () => {
    const { task, session } = setup();
    await task.start({ ...CONFIG, mode: 'timestamp', 'incrementing.column.name': '', 'timestamp.column.name': 'updated', 'timestamp.initial': '-1' });
    await task.poll();
    const stream = session.statements.find((s) => s.kind === 'stream');
    // timestamp > initial AND timestamp < now (FakeSession's clock reads 12:00 both times).
    expect(stream?.params).toEqual(['2022-08-01 12:00:00+00:00', '2022-08-01 12:00:00+00:00']);
    await task.stop();
  });

  it('waits for the table list, and fails when no table was assigned', async () => {
    const waiting = setup();
    await waiting.task.start({ ...CONFIG, tables: '', 'tables.fetched': 'false' });
    expect(await waiting.task.poll()).toBeNull();
    await waiting.task.stop();
    const none = setup();
    await expect(none.task.start({ ...CONFIG, tables: '' })).rejects.toThrow('Task is being killed because it was not assigned a table nor a query to execute.');
  });

  it('checks the offset columns: present and NOT NULL', async () => {
    const missing = setup();
    await expect(missing.task.start({ ...CONFIG, 'incrementing.column.name': 'nope' })).rejects.toThrow(`Incrementing column: nope does not exist in table '"public"."orders"'`);
    const nullable = setup();
    await expect(nullable.task.start({ ...CONFIG, mode: 'timestamp', 'incrementing.column.name': '', 'timestamp.column.name': 'name' })).rejects.toThrow(
      'Cannot make incremental queries using timestamp columns name on "public"."orders" because all of these columns are nullable.',
    );
    const off = setup();
    await off.task.start({ ...CONFIG, mode: 'timestamp', 'incrementing.column.name': '', 'timestamp.column.name': 'name', 'validate.non.null': 'false' });
    await off.task.stop();
    const gone = setup();
    gone.session.columns.clear();
    await expect(gone.task.start(CONFIG)).rejects.toThrow(`Table '"public"."orders"' does not exist in the database`);
  });

  it('retries transient errors up to query.retry.attempts, then fails', async () => {
    const { task, session } = setup();
    await task.start({ ...CONFIG, 'query.retry.attempts': '2' });
    session.failNext = new DbError('deadlock detected', '40P01', true);
    expect(await task.poll()).toBeNull();
    let records = null;
    while (records === null) records = await task.poll();
    expect(records).toHaveLength(1);
    session.serve = () => {
      throw new DbError('deadlock detected', '40P01', true);
    };
    let failure: unknown = null;
    for (let i = 0; i < 50 && failure === null; i++) await task.poll().catch((err: unknown) => (failure = err));
    expect(String(failure)).toContain('Failed to query table after retries: deadlock detected');
    await task.stop();
  });

  it('fails at once on a non-transient error, naming the table', async () => {
    const { task, session } = setup();
    await task.start(CONFIG);
    session.failNext = new DbError('relation "public.orders" does not exist', '42P01', false);
    await expect(task.poll()).rejects.toThrow('Non-transient SQL exception while running query for table: "public"."orders": relation "public.orders" does not exist');
    await task.stop();
  });

  it('stop() ends a waiting poll at once and closes the session', async () => {
    const { task, session } = setup();
    await task.start({ ...CONFIG, 'poll.interval.ms': '60000', 'transaction.isolation.mode': 'SERIALIZABLE' });
    expect(session.isolation).toBe('SERIALIZABLE');
    expect(await task.poll()).toHaveLength(1);
    const t0 = Date.now();
    const waiting = task.poll();
    await task.stop();
    expect(await waiting).toBeNull();
    expect(Date.now() - t0).toBeLessThan(500);
    expect(session.closed).toBe(true);
  });
});
