/** A compacted topic keeps the last value per key; tombstones go away after delete.retention.ms. */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({ args: ['--log-maintenance-interval-ms', '200'] });
});

afterAll(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

async function readAll(topic: string): Promise<string[]> {
  const res = await run('kcat', ['-b', broker.bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-Z', '-f', '%o %k=%s\n']);
  return res.stdout.toString().split('\n').filter((l) => l.length > 0);
}

describe('log compaction', () => {
  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'])('keeps the last value per key and drops tombstones (%s)', async (codec) => {
    const topic = `compacted-${codec}`;
    const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{
        topic,
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.bytes', value: '4096' },
          { name: 'delete.retention.ms', value: '0' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
        ],
      }],
    });
    await admin.disconnect();

    // 20 keys x 30 versions, then tombstones for keys 0-4, then enough filler (at least 80 batches of 61+ bytes, compressed or not) so everything above is
    // in closed segments (the active segment is never compacted, as in Kafka).
    const lines: string[] = [];
    for (let v = 0; v < 30; v++) for (let k = 0; k < 20; k++) lines.push(`key${k}:value-${k}-${v}`);
    for (let k = 0; k < 5; k++) lines.push(`key${k}:`);
    for (let f = 0; f < 2000; f++) lines.push(`filler${f}:f`);
    const produced = await run('kcat', ['-b', broker.bootstrap, '-P', '-t', topic, '-p', '0', '-K:', '-Z', '-z', codec, '-X', 'batch.num.messages=25'], {
      input: lines.join('\n') + '\n',
    });
    expect(produced.code, produced.stderr).toBe(0);

    const expectedKeys = new Map<string, string>();
    for (let k = 5; k < 20; k++) expectedKeys.set(`key${k}`, `value-${k}-29`);
    const compacted = await waitFor(async () => {
      const rows = (await readAll(topic)).filter((r) => !r.includes(' filler'));
      return rows.length === expectedKeys.size ? rows : undefined;
    }, 30_000, 'compaction to the last value per key');
    const seen = new Map(compacted.map((r) => r.split(' ')[1].split('=') as [string, string]));
    expect(seen).toEqual(expectedKeys);
    const offsets = compacted.map((r) => Number(r.split(' ')[0]));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(29 * 20);
  });
});
