import { describe, expect, it } from 'vitest';
import { SinkRecord } from '../../src/data/index.js';
import { RecordIsTombstone, descriptors } from './record-is-tombstone.js';

describe('RecordIsTombstone', () => {
  it('is true for a null value only', () => {
    const predicate = new RecordIsTombstone();
    predicate.configure();
    expect(predicate.test(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n, key: 'k', value: null }))).toBe(true);
    expect(predicate.test(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n, key: 'k', value: '' }))).toBe(false);
    expect(predicate.test(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n, value: 0 }))).toBe(false);
    expect(predicate.config().names()).toEqual([]);
    expect(predicate.toString()).toBe('RecordIsTombstone{}');
  });
});

describe('RecordIsTombstone descriptor', () => {
  it('uses the Kafka class name', () => {
    expect(descriptors.map((d) => [d.className, d.kind])).toEqual([['org.apache.kafka.connect.transforms.predicates.RecordIsTombstone', 'predicate']]);
  });
});
