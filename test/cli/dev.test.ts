/** `npm start` runs `sluice dev`: the whole stack and the demo pipeline, stopped by Ctrl-C, resumable. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SLUICE_BIN, removeDir, tempDir } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

const dataDir = tempDir('dev');
afterAll(() => removeDir(dataDir));

const ACCESS_LOG = readFileSync(join(REPO_ROOT, 'examples', 'access-log', 'access.log'), 'utf8');

async function startDev(): Promise<{ output: () => string; stop: () => Promise<number | null>; rest: string; broker: string }> {
  const child = spawn(process.execPath, [SLUICE_BIN, 'dev', '--data-dir', dataDir, '--broker-port', '0', '--registry-port', '0', '--rest-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', () => undefined);
  const exited = once(child, 'exit');
  await waitFor(() => (out.includes('Ctrl-C stops everything') ? true : undefined), 30_000, 'dev stack banner');
  const rest = /Connect REST API\s+(\S+)/.exec(out)?.[1] ?? '';
  const broker = /Kafka-compatible broker\s+(\S+)/.exec(out)?.[1] ?? '';
  return {
    output: () => out,
    rest,
    broker,
    async stop() {
      child.kill('SIGINT');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

async function json<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

describe('sluice dev', () => {
  it('runs the demo pipeline, stops on Ctrl-C and resumes without duplicating lines', async () => {
    const sinkFile = join(dataDir, 'out', 'access-log.txt');
    const first = await startDev();
    expect(first.output()).toMatch(/curl -s http:\/\/127\.0\.0\.1:\d+\/connectors\?expand=status/);
    await waitFor(() => {
      try {
        return readFileSync(sinkFile, 'utf8') === ACCESS_LOG ? true : undefined;
      } catch {
        return undefined;
      }
    }, 30_000, 'the access log copied through Kafka');
    expect(await first.stop()).toBe(0);

    const second = await startDev();
    try {
      type Status = Record<string, { status: { tasks: { state: string }[] } }>;
      await waitFor(async () => {
        const s = await json<Status>(`${second.rest}/connectors?expand=status`);
        return Object.values(s).length === 2 && Object.values(s).every((c) => c.status.tasks[0]?.state === 'RUNNING') ? true : undefined;
      }, 30_000, 'both demo connectors running again');
      const offsets = await json<{ offsets: { offset: { position: number } }[] }>(`${second.rest}/connectors/access-log-source/offsets`);
      expect(offsets.offsets[0].offset.position).toBe(Buffer.byteLength(ACCESS_LOG));
      const topic = await run('kcat', ['-b', second.broker, '-C', '-t', 'access-log', '-o', 'beginning', '-e', '-q', '-f', '%o\n']);
      expect(topic.stdout.toString().trim().split('\n')).toHaveLength(3000);
      expect(readFileSync(sinkFile, 'utf8')).toBe(ACCESS_LOG);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
