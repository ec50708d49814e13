/** KIP-298 end to end: bad records skipped into the DLQ with context headers, or failing the task. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, waitFor } from '../helpers/run.js';
import { startInProcessStack, type InProcessStack } from './support.js';

let stack: InProcessStack;

beforeAll(async () => {
  stack = await startInProcessStack('dlq', { 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false', 'offset.flush.interval.ms': '200' });
});

afterAll(async () => {
  await stack?.close();
});

const api = (path: string, init?: RequestInit) => fetch(new URL(path, stack.worker.restUrl), { headers: { 'content-type': 'application/json' }, ...init });

async function produce(topic: string, lines: string[]): Promise<void> {
  const res = await run('kcat', ['-b', stack.broker.bootstrapServers, '-P', '-t', topic, '-p', '0', '-K', '|'], { input: lines.join('\n') + '\n' });
  expect(res.code, res.stderr).toBe(0);
}

describe('dead letter queue', () => {
  it('writes good records, sends bad ones with context headers to the DLQ and commits past them', async () => {
    await produce('mixed', ['k1|{"n":1}', 'k2|{not json', 'k3|{"n":3}', 'k4|[1,', 'k5|{"n":5}']);
    const out = join(stack.dir, 'good.txt');
    const res = await api('/connectors', {
      method: 'POST',
      body: JSON.stringify({
        name: 'tolerant-sink',
        config: {
          'connector.class': 'FileStreamSink',
          topics: 'mixed',
          file: out,
          'errors.tolerance': 'all',
          'errors.deadletterqueue.topic.name': 'mixed-dlq',
          'errors.deadletterqueue.topic.replication.factor': '1',
          'errors.deadletterqueue.context.headers.enable': 'true',
        },
      }),
    });
    expect(res.status).toBe(201);
    await waitFor(() => {
      try {
        return readFileSync(out, 'utf8').split('\n').length >= 4 ? true : undefined;
      } catch {
        return undefined;
      }
    }, 30_000, 'good records written');
    expect(readFileSync(out, 'utf8')).toBe('{n=1}\n{n=3}\n{n=5}\n');

    const dlq = await waitFor(async () => {
      // The stack trace header spans lines: records end with a marker instead of a newline.
      const r = await run('kcat', ['-b', stack.broker.bootstrapServers, '-C', '-t', 'mixed-dlq', '-o', 'beginning', '-e', '-q', '-f', '%k|%s|%h<END>']);
      const lines = r.stdout.toString().split('<END>').filter((l) => l.length > 0);
      return lines.length === 2 ? lines : undefined;
    }, 30_000, 'two records in the DLQ');
    expect(dlq[0]).toMatch(/^k2\|\{not json\|/);
    expect(dlq[1]).toMatch(/^k4\|\[1,\|/);
    const headers = dlq[0].split('|')[2];
    expect(headers).toContain('__connect.errors.topic=mixed');
    expect(headers).toContain('__connect.errors.partition=0');
    expect(headers).toContain('__connect.errors.offset=1');
    expect(headers).toContain('__connect.errors.connector.name=tolerant-sink');
    expect(headers).toContain('__connect.errors.task.id=0');
    expect(headers).toContain('__connect.errors.stage=VALUE_CONVERTER');
    expect(headers).toContain('__connect.errors.class.name=org.apache.kafka.connect.json.JsonConverter');
    expect(headers).toContain('__connect.errors.exception.class.name=org.apache.kafka.connect.errors.DataException');

    await waitFor(async () => {
      const offsets = (await (await api('/connectors/tolerant-sink/offsets')).json()) as { offsets: { offset: { kafka_offset: number } }[] };
      return offsets.offsets[0]?.offset.kafka_offset === 5 ? true : undefined;
    }, 30_000, 'committed offset past the bad records');
  });

  it('fails the task with the record position in the trace when tolerance is none', async () => {
    await produce('strict', ['a|{"ok":true}', 'b|nope{']);
    writeFileSync(join(stack.dir, 'strict.txt'), '');
    await api('/connectors', {
      method: 'POST',
      body: JSON.stringify({ name: 'strict-sink', config: { 'connector.class': 'FileStreamSink', topics: 'strict', file: join(stack.dir, 'strict.txt') } }),
    });
    const status = await waitFor(async () => {
      const s = (await (await api('/connectors/strict-sink/status')).json()) as { tasks: { state: string; trace?: string }[] };
      return s.tasks[0]?.state === 'FAILED' ? s.tasks[0] : undefined;
    }, 30_000, 'strict sink task FAILED');
    expect(status.trace).toContain("Tolerance exceeded in error handler (stage VALUE_CONVERTER, topic 'strict', partition 0, offset 1)");
    expect(status.trace).toContain('Caused by: org.apache.kafka.connect.errors.DataException');
    // As in Kafka Connect, a batch is converted before put(): nothing of the failing batch is written.
    expect(readFileSync(join(stack.dir, 'strict.txt'), 'utf8')).toBe('');
  });
});
