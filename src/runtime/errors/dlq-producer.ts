/**
 * The dead letter queue's own producer (`connector-dlq-producer-<name>-<task>`): creates the DLQ
 * topic on first use (1 partition, errors.deadletterqueue.topic.replication.factor) and writes
 * failed records with acks=all.
 */
import kafkajs from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaConfig } from '../kafka-clients.js';
import type { RawRecord } from './processing-context.js';
import type { RawRecordSender } from './reporters.js';

export interface DeadLetterQueueProducer {
  send: RawRecordSender;
  close(): Promise<void>;
}

export function deadLetterQueueProducer(
  producerProps: Record<string, string>,
  adminProps: Record<string, string>,
  clientId: string,
  replicationFactor: number,
  log: Logger,
): DeadLetterQueueProducer {
  const kafka = new kafkajs.Kafka(kafkaConfig(producerProps, clientId));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  let ready: Promise<void> | null = null;
  const prepare = (topic: string): Promise<void> =>
    (ready ??= (async () => {
      const admin = new kafkajs.Kafka(kafkaConfig(adminProps, `${clientId}-admin`)).admin();
      await admin.connect();
      try {
        if (!(await admin.listTopics()).includes(topic)) {
          await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor }] });
          log.info({ topic }, 'created dead letter queue topic');
        }
      } finally {
        await admin.disconnect();
      }
      await producer.connect();
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    }));
  return {
    async send(topic: string, record: RawRecord): Promise<void> {
      await prepare(topic);
      const headers: Record<string, Buffer[]> = {};
      for (const [k, v] of record.headers) (headers[k] ??= []).push(v ?? Buffer.alloc(0));
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: record.key, value: record.value, headers, ...(record.timestamp !== null && record.timestamp >= 0 ? { timestamp: String(record.timestamp) } : {}) }],
      });
    },
    async close() {
      if (ready !== null) await producer.disconnect().catch(() => undefined);
    },
  };
}
