/** Leadership errors, lost connections and timeouts, staged by a scripted broker. */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiVersions } from '../broker/protocol/messages/api-versions.js';
import { Produce } from '../broker/protocol/messages/produce.js';
import { KafkaConnectionError, KafkaProtocolError, LeanProducer } from './index.js';
import { apiVersionsAnswer, startFakeBroker, type FakeBroker, type FakeRequest } from './fake-broker.js';
import { ClientMetadata } from './specs.js';

let fake: FakeBroker | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Script {
  /** Topic error code of the n-th Metadata answer naming the topic (0 when past the list). */
  metadataErrors?: number[];
  /** What the n-th Produce gets: an error code for every partition, 'close', or 'silent' (no answer). */
  produce?: (number | 'close' | 'silent')[];
}

function scripted(script: Script, port: () => number) {
  let metadataCalls = 0;
  let produceCalls = 0;
  const offsets = new Map<number, number>();
  return (req: FakeRequest): object | null | 'close' => {
    switch (req.apiKey) {
      case 18:
        return apiVersionsAnswer([[0, 3, 9], [3, 0, 12], [18, 0, 3]]);
      case 3: {
        const names = ((req.body.topics as { name: string }[] | null) ?? []).map((t) => t.name);
        const errorCode = names.length > 0 ? (script.metadataErrors?.[metadataCalls++] ?? 0) : 0;
        return {
          throttleTimeMs: 0,
          brokers: [{ nodeId: 7, host: '127.0.0.1', port: port(), rack: null }],
          clusterId: 'fake',
          controllerId: 7,
          topics: names.map((name) => ({
            errorCode,
            name,
            isInternal: false,
            partitions: errorCode !== 0 ? [] : [0, 1].map((i) => ({ errorCode: 0, partitionIndex: i, leaderId: 7, leaderEpoch: 0, replicaNodes: [7], isrNodes: [7], offlineReplicas: [] })),
          })),
        };
      }
      case 0: {
        const step = script.produce?.[produceCalls++] ?? 0;
        if (step === 'close') return 'close';
        if (step === 'silent') return null;
        const topics = req.body.topicData as { name: string; partitionData: { index: number; records: Buffer }[] }[];
        return {
          responses: topics.map((t) => ({
            name: t.name,
            partitionResponses: t.partitionData.map((p) => {
              const base = offsets.get(p.index) ?? 100;
              const count = p.records.readInt32BE(57);
              if (step === 0) offsets.set(p.index, base + count);
              return { index: p.index, errorCode: step, baseOffset: step === 0 ? base : -1, logAppendTimeMs: -1, logStartOffset: 0 };
            }),
          })),
          throttleTimeMs: 0,
        };
      }
      default:
        return 'close';
    }
  };
}

async function producerFor(script: Script, requestTimeoutMs = 5000): Promise<LeanProducer> {
  let port = 0;
  fake = await startFakeBroker([ApiVersions, ClientMetadata, Produce], scripted(script, () => port));
  port = fake.port;
  const producer = new LeanProducer({ bootstrapServers: [`127.0.0.1:${port}`], clientId: 'retry', acks: -1, compression: 0, requestTimeoutMs });
  await producer.connect();
  return producer;
}

const records = [0, 1, 2, 3].map((i) => ({ key: null, value: Buffer.from(`v${i}`), partition: i % 2 }));
const apiKeys = (): number[] => fake?.requests.map((r) => r.apiKey) ?? [];

describe('retries', () => {
  it('negotiates Produce v7 and Metadata v8 with a broker offering more', async () => {
    const producer = await producerFor({});
    await producer.send('t', records);
    await producer.disconnect();
    const versions = new Map(fake?.requests.map((r) => [r.apiKey, r.apiVersion]));
    expect(versions.get(0)).toBe(7);
    expect(versions.get(3)).toBe(8);
  });

  it('waits out LEADER_NOT_AVAILABLE on a just-created topic', async () => {
    const producer = await producerFor({ metadataErrors: [5, 5] });
    const acks = await producer.send('t', records);
    await producer.disconnect();
    expect(acks).toEqual([
      { partition: 0, offset: 100n },
      { partition: 1, offset: 100n },
      { partition: 0, offset: 101n },
      { partition: 1, offset: 101n },
    ]);
    expect(apiKeys().filter((k) => k === 3)).toHaveLength(4); // connect + three for the topic
  });

  it('refreshes metadata and retries on NOT_LEADER_OR_FOLLOWER', async () => {
    const producer = await producerFor({ produce: [6] });
    const acks = await producer.send('t', records);
    await producer.disconnect();
    expect(acks.map((a) => a.offset)).toEqual([100n, 100n, 101n, 101n]);
    // connect, topic, produce (fails), refresh, produce
    expect(apiKeys()).toEqual([18, 3, 3, 0, 3, 0]);
  });

  it('reconnects and retries when the connection drops mid-request', async () => {
    const producer = await producerFor({ produce: ['close'] });
    const acks = await producer.send('t', records);
    await producer.disconnect();
    expect(acks.map((a) => a.offset)).toEqual([100n, 100n, 101n, 101n]);
    expect(apiKeys().filter((k) => k === 18)).toHaveLength(2);
  });

  it('gives up on a retriable error after requestTimeoutMs', async () => {
    const producer = await producerFor({ produce: Array(100).fill(7) }, 1000);
    const started = Date.now();
    const err = await producer.send('t', records).catch((e: unknown) => e);
    await producer.disconnect();
    expect(err).toBeInstanceOf(KafkaProtocolError);
    expect((err as Error).message).toMatch(/^REQUEST_TIMED_OUT for t-[01]/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails a request the broker never answers after requestTimeoutMs', async () => {
    const producer = await producerFor({ produce: Array(100).fill('silent') }, 500);
    const err = await producer.send('t', records).catch((e: unknown) => e);
    await producer.disconnect();
    expect(err).toBeInstanceOf(KafkaConnectionError);
    expect((err as Error).message).toContain('timed out');
  });

  it('does not retry a non-retriable error', async () => {
    const producer = await producerFor({ produce: [87] });
    const err = await producer.send('t', records).catch((e: unknown) => e);
    await producer.disconnect();
    expect(err).toBeInstanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).errorName).toBe('INVALID_RECORD');
    expect(apiKeys().filter((k) => k === 0)).toHaveLength(1);
  });
});
