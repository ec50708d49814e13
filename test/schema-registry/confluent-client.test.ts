/** @kafkajs/confluent-schema-registry, an independent Confluent-format client, against the embedded registry. */
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let registry: SchemaRegistry;

beforeAll(async () => {
  h = await startHarness();
  const running = await h.startRegistry();
  registry = new SchemaRegistry({ host: running.url, retry: { retries: 0 } });
});
afterAll(async () => h?.close());

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'amount', type: 'double' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
  ],
};

describe('@kafkajs/confluent-schema-registry', () => {
  it('registers, finds the latest id, encodes and decodes a round trip', async () => {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(order) }, { subject: 'orders-value' });
    expect(await registry.getLatestSchemaId('orders-value')).toBe(id);
    expect(await registry.getRegistryId('orders-value', 1)).toBe(id);
    expect(await registry.getRegistryIdBySchema('orders-value', { type: SchemaType.AVRO, schema: JSON.stringify(order) })).toBe(id);

    const value = { id: 42, amount: 9.5, note: 'gift', status: 'PAID' };
    const encoded = await registry.encode(id, value);
    expect(encoded[0]).toBe(0); // Confluent wire format: magic byte, then the 4-byte id
    expect(encoded.readInt32BE(1)).toBe(id);

    // A fresh client has no cache: decode fetches the schema by id from the registry.
    const fresh = new SchemaRegistry({ host: registryUrl() });
    expect(await fresh.decode(encoded)).toEqual(value);
  });

  it('sets the subject compatibility through the client and is refused an incompatible schema', async () => {
    const v1 = { type: 'record', name: 'Payment', fields: [{ name: 'id', type: 'long' }] };
    await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject: 'payments-value', compatibility: COMPATIBILITY.FULL });
    const breaking = { ...v1, fields: [...v1.fields, { name: 'currency', type: 'string' }] };
    await expect(
      registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(breaking) }, { subject: 'payments-value', compatibility: COMPATIBILITY.FULL }),
    ).rejects.toThrow(/incompatible/);
    const compatible = { ...v1, fields: [...v1.fields, { name: 'currency', type: 'string', default: 'EUR' }] };
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(compatible) }, { subject: 'payments-value', compatibility: COMPATIBILITY.FULL });
    expect(await registry.getLatestSchemaId('payments-value')).toBe(id);
  });

  it('decodes with a reader schema after the writer schema evolved', async () => {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(order) }, { subject: 'orders-value' });
    const encoded = await registry.encode(id, { id: 1, amount: 2, note: null, status: 'NEW' });
    const reader = { ...order, fields: [...order.fields, { name: 'channel', type: 'string', default: 'web' }] };
    const decoded = await registry.decode(encoded, { [SchemaType.AVRO]: { readerSchema: reader } });
    expect(decoded).toEqual({ id: 1, amount: 2, note: null, status: 'NEW', channel: 'web' });
  });

  it('carries encoded records through the embedded broker', async () => {
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(order) }, { subject: 'orders-value' });
    const kafka = new Kafka({ brokers: [h.broker.bootstrapServers], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ value: await registry.encode(id, { id: 7, amount: 1.25, note: null, status: 'NEW' }) }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'orders-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      const decoded = await new Promise((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(await registry.decode(message.value as Buffer)) });
      });
      expect(decoded).toEqual({ id: 7, amount: 1.25, note: null, status: 'NEW' });
    } finally {
      await consumer.disconnect();
    }
  });
});

function registryUrl(): string {
  return h.registries[0]?.url ?? '';
}
