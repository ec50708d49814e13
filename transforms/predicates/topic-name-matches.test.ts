import { describe, expect, it } from 'vitest';
import { ConfigException } from '../../src/config/index.js';
import { SourceRecord } from '../../src/data/index.js';
import { TopicNameMatches, descriptors } from './topic-name-matches.js';

function recordWithTopic(topic: string | null): SourceRecord {
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: topic as string });
}

describe('TopicNameMatches (Kafka TopicNameMatchesTest)', () => {
  const configure = (props: Record<string, string>): TopicNameMatches => {
    const predicate = new TopicNameMatches();
    predicate.configure(props);
    return predicate;
  };

  it('requires a pattern', () => {
    expect(() => configure({})).toThrow('Missing required configuration "pattern"');
  });

  it('rejects an empty pattern', () => {
    expect(() => configure({ pattern: '' })).toThrow('String must be non-empty');
  });

  it('rejects an invalid regex', () => {
    expect(() => configure({ pattern: '[' })).toThrow(ConfigException);
    expect(() => configure({ pattern: '[' })).toThrow('Invalid value [ for configuration pattern: Invalid regex: Unclosed character class near index 0\n[\n^');
  });

  it('validates with one error per bad pattern', () => {
    const predicate = new TopicNameMatches();
    expect(predicate.config().validate({ pattern: 'my-prefix-.*' })[0].errorMessages).toEqual([]);
    const errors = predicate.config().validate({ pattern: '*' })[0].errorMessages;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Invalid regex');
  });

  it('matches whole topic names only', () => {
    const predicate = configure({ pattern: 'my-prefix-.*' });
    expect(predicate.test(recordWithTopic('my-prefix-'))).toBe(true);
    expect(predicate.test(recordWithTopic('my-prefix-foo'))).toBe(true);
    expect(predicate.test(recordWithTopic('x-my-prefix-'))).toBe(false);
    expect(predicate.test(recordWithTopic('x-my-prefix-foo'))).toBe(false);
    expect(predicate.test(recordWithTopic('your-prefix-'))).toBe(false);
    expect(predicate.test(recordWithTopic('your-prefix-foo'))).toBe(false);
    expect(predicate.test(recordWithTopic(null))).toBe(false);
  });

  it('speaks Java regex', () => {
    const predicate = configure({ pattern: '\\Qorders.v1\\E|(?i)audit-.*+' });
    expect(predicate.test(recordWithTopic('orders.v1'))).toBe(true);
    expect(predicate.test(recordWithTopic('ordersXv1'))).toBe(false);
    expect(predicate.test(recordWithTopic('AUDIT-log'))).toBe(true);
    expect(predicate.toString()).toBe('TopicNameMatches{pattern=\\Qorders.v1\\E|(?i)audit-.*+}');
  });
});

describe('TopicNameMatches descriptor', () => {
  it('uses the Kafka class name', () => {
    expect(descriptors.map((d) => [d.className, d.kind])).toEqual([['org.apache.kafka.connect.transforms.predicates.TopicNameMatches', 'predicate']]);
  });
});
