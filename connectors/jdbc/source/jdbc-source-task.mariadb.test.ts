// The task against MariaDB, where a streamed result cannot be stopped midway: leaving a table
// before its end (a stop, a lost connection) must drop the connection, not read the rest.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SourceTaskContext } from '../../../src/connect/index.js';
import type { SourceRecord } from '../../../src/data/index.js';
import type { OffsetStorageReader } from '../../../src/runtime/offset-storage.js';
import { silentLogger } from '../../../src/util/logger.js';
import { MYSQL_URL, uniqueTableName } from '../../../test/helpers/databases.js';
import type { DbSession } from '../common/db.js';
import { openMySql } from '../common/test-support.js';
import { JdbcSourceTask } from './jdbc-source-task.js';

const ROWS = 5000;
const table = uniqueTableName('source_task');
let sql: DbSession;

beforeAll(async () => {
  sql = await openMySql();
  await sql.query(`CREATE TABLE ${table} (id int PRIMARY KEY, pad varchar(2000) NOT NULL) ENGINE=InnoDB`);
  // About 10 MB: far more than the socket buffers hold, so the server is still sending while the task reads.
  await sql.query(`INSERT INTO ${table} SELECT a.d * 100 + b.d * 10 + c.d + 1 + k.n * 1000, REPEAT('x', 2000) FROM ${digits('a')}, ${digits('b')}, ${digits('c')}, (${[0, 1, 2, 3, 4].map((n) => `SELECT ${n} n`).join(' UNION ALL ')}) k`);
});

afterAll(async () => {
  await sql.query(`DROP TABLE IF EXISTS ${table}`);
  await sql.close();
});

function digits(alias: string): string {
  return `(${Array.from({ length: 10 }, (_, d) => `SELECT ${d} d`).join(' UNION ALL ')}) ${alias}`;
}

function context(): SourceTaskContext {
  const reader = { offset: async () => null, offsets: async (partitions: unknown[]) => new Map(partitions.map((p) => [p, null])) };
  return { configs: () => ({}), offsetStorageReader: () => reader as unknown as OffsetStorageReader };
}

async function startTask(): Promise<JdbcSourceTask> {
  const task = new JdbcSourceTask({ logger: silentLogger() });
  task.initialize(context());
  await task.start({
    'connection.url': MYSQL_URL,
    mode: 'incrementing',
    'incrementing.column.name': 'id',
    tables: `\`test\`.\`${table}\``,
    'tables.fetched': 'true',
    'batch.max.rows': '100',
    'poll.interval.ms': '10',
  });
  return task;
}

/** Server threads running this test's table query. */
async function runningQueries(): Promise<bigint[]> {
  const { rows } = await sql.query(`SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE ?`, [`SELECT * FROM \`test\`.\`${table}\`%`]);
  return rows.map((r) => BigInt(r[0] as bigint | number));
}

const ids = (records: SourceRecord[] | null): number[] => (records ?? []).map((r) => (r.value() as { get(name: string): unknown }).get('id') as number);

describe('JdbcSourceTask on MariaDB', () => {
  it('a task stopped in the middle of a table ends the query at once', async () => {
    const task = await startTask();
    expect(ids(await task.poll())).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await runningQueries()).toHaveLength(1);
    const started = Date.now();
    await task.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await vi.waitFor(async () => expect(await runningQueries()).toEqual([]), { timeout: 5000, interval: 100 });
  });

  it('after the connection is lost mid-table, a new session carries on from the last row read', async () => {
    const task = await startTask();
    const seen: number[] = ids(await task.poll());
    const [victim] = await runningQueries();
    await sql.query(`KILL ${String(victim)}`);
    for (let polls = 0; seen.length < ROWS && polls < 1000; polls++) seen.push(...ids(await task.poll()));
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    await task.stop();
  });
});
