import { describe, expect, it } from 'vitest';
import type { Struct } from '../../../src/data/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import type { DbValue, TableId } from '../common/db.js';
import { column, FakeSession } from './fake-session.js';
import { tablePartitionV1, TimestampIncrementingOffset } from './offsets.js';
import { TableQuerier, type QuerierSpec } from './table-querier.js';
import { UTC } from '../common/time-zone.js';

const ORDERS: TableId = { catalog: null, schema: 'public', table: 'orders' };
const COLUMNS = [column('id', 'INTEGER'), column('name', 'VARCHAR', { nullability: 'NULLABLE' }), column('updated', 'TIMESTAMP', { typeName: 'timestamp' })];
const T = (second: number): string => `2022-08-01 00:00:0${second}`;
const MS = (second: number): number => Date.UTC(2022, 7, 1, 0, 0, second);

function querier(session: FakeSession, spec: Partial<QuerierSpec>, clock = { now: 0 }): TableQuerier {
  return new TableQuerier(
    {
      mode: 'incrementing',
      table: ORDERS,
      query: null,
      queryMasked: false,
      topic: 'pg-orders',
      partition: tablePartitionV1('public.orders'),
      incrementingColumn: 'id',
      timestampColumns: [],
      offset: TimestampIncrementingOffset.EMPTY,
      suffix: '',
      timestampDelayMs: 0,
      incrementingDelayMs: 0,
      ...spec,
    },
    {
      dialect: session.dialect,
      quoteIdentifiers: true,
      typeOptions: { dialect: session.dialect.name, numericMapping: 'none', granularity: 'connect_logical', zone: UTC, calendar: 'LEGACY' },
      fetchSize: 2,
      logger: silentLogger(),
      now: () => clock.now,
    },
  );
}

async function drain(q: TableQuerier, session: FakeSession, max = 100): Promise<Array<{ id: unknown; offset: unknown }>> {
  const out: Array<{ id: unknown; offset: unknown }> = [];
  for (;;) {
    const { records, done } = await q.read(session, max);
    for (const r of records) {
      const value = r.value() as Struct;
      out.push({ id: value.schema().field('id') === null ? null : value.get('id'), offset: r.sourceOffset() });
    }
    if (done) {
      await q.finish(session, 1);
      return out;
    }
  }
}

describe('TableQuerier', () => {
  it('incrementing: binds the last id, offsets {incrementing}, records named after the table', async () => {
    const session = new FakeSession();
    session.serve = () => ({ columns: COLUMNS, rows: [[5, 'a', T(1)], [6, null, T(2)], [7, 'c', T(3)]] });
    const q = querier(session, { offset: TimestampIncrementingOffset.fromMap({ incrementing: 4 }) });
    const { records } = await q.read(session, 10);
    expect(session.statements[0]).toEqual({ sql: 'SELECT * FROM "public"."orders" WHERE "id" > ? ORDER BY "id" ASC', params: [4n], kind: 'stream' });
    expect(records.map((r) => r.sourceOffset())).toEqual([{ incrementing: 5 }, { incrementing: 6 }]);
    const first = records[0];
    expect(first.topic()).toBe('pg-orders');
    expect(first.sourcePartition()).toEqual({ protocol: '1', table: 'public.orders' });
    expect(first.key()).toBeNull();
    expect(first.valueSchema()?.name()).toBe('orders');
    expect(String(records[1].value())).toMatch(/^Struct\{id=6,updated=2022-08-01 00:00:02.0\}$/);
    const rest = await drain(q, session);
    expect(rest.map((r) => r.offset)).toEqual([{ incrementing: 7 }]);
    expect(session.events).toEqual(['begin', 'close-stream', 'commit']);
    expect(q.offset.incrementing).toBe(7n);
  });

  it('timestamp mode only advances the offset once a timestamp is complete (PR #1093)', async () => {
    const session = new FakeSession();
    session.now = { epochMs: MS(30), nanos: 0 };
    session.serve = () => ({ columns: COLUMNS, rows: [[1, 'a', T(1)], [2, 'b', T(1)], [3, 'c', T(2)], [4, 'd', T(2)], [5, 'e', T(3)]] });
    const q = querier(session, { mode: 'timestamp', incrementingColumn: '', timestampColumns: ['updated'], offset: TimestampIncrementingOffset.fromMap({ timestamp: MS(0) }), timestampDelayMs: 1000 });
    const rows = await drain(q, session, 100);
    const ts = (s: number): unknown => ({ timestamp_nanos: 0, timestamp: MS(s) });
    // T1,T1,T2,T2,T3 after T0 → T0,T1,T1,T2,T3
    expect(rows.map((r) => r.offset)).toEqual([ts(0), ts(1), ts(1), ts(2), ts(3)]);
    expect(session.statements[0].sql).toBe('SELECT * FROM "public"."orders" WHERE "updated" > ? AND "updated" < ? ORDER BY "updated" ASC');
    expect(session.statements[0].params).toEqual(['2022-08-01 00:00:00+00:00', '2022-08-01 00:00:29+00:00']);
    expect(session.events.slice(0, 2)).toEqual(['begin', 'now']);
  });

  it('timestamp+incrementing: all three offset keys; parameters in Confluent order', async () => {
    const session = new FakeSession('mysql');
    session.serve = () => ({ columns: COLUMNS, rows: [[9, 'a', '2022-08-01 00:00:01.5']] });
    const q = querier(session, { mode: 'timestamp+incrementing', timestampColumns: ['UPDATED'], offset: TimestampIncrementingOffset.fromMap({ timestamp: MS(1), incrementing: 8 }) });
    const rows = await drain(q, session);
    expect(rows[0].offset).toEqual({ timestamp_nanos: 500_000_000, incrementing: 9, timestamp: MS(1) + 500 });
    const { sql, params } = session.statements[0];
    expect(sql).toBe('SELECT * FROM `public`.`orders` WHERE `UPDATED` < ? AND ((`UPDATED` = ? AND `id` > ?) OR `UPDATED` > ?) ORDER BY `UPDATED`,`id` ASC');
    expect(params).toEqual(['2022-08-01 12:00:00', '2022-08-01 00:00:01', 8n, '2022-08-01 00:00:01']);
  });

  it('bulk: the whole table every time, the bare table partition, no offset', async () => {
    const session = new FakeSession();
    session.serve = () => ({ columns: COLUMNS, rows: [[1, 'a', T(1)]] });
    const q = querier(session, { mode: 'bulk', partition: { table: 'orders' }, suffix: 'LIMIT 5' });
    const { records } = await q.read(session, 10);
    expect(records[0].sourcePartition()).toEqual({ table: 'orders' });
    expect(records[0].sourceOffset()).toBeNull();
    expect(session.statements[0].sql).toBe('SELECT * FROM "public"."orders" LIMIT 5');
  });

  it('finds the auto-increment column when incrementing.column.name is empty', async () => {
    const session = new FakeSession();
    session.columns.set('orders', [column('name', 'VARCHAR'), column('seq', 'BIGINT', { autoIncrement: true })]);
    session.serve = () => ({ columns: [column('seq', 'BIGINT')], rows: [[3n]] });
    const q = querier(session, { incrementingColumn: '' });
    expect((await drain(q, session)).map((r) => r.offset)).toEqual([{ incrementing: 3 }]);
    expect(session.statements[0].sql).toBe('SELECT * FROM "public"."orders" WHERE "seq" > ? ORDER BY "seq" ASC');
    const none = new FakeSession();
    await expect(querier(none, { incrementingColumn: '' }).read(none, 1)).rejects.toThrow(/No auto-incrementing column found in table "public"."orders"/);
  });

  it('a reset after an error goes back to the offset the query started from', async () => {
    const session = new FakeSession();
    session.serve = () => ({ columns: COLUMNS, rows: [[1, 'a', T(1)], [2, 'b', T(1)], [3, 'c', T(1)]] });
    const q = querier(session, {});
    await q.read(session, 2);
    expect(q.offset.incrementing).toBe(2n);
    await q.reset(session, 5, true);
    expect(q.offset.incrementing).toBeNull();
    expect(q.querying).toBe(false);
    expect(session.events).toEqual(['begin', 'close-stream', 'rollback']);
  });

  it('null or non-integral incrementing values fail the querier', async () => {
    const session = new FakeSession();
    session.serve = () => ({ columns: [column('id', 'INTEGER', { nullability: 'NULLABLE' })], rows: [[null] as DbValue[]] });
    await expect(querier(session, {}).read(session, 1)).rejects.toThrow('Null value for incrementing column of type: INT32');
    session.serve = () => ({ columns: [column('id', 'VARCHAR')], rows: [['x']] });
    await expect(querier(session, {}).read(session, 1)).rejects.toThrow('Invalid type for incrementing column: STRING');
  });

  it("Sluice's incrementing delay reads up to the largest id seen at least the delay ago", async () => {
    const session = new FakeSession();
    const clock = { now: 0 };
    let max = 5;
    session.answer = () => ({ columns: [], rows: [[max]], rowCount: 1 });
    session.serve = (_sql, params) => ({ columns: COLUMNS, rows: [[1, 'a', T(1)], [2, 'b', T(1)], [4, 'd', T(1)], [5, 'e', T(1)]].filter((r) => BigInt(r[0] as number) > (params[0] as bigint) && BigInt(r[0] as number) <= (params[1] as bigint)) });
    const q = querier(session, { incrementingDelayMs: 1000 }, clock);
    expect(await drain(q, session)).toEqual([]);
    expect(session.statements.map((s) => s.sql)).toEqual(['SELECT MAX("id") FROM "public"."orders"']);
    clock.now = 600;
    max = 6;
    expect(await drain(q, session)).toEqual([]);
    clock.now = 1000;
    const rows = await drain(q, session);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 4, 5]);
    expect(session.statements.at(-1)).toEqual({ sql: 'SELECT * FROM "public"."orders" WHERE "id" > ? AND "id" <= ? ORDER BY "id" ASC', params: [-1n, 5n], kind: 'stream' });
  });
});
