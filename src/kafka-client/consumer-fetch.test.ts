import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, startTestBroker, type TestBroker } from './test-helpers.js';
import { produce, startCollector, values, waitFor } from './consumer-test-helpers.js';

let env: TestBroker;
let bootstrap: string;

beforeAll(async () => {
  env = await startTestBroker({ defaultPartitions: 1 });
  bootstrap = env.broker.bootstrapServers;
});

afterAll(async () => {
  await env?.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('LeanConsumer fetching', () => {
  it('pause stops a partition until resume; the other keeps flowing', async () => {
    const topic = 'pause';
    await createTopic(bootstrap, topic, 2);
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-pause' }, [topic]);
    try {
      c.consumer.pause([{ topic, partition: 0 }]);
      await sleep(200); // let an in-flight fetch come back
      await produce(bootstrap, topic, [...values(5, 'p0', 0), ...values(5, 'p1', 1)]);
      await waitFor(() => c.records.length >= 5);
      await sleep(400);
      expect(c.records.every((r) => r.partition === 1)).toBe(true);
      c.consumer.resume([{ topic, partition: 0 }]);
      await waitFor(() => c.records.length >= 10);
      expect(c.records.filter((r) => r.partition === 0).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await c.consumer.stop();
    }
  });

  it('seek in onAssigned and from a batch handler moves the next fetch', async () => {
    const topic = 'seek';
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values(20, 's'));
    let seekedBack = false;
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-seek' }, [topic], (consumer) => ({
      async onAssigned() {
        consumer.seek({ topic, partition: 0 }, 15);
      },
      async onBatch(batch) {
        if (!seekedBack && batch.records[batch.records.length - 1].offset === 19) {
          seekedBack = true;
          consumer.seek({ topic, partition: 0 }, 18);
        }
      },
    }));
    try {
      await waitFor(() => c.records.length >= 7);
      expect(c.records.map((r) => r.offset)).toEqual([15, 16, 17, 18, 19, 18, 19]);
      expect(() => c.consumer.seek({ topic: 'nope', partition: 0 }, 1)).toThrow(/not assigned/);
    } finally {
      await c.consumer.stop();
    }
  });

  it.each([
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const)('reads %s batches, dropping records below the fetch offset inside a batch', async (name, codec) => {
    const topic = `compressed-${name}`;
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values(50, name), codec); // one batch, offsets 0-49
    // commit 30 so the first fetch starts inside the batch
    const first = await startCollector({ bootstrapServers: [bootstrap], groupId: `g-${name}` }, [topic]);
    await first.consumer.commit([{ topic, partition: 0, offset: 30 }]);
    await first.consumer.stop();
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: `g-${name}` }, [topic]);
    try {
      await waitFor(() => c.records.length >= 20);
      await sleep(200);
      expect(c.records.map((r) => r.offset)).toEqual(Array.from({ length: 20 }, (_, i) => 30 + i));
      expect(c.values()).toEqual(Array.from({ length: 20 }, (_, i) => `${name}-${30 + i}`));
    } finally {
      await c.consumer.stop();
    }
  });

  it('a regex subscription picks up a new matching topic', async () => {
    await createTopic(bootstrap, 'rx-a', 1);
    await createTopic(bootstrap, 'other-a', 1);
    await produce(bootstrap, 'rx-a', values(3, 'a'));
    await produce(bootstrap, 'other-a', values(3, 'o'));
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-regex', metadataMaxAgeMs: 300 }, /^rx-/);
    try {
      await waitFor(() => c.records.length >= 3);
      expect(c.assigned[0]).toEqual([{ topic: 'rx-a', partition: 0 }]);
      await createTopic(bootstrap, 'rx-b', 2);
      await produce(bootstrap, 'rx-b', values(4, 'b'));
      await waitFor(() => c.records.length >= 7, 20_000, 'records of rx-b');
      expect(c.assigned[c.assigned.length - 1].map((tp) => `${tp.topic}-${tp.partition}`).sort()).toEqual(['rx-a-0', 'rx-b-0', 'rx-b-1']);
      expect(c.revoked.length).toBeGreaterThanOrEqual(1);
      expect(c.records.some((r) => r.topic === 'other-a')).toBe(false);
      expect(c.values().filter((v) => v.startsWith('b-')).sort()).toEqual(['b-0', 'b-1', 'b-2', 'b-3']);
    } finally {
      await c.consumer.stop();
    }
  });

  it('a handler error stops the consumer and reaches onError', async () => {
    const topic = 'handler-error';
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values(3, 'e'));
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-error' }, [topic], {
      async onBatch() {
        throw new Error('sink failed');
      },
    });
    await waitFor(() => c.errors.length > 0);
    expect(c.errors[0].message).toBe('sink failed');
    await c.consumer.stop();
  });
});
