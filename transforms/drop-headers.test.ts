import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { ConnectHeaders, SourceRecord } from '../src/data/index.js';
import { DropHeaders, descriptors } from './drop-headers.js';

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

function expectSameNonHeaders(original: SourceRecord, transformed: SourceRecord): void {
  expect(transformed.sourcePartition()).toEqual(original.sourcePartition());
  expect(transformed.sourceOffset()).toEqual(original.sourceOffset());
  expect([transformed.topic(), transformed.kafkaPartition(), transformed.key(), transformed.value(), transformed.timestamp()]).toEqual([
    original.topic(),
    original.kafkaPartition(),
    original.key(),
    original.value(),
    original.timestamp(),
  ]);
}

function drop(...headers: string[]): DropHeaders {
  const xform = new DropHeaders();
  xform.configure({ headers: headers.join(',') });
  return xform;
}

describe('DropHeaders (Kafka DropHeadersTest)', () => {
  it('registers under its Kafka class name', () => {
    expect(descriptors.map((d) => d.className)).toEqual(['org.apache.kafka.connect.transforms.DropHeaders']);
  });

  it('drops an existing header', () => {
    const expected = new ConnectHeaders().addString('existing', 'existing-value');
    const original = sourceRecord(expected.duplicate().addString('to-drop', 'existing-value'));
    const transformed = drop('to-drop').apply(original);
    expectSameNonHeaders(original, transformed);
    expect(transformed.headers().equals(expected)).toBe(true);
  });

  it('drops every value of a header', () => {
    const expected = new ConnectHeaders().addString('existing', 'existing-value');
    const headers = expected.duplicate().addString('to-drop', 'existing-value').addString('to-drop', 'existing-other-value');
    const transformed = drop('to-drop').apply(sourceRecord(headers));
    expect(transformed.headers().equals(expected)).toBe(true);
  });

  it('leaves records without the header alone', () => {
    const expected = new ConnectHeaders().addString('existing', 'existing-value');
    const original = sourceRecord(expected.duplicate());
    const transformed = drop('to-drop').apply(original);
    expectSameNonHeaders(original, transformed);
    expect(transformed.headers().equals(expected)).toBe(true);
  });

  it('drops several names and keeps the order of the rest', () => {
    const headers = new ConnectHeaders().addString('a', '1').addString('b', '2').addString('c', '3').addString('a', '4');
    const transformed = drop('a', 'c').apply(sourceRecord(headers));
    expect([...transformed.headers()].map((h) => h.key())).toEqual(['b']);
    expect(headers.size()).toBe(4);
  });

  it('rejects an empty list', () => {
    expect(() => new DropHeaders().configure({ headers: '' })).toThrow(ConfigException);
    expect(() => new DropHeaders().configure({ headers: '' })).toThrow('Invalid value [] for configuration headers: Empty list');
    expect(() => new DropHeaders().configure({})).toThrow('Missing required configuration "headers" which has no default value.');
  });
});
