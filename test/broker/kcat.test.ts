/**
 * The embedded broker against librdkafka (kcat): a real, unmodified third-party Kafka client in
 * its own process, over real sockets, with the broker in its own process too.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess();
});

afterAll(async () => {
  await broker?.stop();
  if (broker) removeDir(broker.dataDir);
});

const kcat = (args: string[], input?: string) => run('kcat', ['-b', broker.bootstrap, ...args], { input, timeoutMs: 120_000 });

async function createTopic(topic: string, partitions: number): Promise<void> {
  // kafka-python's admin would do too; kcat has no admin API, so use the broker's auto-creation
  // for 1 partition and the kafkajs admin for more.
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
}

describe('kcat (librdkafka)', () => {
  it('negotiates every feature librdkafka gates on ApiVersions', async () => {
    const res = await kcat(['-X', 'debug=feature,protocol', '-L']);
    expect(res.code).toBe(0);
    const log = res.stderr;
    expect(log).not.toMatch(/ApiVersionRequest.*retrying/i);
    for (const feature of ['MsgVer2', 'BrokerBalancedConsumer', 'BrokerGroupCoordinator', 'IdempotentProducer', 'ZSTD', 'LZ4', 'OffsetTime']) {
      expect(log, feature).toMatch(new RegExp(`Enabling feature ${feature}\\b`));
    }
  });

  it('-L lists the broker and topics', async () => {
    await kcat(['-P', '-t', 'listed-topic'], 'x\n');
    const res = await kcat(['-L', '-J']);
    expect(res.code).toBe(0);
    const meta = JSON.parse(res.stdout.toString()) as {
      brokers: { id: number; name: string }[];
      topics: { topic: string; partitions: { partition: number; leader: number }[] }[];
    };
    expect(meta.brokers).toEqual([{ id: 1, name: broker.bootstrap }]);
    const topic = meta.topics.find((t) => t.topic === 'listed-topic');
    expect(topic?.partitions).toEqual([expect.objectContaining({ partition: 0, leader: 1 })]);
  });

  it('produces 100,000 keyed records with headers and reads them back identical', async () => {
    const topic = 'kcat-bulk';
    await createTopic(topic, 3);
    const count = 100_000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(`key-${i}:value-${i}-${'x'.repeat(i % 50)}`);
    const produced = await kcat(['-P', '-t', topic, '-K:', '-H', 'app=sluice', '-H', 'run=1'], lines.join('\n') + '\n');
    expect(produced.code, produced.stderr).toBe(0);

    const consumed = await kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p\t%o\t%k\t%s\t%h\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const rows = consumed.stdout.toString().trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows).toHaveLength(count);
    const byPartition = new Map<string, number[]>();
    const seen = new Map<string, string>();
    for (const [partition, offset, key, value, headers] of rows) {
      expect(headers).toBe('app=sluice,run=1');
      seen.set(key, value);
      const offsets = byPartition.get(partition) ?? [];
      offsets.push(Number(offset));
      byPartition.set(partition, offsets);
    }
    expect(seen.size).toBe(count);
    for (let i = 0; i < count; i += 997) expect(seen.get(`key-${i}`)).toBe(`value-${i}-${'x'.repeat(i % 50)}`);
    expect(byPartition.size).toBe(3);
    for (const offsets of byPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('round-trips %s batches', async (codec) => {
    const topic = `kcat-${codec}`;
    const values = Array.from({ length: 500 }, (_, i) => `${codec}-message-${i}-${'abc'.repeat(i % 20)}`);
    const produced = await kcat(['-P', '-t', topic, '-p', '0', '-z', codec], values.join('\n') + '\n');
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await kcat(['-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%o %s\n']);
    expect(consumed.stdout.toString().trimEnd().split('\n')).toEqual(values.map((v, i) => `${i} ${v}`));
  });

  it('answers offset queries by time and from the end', async () => {
    const topic = 'kcat-offsets';
    await kcat(['-P', '-t', topic, '-p', '0'], 'a\nb\nc\nd\n');
    const tail = await kcat(['-C', '-t', topic, '-p', '0', '-o', '-2', '-e', '-q', '-f', '%o %s\n']);
    expect(tail.stdout.toString()).toBe('2 c\n3 d\n');
    const byTime = await kcat(['-Q', '-t', `${topic}:0:0`]);
    expect(byTime.stdout.toString()).toMatch(/\[0\]\s+offset 0/);
  });

  it('splits partitions over a two-member -G group and resumes from committed offsets', async () => {
    const topic = 'kcat-group';
    const group = 'kcat-group-g';
    await createTopic(topic, 2);
    const members = [startGroupMember(group, topic), startGroupMember(group, topic)];
    try {
      // Both members assigned exactly one partition each once the group is stable.
      await waitFor(() => (members.every((m) => /assigned: .*\[\d+\]\s*$/m.test(lastAssignment(m.stderr()))) && singlePartitionEach(members) ? true : undefined), 60_000, 'both members assigned');
      const input = Array.from({ length: 200 }, (_, i) => `k${i}:v${i}`).join('\n') + '\n';
      expect((await kcat(['-P', '-t', topic, '-K:'], input)).code).toBe(0);
      await waitFor(() => (members.reduce((n, m) => n + m.lines().length, 0) >= 200 ? true : undefined), 30_000, '200 records consumed');
      const partitionsOf = members.map((m) => new Set(m.lines().map((l) => l.split(' ')[0])));
      expect(partitionsOf.map((s) => s.size)).toEqual([1, 1]);
      expect([...partitionsOf[0]][0]).not.toBe([...partitionsOf[1]][0]);
    } finally {
      await Promise.all(members.map((m) => m.stop()));
    }
    // Offsets were committed on close: a new member sees only what is produced afterwards.
    expect((await kcat(['-P', '-t', topic, '-K:'], 'later:after-restart\n')).code).toBe(0);
    const resumed = await kcat(['-G', group, '-X', 'auto.offset.reset=earliest', '-e', '-q', '-f', '%s\n', topic]);
    expect(resumed.stdout.toString()).toBe('after-restart\n');
  });
});

interface GroupMember {
  stderr(): string;
  lines(): string[];
  stop(): Promise<void>;
}

function startGroupMember(group: string, topic: string): GroupMember {
  const child: ChildProcessWithoutNullStreams = spawn('kcat', ['-b', broker.bootstrap, '-u', '-G', group, '-X', 'auto.offset.reset=earliest', '-f', '%p %o %s\n', topic]);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = once(child, 'exit');
  return {
    stderr: () => err,
    lines: () => out.split('\n').filter((l) => l.length > 0),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function lastAssignment(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => /rebalanced|assigned/.test(l));
  return lines.at(-1) ?? '';
}

function singlePartitionEach(members: GroupMember[]): boolean {
  const assigned = members.map((m) => lastAssignment(m.stderr()).match(/\[(\d+)\]/g) ?? []);
  return assigned.every((a) => a.length === 1) && assigned[0][0] !== assigned[1][0];
}
