/** The embedded broker against kafkajs 2.2.4: admin, idempotent producer, consumer groups. */
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { waitFor } from '../helpers/run.js';

let broker: BrokerProcess;
let kafka: Kafka;

beforeAll(async () => {
  broker = await startBrokerProcess();
  kafka = new Kafka({ clientId: 'kafkajs-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
});

afterAll(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

describe('kafkajs admin', () => {
  it('creates topics with configs, describes and alters them, adds partitions, deletes topics', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toHaveLength(1);
      expect(cluster.controller).toBe(cluster.brokers[0].nodeId);

      const created = await admin.createTopics({
        topics: [{ topic: 'admin-a', numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: '60000' }] }],
      });
      expect(created).toBe(true);
      expect(await admin.createTopics({ topics: [{ topic: 'admin-a' }] })).toBe(false);
      await expect(admin.createTopics({ topics: [{ topic: 'admin-rf', replicationFactor: 3 }] })).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })],
      });
      await expect(admin.createTopics({ topics: [{ topic: 'admin-bad', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] })).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })],
      });

      const described = await admin.describeConfigs({ resources: [{ type: 2, name: 'admin-a' }], includeSynonyms: false });
      const entries = new Map(described.resources[0].configEntries.map((c) => [c.configName, c]));
      expect(entries.get('cleanup.policy')?.configValue).toBe('compact');
      expect(entries.get('retention.ms')?.configValue).toBe('60000');
      expect(entries.get('segment.bytes')?.isDefault).toBe(true);

      await admin.alterConfigs({ resources: [{ type: 2, name: 'admin-a', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
      const altered = await admin.describeConfigs({ resources: [{ type: 2, name: 'admin-a', configNames: ['retention.ms', 'cleanup.policy'] }], includeSynonyms: false });
      const after = new Map(altered.resources[0].configEntries.map((c) => [c.configName, c.configValue]));
      // AlterConfigs replaces the whole set: cleanup.policy falls back to its default.
      expect(after.get('retention.ms')).toBe('3600000');
      expect(after.get('cleanup.policy')).toBe('delete');

      await admin.createPartitions({ topicPartitions: [{ topic: 'admin-a', count: 4 }] });
      const meta = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
      expect(meta.topics[0].partitions).toHaveLength(4);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'admin-a', count: 2 }] })).rejects.toThrow();

      expect(await admin.listTopics()).toContain('admin-a');
      await admin.deleteTopics({ topics: ['admin-a'] });
      expect(await admin.listTopics()).not.toContain('admin-a');
    } finally {
      await admin.disconnect();
    }
  });

  it('lists, describes and deletes groups, and sets offsets on an empty group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topic = 'admin-groups';
    const groupId = 'admin-group-1';
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
      await producer.disconnect();

      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      let seen = 0;
      await consumer.run({ eachMessage: async () => void seen++ });
      await waitFor(() => (seen >= 10 ? true : undefined), 30_000, 'ten messages');
      const stable = await admin.describeGroups([groupId]);
      expect(stable.groups[0].state).toBe('Stable');
      expect(stable.groups[0].members).toHaveLength(1);
      expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });
      await consumer.disconnect();

      expect((await admin.describeGroups([groupId])).groups[0].state).toBe('Empty');
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed[0].partitions).toEqual([expect.objectContaining({ partition: 0, offset: '10' })]);
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] });
      expect((await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions[0].offset).toBe('3');

      await admin.deleteGroups([groupId]);
      expect((await admin.describeGroups([groupId])).groups[0].state).toBe('Dead');
      expect((await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions[0].offset).toBe('-1');
    } finally {
      await admin.disconnect();
    }
  });
});

describe('kafkajs producer', () => {
  it('produces idempotently with sequence numbers and reads everything back once', async () => {
    const topic = 'idempotent-topic';
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let batch = 0; batch < 20; batch++) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `b${batch}-m${i}` })) });
    }
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'idempotent-reader' });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }: EachMessagePayload) => void values.push(String(message.value)) });
    await waitFor(() => (values.length >= 1000 ? true : undefined), 30_000, '1000 messages');
    await consumer.disconnect();
    expect(values).toHaveLength(1000);
    expect(new Set(values).size).toBe(1000);
  });
});

describe('kafkajs consumer group', () => {
  it('spreads partitions over three members and rebalances when one leaves', async () => {
    const topic = 'group-three';
    const groupId = 'group-three-g';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });
    await admin.disconnect();

    const assignments = new Map<number, Set<number>>();
    const received = new Map<number, string[]>();
    const consumers: Consumer[] = [];
    for (let i = 0; i < 3; i++) {
      const c = kafka.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 300 });
      received.set(i, []);
      c.on(c.events.GROUP_JOIN, (e) => {
        const mine = e.payload.memberAssignment[topic] ?? [];
        assignments.set(i, new Set(mine));
      });
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({ eachMessage: async ({ message }) => void received.get(i)?.push(String(message.value)) });
      consumers.push(c);
    }
    try {
      const spread = () => {
        if (assignments.size !== 3) return undefined;
        const sizes = [...assignments.values()].map((s) => s.size);
        const all = new Set([...assignments.values()].flatMap((s) => [...s]));
        return sizes.every((n) => n === 2) && all.size === 6 ? true : undefined;
      };
      await waitFor(spread, 60_000, 'six partitions spread 2/2/2');

      await consumers[2].disconnect();
      assignments.delete(2);
      await waitFor(() => {
        const sizes = [0, 1].map((i) => assignments.get(i)?.size ?? 0);
        return sizes[0] === 3 && sizes[1] === 3 ? true : undefined;
      }, 60_000, 'remaining two members own three partitions each');

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
      await producer.disconnect();
      await waitFor(() => ((received.get(0)?.length ?? 0) + (received.get(1)?.length ?? 0) >= 60 ? true : undefined), 30_000, '60 messages');
      expect(received.get(2)).toEqual([]);
    } finally {
      await Promise.all(consumers.slice(0, 2).map((c) => c.disconnect()));
    }
  });
});
