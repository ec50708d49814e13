/** Topic configs, partition counts and committed group offsets survive a broker restart. */
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, tempDir, type BrokerProcess } from '../helpers/broker-process.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const admin = (broker: BrokerProcess) => new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();

describe('restart', () => {
  it('keeps topic configs and committed offsets across kill -9', async () => {
    const dataDir = tempDir('restart');
    cleanup.push(() => removeDir(dataDir));
    const first = await startBrokerProcess({ dataDir });
    cleanup.push(() => first.stop());
    const a1 = admin(first);
    await a1.connect();
    await a1.createTopics({ topics: [{ topic: 'kept', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '123456' }] }] });
    await a1.setOffsets({ groupId: 'kept-group', topic: 'kept', partitions: [{ partition: 1, offset: '0' }] });
    const { clusterId } = await a1.describeCluster();
    await a1.disconnect();
    await first.kill();

    const second = await startBrokerProcess({ dataDir });
    cleanup.push(() => second.stop());
    const a2 = admin(second);
    await a2.connect();
    try {
      expect((await a2.describeCluster()).clusterId).toBe(clusterId);
      const meta = await a2.fetchTopicMetadata({ topics: ['kept'] });
      expect(meta.topics[0].partitions).toHaveLength(3);
      const configs = await a2.describeConfigs({ resources: [{ type: 2, name: 'kept', configNames: ['retention.ms'] }], includeSynonyms: false });
      expect(configs.resources[0].configEntries[0]).toMatchObject({ configName: 'retention.ms', configValue: '123456', isDefault: false });
      const offsets = await a2.fetchOffsets({ groupId: 'kept-group', topics: ['kept'] });
      expect(offsets[0].partitions.find((p) => p.partition === 1)?.offset).toBe('0');
    } finally {
      await a2.disconnect();
    }
  });
});
