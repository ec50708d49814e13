/** Sluice extension: a task that fails twice then succeeds ends RUNNING, with the attempts in its status. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../src/runtime/standalone.js';
import { silentLogger } from '../../src/util/logger.js';
import { REPO_ROOT, removeDir, tempDir } from '../helpers/broker-process.js';
import { waitFor } from '../helpers/run.js';

let broker: RunningBroker;
let worker: StandaloneWorker;
const dir = tempDir('restart');
const pluginDir = join(dir, 'plugins', 'flaky');
const counter = join(dir, 'starts');

/** A source whose task throws from poll() on its first two runs (counted in a file), then produces. */
function writeFlakyPlugin(): void {
  mkdirSync(pluginDir, { recursive: true });
  const configUrl = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'config', 'index.js')).href;
  const dataUrl = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'data', 'index.js')).href;
  writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({ name: 'flaky', type: 'module', sluice: { plugin: './index.js' } }));
  writeFileSync(
    join(pluginDir, 'index.js'),
    `import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigDef } from '${configUrl}';
import { SourceRecord, Schema } from '${dataUrl}';
const COUNTER = ${JSON.stringify(counter)};
class FlakyTask {
  version() { return '1'; }
  initialize() {}
  start() {
    let n = 0; try { n = Number(readFileSync(COUNTER, 'utf8')); } catch {}
    this.run = n + 1; writeFileSync(COUNTER, String(this.run)); this.sent = false;
  }
  async poll() {
    if (this.run <= 2) throw new Error('flaky failure number ' + this.run);
    await new Promise((r) => setTimeout(r, 50));
    if (this.sent) return null;
    this.sent = true;
    return [new SourceRecord({ sourcePartition: { p: 1 }, sourceOffset: { o: 1 }, topic: 'flaky', valueSchema: Schema.STRING_SCHEMA, value: 'finally' })];
  }
  stop() {}
}
class FlakySource {
  kind = 'source';
  version() { return '1'; }
  config() { return new ConfigDef(); }
  start() {}
  taskClass() { return { className: 'test.FlakyTask', create: () => new FlakyTask() }; }
  taskConfigs() { return [{}]; }
  stop() {}
}
export const plugins = [{ className: 'test.FlakySourceConnector', kind: 'source', version: '1', create: () => new FlakySource() }];
`,
  );
}

beforeAll(async () => {
  writeFlakyPlugin();
  broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  worker = await startStandalone({
    workerProps: {
      'bootstrap.servers': broker.bootstrapServers,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'offset.storage.file.filename': join(dir, 'offsets'),
      'plugin.path': join(dir, 'plugins'),
      listeners: 'http://127.0.0.1:0',
    },
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await worker?.close();
  await broker?.close();
  removeDir(dir);
});

describe('automatic restarts (sluice.restart.*)', () => {
  it('restarts a failing task with backoff until it runs', async () => {
    const res = await fetch(new URL('/connectors', worker.restUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'flaky',
        config: { 'connector.class': 'FlakySource', 'sluice.restart.max.attempts': '5', 'sluice.restart.backoff.initial.ms': '100', 'sluice.restart.backoff.max.ms': '400' },
      }),
    });
    expect(res.status).toBe(201);
    type Status = { tasks: { state: string; restart_attempts?: number; trace?: string }[] };
    const seen = new Set<string>();
    const task = await waitFor(async () => {
      const s = (await (await fetch(new URL('/connectors/flaky/status', worker.restUrl))).json()) as Status;
      const t = s.tasks[0];
      if (t !== undefined) seen.add(t.state);
      return t?.state === 'RUNNING' && t.restart_attempts === 2 ? t : undefined;
    }, 30_000, 'task RUNNING after two automatic restarts');
    expect(task.restart_attempts).toBe(2);
    expect(seen.has('RUNNING')).toBe(true);
  });

  it('gives up after the maximum attempts and stays FAILED', async () => {
    writeFileSync(counter, '-10');
    await fetch(new URL('/connectors', worker.restUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hopeless', config: { 'connector.class': 'FlakySource', 'sluice.restart.max.attempts': '2', 'sluice.restart.backoff.initial.ms': '50' } }),
    });
    type Status = { tasks: { state: string; restart_attempts?: number; trace?: string }[] };
    const task = await waitFor(async () => {
      const s = (await (await fetch(new URL('/connectors/hopeless/status', worker.restUrl))).json()) as Status;
      const t = s.tasks[0];
      return t?.state === 'FAILED' && t.restart_attempts === 2 ? t : undefined;
    }, 30_000, 'task FAILED after two attempts');
    expect(task.trace).toContain('flaky failure number');
  });
});
