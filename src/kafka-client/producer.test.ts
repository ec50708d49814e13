import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { murmur2, toPositive } from './murmur2.js';
import { KafkaProtocolError, LeanProducer, type ProducerRecord, type RecordAck } from './index.js';
import { createTopic, kcatReadAll, startTestBroker, type TestBroker } from './test-helpers.js';

let env: TestBroker;
let bootstrap: string;

beforeAll(async () => {
  env = await startTestBroker({ defaultPartitions: 1 });
  bootstrap = env.broker.bootstrapServers;
});

afterAll(async () => {
  await env?.close();
});

async function withProducer<T>(options: Partial<ConstructorParameters<typeof LeanProducer>[0]>, fn: (p: LeanProducer) => Promise<T>): Promise<T> {
  const producer = new LeanProducer({ bootstrapServers: [bootstrap], clientId: 'lean-test', acks: -1, compression: 0, ...options });
  await producer.connect();
  try {
    return await fn(producer);
  } finally {
    await producer.disconnect();
  }
}

const ackKey = (a: RecordAck): string => `${a.partition}/${a.offset}`;

describe('LeanProducer against the embedded broker', () => {
  it('places keyed, unkeyed and explicit-partition records as Kafka does, with headers and timestamps, and acks the offsets kcat shows', async () => {
    const topic = 'lean-mixed';
    await createTopic(bootstrap, topic, 3);
    const keyed: ProducerRecord[] = Array.from({ length: 30 }, (_, i) => ({
      key: Buffer.from(`key-${i}`),
      value: Buffer.from(`keyed-${i}`),
      headers: [['h', Buffer.from(`v${i}`)], ['n', null]],
      timestamp: 1_700_000_000_000 + i,
    }));
    const unkeyed: ProducerRecord[] = Array.from({ length: 10 }, (_, i) => ({ key: null, value: Buffer.from(`unkeyed-${i}`), timestamp: 1_700_000_001_000 - i }));
    const explicit: ProducerRecord[] = [0, 1, 2, 2, 1].map((p, i) => ({ key: Buffer.from(`pinned-${i}`), value: Buffer.from(`explicit-${i}`), partition: p }));

    const acks = await withProducer({}, async (p) => {
      const a = await p.send(topic, keyed);
      const b = await p.send(topic, unkeyed);
      const c = await p.send(topic, explicit);
      return [...a, ...b, ...c];
    });
    const sent = [...keyed, ...unkeyed, ...explicit];
    expect(acks).toHaveLength(sent.length);

    keyed.forEach((r, i) => expect(acks[i].partition).toBe(toPositive(murmur2(r.key as Buffer)) % 3));
    const unkeyedPartitions = new Set(acks.slice(30, 40).map((a) => a.partition));
    expect(unkeyedPartitions.size).toBe(1);
    expect(acks.slice(40).map((a) => a.partition)).toEqual([0, 1, 2, 2, 1]);
    expect(new Set(acks.map(ackKey)).size).toBe(acks.length);

    const rows = await kcatReadAll(bootstrap, topic);
    expect(rows).toHaveLength(sent.length);
    const byPosition = new Map(rows.map((r) => [`${r.partition}/${r.offset}`, r]));
    sent.forEach((record, i) => {
      const row = byPosition.get(ackKey(acks[i]));
      expect(row, `record ${i}`).toBeDefined();
      expect(row?.value).toBe(record.value?.toString());
      expect(row?.key).toBe(record.key?.toString() ?? '');
      if (record.timestamp !== undefined) expect(row?.timestamp).toBe(record.timestamp);
      if (i < 30) expect(row?.headers).toBe(`h=v${i},n=NULL`);
    });
  });

  it('is readable by a kafkajs consumer with keys, headers and timestamps intact', async () => {
    const topic = 'lean-kafkajs';
    await createTopic(bootstrap, topic, 3);
    const records: ProducerRecord[] = Array.from({ length: 300 }, (_, i) => ({
      key: i % 3 === 0 ? null : Buffer.from(`k${i}`),
      value: i % 50 === 7 ? null : Buffer.from(`value-${i}`),
      headers: [['idx', Buffer.from(String(i))]],
      timestamp: 1_690_000_000_000 + i * 1000,
    }));
    const acks = await withProducer({ compression: 1 }, (p) => p.send(topic, records));

    const { Kafka, logLevel } = await import('kafkajs');
    const consumer = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).consumer({ groupId: 'lean-kafkajs-group' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Map<string, { key: string | null; value: string | null; idx: string; ts: string }>();
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            seen.set(`${partition}/${message.offset}`, {
              key: message.key === null ? null : message.key.toString(),
              value: message.value === null ? null : message.value.toString(),
              idx: String(message.headers?.idx),
              ts: message.timestamp,
            });
            if (seen.size === records.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    records.forEach((r, i) => {
      const m = seen.get(ackKey(acks[i]));
      expect(m).toEqual({ key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, idx: String(i), ts: String(r.timestamp) });
    });
  });

  for (const [codec, name] of [[0, 'none'], [1, 'gzip'], [2, 'snappy'], [3, 'lz4'], [4, 'zstd']] as const) {
    it(`produces ${name}-compressed batches kcat reads back`, async () => {
      const topic = `lean-codec-${name}`;
      await createTopic(bootstrap, topic, 3);
      const records: ProducerRecord[] = Array.from({ length: 500 }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`${name}-${i}-`.padEnd(200, 'x')) }));
      const acks = await withProducer({ compression: codec }, (p) => p.send(topic, records));
      const rows = await kcatReadAll(bootstrap, topic);
      expect(rows).toHaveLength(records.length);
      const byPosition = new Map(rows.map((r) => [`${r.partition}/${r.offset}`, r.value]));
      records.forEach((r, i) => expect(byPosition.get(ackKey(acks[i]))).toBe(r.value?.toString()));
    });
  }

  for (const acksMode of [0, 1, -1] as const) {
    it(`acks=${acksMode}`, async () => {
      const topic = `lean-acks-${acksMode < 0 ? 'all' : acksMode}`;
      await createTopic(bootstrap, topic, 3);
      const records: ProducerRecord[] = Array.from({ length: 100 }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`) }));
      const acks = await withProducer({ acks: acksMode }, async (p) => {
        const a = await p.send(topic, records);
        if (acksMode === 0) await p.send(topic, []); // nothing to do, but exercises the empty path
        return a;
      });
      expect(acks).toHaveLength(100);
      if (acksMode === 0) {
        expect(acks.every((a) => a.offset === -1n)).toBe(true);
      } else {
        const perPartition = new Map<number, bigint[]>();
        for (const a of acks) perPartition.set(a.partition, [...(perPartition.get(a.partition) ?? []), a.offset]);
        for (const offsets of perPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => BigInt(i)));
      }
      let rows = await kcatReadAll(bootstrap, topic);
      for (let i = 0; i < 50 && rows.length < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await kcatReadAll(bootstrap, topic);
      }
      expect(rows.map((r) => r.value).sort()).toEqual(records.map((r) => r.value?.toString()).sort());
    });
  }

  it('auto-creates a topic it sends to', async () => {
    const acks = await withProducer({}, (p) => p.send('lean-auto-created', [{ key: null, value: Buffer.from('hello') }]));
    expect(acks).toEqual([{ partition: 0, offset: 0n }]);
    const rows = await kcatReadAll(bootstrap, 'lean-auto-created');
    expect(rows.map((r) => r.value)).toEqual(['hello']);
  });

  it('rejects a partition the topic does not have, naming topic, partition and error', async () => {
    const topic = 'lean-three';
    await createTopic(bootstrap, topic, 3);
    await withProducer({}, async (p) => {
      const err = await p.send(topic, [{ key: null, value: Buffer.from('x'), partition: 7 }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaProtocolError);
      expect((err as KafkaProtocolError).errorName).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect((err as Error).message).toContain('lean-three-7');
    });
  });

  it('fails fast on MESSAGE_TOO_LARGE (not retried)', async () => {
    const topic = 'lean-small-messages';
    await createTopic(bootstrap, topic, 1, { 'max.message.bytes': '1000' });
    await withProducer({ requestTimeoutMs: 20_000 }, async (p) => {
      const started = Date.now();
      const err = await p.send(topic, [{ key: null, value: Buffer.alloc(5000, 1) }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaProtocolError);
      expect((err as KafkaProtocolError).errorName).toBe('MESSAGE_TOO_LARGE');
      expect((err as Error).message).toContain('lean-small-messages-0');
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});

describe('request splitting', () => {
  let small: TestBroker;
  beforeAll(async () => {
    // Frames above 100 KiB close the connection: only a producer that splits gets through.
    small = await startTestBroker({ maxRequestBytes: 100 * 1024 });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('splits a send larger than maxRequestBytes into several requests, in order per partition', async () => {
    const server = small.broker.bootstrapServers;
    const topic = 'lean-split';
    await createTopic(server, topic, 2);
    const records: ProducerRecord[] = Array.from({ length: 3000 }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`${i}-`.padEnd(200, 'v')) }));
    const producer = new LeanProducer({ bootstrapServers: [server], clientId: 'split', acks: 1, compression: 0, maxRequestBytes: 64 * 1024, requestTimeoutMs: 5000 });
    await producer.connect();
    const acks = await producer.send(topic, records);
    await producer.disconnect();
    const rows = await kcatReadAll(server, topic);
    expect(rows).toHaveLength(records.length);
    const byPosition = new Map(rows.map((r) => [`${r.partition}/${r.offset}`, r.value]));
    records.forEach((r, i) => expect(byPosition.get(ackKey(acks[i]))).toBe(r.value?.toString()));
    // Per partition, send order is offset order.
    for (const partition of [0, 1]) {
      const offsets = acks.filter((a) => a.partition === partition).map((a) => a.offset);
      expect(offsets).toEqual(offsets.map((_, i) => BigInt(i)));
    }
  });
});
