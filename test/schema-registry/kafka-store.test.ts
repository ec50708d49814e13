/** The `_schemas` topic: restarts, several registry processes on one topic, Confluent's record shapes. */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, record, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const schemaOf = (name: string, ...fields: unknown[]) => record(name, [{ name: 'id', type: 'int' }, ...fields]);

describe('restart', () => {
  it('keeps ids, versions, deletes and settings when a new registry reads the same topic', async () => {
    const topic = '_schemas_restart';
    const first = await h.startRegistry({ topic });
    const a = client(first.url);
    const ids = [
      (await a.register('orders-value', schemaOf('Order'))).body.id,
      (await a.register('orders-value', schemaOf('Order', { name: 'note', type: 'string', default: '' }))).body.id,
      (await a.register('users-value', schemaOf('User'))).body.id,
      (await a.register('gone-value', schemaOf('Gone'))).body.id,
    ];
    const keyId = (await a.register('orders-key', '"string"')).body.id as number;
    await a.delete('/subjects/orders-key');
    await a.delete('/subjects/gone-value');
    await a.delete('/subjects/gone-value?permanent=true');
    await a.put('/config', { compatibility: 'FULL' });
    await a.put('/config/users-value', { compatibility: 'NONE' });
    await a.put('/mode/users-value', { mode: 'READONLY' });
    await first.close();

    const second = await h.startRegistry({ topic });
    const b = client(second.url);
    expect((await b.get('/subjects')).body).toEqual(['orders-value', 'users-value']);
    expect((await b.get('/subjects?deleted=true')).body).toEqual(['orders-key', 'orders-value', 'users-value']);
    expect((await b.get('/subjects/orders-value/versions/1')).body.id).toBe(ids[0]);
    expect((await b.get('/subjects/orders-value/versions/2')).body.id).toBe(ids[1]);
    expect((await b.get('/subjects/users-value/versions/latest')).body).toMatchObject({ id: ids[2], version: 1 });
    expect((await b.get(`/schemas/ids/${ids[3]}`)).body.error_code).toBe(40403);
    expect((await b.get('/config')).body).toEqual({ compatibilityLevel: 'FULL' });
    expect((await b.get('/config/users-value')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await b.get('/mode/users-value')).body).toEqual({ mode: 'READONLY' });
    // The same schema keeps its id; a new one takes the next id after the highest seen.
    expect((await b.register('orders-value', schemaOf('Order'))).body.id).toBe(ids[0]);
    const next = (await b.register('fresh-value', schemaOf('Fresh'))).body.id;
    expect(next).toBe(Math.max(...ids, keyId) + 1);
  });
});

describe('two registries on one topic', () => {
  it('give distinct ids to different schemas registered at the same time, and each sees the other', async () => {
    const topic = '_schemas_shared';
    const [one, two] = await Promise.all([h.startRegistry({ topic }), h.startRegistry({ topic })]);
    const a = client(one.url);
    const b = client(two.url);
    // Unrelated schemas share subjects here: only ids and versions are under test.
    await a.put('/config', { compatibility: 'NONE' });
    await waitFor(async () => ((await b.get('/config')).body.compatibilityLevel === 'NONE' ? true : undefined));
    const count = 8;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => ((i % 2 === 0 ? a : b).register(`race-${i % 3}`, schemaOf(`Race${i}`)))),
    );
    for (const res of results) expect(res.status).toBe(200);
    const ids = results.map((r) => r.body.id as number);
    expect(new Set(ids).size).toBe(count);

    for (const [i, id] of ids.entries()) {
      const viaA = await waitFor(async () => ((await a.get(`/schemas/ids/${id}`)).status === 200 ? (await a.get(`/schemas/ids/${id}`)).body : undefined));
      const viaB = await waitFor(async () => ((await b.get(`/schemas/ids/${id}`)).status === 200 ? (await b.get(`/schemas/ids/${id}`)).body : undefined));
      expect(viaA).toEqual(viaB);
      expect(JSON.parse(viaA.schema).name).toBe(`Race${i}`);
    }
    for (const subject of ['race-0', 'race-1', 'race-2']) {
      const fromA = (await a.get(`/subjects/${subject}/versions`)).body;
      await waitFor(async () => (JSON.stringify((await b.get(`/subjects/${subject}/versions`)).body) === JSON.stringify(fromA) ? true : undefined));
    }
    // Same schema under two subjects through two processes: one id.
    const shared = schemaOf('SharedAcross');
    const viaA = (await a.register('across-a', shared)).body.id;
    const viaB = (await b.register('across-b', shared)).body.id;
    expect(viaB).toBe(viaA);
  });
});

describe("Confluent's record format", () => {
  it('writes SCHEMA, CONFIG, MODE, DELETE_SUBJECT and NOOP records shaped as Confluent writes them, tombstones on permanent delete', async () => {
    const topic = '_schemas_format';
    const registry = await h.startRegistry({ topic });
    const c = client(registry.url);
    await c.register('fmt-value', '"string"');
    await c.put('/config', { compatibility: 'FULL' });
    await c.put('/config/fmt-value', { compatibility: 'NONE' });
    await c.put('/mode/fmt-value', { mode: 'READONLY' });
    await c.put('/mode/fmt-value', { mode: 'READWRITE' });
    await c.delete('/subjects/fmt-value');
    await c.delete('/subjects/fmt-value?permanent=true');

    const kafka = new Kafka({ brokers: [h.broker.bootstrapServers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `format-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
    const records: Array<{ key: unknown; value: unknown }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          records.push({ key: JSON.parse(String(message.key)), value: message.value === null ? null : JSON.parse(String(message.value)) });
        },
      });
      await waitFor(() => (records.some((r) => (r.key as { keytype: string }).keytype === 'SCHEMA' && r.value === null) ? true : undefined));
    } finally {
      await consumer.disconnect();
    }
    const withoutNoops = records.filter((r) => (r.key as { keytype: string }).keytype !== 'NOOP');
    expect(withoutNoops).toEqual([
      { key: { keytype: 'SCHEMA', subject: 'fmt-value', version: 1, magic: 1 }, value: { subject: 'fmt-value', version: 1, id: 1, schema: '"string"', deleted: false } },
      { key: { keytype: 'CONFIG', magic: 0 }, value: { compatibilityLevel: 'FULL' } },
      { key: { keytype: 'CONFIG', subject: 'fmt-value', magic: 0 }, value: { subject: 'fmt-value', compatibilityLevel: 'NONE' } },
      { key: { keytype: 'MODE', subject: 'fmt-value', magic: 0 }, value: { subject: 'fmt-value', mode: 'READONLY' } },
      { key: { keytype: 'MODE', subject: 'fmt-value', magic: 0 }, value: { subject: 'fmt-value', mode: 'READWRITE' } },
      { key: { keytype: 'DELETE_SUBJECT', subject: 'fmt-value', magic: 0 }, value: { subject: 'fmt-value', version: 1 } },
      { key: { keytype: 'SCHEMA', subject: 'fmt-value', version: 1, magic: 1 }, value: null },
      { key: { keytype: 'CONFIG', subject: 'fmt-value', magic: 0 }, value: null },
      { key: { keytype: 'MODE', subject: 'fmt-value', magic: 0 }, value: null },
    ]);
    const noops = records.filter((r) => (r.key as { keytype: string }).keytype === 'NOOP');
    expect(noops.length).toBeGreaterThan(0);
    expect(noops[0]).toEqual({ key: { keytype: 'NOOP', magic: 0 }, value: null });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(1);
      const configs = await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }], includeSynonyms: false });
      expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  it('reads records a Confluent registry wrote, including legacy global config keys with "subject":null', async () => {
    const topic = '_schemas_confluent';
    const kafka = new Kafka({ brokers: [h.broker.bootstrapServers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const schema = '{"type":"record","name":"Legacy","fields":[{"name":"a","type":"int"}]}';
    await producer.send({
      topic,
      messages: [
        { key: '{"keytype":"CONFIG","subject":null,"magic":0}', value: '{"compatibilityLevel":"FORWARD"}' },
        { key: '{"keytype":"SCHEMA","subject":"legacy-value","version":1,"magic":1}', value: JSON.stringify({ subject: 'legacy-value', version: 1, id: 21, schemaType: 'AVRO', schema, deleted: false }) },
        { key: '{"keytype":"SCHEMA","subject":"legacy-value","version":2,"magic":1}', value: JSON.stringify({ subject: 'legacy-value', version: 2, id: 22, schema: '"int"', deleted: false }) },
        { key: '{"keytype":"DELETE_SUBJECT","subject":"legacy-value","magic":0}', value: '{"subject":"legacy-value","version":1}' },
        { key: '{"keytype":"CONTEXT","tenant":"default","context":".ctx","magic":0}', value: '{"tenant":"default","context":".ctx"}' },
        { key: 'not json', value: 'garbage' },
      ],
    });
    await producer.disconnect();

    const registry = await h.startRegistry({ topic });
    const c = client(registry.url);
    expect((await c.get('/config')).body).toEqual({ compatibilityLevel: 'FORWARD' });
    expect((await c.get('/subjects/legacy-value/versions')).body).toEqual([2]);
    expect((await c.get('/subjects/legacy-value/versions?deleted=true')).body).toEqual([1, 2]);
    expect((await c.get('/schemas/ids/21')).body).toEqual({ schema });
    expect((await c.register('next-value', '"long"')).body.id).toBe(23);
  });
});
