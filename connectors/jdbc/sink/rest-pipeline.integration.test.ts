/**
 * A pipeline built only with REST calls: JDBC source (MariaDB table, timestamp+incrementing) →
 * topic, with ValueToKey and ExtractField$Key making `id` the key and StringConverter writing it →
 * JDBC sink upserting into PostgreSQL with deletes enabled. After inserts, updates and deletes
 * (tombstones produced for the deleted keys, as a CDC source would) the target equals the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MYSQL_URL, POSTGRES_URL, uniqueTableName } from '../../../test/helpers/databases.js';
import { waitFor } from '../../../test/helpers/run.js';
import { RestClient, startInProcessStack, type InProcessStack } from '../../../test/runtime/support.js';
import type { DbSession } from '../common/db.js';
import { produce, rows, verifier } from './sink-test-support.js';

let stack: InProcessStack;
let rest: RestClient;
let source: DbSession;
let target: DbSession;
const sourceTable = uniqueTableName('snk_src');
const targetTable = uniqueTableName('snk_dst');
const prefix = 'snk-pipeline-';
const topic = `${prefix}${sourceTable}`;

beforeAll(async () => {
  stack = await startInProcessStack('jdbc-pipeline', { 'offset.flush.interval.ms': '200' });
  rest = new RestClient(stack.worker.restUrl);
  source = await verifier(MYSQL_URL);
  target = await verifier(POSTGRES_URL);
  await source.query(
    `CREATE TABLE ${sourceTable} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64), qty INT, updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3))`,
  );
});

afterAll(async () => {
  await source?.query(`DROP TABLE IF EXISTS ${sourceTable}`).catch(() => undefined);
  await target?.query(`DROP TABLE IF EXISTS ${targetTable}`).catch(() => undefined);
  await source?.close();
  await target?.close();
  await stack?.close();
});

/** Rows as text, timestamps as epoch milliseconds, so that both databases print alike. */
async function snapshot(db: DbSession, table: string): Promise<unknown[][]> {
  const all = await rows(db, `SELECT id, name, qty, updated_at FROM ${table}`);
  return all
    .map(([id, name, qty, at]) => [String(id), name, qty === null ? null : Number(qty), Date.parse(`${String(at).replace(' ', 'T')}Z`)])
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

async function awaitTargetEqualsSource(): Promise<void> {
  let want: unknown[][] = [];
  let got: unknown[][] = [];
  try {
    await waitFor(async () => {
      const status = await rest.get('/connectors/pipeline-sink/status');
      if (status.body?.tasks?.[0]?.state === 'FAILED') throw new Error(`sink failed:\n${status.body.tasks[0].trace}`);
      want = await snapshot(source, sourceTable);
      got = await snapshot(target, targetTable).catch(() => []);
      return JSON.stringify(want) === JSON.stringify(got) ? true : undefined;
    }, 30_000, 'the target to equal the source');
  } catch (err) {
    throw new Error(`${(err as Error).message}\nsource: ${JSON.stringify(want)}\ntarget: ${JSON.stringify(got)}`);
  }
}

describe('REST-built pipeline: JDBC source (MariaDB) → JDBC sink (PostgreSQL)', () => {
  it('keeps the target equal to the source through inserts, updates and deletes', async () => {
    await source.query(`INSERT INTO ${sourceTable} (name, qty) VALUES ('apple', 1), ('pear', 2), ('plum', NULL)`);

    const created = await rest.post('/connectors', {
      name: 'pipeline-source',
      config: {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
        'tasks.max': '1',
        'connection.url': MYSQL_URL,
        'table.whitelist': sourceTable,
        mode: 'timestamp+incrementing',
        'incrementing.column.name': 'id',
        'timestamp.column.name': 'updated_at',
        'topic.prefix': prefix,
        'poll.interval.ms': '200',
        transforms: 'createKey,extractId',
        'transforms.createKey.type': 'org.apache.kafka.connect.transforms.ValueToKey',
        'transforms.createKey.fields': 'id',
        'transforms.extractId.type': 'org.apache.kafka.connect.transforms.ExtractField$Key',
        'transforms.extractId.field': 'id',
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'true',
      },
    });
    expect(created.status, created.text).toBe(201);
    const sink = await rest.post('/connectors', {
      name: 'pipeline-sink',
      config: {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
        'tasks.max': '1',
        topics: topic,
        'connection.url': POSTGRES_URL,
        'table.name.format': targetTable,
        'insert.mode': 'upsert',
        'pk.mode': 'record_key',
        'pk.fields': 'id',
        'delete.enabled': 'true',
        'auto.create': 'true',
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter.schemas.enable': 'true',
      },
    });
    expect(sink.status, sink.text).toBe(201);
    await rest.awaitRunning('pipeline-source');
    await rest.awaitRunning('pipeline-sink');
    await awaitTargetEqualsSource();

    await source.query(`UPDATE ${sourceTable} SET qty = 20, name = 'pear (ripe)' WHERE id = 2`);
    await source.query(`UPDATE ${sourceTable} SET qty = 3 WHERE id = 3`);
    await source.query(`INSERT INTO ${sourceTable} (name, qty) VALUES ('fig', 4)`);
    await awaitTargetEqualsSource();

    await source.query(`DELETE FROM ${sourceTable} WHERE id IN (1, 3)`);
    await produce(stack.broker.bootstrapServers, topic, [
      ['1', null],
      ['3', null],
    ]);
    await source.query(`INSERT INTO ${sourceTable} (name, qty) VALUES ('kiwi', 5)`);
    await awaitTargetEqualsSource();
    expect((await snapshot(target, targetTable)).map((r) => r[1])).toEqual(['pear (ripe)', 'fig', 'kiwi']);
  });
});
