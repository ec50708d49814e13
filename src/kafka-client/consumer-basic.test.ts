import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, startTestBroker, type TestBroker } from './test-helpers.js';
import { produce, startCollector, waitFor } from './consumer-test-helpers.js';

let env: TestBroker;
let bootstrap: string;

beforeAll(async () => {
  env = await startTestBroker({ defaultPartitions: 1 });
  bootstrap = env.broker.bootstrapServers;
});

afterAll(async () => {
  await env?.close();
});

describe('LeanConsumer, one member', () => {
  it('consumes everything from earliest, in order per partition, with keys, headers and timestamps', async () => {
    const topic = 'basic-earliest';
    await createTopic(bootstrap, topic, 3);
    const records = Array.from({ length: 300 }, (_, i) => ({
      key: i % 7 === 0 ? null : Buffer.from(`k${i}`),
      value: i % 11 === 0 ? null : Buffer.from(`v${i}`),
      headers: [['h', Buffer.from(`x${i}`)], ['n', null]] as [string, Buffer | null][],
      timestamp: 1_700_000_000_000 + i,
      partition: i % 3,
    }));
    await produce(bootstrap, topic, records.slice(0, 150));
    await produce(bootstrap, topic, records.slice(150));
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-basic' }, [topic]);
    try {
      await waitFor(() => c.records.length >= 300, 20_000, '300 records');
      expect(c.records).toHaveLength(300);
      expect(c.assigned[0].map((tp) => tp.partition).sort()).toEqual([0, 1, 2]);
      for (let p = 0; p < 3; p++) {
        const mine = c.records.filter((r) => r.partition === p);
        expect(mine.map((r) => r.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i));
        const expected = records.filter((r) => r.partition === p);
        mine.forEach((r, i) => {
          expect(r.key).toEqual(expected[i].key);
          expect(r.value).toEqual(expected[i].value);
          expect(r.timestamp).toBe(expected[i].timestamp);
          expect(r.headers).toEqual([['h', Buffer.from(`x${records.indexOf(expected[i])}`)], ['n', null]]);
        });
      }
      expect(c.batches.every((b) => b.records.length > 0)).toBe(true);
      expect(c.errors).toEqual([]);
    } finally {
      await c.consumer.stop();
    }
    expect(c.revoked).toHaveLength(1);
  });
});
