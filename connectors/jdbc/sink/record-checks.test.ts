import { describe, expect, it } from 'vitest';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../../../src/data/index.js';
import { recordCheck } from './record-checks.js';

const valueSchema = SchemaBuilder.struct().field('id', Schema.INT32_SCHEMA).build();
const struct = new Struct(valueSchema).put('id', 1);

function record(fields: { keySchema?: Schema | null; key?: unknown; valueSchema?: Schema | null; value?: unknown }): SinkRecord {
  return new SinkRecord({ topic: 'orders', kafkaPartition: 2, kafkaOffset: 7n, timestamp: 1000, ...fields });
}

describe('records the sink accepts (spec 2.2)', () => {
  it('rejects schemaless and non-struct values with Confluent\'s message', () => {
    const check = recordCheck({ connectorName: 'jdbc-sink', pkMode: 'none', deleteEnabled: false });
    expect(() => check(record({ value: new Map([['id', 1n]]) }))).toThrow(
      "Sink connector 'jdbc-sink' is configured with 'delete.enabled=false' and 'pk.mode=none' and therefore requires records with a non-null Struct value and non-null Struct schema, but found record at (topic='orders',partition=2,offset=7,timestamp=1000) with a HashMap value and null value schema.",
    );
    expect(() => check(record({ valueSchema: Schema.STRING_SCHEMA, value: 'x' }))).toThrow('with a String value and string value schema.');
    expect(() => check(record({}))).toThrow('with a null value and null value schema.');
    expect(() => check(record({ valueSchema, value: struct }))).not.toThrow();
  });

  it('record_key needs a Struct or primitive key', () => {
    const check = recordCheck({ connectorName: 'c', pkMode: 'record_key', deleteEnabled: false });
    expect(() => check(record({ valueSchema, value: struct }))).toThrow(
      "Sink connector 'c' is configured with 'delete.enabled=false' and 'pk.mode=record_key' and therefore requires records with a non-null key and non-null Struct or primitive key schema, but found record at (topic='orders',partition=2,offset=7,timestamp=1000) with a null key and null key schema.",
    );
    expect(() => check(record({ keySchema: Schema.STRING_SCHEMA, key: 'k', valueSchema, value: struct }))).not.toThrow();
  });

  it('with deletes a tombstone passes when it has a key; without deletes it is refused', () => {
    const deletes = recordCheck({ connectorName: 'c', pkMode: 'record_key', deleteEnabled: true });
    expect(() => deletes(record({ keySchema: Schema.STRING_SCHEMA, key: 'k' }))).not.toThrow();
    expect(() => deletes(record({ valueSchema, value: struct }))).toThrow('non-null key');
    const kafka = recordCheck({ connectorName: 'c', pkMode: 'kafka', deleteEnabled: false });
    expect(() => kafka(record({ keySchema: Schema.STRING_SCHEMA, key: 'k' }))).toThrow("'pk.mode=kafka'");
  });
});
