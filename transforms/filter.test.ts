import { describe, expect, it } from 'vitest';
import { SinkRecord, SourceRecord } from '../src/data/index.js';
import { Filter, descriptors } from './filter.js';

describe('Filter', () => {
  it('registers under its Kafka class name', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.Filter']);
  });

  it('drops every record', () => {
    const filter = new Filter();
    filter.configure();
    expect(filter.apply(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0n, value: 'v' }))).toBeNull();
    expect(filter.apply(new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 't' }))).toBeNull();
  });

  it('has no settings', () => {
    expect(new Filter().config().names()).toEqual([]);
  });
});
