import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFSETS_FILE, OffsetStore } from './offset-store.js';

let dir: string;
const open: OffsetStore[] = [];

function store(options: { compactThresholdBytes?: number } = {}): OffsetStore {
  const s = new OffsetStore({ dir, ...options });
  open.push(s);
  return s;
}

const file = (): string => path.join(dir, OFFSETS_FILE);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-offsets-'));
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('OffsetStore', () => {
  it('keeps offsets in memory without a directory', () => {
    const s = new OffsetStore();
    s.commit('g', [{ topic: 't', partition: 0, offset: 5, leaderEpoch: 2, metadata: 'm' }], 1000);
    expect(s.get('g', 't', 0)).toEqual({ offset: 5, leaderEpoch: 2, metadata: 'm', commitTimestamp: 1000 });
    expect(s.get('g', 't', 1)).toBeUndefined();
    expect(s.groupIds()).toEqual(['g']);
  });

  it('survives a reopen: offsets, negative offsets, epochs, metadata and timestamps', () => {
    const s = store();
    s.commit(
      'g1',
      [
        { topic: 't', partition: 0, offset: 42, leaderEpoch: 3, metadata: 'hello' },
        { topic: 't', partition: 1, offset: -2, leaderEpoch: -1, metadata: '' },
      ],
      1111,
    );
    s.commit('g2', [{ topic: 'ü-topic', partition: 7, offset: 2 ** 40, leaderEpoch: -1, metadata: 'ünïcode' }], 2222);
    s.commit('g1', [{ topic: 't', partition: 0, offset: 43, leaderEpoch: 3, metadata: 'again' }], 3333);
    s.close();

    const r = store();
    expect(r.get('g1', 't', 0)).toEqual({ offset: 43, leaderEpoch: 3, metadata: 'again', commitTimestamp: 3333 });
    expect(r.get('g1', 't', 1)).toEqual({ offset: -2, leaderEpoch: -1, metadata: '', commitTimestamp: 1111 });
    expect(r.get('g2', 'ü-topic', 7)).toEqual({ offset: 2 ** 40, leaderEpoch: -1, metadata: 'ünïcode', commitTimestamp: 2222 });
    expect(r.list('g1').map((o) => [o.topic, o.partition, o.offset])).toEqual([
      ['t', 0, 43],
      ['t', 1, -2],
    ]);
  });

  it('ignores a torn last record and keeps appending cleanly after it', () => {
    const s = store();
    s.commit('g', [{ topic: 't', partition: 0, offset: 1, leaderEpoch: -1, metadata: '' }], 1);
    s.close();
    // What kill -9 in the middle of an append can leave behind.
    fs.appendFileSync(file(), '{"c":"g","t":2,"o":[["t",0,99,-1,""');
    const r = store();
    expect(r.get('g', 't', 0)?.offset).toBe(1);
    expect(fs.readFileSync(file(), 'utf8').endsWith('\n')).toBe(true);
    r.commit('g', [{ topic: 't', partition: 0, offset: 2, leaderEpoch: -1, metadata: '' }], 3);
    r.close();
    expect(store().get('g', 't', 0)?.offset).toBe(2);
  });

  it('drops a complete record whose newline never made it (it was never acknowledged)', () => {
    store().close();
    fs.appendFileSync(file(), '{"c":"g","t":2,"o":[["t",0,99,-1,""]]}');
    expect(store().get('g', 't', 0)).toBeUndefined();
  });

  it('skips unreadable lines and rewrites the log without them', () => {
    const s = store();
    s.commit('g', [{ topic: 't', partition: 0, offset: 1, leaderEpoch: -1, metadata: '' }], 1);
    s.close();
    fs.appendFileSync(file(), 'garbage\n{"c":"g","t":"not a number","o":[]}\n');
    fs.appendFileSync(file(), `${JSON.stringify({ c: 'g', t: 5, o: [['t', 1, 7, -1, '']] })}\n`);
    const r = store();
    expect(r.get('g', 't', 0)?.offset).toBe(1);
    expect(r.get('g', 't', 1)?.offset).toBe(7);
    expect(fs.readFileSync(file(), 'utf8')).not.toContain('garbage');
  });

  it('persists group, topic and per-partition deletions', () => {
    const s = store();
    const tp = (topic: string, partition: number) => ({ topic, partition, offset: 10, leaderEpoch: -1, metadata: '' });
    s.commit('a', [tp('t1', 0), tp('t2', 0)], 1);
    s.commit('b', [tp('t1', 0), tp('t1', 1)], 1);
    s.commit('c', [tp('t3', 0)], 1);
    expect(s.deleteTopic('t1')).toBe(3);
    expect(s.deleteGroup('c')).toBe(1);
    expect(s.deleteGroup('nope')).toBe(0);
    expect(s.deleteOffsets('a', [{ topic: 't2', partition: 0 }, { topic: 'x', partition: 0 }])).toBe(1);
    expect(s.groupIds()).toEqual([]);
    s.commit('b', [tp('t1', 0)], 2);
    s.close();
    const r = store();
    expect(r.groupIds()).toEqual(['b']);
    expect(r.list('b').map((o) => [o.topic, o.partition])).toEqual([['t1', 0]]);
  });

  it('compacts the log when it grows past the threshold', () => {
    const s = store({ compactThresholdBytes: 2000 });
    for (let i = 0; i < 500; i++) {
      s.commit('g', [{ topic: 't', partition: i % 3, offset: i, leaderEpoch: -1, metadata: 'x' }], 1000 + i);
    }
    expect(fs.statSync(file()).size).toBeLessThan(4100);
    s.close();
    const r = store({ compactThresholdBytes: 2000 });
    expect(r.list('g').map((o) => [o.partition, o.offset, o.commitTimestamp])).toEqual([
      [0, 498, 1498],
      [1, 499, 1499],
      [2, 497, 1497],
    ]);
  });

  it('removes a half-written compaction file on open', () => {
    const s = store();
    s.commit('g', [{ topic: 't', partition: 0, offset: 1, leaderEpoch: -1, metadata: '' }], 1);
    s.close();
    fs.writeFileSync(`${file()}.tmp`, '{"format":"sluice-offsets","version":1}\n{"c":"g","t":9,"o":[["t",0,5');
    expect(store().get('g', 't', 0)?.offset).toBe(1);
    expect(fs.existsSync(`${file()}.tmp`)).toBe(false);
  });

  it('keeps every acknowledged commit when the writer is killed with SIGKILL', async () => {
    // Bundle the store into a child process (esbuild ships with vite), ack each commit on stdout, kill -9 it.
    const esbuild = await import('esbuild').catch(() => null);
    if (!esbuild) return;
    const here = path.dirname(fileURLToPath(import.meta.url));
    const entry = path.join(dir, 'writer.ts');
    fs.writeFileSync(
      entry,
      `import { OffsetStore } from ${JSON.stringify(path.join(here, 'offset-store.ts'))};
       import { once } from 'node:events';
       const s = new OffsetStore({ dir: process.argv[2], compactThresholdBytes: 8192 });
       // stdout is a socket: when the reader lags, writes queue until the event loop runs, so wait for drain.
       (async () => {
         for (let i = 0; ; i++) {
           s.commit('g', [{ topic: 't', partition: i % 4, offset: i, leaderEpoch: -1, metadata: 'x'.repeat(i % 40) }], i);
           if (!process.stdout.write(i + '\\n')) await once(process.stdout, 'drain');
         }
       })();`,
    );
    const bundle = path.join(dir, 'writer.cjs');
    esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', external: ['pino'], outfile: bundle, logLevel: 'silent' });
    const data = path.join(dir, 'data');
    const child = spawn(process.execPath, [bundle, data], {
      env: { ...process.env, NODE_PATH: path.resolve(here, '../../../node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    let buffered = '';
    // 500 acknowledged commits cross several compactions (8 KiB); the child is killed whatever happens.
    try {
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', () => resolve());
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) if (/^\d+$/.test(line)) acked = Number(line);
          if (acked >= 500) child.kill('SIGKILL');
        });
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(acked).toBeGreaterThanOrEqual(500);
    const r = new OffsetStore({ dir: data });
    open.push(r);
    const latest = Math.max(...r.list('g').map((o) => o.offset));
    expect(latest).toBeGreaterThanOrEqual(acked);
    for (const o of r.list('g')) expect(o.offset % 4).toBe(o.partition);
  });

  it('refuses a log written by a newer format', () => {
    fs.writeFileSync(file(), '{"format":"sluice-offsets","version":99}\n');
    expect(() => new OffsetStore({ dir })).toThrow(/unsupported offsets format/);
  });
});
