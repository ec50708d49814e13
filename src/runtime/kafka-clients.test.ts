import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, type EachMessagePayload } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../broker/broker.js';
import { withPrefix } from '../config/prefixed.js';
import { consumerConfig, kafkaConfig, producerSettings, loadKafkaJs } from './kafka-clients.js';

describe('Java client configs to kafkajs', () => {
  it('maps bootstrap servers, client id and SASL/SSL settings', () => {
    const c = kafkaConfig(
      {
        'bootstrap.servers': 'SASL_SSL://a:9093, b:9093',
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="s3\\"cret";',
        'ssl.endpoint.identification.algorithm': '',
      },
      'fallback-id',
    );
    expect(c.brokers).toEqual(['a:9093', 'b:9093']);
    expect(c.clientId).toBe('fallback-id');
    expect(c.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'alice', password: 's3"cret' });
    expect(c.ssl).toMatchObject({ checkServerIdentity: expect.any(Function) });
  });

  it('rejects what it cannot honour with the key named', () => {
    expect(() => kafkaConfig({ 'security.protocol': 'KERBEROS' }, 'x')).toThrow(/security.protocol/);
    expect(() => kafkaConfig({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'GSSAPI', 'sasl.jaas.config': 'x required username="a" password="b";' }, 'x')).toThrow(/sasl.mechanism/);
    expect(() => producerSettings({ acks: '2' })).toThrow(/acks/);
    expect(() => producerSettings({ 'compression.type': 'brotli' })).toThrow(/compression.type/);
    expect(() => consumerConfig({ 'auto.offset.reset': 'middle' }, 'g')).toThrow(/auto.offset.reset/);
  });

  it('applies Kafka Connect producer and consumer defaults', () => {
    expect(producerSettings({}).acks).toBe(-1);
    expect(producerSettings({ acks: '1' }).acks).toBe(1);
    const consumer = consumerConfig({}, 'connect-x');
    expect(consumer.groupId).toBe('connect-x');
    expect(consumer.fromBeginning).toBe(true);
    expect(withPrefix({ 'producer.acks': '1', 'producer.': 'x', acks: 'all' }, 'producer.')).toEqual({ acks: '1' });
  });
});

describe('kafkajs with the registered codecs', () => {
  it('consumes snappy, lz4 and zstd batches', async () => {
    await loadKafkaJs();
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-codecs-'));
    const broker = await startBroker({ port: 0, dataDir });
    try {
      const kafka = new Kafka(kafkaConfig({ 'bootstrap.servers': broker.bootstrapServers }, 'codec-test'));
      const producer = kafka.producer();
      await producer.connect();
      // kafkajs sends these through the registered codecs; the broker stores them verbatim.
      for (const [i, compression] of [2, 3, 4].entries()) {
        await producer.send({ topic: 'codecs', compression, messages: [{ value: `v${i}` }] });
      }
      await producer.disconnect();
      const consumer = kafka.consumer({ groupId: 'codec-group' });
      await consumer.connect();
      await consumer.subscribe({ topic: 'codecs', fromBeginning: true });
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }: EachMessagePayload) => {
          seen.push(String(message.value));
          if (seen.length === 3) resolve();
        } });
      });
      await consumer.disconnect();
      expect(seen).toEqual(['v0', 'v1', 'v2']);
    } finally {
      await broker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
