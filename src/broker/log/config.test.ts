import { describe, expect, it } from 'vitest';
import { describeTopicConfigs } from './config-description.js';
import { DEFAULT_LOG_CONFIG, TOPIC_CONFIG_DEFS, parseTopicConfig } from './config.js';

describe('parseTopicConfig', () => {
  it('gives Kafka defaults', () => {
    expect(DEFAULT_LOG_CONFIG).toEqual({
      cleanupPolicy: { delete: true, compact: false },
      retentionMs: 604800000,
      retentionBytes: -1,
      segmentBytes: 1073741824,
      segmentMs: 604800000,
      indexIntervalBytes: 4096,
      deleteRetentionMs: 86400000,
      minCompactionLagMs: 0,
      maxCompactionLagMs: Number(2n ** 63n - 1n),
      minCleanableDirtyRatio: 0.5,
      maxMessageBytes: 1048588,
      messageTimestampType: 'CreateTime',
    });
  });

  it('parses overrides, including both cleanup policies', () => {
    const parsed = parseTopicConfig({ 'cleanup.policy': 'compact, delete', 'retention.ms': '-1', 'min.cleanable.dirty.ratio': '0.1', 'message.timestamp.type': 'LogAppendTime', 'compression.type': 'zstd' });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.config.cleanupPolicy).toEqual({ compact: true, delete: true });
      expect(parsed.config.retentionMs).toBe(-1);
      expect(parsed.config.minCleanableDirtyRatio).toBe(0.1);
      expect(parsed.config.messageTimestampType).toBe('LogAppendTime');
    }
  });

  it('names the key in every error', () => {
    const parsed = parseTopicConfig({
      'segment.bytes': '13',
      'retention.ms': 'soon',
      'cleanup.policy': 'compact,shred',
      'max.message.bytes': '4294967296',
      'no.such.key': '1',
      preallocate: 'yes',
      'min.cleanable.dirty.ratio': '1.5',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const byKey = Object.fromEntries(parsed.errors.map((e) => [e.key, e.message]));
      expect(byKey['segment.bytes']).toBe('Invalid value 13 for configuration segment.bytes: Value must be at least 14');
      expect(byKey['retention.ms']).toBe('Invalid value soon for configuration retention.ms: Not a number of type LONG');
      expect(byKey['cleanup.policy']).toContain('String must be one of: compact, delete');
      expect(byKey['max.message.bytes']).toContain('Not a number of type INT');
      expect(byKey['no.such.key']).toBe('Unknown topic config name: no.such.key');
      expect(byKey.preallocate).toContain('either true or false');
      expect(byKey['min.cleanable.dirty.ratio']).toContain('no more than 1');
    }
  });

  it('rejects min.compaction.lag.ms above max.compaction.lag.ms', () => {
    const parsed = parseTopicConfig({ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' });
    expect(parsed).toMatchObject({ ok: false, errors: [{ key: 'min.compaction.lag.ms' }] });
  });

  it('layers broker defaults under topic overrides', () => {
    const parsed = parseTopicConfig({ 'retention.ms': '10' }, { 'retention.ms': '20', 'segment.bytes': '1000' });
    expect(parsed.ok && [parsed.config.retentionMs, parsed.config.segmentBytes]).toEqual([10, 1000]);
  });
});

describe('describeTopicConfigs', () => {
  it('lists every key with its effective value and whether it was set', () => {
    const entries = describeTopicConfigs({ 'retention.ms': '1000' });
    expect(entries).toHaveLength(TOPIC_CONFIG_DEFS.length);
    expect(entries.find((e) => e.name === 'retention.ms')).toEqual({ name: 'retention.ms', value: '1000', explicit: true, sensitive: false });
    expect(entries.find((e) => e.name === 'cleanup.policy')).toEqual({ name: 'cleanup.policy', value: 'delete', explicit: false, sensitive: false });
  });
});
