import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { SinkRecord } from '../src/data/index.js';
import { RegexRouter, descriptors } from './regex-router.js';

function apply(regex: string, replacement: string, topic: string): string {
  const router = new RegexRouter();
  router.configure({ regex, replacement });
  const routed = router.apply(new SinkRecord({ topic, kafkaPartition: 0, kafkaOffset: 0n })).topic();
  router.close();
  return routed;
}

describe('RegexRouter (Kafka RegexRouterTest)', () => {
  it('registers under its Kafka class name', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.RegexRouter']);
  });

  it('replaces statically', () => expect(apply('foo', 'bar', 'foo')).toBe('bar'));
  it('leaves a topic that does not match', () => expect(apply('foo', 'bar', 'orig')).toBe('orig'));
  it('keeps the topic with $1', () => expect(apply('(.*)', '$1', 'orig')).toBe('orig'));
  it('adds a prefix', () => expect(apply('(.*)', 'prefix-$1', 'orig')).toBe('prefix-orig'));
  it('adds a suffix', () => expect(apply('(.*)', '$1-suffix', 'orig')).toBe('orig-suffix'));
  it('slices', () => expect(apply('(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)', '$1', 'index-20160117')).toBe('index'));
});

describe('RegexRouter', () => {
  it('needs the regex to match the whole topic', () => {
    expect(apply('raw', 'clean', 'orders-raw')).toBe('orders-raw');
    expect(apply('(.*)-raw', '$1-clean', 'orders-raw')).toBe('orders-clean');
  });

  it("replaces only the first match, as Java's replaceFirst", () => {
    expect(apply('a|ab', 'X', 'ab')).toBe('Xb');
  });

  it('takes named groups and escaped dollars', () => {
    expect(apply('(?<db>\\w+)\\.(?<table>\\w+)', '${table}_\\$_${db}', 'sales.orders')).toBe('orders_$_sales');
  });

  it('returns the same record when nothing matches', () => {
    const router = new RegexRouter();
    router.configure({ regex: 'x', replacement: 'y' });
    const record = new SinkRecord({ topic: 'orig', kafkaPartition: 0, kafkaOffset: 0n });
    expect(router.apply(record)).toBe(record);
  });

  it('keeps partition, offsets and data', () => {
    const router = new RegexRouter();
    router.configure({ regex: '(.*)', replacement: 'new-$1' });
    const routed = router.apply(new SinkRecord({ topic: 't', kafkaPartition: 2, kafkaOffset: 9n, key: 'k', value: 'v', timestamp: 5 }));
    expect([routed.topic(), routed.kafkaPartition(), routed.kafkaOffset(), routed.key(), routed.value(), routed.timestamp()]).toEqual(['new-t', 2, 9n, 'k', 'v', 5]);
    expect(routed.originalTopic()).toBe('t');
  });

  it("rejects a bad regex with Java's message", () => {
    const router = new RegexRouter();
    expect(() => router.configure({ regex: '(.*', replacement: '$1' })).toThrow(ConfigException);
    expect(() => router.configure({ regex: '(.*', replacement: '$1' })).toThrow(
      'Invalid value (.* for configuration regex: Invalid regex: Unclosed group near index 3\n(.*',
    );
  });

  it('requires both settings', () => {
    expect(() => new RegexRouter().configure({ regex: '.*' })).toThrow('Missing required configuration "replacement" which has no default value.');
    expect(() => new RegexRouter().configure({ replacement: 'x' })).toThrow('Missing required configuration "regex" which has no default value.');
  });

  it('fails on a replacement naming a group the regex lacks', () => {
    const router = new RegexRouter();
    router.configure({ regex: '(.*)', replacement: '$2' });
    expect(() => router.apply(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n }))).toThrow('No group 2');
  });
});
