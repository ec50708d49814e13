/** IncrementalAlterConfigs (no in-scope client library sends it, so it is driven at protocol level). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { IncrementalAlterConfigs, type IncrementalAlterConfigsResponse } from '../../src/broker/protocol/messages/incremental-alter-configs.js';
import { DescribeConfigs, type DescribeConfigsResponse } from '../../src/broker/protocol/messages/describe-configs.js';
import { CreateTopics } from '../../src/broker/protocol/messages/create-topics.js';
import { removeDir, tempDir } from '../helpers/broker-process.js';
import { request } from '../helpers/raw-kafka.js';

let broker: RunningBroker;
const dataDir = tempDir('incremental');

beforeAll(async () => {
  broker = await startBroker({ port: 0, dataDir });
  await request(broker.port, CreateTopics, 4, {
    topics: [{ name: 'inc', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [{ name: 'cleanup.policy', value: 'delete' }] }],
    timeoutMs: 5000,
    validateOnly: false,
  });
});

afterAll(async () => {
  await broker.close();
  removeDir(dataDir);
});

async function describeTopic(): Promise<Map<string, string | null>> {
  const res = await request<DescribeConfigsResponse>(broker.port, DescribeConfigs, 2, {
    resources: [{ resourceType: 2, resourceName: 'inc', configurationKeys: ['cleanup.policy', 'retention.ms'] }],
    includeSynonyms: false,
  });
  return new Map(res.results[0].configs.map((c) => [c.name, c.value]));
}

describe('IncrementalAlterConfigs', () => {
  it('applies SET, APPEND, SUBTRACT and DELETE to the current configs', async () => {
    const alter = (configs: { name: string; configOperation: number; value: string | null }[], version = 1) =>
      request<IncrementalAlterConfigsResponse>(broker.port, IncrementalAlterConfigs, version, {
        resources: [{ resourceType: 2, resourceName: 'inc', configs }],
        validateOnly: false,
      });
    expect((await alter([{ name: 'retention.ms', configOperation: 0, value: '1000' }], 0)).responses[0].errorCode).toBe(0);
    await alter([{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }]);
    let configs = await describeTopic();
    expect(configs.get('retention.ms')).toBe('1000');
    expect(configs.get('cleanup.policy')).toBe('delete,compact');
    await alter([{ name: 'cleanup.policy', configOperation: 3, value: 'delete' }, { name: 'retention.ms', configOperation: 1, value: null }]);
    configs = await describeTopic();
    expect(configs.get('cleanup.policy')).toBe('compact');
    expect(configs.get('retention.ms')).toBe('604800000');
    const bad = await alter([{ name: 'retention.ms', configOperation: 0, value: 'soon' }]);
    expect(bad.responses[0].errorCode).toBe(40);
    expect(bad.responses[0].errorMessage).toContain('retention.ms');
    const missing = await request<IncrementalAlterConfigsResponse>(broker.port, IncrementalAlterConfigs, 1, {
      resources: [{ resourceType: 2, resourceName: 'nope', configs: [] }],
      validateOnly: false,
    });
    expect(missing.responses[0].errorCode).toBe(3);
  });
});
