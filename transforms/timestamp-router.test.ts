import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { DataException, SinkRecord, SourceRecord } from '../src/data/index.js';
import { TimestampRouter, descriptors } from './timestamp-router.js';

function router(config: Record<string, string> = {}): TimestampRouter {
  const xform = new TimestampRouter();
  xform.configure(config);
  return xform;
}

function sourceRecord(topic: string, timestamp: number | null): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic, kafkaPartition: 0, timestamp });
}

describe('TimestampRouter', () => {
  it('registers under its Kafka class name', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.TimestampRouter']);
  });

  it('defaults to ${topic}-${timestamp} with yyyyMMdd in UTC (Kafka TimestampRouterTest)', () => {
    expect(router().apply(sourceRecord('test', 1483425001864)).topic()).toBe('test-20170103');
  });

  it('takes both formats from the config', () => {
    const xform = router({ 'topic.format': 'archive.${timestamp}.${topic}', 'timestamp.format': "yyyy-MM-dd'T'HH" });
    expect(xform.apply(sourceRecord('orders', 1715432100999)).topic()).toBe('archive.2024-05-11T12.orders');
  });

  it('replaces every placeholder, literally', () => {
    const xform = router({ 'topic.format': '${topic}/${topic}$1\\${timestamp}' });
    expect(xform.apply(sourceRecord('a$b', 0)).topic()).toBe('a$b/a$b$1\\19700101');
  });

  it('keeps everything but the topic', () => {
    const original = new SinkRecord({ topic: 't', kafkaPartition: 3, kafkaOffset: 42n, key: 'k', value: 'v', timestamp: 0 });
    const routed = router().apply(original);
    expect(routed.topic()).toBe('t-19700101');
    expect(routed.kafkaPartition()).toBe(3);
    expect(routed.kafkaOffset()).toBe(42n);
    expect(routed.key()).toBe('k');
    expect(routed.value()).toBe('v');
    expect(routed.timestamp()).toBe(0);
    expect(routed.originalTopic()).toBe('t');
  });

  it('fails on a record without a timestamp', () => {
    expect(() => router().apply(sourceRecord('test', null))).toThrow(DataException);
    expect(() => router().apply(sourceRecord('test', null))).toThrow(/^Timestamp missing on record: SourceRecord\{/);
  });

  it('rejects a bad timestamp.format when configured', () => {
    expect(() => router({ 'timestamp.format': 'yyyyMMddq' })).toThrow(ConfigException);
    expect(() => router({ 'timestamp.format': 'yyyyMMddq' })).toThrow("Invalid value yyyyMMddq for configuration timestamp.format: Illegal pattern character 'q'");
  });
});
