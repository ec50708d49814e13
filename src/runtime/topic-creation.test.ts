import { describe, expect, it } from 'vitest';
import { topicCreationRequested, topicSettingsFor } from './topic-creation.js';

describe('KIP-158 topic creation groups', () => {
  const config = {
    'topic.creation.groups': 'compacted,default',
    'topic.creation.default.partitions': '3',
    'topic.creation.default.replication.factor': '-1',
    'topic.creation.compacted.include': 'state-.*, changelog',
    'topic.creation.compacted.exclude': 'state-skip',
    'topic.creation.compacted.partitions': '1',
    'topic.creation.compacted.cleanup.policy': 'compact',
  };

  it('picks the first matching group and falls back to default', () => {
    expect(topicCreationRequested(config)).toBe(true);
    expect(topicCreationRequested({ 'topic.creation.groups': 'x' })).toBe(false);
    expect(topicSettingsFor(config, 'state-orders')).toEqual({ numPartitions: 1, replicationFactor: -1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] });
    expect(topicSettingsFor(config, 'changelog').numPartitions).toBe(1);
    expect(topicSettingsFor(config, 'state-skip')).toEqual({ numPartitions: 3, replicationFactor: -1, configEntries: [] });
    expect(topicSettingsFor(config, 'state-orders-x').numPartitions).toBe(1);
    expect(topicSettingsFor(config, 'other').numPartitions).toBe(3);
  });
});
