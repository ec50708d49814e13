/** Fixtures for the consumer tests: producing records and collecting what a LeanConsumer sees. */
import { LeanProducer } from './producer.js';
import { LeanConsumer, type ConsumerHandlers, type LeanConsumerOptions } from './consumer.js';
import type { ConsumedBatch, ConsumedRecord, TopicPartition } from './consumer-types.js';
import type { ProducerRecord } from './types.js';
import type { CompressionCodec } from '../broker/records/compression.js';

export async function produce(bootstrap: string, topic: string, records: ProducerRecord[], compression: CompressionCodec = 0): Promise<void> {
  const producer = new LeanProducer({ bootstrapServers: [bootstrap], clientId: 'consumer-test-producer', acks: -1, compression });
  await producer.connect();
  try {
    await producer.send(topic, records);
  } finally {
    await producer.disconnect();
  }
}

export function values(n: number, prefix: string, partition?: number): ProducerRecord[] {
  return Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`${prefix}-${i}`), partition }));
}

export async function waitFor(cond: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A running consumer and everything it has been handed. */
export interface Collector {
  consumer: LeanConsumer;
  batches: ConsumedBatch[];
  records: (ConsumedRecord & TopicPartition)[];
  assigned: TopicPartition[][];
  revoked: TopicPartition[][];
  errors: Error[];
  values(): string[];
}

export async function startCollector(
  options: Partial<LeanConsumerOptions> & Pick<LeanConsumerOptions, 'bootstrapServers' | 'groupId'>,
  topics: string[] | RegExp,
  extraHandlers: Partial<ConsumerHandlers> | ((consumer: LeanConsumer) => Partial<ConsumerHandlers>) = {},
): Promise<Collector> {
  const consumer = new LeanConsumer({ clientId: 'lean-consumer-test', autoOffsetReset: 'earliest', heartbeatIntervalMs: 200, fetchMaxWaitMs: 100, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, ...options });
  const c: Collector = {
    consumer,
    batches: [],
    records: [],
    assigned: [],
    revoked: [],
    errors: [],
    values: () => c.records.map((r) => r.value?.toString() ?? 'null'),
  };
  const extra = typeof extraHandlers === 'function' ? extraHandlers(consumer) : extraHandlers;
  consumer.subscribe(topics);
  await consumer.run({
    async onBatch(batch) {
      c.batches.push(batch);
      for (const r of batch.records) c.records.push({ ...r, topic: batch.topic, partition: batch.partition });
      await extra.onBatch?.(batch);
    },
    async onAssigned(tps) {
      c.assigned.push(tps);
      await extra.onAssigned?.(tps);
    },
    async onRevoked(tps) {
      c.revoked.push(tps);
      await extra.onRevoked?.(tps);
    },
    onError: (err) => c.errors.push(err),
  });
  return c;
}
