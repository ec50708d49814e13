/**
 * Acknowledged means durable: kill -9 the broker while a producer (acks=-1) streams, restart on
 * the same data dir, and every acknowledged record is there, in order, exactly once.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, tempDir, type BrokerProcess } from '../helpers/broker-process.js';
import { run } from '../helpers/run.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('durability', () => {
  it('keeps every acknowledged record across kill -9', async () => {
    const dataDir = tempDir('durable');
    cleanup.push(() => removeDir(dataDir));
    let broker: BrokerProcess = await startBrokerProcess({ dataDir });
    cleanup.push(() => broker.stop());
    const topic = 'durable';
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();

    const acked: string[] = [];
    let killed = false;
    let batch = 0;
    // Keep producing until the kill makes a send fail; kill once a good amount is acknowledged.
    for (;;) {
      const values = Array.from({ length: 100 }, (_, i) => `b${batch}-r${i}`);
      if (acked.length >= 20_000 && !killed) {
        killed = true;
        void broker.kill();
      }
      try {
        await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
        acked.push(...values);
      } catch {
        if (killed) break;
        throw new Error('send failed before the broker was killed');
      }
      batch++;
    }
    await producer.disconnect().catch(() => undefined);
    await broker.kill();

    broker = await startBrokerProcess({ dataDir });
    const read = await run('kcat', ['-b', broker.bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%s\n'], { timeoutMs: 60_000 });
    const stored = read.stdout.toString().trimEnd().split('\n');
    // Everything acknowledged is present, in order, once; an unacknowledged tail may follow.
    expect(stored.length).toBeGreaterThanOrEqual(acked.length);
    expect(stored.slice(0, acked.length)).toEqual(acked);
    expect(new Set(stored).size).toBe(stored.length);
  });
});
