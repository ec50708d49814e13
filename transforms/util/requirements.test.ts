import { describe, expect, it } from 'vitest';
import { DataException, Schema, SchemaBuilder, SinkRecord, SourceRecord, Struct } from '../../src/data/index.js';
import { requireMap, requireSchema, requireSinkRecord, requireStruct } from './requirements.js';

describe('Requirements', () => {
  it('requireMap accepts Maps and plain objects, names the Java class otherwise', () => {
    const map = new Map([['a', 1]]);
    expect(requireMap(map, 'test')).toBe(map);
    expect(requireMap({ a: 1 }, 'test')).toEqual({ a: 1 });
    expect(() => requireMap('x', 'field insertion')).toThrow(
      new DataException('Only Map objects supported in absence of schema for [field insertion], found: java.lang.String'),
    );
    expect(() => requireMap(null, 'p')).toThrow('Only Map objects supported in absence of schema for [p], found: null');
    expect(() => requireMap(42, 'p')).toThrow('found: java.lang.Integer');
  });

  it('requireStruct names the Java class', () => {
    const schema = SchemaBuilder.struct().field('a', Schema.INT32_SCHEMA).build();
    const struct = new Struct(schema).put('a', 1);
    expect(requireStruct(struct, 'p')).toBe(struct);
    expect(() => requireStruct(new Map(), 'masking')).toThrow('Only Struct objects supported for [masking], found: java.util.HashMap');
    expect(() => requireStruct(null, 'masking')).toThrow('Only Struct objects supported for [masking], found: null');
  });

  it('requireSchema and requireSinkRecord', () => {
    expect(() => requireSchema(null, 'updating schema metadata')).toThrow('Schema required for [updating schema metadata]');
    const source = new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 't', value: 1 });
    expect(() => requireSinkRecord(source, 'field insertion')).toThrow(
      'Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord',
    );
    const sink = new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 5n });
    expect(requireSinkRecord(sink, 'p')).toBe(sink);
  });
});
