/** Fixtures for the producer tests: an embedded broker in a temp dir, kcat, and a kafkajs admin. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type BrokerOptions, type RunningBroker } from '../broker/broker.js';

export interface TestBroker {
  broker: RunningBroker;
  close(): Promise<void>;
}

export async function startTestBroker(options: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-kafka-client-'));
  const broker = await startBroker({ port: 0, ...options, dataDir });
  return {
    broker,
    async close() {
      await broker.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs kcat against the broker, failing on a non-zero exit. */
export function kcat(bootstrap: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', bootstrap, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`kcat ${args.join(' ')} exited with ${code}: ${err}`));
    });
  });
}

export interface KcatRow {
  partition: number;
  offset: bigint;
  key: string;
  value: string;
  headers: string;
  timestamp: number;
}

/** Every record of a topic, via kcat with '%p %o %k %s %h' (plus the timestamp, tab-separated). */
export async function kcatReadAll(bootstrap: string, topic: string): Promise<KcatRow[]> {
  const out = await kcat(bootstrap, ['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p\t%o\t%k\t%s\t%h\t%T\n']);
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const [p, o, k, s, h, t] = line.split('\t');
      return { partition: Number(p), offset: BigInt(o), key: k, value: s, headers: h, timestamp: Number(t) };
    });
}

export async function createTopic(bootstrap: string, topic: string, numPartitions: number, config: Record<string, string> = {}): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions, configEntries: Object.entries(config).map(([name, value]) => ({ name, value })) }],
    });
  } finally {
    await admin.disconnect();
  }
}
