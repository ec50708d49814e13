import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { ConnectHeaders, Schema, SourceRecord } from '../src/data/index.js';
import { InsertHeader, descriptors } from './insert-header.js';

function sourceRecord(headers: ConnectHeaders): SourceRecord {
  return new SourceRecord({
    sourcePartition: { foo: 'bar' },
    sourceOffset: { baz: 'quxx' },
    topic: 'topic',
    kafkaPartition: 0,
    key: 'key',
    value: 'value',
    timestamp: 0,
    headers,
  });
}

function insert(header: string, literal: string): InsertHeader {
  const xform = new InsertHeader();
  xform.configure({ header, 'value.literal': literal });
  return xform;
}

describe('InsertHeader (Kafka InsertHeaderTest)', () => {
  it('registers under its Kafka class name', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.InsertHeader']);
  });

  it('adds beside another header', () => {
    const headers = new ConnectHeaders().addString('existing', 'existing-value');
    const expected = headers.duplicate().addString('inserted', 'inserted-value');
    const original = sourceRecord(headers);
    const transformed = insert('inserted', 'inserted-value').apply(original);
    expect(transformed.headers().equals(expected)).toBe(true);
    expect(original.headers().size()).toBe(1);
    expect([transformed.topic(), transformed.key(), transformed.value(), transformed.timestamp()]).toEqual(['topic', 'key', 'value', 0]);
    expect(transformed.sourceOffset()).toEqual({ baz: 'quxx' });
  });

  it('adds another value of an existing header', () => {
    const headers = new ConnectHeaders().addString('existing', 'preexisting-value');
    const expected = headers.duplicate().addString('existing', 'inserted-value');
    expect(insert('existing', 'inserted-value').apply(sourceRecord(headers)).headers().equals(expected)).toBe(true);
  });

  it('types the literal as Values.parseString does', () => {
    const headers = new ConnectHeaders().addString('existing', 'existing-value');
    const expected = headers.duplicate().addByte('inserted', 1);
    expect(insert('inserted', '1').apply(sourceRecord(headers)).headers().equals(expected)).toBe(true);
    const typed = (literal: string) => insert('h', literal).apply(sourceRecord(new ConnectHeaders())).headers().lastWithName('h')!;
    expect(typed('true').schema()).toBe(Schema.BOOLEAN_SCHEMA);
    expect(typed('300').schema()).toBe(Schema.INT16_SCHEMA);
    expect(typed('3.5').schema()).toBe(Schema.FLOAT32_SCHEMA);
    expect(typed('[1,2]').value()).toEqual([1, 2]);
    expect(typed('').value()).toBe('');
  });

  it('rejects a missing header name or value', () => {
    expect(() => new InsertHeader().configure({ header: null as unknown as string, 'value.literal': '1' })).toThrow(ConfigException);
    expect(() => new InsertHeader().configure({ header: 'inserted', 'value.literal': null as unknown as string })).toThrow(
      'Invalid value null for configuration value.literal: entry must be non null',
    );
    expect(() => new InsertHeader().configure({ header: 'h' })).toThrow('Missing required configuration "value.literal" which has no default value.');
  });
});
