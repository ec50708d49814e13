/**
 * Misbehaving plugins loaded from plugin.path: a connector whose start() never returns, a source
 * task whose poll() throws, and a task that never returns from poll() and ignores stop(). The REST
 * API keeps answering, other connectors keep running, and the failures show in /status.
 */
import { mkdirSync, appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../src/runtime/standalone.js';
import { silentLogger } from '../../src/util/logger.js';
import { awaitTopic, makeTempDir, removeTempDir, REPO_ROOT, RestClient } from './support.js';

const GRACEFUL_TIMEOUT_MS = 1000;
const POLL_ERROR = 'poll exploded: the disk is on fire';

const CONFIG_MODULE = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'config', 'index.js')).href;

/** The plugin package: plain ES module, as a third party would ship it. */
const PLUGIN_SOURCE = `
import { ConfigDef } from ${JSON.stringify(CONFIG_MODULE)};

const VERSION = '2.3.4';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ThrowingTask {
  version() { return VERSION; }
  initialize(context) { this.context = context; }
  start(config) { this.config = config; }
  async poll() {
    await sleep(50);
    throw new Error(${JSON.stringify(POLL_ERROR)});
  }
  stop() {}
}

/** poll() never returns and stop() does nothing to wake it. */
class StuckTask {
  version() { return VERSION; }
  initialize() {}
  start() {}
  poll() { return new Promise(() => {}); }
  stop() {}
}

class BaseSource {
  kind = 'source';
  version() { return VERSION; }
  config() { return new ConfigDef(); }
  start(config) { this.settings = { ...config }; }
  taskConfigs(max) { return [{ ...this.settings }]; }
  stop() {}
}

class HangingStartConnector extends BaseSource {
  start() { return new Promise(() => {}); }
  taskClass() { return { className: 'com.example.failing.StuckTask', create: () => new StuckTask() }; }
}

class ThrowingPollConnector extends BaseSource {
  taskClass() { return { className: 'com.example.failing.ThrowingTask', create: () => new ThrowingTask() }; }
}

class StuckPollConnector extends BaseSource {
  taskClass() { return { className: 'com.example.failing.StuckTask', create: () => new StuckTask() }; }
}

export const plugins = [
  { className: 'com.example.failing.HangingStartConnector', kind: 'source', version: VERSION, create: () => new HangingStartConnector() },
  { className: 'com.example.failing.ThrowingPollConnector', kind: 'source', version: VERSION, create: () => new ThrowingPollConnector() },
  { className: 'com.example.failing.StuckPollConnector', kind: 'source', version: VERSION, create: () => new StuckPollConnector() },
];
`;

let dir: string;
let broker: RunningBroker;
let worker: StandaloneWorker;
let api: RestClient;
let healthyFile: string;
const healthyTopic = 'healthy-lines';

/** Requests that must keep answering quickly whatever a plugin does. */
async function restStillAnswers(): Promise<void> {
  const started = performance.now();
  const [list, status, root] = await Promise.all([api.get('/connectors'), api.get('/connectors/healthy/status'), api.get('/')]);
  expect(list.status).toBe(200);
  expect(status.status).toBe(200);
  expect(status.body.connector.state).toBe('RUNNING');
  expect(root.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(GRACEFUL_TIMEOUT_MS / 2);
}

beforeAll(async () => {
  dir = makeTempDir('failures');
  const pluginDir = join(dir, 'plugins', 'failing-plugins');
  mkdirSync(pluginDir, { recursive: true });
  writeFileSync(
    join(pluginDir, 'package.json'),
    JSON.stringify({ name: 'failing-plugins', version: '2.3.4', type: 'module', private: true, sluice: { plugin: './index.js' } }, null, 2),
  );
  writeFileSync(join(pluginDir, 'index.js'), PLUGIN_SOURCE);
  broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  worker = await startStandalone({
    workerProps: {
      'bootstrap.servers': broker.bootstrapServers,
      listeners: 'http://127.0.0.1:0',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'offset.storage.file.filename': join(dir, 'connect.offsets'),
      'offset.flush.interval.ms': '500',
      'plugin.path': join(dir, 'plugins'),
      'task.shutdown.graceful.timeout.ms': String(GRACEFUL_TIMEOUT_MS),
    },
    logger: silentLogger(),
  });
  api = new RestClient(worker.restUrl);

  // A healthy connector that must keep running through everything below.
  healthyFile = join(dir, 'healthy.txt');
  writeFileSync(healthyFile, 'h1\n');
  const r = await api.post('/connectors', { name: 'healthy', config: { 'connector.class': 'FileStreamSource', file: healthyFile, topic: healthyTopic } });
  expect(r.status, r.text).toBe(201);
  await api.awaitRunning('healthy');
  await awaitTopic(broker.bootstrapServers, healthyTopic, 1);
});

afterAll(async () => {
  await worker?.close();
  await broker?.close();
  removeTempDir(dir);
});

describe('plugins from plugin.path', () => {
  it('are listed and validated like built-ins', async () => {
    const plugins = (await api.get('/connector-plugins')).body;
    expect(plugins).toContainEqual({ class: 'com.example.failing.HangingStartConnector', type: 'source', version: '2.3.4' });
    expect(plugins).toContainEqual({ class: 'com.example.failing.ThrowingPollConnector', type: 'source', version: '2.3.4' });
    const v = await api.put('/connector-plugins/ThrowingPoll/config/validate', { 'connector.class': 'ThrowingPoll', name: 'v' });
    expect(v.status, v.text).toBe(200);
    expect(v.body.error_count).toBe(0);
  });
});

describe('a source task whose poll() throws', () => {
  it('is FAILED with a trace naming the error, its connector stays RUNNING, and the REST API keeps answering', async () => {
    const created = await api.post('/connectors', { name: 'thrower', config: { 'connector.class': 'com.example.failing.ThrowingPollConnector', topic: 'unused' } });
    expect(created.status, created.text).toBe(201);
    const status = await api.awaitStatus('thrower', (s) => s.tasks[0]?.state === 'FAILED', 'thrower task FAILED');
    expect(status.connector).toEqual({ state: 'RUNNING', worker_id: worker.workerId });
    expect(status.tasks).toHaveLength(1);
    const task = status.tasks[0];
    expect(Object.keys(task)).toEqual(['id', 'state', 'worker_id', 'trace']);
    expect(task).toMatchObject({ id: 0, state: 'FAILED', worker_id: worker.workerId });
    expect(task.trace).toContain(POLL_ERROR);
    expect(task.trace.split('\n')[0]).toContain(POLL_ERROR);
    expect(task.trace).toMatch(/\n\tat /);
    expect((await api.get('/connectors/thrower/tasks/0/status')).body).toEqual(task);
    await restStillAnswers();
  });

  it('restart?includeTasks=true&onlyFailed=true restarts only the failed task (202, RESTARTING), which fails again', async () => {
    const r = await api.post('/connectors/thrower/restart?includeTasks=true&onlyFailed=true');
    expect(r.status).toBe(202);
    expect(r.body.connector.state).toBe('RUNNING');
    expect(r.body.tasks).toEqual([{ id: 0, state: 'RESTARTING', worker_id: worker.workerId }]);
    const again = await api.awaitStatus('thrower', (s) => s.tasks[0]?.state === 'FAILED', 'thrower FAILED again');
    expect(again.tasks[0].trace).toContain(POLL_ERROR);
  });

  it('POST /tasks/0/restart answers 204 and the task fails again', async () => {
    const r = await api.post('/connectors/thrower/tasks/0/restart');
    expect(r.status).toBe(204);
    await api.awaitStatus('thrower', (s) => s.tasks[0]?.state === 'FAILED', 'thrower FAILED after task restart');
  });

  it('its metrics show the FAILED task', async () => {
    const text = (await api.get('/metrics')).text;
    expect(text).toContain('sluice_connect_task_status{connector="thrower",task="0",state="FAILED"} 1');
  });
});

describe('a connector whose start() never returns', () => {
  it(`is FAILED after task.shutdown.graceful.timeout.ms (${GRACEFUL_TIMEOUT_MS} ms) with a trace naming the timeout; REST keeps answering meanwhile`, async () => {
    const started = performance.now();
    const creating = api.post('/connectors', { name: 'hanger', config: { 'connector.class': 'HangingStartConnector' } });
    // While start() hangs, the read endpoints answer at once.
    await restStillAnswers();
    const created = await creating;
    expect(created.status, created.text).toBe(201);
    const status = await api.awaitStatus('hanger', (s) => s.connector.state === 'FAILED', 'hanger FAILED');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(GRACEFUL_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(GRACEFUL_TIMEOUT_MS + 5000);
    expect(status.connector.worker_id).toBe(worker.workerId);
    expect(status.connector.trace).toMatch(/time(d)? ?out|did not complete/i);
    expect(status.connector.trace).toContain(`${GRACEFUL_TIMEOUT_MS} ms`);
    expect(status.connector.trace).toContain('start()');
    expect(status.tasks).toEqual([]);
    await restStillAnswers();
    expect((await api.get('/health')).status).toBe(200);
  });

  it('restart?onlyFailed=true restarts the FAILED connector: 202 with RESTARTING, then FAILED again', async () => {
    const r = await api.post('/connectors/hanger/restart?onlyFailed=true');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ name: 'hanger', connector: { state: 'RESTARTING', worker_id: worker.workerId }, tasks: [], type: 'source' });
    const status = await api.awaitStatus('hanger', (s) => s.connector.state === 'FAILED', 'hanger FAILED after onlyFailed restart');
    expect(status.connector.trace).toContain(`${GRACEFUL_TIMEOUT_MS} ms`);
  });

  it('restart answers within the timeout and reports it FAILED again', async () => {
    const started = performance.now();
    const r = await api.post('/connectors/hanger/restart');
    expect(r.status).toBe(204);
    expect(performance.now() - started).toBeLessThan(GRACEFUL_TIMEOUT_MS + 5000);
    await api.awaitStatus('hanger', (s) => s.connector.state === 'FAILED', 'hanger FAILED after restart');
  });

  it('while FAILED, pause is ignored but stop applies; resume tries start() again and fails again', async () => {
    expect((await api.put('/connectors/hanger/pause')).status).toBe(202);
    expect((await api.get('/connectors/hanger/status')).body.connector.state).toBe('FAILED');
    expect((await api.put('/connectors/hanger/stop')).status).toBe(204);
    const stopped = await api.awaitStatus('hanger', (s) => s.connector.state === 'STOPPED', 'hanger STOPPED');
    expect(stopped.connector).toEqual({ state: 'STOPPED', worker_id: worker.workerId });
    expect((await api.put('/connectors/hanger/resume')).status).toBe(202);
    const failed = await api.awaitStatus('hanger', (s) => s.connector.state === 'FAILED', 'hanger FAILED after resume');
    expect(failed.connector.trace).toContain(`${GRACEFUL_TIMEOUT_MS} ms`);
    await restStillAnswers();
  });

  it('can be deleted', async () => {
    expect((await api.delete('/connectors/hanger')).status).toBe(204);
    expect((await api.get('/connectors/hanger')).status).toBe(404);
    expect((await api.get('/connectors/hanger/status')).status).toBe(404);
  });
});

describe('a task that never returns from poll() and ignores stop()', () => {
  it('is abandoned after the graceful timeout when its connector is deleted; REST keeps answering', async () => {
    const created = await api.post('/connectors', { name: 'stuck', config: { 'connector.class': 'StuckPoll' } });
    expect(created.status, created.text).toBe(201);
    await api.awaitRunning('stuck');
    const started = performance.now();
    const deleting = api.delete('/connectors/stuck');
    await restStillAnswers();
    const deleted = await deleting;
    expect(deleted.status).toBe(204);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(GRACEFUL_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(GRACEFUL_TIMEOUT_MS + 5000);
    expect((await api.get('/connectors/stuck')).status).toBe(404);
    expect((await api.get('/connectors/stuck/status')).status).toBe(404);
  });
});

describe('the healthy connector', () => {
  it('kept running through all of it', async () => {
    expect((await api.get('/connectors/healthy/status')).body).toEqual({
      name: 'healthy',
      connector: { state: 'RUNNING', worker_id: worker.workerId },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: worker.workerId }],
      type: 'source',
    });
    appendFileSync(healthyFile, 'h2\nh3\n');
    expect(await awaitTopic(broker.bootstrapServers, healthyTopic, 3)).toEqual(['h1', 'h2', 'h3']);
  });
});
