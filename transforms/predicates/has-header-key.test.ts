import { describe, expect, it } from 'vitest';
import { ConnectHeaders, SourceRecord } from '../../src/data/index.js';
import { HasHeaderKey, descriptors } from './has-header-key.js';

function recordWithHeaders(...keys: string[]): SourceRecord {
  const headers = new ConnectHeaders();
  for (const key of keys) headers.add(key, null, null);
  return new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: null as unknown as string, headers });
}

describe('HasHeaderKey (Kafka HasHeaderKeyTest)', () => {
  const configure = (props: Record<string, string>): HasHeaderKey => {
    const predicate = new HasHeaderKey();
    predicate.configure(props);
    return predicate;
  };

  it('requires a name', () => {
    expect(() => configure({})).toThrow('Missing required configuration "name"');
  });

  it('rejects an empty name', () => {
    expect(() => configure({ name: '' })).toThrow('String must be non-empty');
    expect(new HasHeaderKey().config().validate({ name: '' })[0].errorMessages).toEqual([
      'Invalid value  for configuration name: String must be non-empty',
    ]);
  });

  it('is true when a header has the name', () => {
    const predicate = configure({ name: 'foo' });
    expect(predicate.test(recordWithHeaders('foo'))).toBe(true);
    expect(predicate.test(recordWithHeaders('foo', 'bar'))).toBe(true);
    expect(predicate.test(recordWithHeaders('bar', 'foo', 'bar', 'foo'))).toBe(true);
    expect(predicate.test(recordWithHeaders('bar'))).toBe(false);
    expect(predicate.test(recordWithHeaders('bar', 'bar'))).toBe(false);
    expect(predicate.test(recordWithHeaders())).toBe(false);
    expect(predicate.test(recordWithHeaders('Foo'))).toBe(false);
    expect(predicate.toString()).toBe("HasHeaderKey{name='foo'}");
  });
});

describe('HasHeaderKey descriptor', () => {
  it('uses the Kafka class name', () => {
    expect(descriptors.map((d) => [d.className, d.kind])).toEqual([['org.apache.kafka.connect.transforms.predicates.HasHeaderKey', 'predicate']]);
  });
});
