/** KIP-158: a source connector's topic.creation.* groups create its topics with their settings. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/run.js';
import { startInProcessStack, type InProcessStack } from './support.js';

let stack: InProcessStack;

beforeAll(async () => {
  stack = await startInProcessStack('topic-creation');
});

afterAll(async () => {
  await stack?.close();
});

async function createSource(name: string, topic: string, extra: Record<string, string>): Promise<void> {
  const file = join(stack.dir, `${name}.txt`);
  writeFileSync(file, 'a\nb\n');
  expect((await stack.createConnector(name, { 'connector.class': 'FileStreamSource', file, topic, ...extra })).status).toBe(201);
}

describe('topic.creation.* (KIP-158)', () => {
  it('creates topics with the matching group settings', async () => {
    await createSource('created-default', 'plain-topic', {
      'topic.creation.default.partitions': '3',
      'topic.creation.default.replication.factor': '-1',
    });
    await createSource('created-grouped', 'state-orders', {
      'topic.creation.groups': 'compacted',
      'topic.creation.default.partitions': '3',
      'topic.creation.default.replication.factor': '-1',
      'topic.creation.compacted.include': 'state-.*',
      'topic.creation.compacted.partitions': '1',
      'topic.creation.compacted.cleanup.policy': 'compact',
    });
    const admin = new kafkajs.Kafka({ brokers: [stack.broker.bootstrapServers], logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await waitFor(async () => ((await admin.listTopics()).includes('state-orders') && (await admin.listTopics()).includes('plain-topic') ? true : undefined), 30_000, 'both topics created');
      const meta = await admin.fetchTopicMetadata({ topics: ['plain-topic', 'state-orders'] });
      expect(Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]))).toEqual({ 'plain-topic': 3, 'state-orders': 1 });
      const configs = await admin.describeConfigs({ resources: [{ type: 2, name: 'state-orders', configNames: ['cleanup.policy'] }], includeSynonyms: false });
      expect(configs.resources[0].configEntries[0].configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });
});
