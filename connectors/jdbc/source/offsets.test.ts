import { describe, expect, it } from 'vitest';
import { offsetFromJson, offsetToJson } from '../../../src/runtime/offset-storage.js';
import { queryPartition, tablePartitionV0, tablePartitionV1, TimestampIncrementingOffset } from './offsets.js';

describe('Confluent source partitions and offsets', () => {
  it('partitions serialise as a Java worker writes them', () => {
    expect(JSON.stringify(tablePartitionV1('public.orders'))).toBe('{"protocol":"1","table":"public.orders"}');
    expect(JSON.stringify(tablePartitionV0('orders'))).toBe('{"table":"orders"}');
    expect(JSON.stringify(queryPartition())).toBe('{"query":"query"}');
  });

  it('offset maps carry only present keys, in Java HashMap order', () => {
    const both = new TimestampIncrementingOffset({ millis: 1_659_312_000_123, nanos: 123_456_000 }, 42n);
    expect(JSON.stringify(both.toMap())).toBe('{"timestamp_nanos":123456000,"incrementing":42,"timestamp":1659312000123}');
    expect(new TimestampIncrementingOffset(null, 7n).toMap()).toEqual({ incrementing: 7 });
    expect(TimestampIncrementingOffset.EMPTY.toMap()).toEqual({});
  });

  it('reads offsets back, defaults -1 and the epoch', () => {
    const read = TimestampIncrementingOffset.fromMap({ timestamp: 1_659_312_000_123, timestamp_nanos: 123_456_789, incrementing: 42 });
    expect(read.timestamp).toEqual({ millis: 1_659_312_000_123, nanos: 123_456_789 });
    expect(read.incrementing).toBe(42n);
    expect(TimestampIncrementingOffset.fromMap({ timestamp: 1500 }).timestamp).toEqual({ millis: 1500, nanos: 500_000_000 });
    expect(TimestampIncrementingOffset.fromMap(null).incrementingOrInitial()).toBe(-1n);
    expect(TimestampIncrementingOffset.fromMap({}).timestampOrInitial()).toEqual({ millis: 0, nanos: 0 });
    expect(() => TimestampIncrementingOffset.fromMap({ incrementing: 'x' })).toThrow(/whole number/);
  });

  it('keeps incrementing values past 2^53 exact through the offset store', () => {
    const big = new TimestampIncrementingOffset({ millis: 1500, nanos: 500_000_000 }, 2n ** 63n - 1n);
    expect(big.toMap()).toEqual({ timestamp_nanos: 500_000_000, incrementing: 2n ** 63n - 1n, timestamp: 1500 });
    const text = offsetToJson(big.toMap());
    expect(text).toBe('{"timestamp_nanos":500000000,"incrementing":9223372036854775807,"timestamp":1500}');
    expect(TimestampIncrementingOffset.fromMap(offsetFromJson(text))).toEqual(big);
    expect(new TimestampIncrementingOffset(null, 2n ** 53n - 1n).toMap()).toEqual({ incrementing: 2 ** 53 - 1 });
  });
});
