import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, kcat, startTestBroker, type TestBroker } from './test-helpers.js';
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

const sortTps = (tps: { topic: string; partition: number }[]): string[] => tps.map((t) => `${t.topic}-${t.partition}`).sort();

describe('LeanConsumer offsets and groups', () => {
  it('resumes after committed offsets when restarted', async () => {
    const topic = 'resume';
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, values(40, 'a'));
    const first = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-resume' }, [topic], {
      async onRevoked() {
        // commit what was handled, per partition (next offset to read)
        const next = new Map<number, number>();
        for (const r of first.records) next.set(r.partition, Math.max(next.get(r.partition) ?? 0, r.offset + 1));
        await first.consumer.commit([...next].map(([partition, offset]) => ({ topic, partition, offset })));
      },
    });
    await waitFor(() => first.records.length >= 40);
    await first.consumer.stop();
    expect(first.errors).toEqual([]);

    await produce(bootstrap, topic, values(10, 'b'));
    const second = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-resume' }, [topic]);
    try {
      await waitFor(() => second.records.length >= 10);
      await new Promise((r) => setTimeout(r, 300));
      expect(second.values().sort()).toEqual(values(10, 'b').map((r) => (r.value as Buffer).toString()).sort());
    } finally {
      await second.consumer.stop();
    }
    // a commit from the wrong generation is refused
    await expect(second.consumer.commit([{ topic, partition: 0, offset: 1 }])).rejects.toThrow();
  });

  it('latest policy starts at the end; OFFSET_OUT_OF_RANGE after a seek past the end resets per policy', async () => {
    const topic = 'latest';
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values(5, 'old'));
    const c = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-latest', autoOffsetReset: 'latest' }, [topic]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      await produce(bootstrap, topic, values(3, 'new'));
      await waitFor(() => c.records.length >= 3);
      expect(c.values()).toEqual(['new-0', 'new-1', 'new-2']);
      expect(c.records.map((r) => r.offset)).toEqual([5, 6, 7]);
    } finally {
      await c.consumer.stop();
    }
    // earliest policy after OFFSET_OUT_OF_RANGE: a seek past the end starts over from offset 0
    const e = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-out-of-range' }, [topic]);
    try {
      await waitFor(() => e.records.length >= 8);
      e.consumer.seek({ topic, partition: 0 }, 1000);
      await waitFor(() => e.records.length >= 16);
      expect(e.records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await e.consumer.stop();
    }
  });

  it('two members split the partitions and rebalance when one stops', async () => {
    const topic = 'split';
    await createTopic(bootstrap, topic, 4);
    await produce(bootstrap, topic, values(80, 'x'));
    const options = { bootstrapServers: [bootstrap], groupId: 'g-split' };
    const a = await startCollector(options, [topic], {
      async onRevoked() {
        const next = new Map<number, number>();
        for (const r of a.records) next.set(r.partition, Math.max(next.get(r.partition) ?? 0, r.offset + 1));
        await a.consumer.commit([...next].map(([partition, offset]) => ({ topic, partition, offset })));
      },
    });
    await waitFor(() => a.records.length >= 80);
    const b = await startCollector(options, [topic]);
    try {
      await waitFor(() => a.assigned.length >= 2, 20_000, 'a to be reassigned');
      expect(a.revoked.length).toBeGreaterThanOrEqual(1);
      const aTps = sortTps(a.assigned[a.assigned.length - 1]);
      const bTps = sortTps(b.assigned[b.assigned.length - 1]);
      expect(aTps).toHaveLength(2);
      expect(bTps).toHaveLength(2);
      expect([...aTps, ...bTps].sort()).toEqual(['split-0', 'split-1', 'split-2', 'split-3']);
      // b starts where a committed: nothing old is delivered again
      await produce(bootstrap, topic, values(40, 'y'));
      await waitFor(() => a.values().filter((v) => v.startsWith('y')).length + b.records.length >= 40);
      expect(b.values().every((v) => v.startsWith('y'))).toBe(true);
      expect(b.records.length).toBeGreaterThan(0);

      await a.consumer.stop();
      await waitFor(() => b.assigned.length >= 2, 20_000, 'b to take over');
      expect(sortTps(b.assigned[b.assigned.length - 1])).toEqual(['split-0', 'split-1', 'split-2', 'split-3']);
      expect(b.revoked.length).toBeGreaterThanOrEqual(1);
      await produce(bootstrap, topic, values(20, 'z'));
      await waitFor(() => b.values().filter((v) => v.startsWith('z')).length >= 20);
    } finally {
      await a.consumer.stop();
      await b.consumer.stop();
    }
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('shares a group with a kcat (librdkafka) consumer offering range,roundrobin', async () => {
    const topic = 'with-kcat';
    await createTopic(bootstrap, topic, 4);
    await produce(bootstrap, topic, values(40, 'k'));
    const lean = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-kcat' }, [topic]);
    try {
      // kcat joins, triggering a rebalance; it exits after idling at the end of its partitions (-e).
      const out = kcat(bootstrap, ['-G', 'g-kcat', '-X', 'partition.assignment.strategy=range,roundrobin', '-X', 'auto.offset.reset=earliest', '-X', 'enable.auto.commit=false', '-X', 'heartbeat.interval.ms=200', '-e', '-q', '-f', '%p %s\n', topic], 60_000);
      await waitFor(() => lean.assigned.length >= 2, 30_000, 'lean consumer to be reassigned');
      expect(lean.assigned[lean.assigned.length - 1]).toHaveLength(2);
      const kcatRows = (await out).split('\n').filter((l) => l.length > 0);
      const kcatPartitions = new Set(kcatRows.map((l) => Number(l.split(' ')[0])));
      const leanPartitions = new Set(lean.assigned[1].map((tp) => tp.partition));
      for (const p of kcatPartitions) expect(leanPartitions.has(p)).toBe(false);
      expect(kcatPartitions.size).toBe(2);
      // after kcat leaves, the lean consumer gets everything back
      await waitFor(() => lean.assigned.length >= 3 && lean.assigned[lean.assigned.length - 1].length === 4, 30_000, 'all partitions back');
    } finally {
      await lean.consumer.stop();
    }
    expect(lean.errors).toEqual([]);
  });

  it('shares a group with a kafkajs consumer when offering kafkajs\'s RoundRobinAssigner protocol', async () => {
    const topic = 'with-kafkajs';
    await createTopic(bootstrap, topic, 4);
    await produce(bootstrap, topic, values(40, 'j'));
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({ brokers: [bootstrap], clientId: 'kjs', logLevel: logLevel.NOTHING });

    // Without the kafkajs protocol name there is no common protocol.
    const refused = await import('./consumer.js').then(({ LeanConsumer }) => new LeanConsumer({ bootstrapServers: [bootstrap], clientId: 'x', groupId: 'g-kafkajs-refused', autoOffsetReset: 'earliest' }));
    const kjs0 = kafka.consumer({ groupId: 'g-kafkajs-refused', heartbeatInterval: 200 });
    await kjs0.connect();
    await kjs0.subscribe({ topic, fromBeginning: true });
    await kjs0.run({ eachMessage: async () => undefined });
    await new Promise((r) => setTimeout(r, 500));
    refused.subscribe([topic]);
    await expect(refused.run({ onBatch: async () => undefined })).rejects.toThrow(/INCONSISTENT_GROUP_PROTOCOL/);
    await kjs0.disconnect();

    const lean = await startCollector({ bootstrapServers: [bootstrap], groupId: 'g-kafkajs', assignors: ['RoundRobinAssigner', 'range', 'roundrobin'] }, [topic]);
    const kjs = kafka.consumer({ groupId: 'g-kafkajs', heartbeatInterval: 200 });
    const kjsPartitions = new Set<number>();
    try {
      await kjs.connect();
      await kjs.subscribe({ topic, fromBeginning: true });
      await kjs.run({ eachMessage: async ({ partition }) => void kjsPartitions.add(partition) });
      await waitFor(() => lean.assigned.length >= 2, 30_000, 'lean consumer to be reassigned');
      const leanPartitions = lean.assigned[lean.assigned.length - 1].map((tp) => tp.partition).sort();
      expect(leanPartitions).toHaveLength(2);
      await waitFor(() => kjsPartitions.size >= 2, 30_000, 'kafkajs to consume');
      for (const p of kjsPartitions) expect(leanPartitions).not.toContain(p);
    } finally {
      await kjs.disconnect();
      await lean.consumer.stop();
    }
    expect(lean.errors).toEqual([]);
  });
});
