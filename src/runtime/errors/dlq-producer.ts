/**
 * The dead letter queue's own producer (`connector-dlq-producer-<name>-<task>`): creates the DLQ
 * topic on first use (1 partition, errors.deadletterqueue.topic.replication.factor) and writes
 * failed records with acks=all.
 */
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaConfig, loadKafkaJs } from '../kafka-clients.js';
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
  let producer: Producer | null = null;
  let ready: Promise<void> | null = null;
  const prepare = (topic: string): Promise<void> =>
    (ready ??= (async () => {
      const kafkajs = await loadKafkaJs();
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
      producer = new kafkajs.Kafka(kafkaConfig(producerProps, clientId)).producer({ allowAutoTopicCreation: false });
      await producer.connect();
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    }));
  return {
    async send(topic: string, record: RawRecord): Promise<void> {
      await prepare(topic);
      if (producer === null) throw new Error('dead letter queue producer is not connected');
      const headers: Record<string, Buffer[]> = {};
      for (const [k, v] of record.headers) (headers[k] ??= []).push(v ?? Buffer.alloc(0));
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: record.key, value: record.value, headers, ...(record.timestamp !== null && record.timestamp >= 0 ? { timestamp: String(record.timestamp) } : {}) }],
      });
    },
    async close() {
      if (producer !== null) await producer.disconnect().catch(() => undefined);
    },
  };
}
