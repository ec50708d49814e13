import { describe, expect, it } from 'vitest';
import { ConnectHeaders } from './headers.js';
import { SinkRecord, SourceRecord } from './records.js';
import { Schema } from './schema.js';

describe('SourceRecord', () => {
  const record = new SourceRecord({
    sourcePartition: { filename: 'a.txt' },
    sourceOffset: { position: 42 },
    topic: 'lines',
    kafkaPartition: null,
    valueSchema: Schema.STRING_SCHEMA,
    value: 'hello',
    timestamp: 1700000000000,
    headers: new ConnectHeaders().addString('h', 'v'),
  });

  it('keeps its source partition and offset through newRecord, with duplicated headers', () => {
    const copy = record.newRecord('other', 3, Schema.STRING_SCHEMA, 'k', Schema.STRING_SCHEMA, 'HELLO', 5);
    expect(copy.sourcePartition()).toEqual({ filename: 'a.txt' });
    expect(copy.sourceOffset()).toEqual({ position: 42 });
    expect(copy.topic()).toBe('other');
    expect(copy.kafkaPartition()).toBe(3);
    expect(copy.key()).toBe('k');
    expect(copy.timestamp()).toBe(5);
    expect(copy.headers().equals(record.headers())).toBe(true);
    copy.headers().addString('x', 'y');
    expect(record.headers().size()).toBe(1);
  });

  it('copies headers on write: a record and its copies never see each other\'s header changes', () => {
    const copy = record.newRecord('other', null, null, null, Schema.STRING_SCHEMA, 'x', 1);
    const copyOfCopy = copy.newRecord('third', null, null, null, Schema.STRING_SCHEMA, 'y', 2);
    copyOfCopy.headers().addString('a', '1');
    copy.headers().remove('h');
    expect([...record.headers()].map((h) => h.key())).toEqual(['h']);
    expect([...copy.headers()].map((h) => h.key())).toEqual([]);
    expect([...copyOfCopy.headers()].map((h) => h.key())).toEqual(['h', 'a']);
    const fresh = record.newRecord('other', null, null, null, Schema.STRING_SCHEMA, 'x', 1);
    record.headers().addString('late', '1');
    expect([...fresh.headers()].map((h) => h.key())).toEqual(['h']);
    record.headers().remove('late');
    // Headers made empty share no list either.
    const a = new ConnectHeaders();
    const b = new ConnectHeaders();
    a.addString('a', '1');
    b.addString('b', '2').clear().addString('c', '3');
    expect([...a].map((h) => h.key())).toEqual(['a']);
    expect([...b].map((h) => h.key())).toEqual(['c']);
    expect(new ConnectHeaders().size()).toBe(0);
  });

  it('compares by content', () => {
    const same = record.newRecord('lines', null, null, null, Schema.STRING_SCHEMA, 'hello', 1700000000000);
    expect(same.equals(record)).toBe(true);
    expect(record.newRecord('lines', null, null, null, Schema.STRING_SCHEMA, 'bye', 1700000000000).equals(record)).toBe(false);
    expect(record.toString()).toContain("SourceRecord{sourcePartition={filename=a.txt}, sourceOffset={position=42}} ConnectRecord{topic='lines'");
  });
});

describe('SinkRecord', () => {
  it('keeps the Kafka offset, timestamp type and original coordinates through newRecord', () => {
    const record = new SinkRecord({ topic: 'in', kafkaPartition: 1, kafkaOffset: 2n ** 60n, value: 'v', timestamp: 10, timestampType: 'CreateTime' });
    const copy = record.newRecord('renamed', 2, null, null, Schema.STRING_SCHEMA, 'w', 11);
    expect(copy.kafkaOffset()).toBe(2n ** 60n);
    expect(copy.timestampType()).toBe('CreateTime');
    expect(copy.originalTopic()).toBe('in');
    expect(copy.originalKafkaPartition()).toBe(1);
    expect(copy.originalKafkaOffset()).toBe(2n ** 60n);
    expect(copy.topic()).toBe('renamed');
    expect(copy.headers()).not.toBe(record.headers());
  });
});
