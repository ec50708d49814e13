/**
 * Every REST endpoint of a real standalone worker (embedded broker, FileStream connectors) through
 * real HTTP, success and error paths, checked against connect-runtime-spec.md section 1.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../src/runtime/standalone.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';
import { silentLogger } from '../../src/util/logger.js';
import { waitFor } from '../helpers/run.js';
import { awaitLines, awaitTopic, fileLines, makeTempDir, removeTempDir, RestClient } from './support.js';

const SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const SINK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const VALIDATE_HINT = 'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`';
const STOPPED_FIRST = (name: string): string =>
  `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`;

let dir: string;
let broker: RunningBroker;
let worker: StandaloneWorker;
let api: RestClient;

beforeAll(async () => {
  dir = makeTempDir('rest');
  broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  worker = await startStandalone({
    workerProps: {
      'bootstrap.servers': broker.bootstrapServers,
      listeners: 'http://127.0.0.1:0',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'offset.storage.file.filename': join(dir, 'connect.offsets'),
      'offset.flush.interval.ms': '250',
    },
    logger: silentLogger(),
  });
  api = new RestClient(worker.restUrl);
});

afterAll(async () => {
  await worker?.close();
  await broker?.close();
  removeTempDir(dir);
});

let seq = 0;
/** A fresh input file with `lines`, and a FileStreamSource config reading it into a fresh topic. */
function sourceConfig(lines: string[] = ['a', 'b', 'c']): { file: string; topic: string; config: Record<string, string> } {
  seq += 1;
  const file = join(dir, `in-${seq}.txt`);
  const topic = `topic-${seq}`;
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return { file, topic, config: { 'connector.class': 'FileStreamSource', file, topic, 'tasks.max': '1' } };
}

async function createSource(name: string, lines?: string[]): Promise<{ file: string; topic: string; config: Record<string, string> }> {
  const s = sourceConfig(lines);
  const r = await api.post('/connectors', { name, config: s.config });
  expect(r.status, r.text).toBe(201);
  await api.awaitRunning(name);
  return s;
}

describe('worker endpoints', () => {
  it('GET / reports the version, commit and the broker cluster id', async () => {
    const r = await api.get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.body)).toEqual(['version', 'commit', 'kafka_cluster_id']);
    expect(r.body.version).toBe(SLUICE_VERSION);
    expect(typeof r.body.commit).toBe('string');
    expect(r.body.commit.length).toBeGreaterThan(0);
    expect(r.body.kafka_cluster_id).toBe(broker.clusterId);
  });

  it('GET /health answers healthy once started', async () => {
    const r = await api.get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' });
  });

  it('unknown paths are 404 and known paths with another method 405, with the error body', async () => {
    const missing = await api.get('/no/such/route');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });

    const wrong = await api.delete('/connector-plugins');
    expect(wrong.status).toBe(405);
    expect(wrong.body).toEqual({ error_code: 405, message: 'HTTP 405 Method Not Allowed' });
    expect(wrong.headers.get('allow')?.split(',')).toContain('GET');

    const wrong2 = await api.patch('/connectors', {});
    expect(wrong2.status).toBe(405);
    expect(wrong2.body).toEqual({ error_code: 405, message: 'HTTP 405 Method Not Allowed' });

    // A task id that is not an integer does not match the route at all (Jersey).
    const badTask = await api.get('/connectors/x/tasks/zero/status');
    expect(badTask.status).toBe(404);
    expect(badTask.body.error_code).toBe(404);
  });

  it('internal endpoints are refused in standalone mode', async () => {
    const r = await api.post('/connectors/whatever/tasks', []);
    expect(r.status).toBe(500);
    expect(r.body.error_code).toBe(500);
  });
});

describe('POST /connectors', () => {
  it('creates a connector: 201, Location, ConnectorInfo in Kafka key order; then it runs', async () => {
    const s = sourceConfig();
    const r = await api.post('/connectors', { name: 'create-ok', config: s.config });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/connectors/create-ok');
    expect(Object.keys(r.body)).toEqual(['name', 'config', 'tasks', 'type']);
    expect(r.body.name).toBe('create-ok');
    expect(r.body.config).toEqual({ ...s.config, name: 'create-ok' });
    expect(r.body.type).toBe('source');
    expect(Array.isArray(r.body.tasks)).toBe(true);
    for (const t of r.body.tasks) expect(t).toEqual({ connector: 'create-ok', task: expect.any(Number) });

    const status = await api.awaitRunning('create-ok');
    expect(status).toEqual({
      name: 'create-ok',
      connector: { state: 'RUNNING', worker_id: worker.workerId },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: worker.workerId }],
      type: 'source',
    });
    expect(worker.workerId).toBe(`127.0.0.1:${worker.restPort}`);
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 3)).toEqual(['a', 'b', 'c']);
  });

  it('409 when the name exists', async () => {
    await createSource('dup');
    const r = await api.post('/connectors', { name: 'dup', config: sourceConfig().config });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ error_code: 409, message: 'Connector dup already exists' });
  });

  it('400 when config.name differs from name', async () => {
    const r = await api.post('/connectors', { name: 'x1', config: { ...sourceConfig().config, name: 'y1' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error_code: 400, message: "Connector name configuration (y1) doesn't match connector name in the URL (x1)" });
    expect((await api.get('/connectors/x1')).status).toBe(404);
  });

  it('400 for an invalid config, naming the bad key (FileStreamSource without topic)', async () => {
    const { topic: _t, ...config } = sourceConfig().config;
    const r = await api.post('/connectors', { name: 'no-topic', config });
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe(400);
    expect(r.body.message).toBe(
      `Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.\n${VALIDATE_HINT}`,
    );
    expect((await api.get('/connectors/no-topic')).status).toBe(404);
  });

  it('400 when a config value is null', async () => {
    const r = await api.post('/connectors', { name: 'nullval', config: { ...sourceConfig().config, topic: null } });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('Null value can not be supplied as the configuration value.');
  });

  it('400 when there is no name', async () => {
    const r = await api.post('/connectors', { config: sourceConfig().config });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('String may not be empty');
  });

  it('400 for a sink with both topics and topics.regex', async () => {
    const r = await api.post('/connectors', { name: 'both-topics', config: { 'connector.class': 'FileStreamSink', file: join(dir, 'both.txt'), topics: 'a', 'topics.regex': 'b.*' } });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^Connector configuration is invalid and contains the following 2 error\(s\):\n/);
    expect(r.body.message).toContain('topics and topics.regex are mutually exclusive options, but both are set.');
  });

  it('400 without connector.class', async () => {
    const r = await api.post('/connectors', { name: 'classless', config: { topic: 't', file: '/tmp/x' } });
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe(400);
    expect(r.body.message).toMatch(/^Connector config \{.*\} contains no connector type$/);
    expect(r.body.message).toContain('topic=t');
  });

  it("500 for an unknown connector class, with Kafka's message", async () => {
    const r = await api.post('/connectors', { name: 'ghost', config: { 'connector.class': 'com.example.NoSuchConnector', topic: 't' } });
    expect(r.status).toBe(500);
    expect(r.body.error_code).toBe(500);
    expect(r.body.message).toMatch(
      /^Failed to find any class that implements Connector and which name matches com\.example\.NoSuchConnector, available connectors are: /,
    );
    expect(r.body.message).toContain(SOURCE_CLASS);
    expect(r.body.message).toContain(SINK_CLASS);
    expect((await api.get('/connectors/ghost')).status).toBe(404);
  });

  it('400 for a malformed JSON body', async () => {
    const r = await api.post('/connectors', '{"name": ');
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe(400);
  });

  it('initial_state PAUSED creates a paused connector (case-insensitive)', async () => {
    const s = sourceConfig();
    const r = await api.post('/connectors', { name: 'init-paused', config: s.config, initial_state: 'paused' });
    expect(r.status).toBe(201);
    const status = await api.awaitStatus('init-paused', (b) => b.connector.state === 'PAUSED');
    expect(status.connector).toEqual({ state: 'PAUSED', worker_id: worker.workerId });
    for (const t of status.tasks) expect(t.state).toBe('PAUSED');
  });

  it('resume after initial_state PAUSED starts the tasks and data flows', async () => {
    const s = sourceConfig(['p1', 'p2']);
    expect((await api.post('/connectors', { name: 'paused-then-resumed', config: s.config, initial_state: 'PAUSED' })).status).toBe(201);
    await api.awaitStatus('paused-then-resumed', (b) => b.connector.state === 'PAUSED');
    expect((await api.put('/connectors/paused-then-resumed/resume')).status).toBe(202);
    // Give it 3 s (a healthy connector is RUNNING with its task well within 1 s here).
    await api.awaitStatus('paused-then-resumed', (b) => b.connector.state === 'RUNNING' && b.tasks.length === 1 && b.tasks[0].state === 'RUNNING', 'tasks after resume', 3000);
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 2, 5000)).toEqual(['p1', 'p2']);
  });

  it('initial_state STOPPED creates a stopped connector with no tasks; resume starts it', async () => {
    const s = sourceConfig(['s1']);
    const r = await api.post('/connectors', { name: 'init-stopped', config: s.config, initial_state: 'STOPPED' });
    expect(r.status).toBe(201);
    expect(r.body.tasks).toEqual([]);
    const status = await api.awaitStatus('init-stopped', (b) => b.connector.state === 'STOPPED');
    expect(status).toEqual({ name: 'init-stopped', connector: { state: 'STOPPED', worker_id: worker.workerId }, tasks: [], type: 'source' });
    expect((await api.get('/connectors/init-stopped/tasks')).body).toEqual([]);
    expect((await api.put('/connectors/init-stopped/resume')).status).toBe(202);
    await api.awaitRunning('init-stopped');
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 1)).toEqual(['s1']);
  });

  it('400 for an unknown initial_state', async () => {
    const r = await api.post('/connectors', { name: 'init-bad', config: sourceConfig().config, initial_state: 'SLEEPING' });
    expect(r.status).toBe(400);
    expect((await api.get('/connectors/init-bad')).status).toBe(404);
  });
});

describe('GET /connectors', () => {
  beforeAll(async () => {
    await createSource('list-a');
    await createSource('list-b');
  });

  it('lists names', async () => {
    const r = await api.get('/connectors');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.arrayContaining(['list-a', 'list-b']));
  });

  it('?expand=status gives each connector its status', async () => {
    const r = await api.get('/connectors?expand=status');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['list-a', 'list-b']));
    expect(r.body['list-a']).toEqual({
      status: {
        name: 'list-a',
        connector: { state: 'RUNNING', worker_id: worker.workerId },
        tasks: [{ id: 0, state: 'RUNNING', worker_id: worker.workerId }],
        type: 'source',
      },
    });
  });

  it('?expand=info gives each connector its info', async () => {
    const r = await api.get('/connectors?expand=info');
    expect(r.status).toBe(200);
    const info = r.body['list-b'].info;
    expect(Object.keys(r.body['list-b'])).toEqual(['info']);
    expect(info).toEqual((await api.get('/connectors/list-b')).body);
    expect(info.tasks).toEqual([{ connector: 'list-b', task: 0 }]);
  });

  it('?expand=status&expand=info gives both; unknown expansions are ignored', async () => {
    const r = await api.get('/connectors?expand=status&expand=info&expand=bogus');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body['list-a']).sort()).toEqual(['info', 'status']);
    expect(r.body['list-a'].status.connector.state).toBe('RUNNING');
    expect(r.body['list-a'].info.name).toBe('list-a');

    const only = await api.get('/connectors?expand=bogus');
    expect(only.body['list-a']).toEqual({});
  });
});

describe('one connector: info, config, status, tasks', () => {
  let s: { file: string; topic: string; config: Record<string, string> };
  beforeAll(async () => {
    s = await createSource('info-src');
  });

  it('GET /connectors/{name} and /config', async () => {
    const info = await api.get('/connectors/info-src');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ name: 'info-src', config: { ...s.config, name: 'info-src' }, tasks: [{ connector: 'info-src', task: 0 }], type: 'source' });
    const config = await api.get('/connectors/info-src/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ ...s.config, name: 'info-src' });
  });

  it('404 for unknown connectors', async () => {
    expect((await api.get('/connectors/nope')).body).toEqual({ error_code: 404, message: 'Connector nope not found' });
    expect((await api.get('/connectors/nope')).status).toBe(404);
    const cfg = await api.get('/connectors/nope/config');
    expect(cfg.status).toBe(404);
    expect(cfg.body).toEqual({ error_code: 404, message: 'Connector nope not found' });
    const status = await api.get('/connectors/nope/status');
    expect(status.status).toBe(404);
    expect(status.body).toEqual({ error_code: 404, message: 'No status found for connector nope' });
    expect((await api.get('/connectors/nope/tasks')).status).toBe(404);
  });

  it('/status, /tasks, /tasks-config, /tasks/0/status', async () => {
    const status = await api.get('/connectors/info-src/status');
    expect(status.body).toEqual({
      name: 'info-src',
      connector: { state: 'RUNNING', worker_id: worker.workerId },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: worker.workerId }],
      type: 'source',
    });
    const taskConfig = { ...s.config, name: 'info-src', 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask' };
    const tasks = await api.get('/connectors/info-src/tasks');
    expect(tasks.status).toBe(200);
    expect(tasks.body).toEqual([{ id: { connector: 'info-src', task: 0 }, config: taskConfig }]);
    const tasksConfig = await api.get('/connectors/info-src/tasks-config');
    expect(tasksConfig.status).toBe(200);
    expect(tasksConfig.body).toEqual({ 'info-src-0': taskConfig });
    const task = await api.get('/connectors/info-src/tasks/0/status');
    expect(task.status).toBe(200);
    expect(task.body).toEqual({ id: 0, state: 'RUNNING', worker_id: worker.workerId });
  });

  it('404 for an unknown task', async () => {
    const r = await api.get('/connectors/info-src/tasks/7/status');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error_code: 404, message: 'No status found for task info-src-7' });
  });
});

describe('PUT and PATCH /connectors/{name}/config', () => {
  it('PUT creates (201 + Location) then replaces wholesale (200)', async () => {
    const s = sourceConfig();
    const created = await api.put('/connectors/put-src/config', { ...s.config, 'batch.size': '10' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/connectors/put-src');
    expect(Object.keys(created.body)).toEqual(['name', 'config', 'tasks', 'type']);
    expect(created.body.config).toEqual({ ...s.config, 'batch.size': '10', name: 'put-src' });
    await api.awaitRunning('put-src');

    const updated = await api.put('/connectors/put-src/config', { ...s.config, 'tasks.max': '2' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('location')).toBeNull();
    expect(updated.body.config).toEqual({ ...s.config, 'tasks.max': '2', name: 'put-src' });
    expect((await api.get('/connectors/put-src/config')).body).not.toHaveProperty('batch.size');
    // FileStreamSource always makes exactly one task, whatever tasks.max says.
    await api.awaitRunning('put-src', 1);
  });

  it('PUT: 400 on a name mismatch and on an invalid config', async () => {
    const s = sourceConfig();
    const mismatch = await api.put('/connectors/put-a/config', { ...s.config, name: 'put-b' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toBe("Connector name configuration (put-b) doesn't match connector name in the URL (put-a)");
    const invalid = await api.put('/connectors/put-a/config', { ...s.config, 'batch.size': 'many' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('Invalid value many for configuration batch.size');
    expect((await api.get('/connectors/put-a')).status).toBe(404);
  });

  it('PUT with the POST body shape by mistake is a 400 and creates nothing', async () => {
    const s = sourceConfig();
    const r = await api.put('/connectors/post-shape/config', { name: 'post-shape', config: s.config });
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe(400);
    expect((await api.get('/connectors/post-shape')).status).toBe(404);
  });

  it('JSON numbers and booleans in a config become their text', async () => {
    const s = sourceConfig();
    const r = await api.post('/connectors', { name: 'numbers', config: { ...s.config, 'tasks.max': 2, 'batch.size': 100 } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.config['tasks.max']).toBe('2');
    expect(r.body.config['batch.size']).toBe('100');
    expect((await api.get('/connectors/numbers/config')).body['batch.size']).toBe('100');
  });

  // Kafka keeps the tasks while paused (updateConnectorTasks skips a connector that is not running)
  // and regenerates them with the new config on resume.
  it('a config update while PAUSED keeps the tasks, and resume runs them with the new config', async () => {
    const s = await createSource('paused-update', ['u1']);
    await awaitTopic(broker.bootstrapServers, s.topic, 1);
    expect((await api.put('/connectors/paused-update/pause')).status).toBe(202);
    await api.awaitStatus('paused-update', (b) => b.connector.state === 'PAUSED' && b.tasks.length === 1 && b.tasks[0].state === 'PAUSED');
    const updated = await api.put('/connectors/paused-update/config', { ...s.config, 'batch.size': '7' });
    expect(updated.status).toBe(200);
    // Tasks restart asynchronously after the update (as in Kafka Connect): wait for them.
    const paused = await api.awaitStatus('paused-update', (b) => b.tasks.length === 1 && b.tasks[0].state === 'PAUSED');
    expect(paused.connector.state).toBe('PAUSED');
    expect(paused.tasks).toEqual([{ id: 0, state: 'PAUSED', worker_id: worker.workerId }]);
    appendFileSync(s.file, 'u2\n');
    expect((await api.put('/connectors/paused-update/resume')).status).toBe(202);
    await api.awaitStatus('paused-update', (b) => b.connector.state === 'RUNNING' && b.tasks.length === 1 && b.tasks[0].state === 'RUNNING', 'tasks after resume', 3000);
    expect((await api.get('/connectors/paused-update/tasks')).body[0].config['batch.size']).toBe('7');
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 2, 5000)).toEqual(['u1', 'u2']);
  });

  it('a config update while STOPPED keeps it STOPPED with no tasks', async () => {
    const s = sourceConfig();
    expect((await api.post('/connectors', { name: 'stopped-update', config: s.config, initial_state: 'STOPPED' })).status).toBe(201);
    const r = await api.put('/connectors/stopped-update/config', { ...s.config, 'batch.size': '3' });
    expect(r.status).toBe(200);
    expect(r.body.tasks).toEqual([]);
    expect((await api.get('/connectors/stopped-update/status')).body).toEqual({
      name: 'stopped-update',
      connector: { state: 'STOPPED', worker_id: worker.workerId },
      tasks: [],
      type: 'source',
    });
  });

  it('PATCH merges: a value sets, null removes (KIP-477)', async () => {
    const s = await createSource('patch-src');
    await api.put('/connectors/patch-src/config', { ...s.config, 'batch.size': '5' });
    const r = await api.patch('/connectors/patch-src/config', { 'batch.size': null, 'tasks.max': '3' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['name', 'config', 'tasks', 'type']);
    expect(r.body.config).toEqual({ ...s.config, 'tasks.max': '3', name: 'patch-src' });
    expect((await api.get('/connectors/patch-src/config')).body).toEqual({ ...s.config, 'tasks.max': '3', name: 'patch-src' });
  });

  it('PATCH: 404 for an unknown connector, 400 for a name change', async () => {
    const unknown = await api.patch('/connectors/nope/config', { 'tasks.max': '2' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error_code: 404, message: 'Connector nope not found' });
    await createSource('patch-name');
    const renamed = await api.patch('/connectors/patch-name/config', { name: 'other' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toBe("Connector name configuration (other) doesn't match connector name in the URL (patch-name)");
  });
});

describe('restarts', () => {
  beforeAll(async () => {
    await createSource('restart-src');
  });

  it('POST /restart: 204 with no body, and the connector runs again', async () => {
    const r = await api.post('/connectors/restart-src/restart');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    await api.awaitRunning('restart-src');
  });

  it('POST /restart?includeTasks=true: 202 with RESTARTING connector and tasks', async () => {
    const r = await api.post('/connectors/restart-src/restart?includeTasks=true');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      name: 'restart-src',
      connector: { state: 'RESTARTING', worker_id: worker.workerId },
      tasks: [{ id: 0, state: 'RESTARTING', worker_id: worker.workerId }],
      type: 'source',
    });
    await api.awaitRunning('restart-src');
  });

  it('POST /restart?includeTasks=true&onlyFailed=true on a healthy connector restarts nothing: 202, no RESTARTING', async () => {
    await api.awaitRunning('restart-src');
    const r = await api.post('/connectors/restart-src/restart?includeTasks=true&onlyFailed=true');
    expect(r.status).toBe(202);
    expect(r.body.connector.state).toBe('RUNNING');
    expect(r.body.tasks).toEqual([{ id: 0, state: 'RUNNING', worker_id: worker.workerId }]);
  });

  it('POST /restart: 404 for an unknown connector', async () => {
    const r = await api.post('/connectors/nope/restart');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error_code: 404, message: 'Unknown connector: nope' });
  });

  it('POST /tasks/0/restart: 204; 404 for an unknown task or connector', async () => {
    const r = await api.post('/connectors/restart-src/tasks/0/restart');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    await api.awaitRunning('restart-src');
    const unknownTask = await api.post('/connectors/restart-src/tasks/3/restart');
    expect(unknownTask.status).toBe(404);
    expect(unknownTask.body).toEqual({ error_code: 404, message: 'Unknown task: restart-src-3' });
    const unknownConnector = await api.post('/connectors/nope/tasks/0/restart');
    expect(unknownConnector.status).toBe(404);
    expect(unknownConnector.body).toEqual({ error_code: 404, message: 'Unknown connector: nope' });
  });
});

describe('pause, resume, stop', () => {
  it('PUT /pause and /resume: 202 with no body; statuses PAUSED then RUNNING; data resumes', async () => {
    const s = await createSource('pause-src', ['before']);
    await awaitTopic(broker.bootstrapServers, s.topic, 1);
    const paused = await api.put('/connectors/pause-src/pause');
    expect(paused.status).toBe(202);
    expect(paused.text).toBe('');
    const status = await api.awaitStatus('pause-src', (b) => b.connector.state === 'PAUSED' && b.tasks.every((t: any) => t.state === 'PAUSED'));
    expect(status.tasks).toEqual([{ id: 0, state: 'PAUSED', worker_id: worker.workerId }]);
    expect((await api.put('/connectors/pause-src/pause')).status).toBe(202); // idempotent

    appendFileSync(s.file, 'after\n');
    const resumed = await api.put('/connectors/pause-src/resume');
    expect(resumed.status).toBe(202);
    expect(resumed.text).toBe('');
    await api.awaitRunning('pause-src');
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 2)).toEqual(['before', 'after']);
  });

  it('pause/resume/stop: 404 for an unknown connector', async () => {
    for (const action of ['pause', 'resume', 'stop']) {
      const r = await api.put(`/connectors/nope/${action}`);
      expect(r.status, action).toBe(404);
      expect(r.body, action).toEqual({ error_code: 404, message: 'Unknown connector nope' });
    }
  });

  it('PUT /stop: 204; connector STOPPED with no tasks; resume brings it back', async () => {
    await createSource('stop-src');
    const r = await api.put('/connectors/stop-src/stop');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const status = await api.awaitStatus('stop-src', (b) => b.connector.state === 'STOPPED');
    expect(status).toEqual({ name: 'stop-src', connector: { state: 'STOPPED', worker_id: worker.workerId }, tasks: [], type: 'source' });
    expect((await api.get('/connectors/stop-src/tasks')).body).toEqual([]);
    expect((await api.get('/connectors/stop-src')).body.tasks).toEqual([]);
    expect((await api.put('/connectors/stop-src/stop')).status).toBe(204); // idempotent
    expect((await api.put('/connectors/stop-src/resume')).status).toBe(202);
    await api.awaitRunning('stop-src');
  });
});

describe('offsets (KIP-875)', () => {
  it('source: refused unless STOPPED; GET shape; alter then resume continues from the altered position; reset re-reads', async () => {
    const s = await createSource('off-src', ['one', 'two', 'three']);
    await awaitTopic(broker.bootstrapServers, s.topic, 3);
    const end = Buffer.byteLength('one\ntwo\nthree\n');
    // Offsets are flushed every 250 ms; GET works while running.
    const running = await waitFor(async () => {
      const r = await api.get('/connectors/off-src/offsets');
      return r.body?.offsets?.[0]?.offset?.position === end ? r : undefined;
    }, 10_000, 'flushed source offset');
    expect(running.status).toBe(200);

    const body = { offsets: [{ partition: { filename: s.file }, offset: { position: 4 } }] };
    const alterRunning = await api.patch('/connectors/off-src/offsets', body);
    expect(alterRunning.status).toBe(400);
    expect(alterRunning.body).toEqual({ error_code: 400, message: STOPPED_FIRST('off-src') });
    const resetRunning = await api.delete('/connectors/off-src/offsets');
    expect(resetRunning.status).toBe(400);
    expect(resetRunning.body).toEqual({ error_code: 400, message: STOPPED_FIRST('off-src') });

    expect((await api.put('/connectors/off-src/stop')).status).toBe(204);
    const stopped = await api.get('/connectors/off-src/offsets');
    expect(stopped.status).toBe(200);
    expect(stopped.text).toBe(JSON.stringify({ offsets: [{ partition: { filename: s.file }, offset: { position: end } }] }));

    const empty = await api.patch('/connectors/off-src/offsets', { offsets: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ error_code: 400, message: 'Partitions / offsets need to be provided for an alter offsets request' });

    // Position 4 = just after "one\n": resuming must re-read "two" and "three" only.
    const altered = await api.patch('/connectors/off-src/offsets', body);
    expect(altered.status).toBe(200);
    expect(altered.body).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect((await api.get('/connectors/off-src/offsets')).body).toEqual(body);
    expect((await api.put('/connectors/off-src/resume')).status).toBe(202);
    await api.awaitRunning('off-src');
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 5)).toEqual(['one', 'two', 'three', 'two', 'three']);

    expect((await api.put('/connectors/off-src/stop')).status).toBe(204);
    const reset = await api.delete('/connectors/off-src/offsets');
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    expect((await api.get('/connectors/off-src/offsets')).body).toEqual({ offsets: [] });
    expect((await api.put('/connectors/off-src/resume')).status).toBe(202);
    expect(await awaitTopic(broker.bootstrapServers, s.topic, 8)).toEqual(['one', 'two', 'three', 'two', 'three', 'one', 'two', 'three']);
  });

  it('404 for an unknown connector', async () => {
    const r = await api.get('/connectors/nope/offsets');
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe(404);
    expect((await api.patch('/connectors/nope/offsets', { offsets: [{ partition: { filename: 'x' }, offset: null }] })).status).toBe(404);
    expect((await api.delete('/connectors/nope/offsets')).status).toBe(404);
  });

  // Kafka turns only UnsupportedOperationException from alterOffsets() into the generic "doesn't
  // support external modification" message; a ConnectException keeps its own text.
  it("a rejected source offset reports the connector's reason", async () => {
    const s = await createSource('off-neg');
    expect((await api.put('/connectors/off-neg/stop')).status).toBe(204);
    const r = await api.patch('/connectors/off-neg/offsets', { offsets: [{ partition: { filename: s.file }, offset: { position: -1 } }] });
    expect(r.status).toBe(500);
    expect(r.body.message).toContain("The value for the 'position' key in the offset should be a non-negative value");
  });

  it('source: an offset without position, or a nested one, is refused by the connector with its message', async () => {
    const s = await createSource('off-shape');
    expect((await api.put('/connectors/off-shape/stop')).status).toBe(204);
    const noPosition = await api.patch('/connectors/off-shape/offsets', { offsets: [{ partition: { filename: s.file }, offset: { pos: 1 } }] });
    expect(noPosition.status).toBe(500);
    expect(noPosition.body.message).toBe("Offset objects should either be null or contain the key 'position'");
    const nested = await api.patch('/connectors/off-shape/offsets', { offsets: [{ partition: { filename: s.file }, offset: { position: { at: 1 } } }] });
    expect(nested.status).toBe(500);
    expect(nested.body.message).toBe("The value for the 'position' key in the offset is expected to be a Long value");
    // A null offset (tombstone) is always allowed.
    const tombstone = await api.patch('/connectors/off-shape/offsets', { offsets: [{ partition: { filename: s.file }, offset: null }] });
    expect(tombstone.status).toBe(200);
    expect((await api.get('/connectors/off-shape/offsets')).body).toEqual({ offsets: [] });
  });

  it('sink: malformed offsets are 400; numeric strings are accepted; a null offset removes the partition', async () => {
    // Committing an offset needs the topic to exist (the broker answers UNKNOWN_TOPIC_OR_PARTITION otherwise).
    const feed = await createSource('off-sink-stopped-feed', ['z']);
    await awaitTopic(broker.bootstrapServers, feed.topic, 1);
    const created = await api.post('/connectors', {
      name: 'off-sink-stopped',
      config: { 'connector.class': 'FileStreamSink', file: join(dir, 'never.txt'), topics: feed.topic },
      initial_state: 'STOPPED',
    });
    expect(created.status, created.text).toBe(201);
    expect((await api.get('/connectors/off-sink-stopped/offsets')).body).toEqual({ offsets: [] });
    const noPartition = await api.patch('/connectors/off-sink-stopped/offsets', { offsets: [{ partition: { kafka_topic: feed.topic }, offset: { kafka_offset: 1 } }] });
    expect(noPartition.status).toBe(400);
    expect(noPartition.body.message).toContain('kafka_partition');
    const badOffset = await api.patch('/connectors/off-sink-stopped/offsets', {
      offsets: [{ partition: { kafka_topic: feed.topic, kafka_partition: 0 }, offset: { kafka_offset: 'soon' } }],
    });
    expect(badOffset.status).toBe(400);
    expect(badOffset.body.message).toContain('integers');
    const strings = await api.patch('/connectors/off-sink-stopped/offsets', {
      offsets: [{ partition: { kafka_topic: feed.topic, kafka_partition: '0' }, offset: { kafka_offset: '2' } }],
    });
    expect(strings.status, strings.text).toBe(200);
    expect((await api.get('/connectors/off-sink-stopped/offsets')).body).toEqual({
      offsets: [{ partition: { kafka_topic: feed.topic, kafka_partition: 0 }, offset: { kafka_offset: 2 } }],
    });
    const removed = await api.patch('/connectors/off-sink-stopped/offsets', {
      offsets: [{ partition: { kafka_topic: feed.topic, kafka_partition: 0 }, offset: null }],
    });
    expect(removed.status).toBe(200);
    expect((await api.get('/connectors/off-sink-stopped/offsets')).body).toEqual({ offsets: [] });
  });

  it('sink: kafka_topic/kafka_partition/kafka_offset; alter re-delivers from the offset; reset re-reads all', async () => {
    const s = await createSource('off-feed', ['r0', 'r1', 'r2', 'r3']);
    await awaitTopic(broker.bootstrapServers, s.topic, 4);
    const out = join(dir, 'off-sink.txt');
    const created = await api.post('/connectors', { name: 'off-sink', config: { 'connector.class': 'FileStreamSink', file: out, topics: s.topic } });
    expect(created.status).toBe(201);
    expect(created.body.type).toBe('sink');
    await api.awaitRunning('off-sink');
    expect(await awaitLines(out, 4)).toEqual(['r0', 'r1', 'r2', 'r3']);

    const expected = { offsets: [{ partition: { kafka_topic: s.topic, kafka_partition: 0 }, offset: { kafka_offset: 4 } }] };
    const committed = await waitFor(async () => {
      const r = await api.get('/connectors/off-sink/offsets');
      return r.body?.offsets?.[0]?.offset?.kafka_offset === 4 ? r : undefined;
    }, 10_000, 'committed sink offset');
    expect(committed.status).toBe(200);
    expect(committed.text).toBe(JSON.stringify(expected));

    const alter = { offsets: [{ partition: { kafka_topic: s.topic, kafka_partition: 0 }, offset: { kafka_offset: 2 } }] };
    const running = await api.patch('/connectors/off-sink/offsets', alter);
    expect(running.status).toBe(400);
    expect(running.body.message).toBe(STOPPED_FIRST('off-sink'));

    expect((await api.put('/connectors/off-sink/stop')).status).toBe(204);
    await api.awaitStatus('off-sink', (b) => b.connector.state === 'STOPPED' && b.tasks.length === 0);
    const altered = await api.patch('/connectors/off-sink/offsets', alter);
    expect(altered.status).toBe(200);
    expect(altered.body).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect((await api.get('/connectors/off-sink/offsets')).body).toEqual(alter);
    expect((await api.put('/connectors/off-sink/resume')).status).toBe(202);
    expect(await awaitLines(out, 6)).toEqual(['r0', 'r1', 'r2', 'r3', 'r2', 'r3']);

    // Wait for the re-delivery to be committed, so that the stop below leaves an empty group.
    await waitFor(async () => ((await api.get('/connectors/off-sink/offsets')).body?.offsets?.[0]?.offset?.kafka_offset === 4 ? true : undefined), 10_000, 'sink commit after alter');
    expect((await api.put('/connectors/off-sink/stop')).status).toBe(204);
    const reset = await api.delete('/connectors/off-sink/offsets');
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    expect((await api.get('/connectors/off-sink/offsets')).body).toEqual({ offsets: [] });
    expect((await api.put('/connectors/off-sink/resume')).status).toBe(202);
    expect(await awaitLines(out, 10)).toEqual(['r0', 'r1', 'r2', 'r3', 'r2', 'r3', 'r0', 'r1', 'r2', 'r3']);
  });
});

describe('topics (KIP-558)', () => {
  it('GET /topics lists the topics written; PUT /topics/reset clears them', async () => {
    const s = await createSource('topics-src', ['x']);
    await awaitTopic(broker.bootstrapServers, s.topic, 1);
    const r = await waitFor(async () => {
      const got = await api.get('/connectors/topics-src/topics');
      return got.body?.['topics-src']?.topics?.length === 1 ? got : undefined;
    }, 10_000, 'active topics');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ 'topics-src': { topics: [s.topic] } });

    const reset = await api.put('/connectors/topics-src/topics/reset');
    expect(reset.status).toBe(202);
    expect(reset.text).toBe('');
    expect((await api.get('/connectors/topics-src/topics')).body).toEqual({ 'topics-src': { topics: [] } });
  });

  it('an unknown connector has no topics (not a 404)', async () => {
    const r = await api.get('/connectors/nope/topics');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ nope: { topics: [] } });
  });
});

describe('DELETE /connectors/{name}', () => {
  it('204, then 404 everywhere', async () => {
    const s = await createSource('del-src', ['d1']);
    await awaitTopic(broker.bootstrapServers, s.topic, 1);
    const r = await api.delete('/connectors/del-src');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect((await api.get('/connectors/del-src')).status).toBe(404);
    expect((await api.get('/connectors/del-src/status')).status).toBe(404);
    expect((await api.get('/connectors')).body).not.toContain('del-src');
    const again = await api.delete('/connectors/del-src');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error_code: 404, message: 'Connector del-src not found' });
  });

  it('a deleted connector disappears from /metrics', async () => {
    await createSource('del-metrics');
    expect((await api.get('/connectors/del-metrics/status')).status).toBe(200);
    expect(await metricsText()).toContain('connector="del-metrics"');
    expect((await api.delete('/connectors/del-metrics')).status).toBe(204);
    expect(await metricsText()).not.toContain('connector="del-metrics"');
  });
});

async function metricsText(): Promise<string> {
  const r = await api.get('/metrics');
  expect(r.status).toBe(200);
  return r.text;
}

describe('GET /metrics', () => {
  it('Prometheus text with sluice_connect_ series of a running connector', async () => {
    const s = await createSource('metrics-src', ['m1', 'm2']);
    await awaitTopic(broker.bootstrapServers, s.topic, 2);
    const r = await api.get('/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.text).toContain('# TYPE sluice_connect_connector_status gauge');
    expect(r.text).toContain('sluice_connect_connector_status{connector="metrics-src",state="RUNNING"} 1');
    expect(r.text).toContain('sluice_connect_task_status{connector="metrics-src",task="0",state="RUNNING"} 1');
    // prom-client's Node process metrics, registered by the first scrape.
    expect(r.text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(r.text).toMatch(/^nodejs_heap_size_used_bytes \d+$/m);
    const text = await waitFor(async () => {
      const t = await metricsText();
      return /sluice_connect_source_record_write_total\{connector="metrics-src",task="0"\} 2\b/.test(t) ? t : undefined;
    }, 10_000, 'write counter');
    expect(text).toMatch(/sluice_connect_source_record_poll_total\{connector="metrics-src",task="0"\} 2\b/);
  });
});

describe('/connector-plugins', () => {
  it('lists connectors only by default, sinks first', async () => {
    const r = await api.get('/connector-plugins');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { class: 'io.confluent.connect.jdbc.JdbcSinkConnector', type: 'sink', version: SLUICE_VERSION },
      { class: SINK_CLASS, type: 'sink', version: SLUICE_VERSION },
      { class: 'io.confluent.connect.jdbc.JdbcSourceConnector', type: 'source', version: SLUICE_VERSION },
      { class: SOURCE_CLASS, type: 'source', version: SLUICE_VERSION },
    ]);
  });

  it('connectorsOnly=false lists converters and header converters too', async () => {
    const r = await api.get('/connector-plugins?connectorsOnly=false');
    expect(r.status).toBe(200);
    expect(r.body.slice(0, 4).map((p: any) => p.type)).toEqual(['sink', 'sink', 'source', 'source']);
    expect(r.body).toContainEqual({ class: 'org.apache.kafka.connect.json.JsonConverter', type: 'converter', version: SLUICE_VERSION });
    expect(r.body).toContainEqual({ class: 'org.apache.kafka.connect.storage.StringConverter', type: 'converter', version: SLUICE_VERSION });
    expect(r.body).toContainEqual({ class: 'org.apache.kafka.connect.storage.SimpleHeaderConverter', type: 'header_converter', version: SLUICE_VERSION });
    for (const p of r.body) expect(['sink', 'source', 'transformation', 'predicate', 'converter', 'header_converter']).toContain(p.type);
  });

  it('GET /connector-plugins/{plugin}/config by class and by alias', async () => {
    const byClass = await api.get(`/connector-plugins/${SOURCE_CLASS}/config`);
    expect(byClass.status).toBe(200);
    for (const alias of ['FileStreamSource', 'FileStreamSourceConnector']) {
      expect((await api.get(`/connector-plugins/${alias}/config`)).body).toEqual(byClass.body);
    }
    const names = byClass.body.map((k: any) => k.name);
    // The connector's own keys first, then the framework's source keys.
    expect(names.slice(0, 3)).toEqual(['file', 'topic', 'batch.size']);
    expect(names).toEqual(expect.arrayContaining(['name', 'connector.class', 'tasks.max', 'transforms', 'predicates', 'errors.tolerance']));
    expect(byClass.body[1]).toEqual({
      name: 'topic',
      type: 'STRING',
      required: true,
      default_value: null,
      importance: 'HIGH',
      documentation: 'The topic to publish data to',
      group: null,
      width: 'NONE',
      display_name: 'topic',
      dependents: [],
      order: -1,
    });
    expect(byClass.body[2]).toMatchObject({ name: 'batch.size', type: 'INT', required: false, default_value: '2000' });
    const sink = await api.get('/connector-plugins/FileStreamSink/config');
    expect(sink.status).toBe(200);
    expect(sink.body.map((k: any) => k.name)).toEqual(expect.arrayContaining(['file', 'topics', 'topics.regex']));
  });

  it('GET /connector-plugins/JsonConverter/config lists its config keys', async () => {
    const r = await api.get('/connector-plugins/org.apache.kafka.connect.json.JsonConverter/config');
    expect(r.body.message).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.map((k: any) => k.name)).toEqual(expect.arrayContaining(['schemas.enable', 'schemas.cache.size', 'decimal.format']));
  });

  it('GET /connector-plugins/StringConverter/config lists converter.encoding', async () => {
    const r = await api.get('/connector-plugins/org.apache.kafka.connect.storage.StringConverter/config');
    expect(r.status).toBe(200);
    expect(r.body.map((k: any) => k.name)).toEqual(expect.arrayContaining(['converter.encoding', 'converter.type']));
  });

  it('GET /connector-plugins/{unknown}/config is 404 Unknown plugin', async () => {
    const r = await api.get('/connector-plugins/com.example.Nope/config');
    expect(r.body).toEqual({ error_code: 404, message: 'Unknown plugin com.example.Nope.' });
    expect(r.status).toBe(404);
  });

  it('GET /connector-plugins/{unknown}/config is an error, not a 200', async () => {
    const r = await api.get('/connector-plugins/com.example.Nope/config');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error_code).toBe(r.status);
  });
});

describe('PUT /connector-plugins/{plugin}/config/validate', () => {
  it('reports several errors at once in the ConfigInfos shape', async () => {
    const r = await api.put('/connector-plugins/FileStreamSink/config/validate', {
      'connector.class': 'FileStreamSink',
      name: 'v',
      'tasks.max': 'abc',
      transforms: 'bad',
      'transforms.bad.type': 'com.example.NoSuchTransform',
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['name', 'error_count', 'groups', 'configs']);
    expect(r.body.name).toBe('FileStreamSink');
    expect(r.body.groups.slice(0, 4)).toEqual(['Common', 'Transforms', 'Predicates', 'Error Handling']);
    expect(r.body.groups).toContain('Transforms: bad');
    for (const c of r.body.configs) {
      expect(Object.keys(c)).toEqual(['definition', 'value']);
      expect(Object.keys(c.value)).toEqual(['name', 'value', 'recommended_values', 'errors', 'visible']);
      if (c.definition !== null) {
        expect(Object.keys(c.definition)).toEqual(['name', 'type', 'required', 'default_value', 'importance', 'documentation', 'group', 'width', 'display_name', 'dependents', 'order']);
      }
    }
    const byName = new Map<string, any>(r.body.configs.map((c: any) => [c.value.name, c]));
    const errorsOf = (k: string): string[] => byName.get(k)?.value.errors;
    expect(errorsOf('topics')).toEqual(['Must configure one of topics or topics.regex']);
    expect(errorsOf('topics.regex')).toEqual(['Must configure one of topics or topics.regex']);
    expect(errorsOf('tasks.max')).toContain('Invalid value abc for configuration tasks.max: Not a number of type INT');
    expect(errorsOf('transforms.bad.type')).toEqual([
      'Invalid value com.example.NoSuchTransform for configuration transforms.bad.type: Class com.example.NoSuchTransform could not be found.',
    ]);
    expect(byName.get('transforms.bad.type').definition.group).toBe('Transforms: bad');
    expect(errorsOf('name')).toEqual([]);
    const total = r.body.configs.reduce((n: number, c: any) => n + c.value.errors.length, 0);
    expect(r.body.error_count).toBe(total);
    expect(r.body.error_count).toBeGreaterThanOrEqual(4);
    expect(byName.get('topics')).toEqual({
      definition: {
        name: 'topics',
        type: 'LIST',
        required: false,
        default_value: '',
        importance: 'HIGH',
        documentation: 'List of topics to consume, separated by commas',
        group: 'Common',
        width: 'LONG',
        display_name: 'Topics',
        dependents: [],
        order: 4,
      },
      value: { name: 'topics', value: '', recommended_values: [], errors: ['Must configure one of topics or topics.regex'], visible: true },
    });
  });

  it('a valid config has error_count 0; the full class name works in the path', async () => {
    const r = await api.put(`/connector-plugins/${SOURCE_CLASS}/config/validate`, { 'connector.class': SOURCE_CLASS, name: 'ok', topic: 't' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe(SOURCE_CLASS);
    expect(r.body.error_count).toBe(0);
    const alias = await api.put('/connector-plugins/FileStreamSource/config/validate', { 'connector.class': SOURCE_CLASS, name: 'ok', topic: 't' });
    expect(alias.status).toBe(200);
    expect(alias.body.error_count).toBe(0);
  });

  it('400 without connector.class and when it does not match the path', async () => {
    const none = await api.put('/connector-plugins/FileStreamSource/config/validate', { name: 'v', topic: 't' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/^Connector config \{.*\} contains no connector type$/);
    const mismatch = await api.put('/connector-plugins/FileStreamSource/config/validate', { 'connector.class': 'FileStreamSink', name: 'v' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual({ error_code: 400, message: 'Included connector type FileStreamSink does not match request type FileStreamSource' });
  });
});

describe('/admin/loggers', () => {
  it('GET lists root; GET one logger; 404 for an unknown one', async () => {
    const all = await api.get('/admin/loggers');
    expect(all.status).toBe(200);
    expect(all.body.root).toEqual({ level: expect.any(String), last_modified: null });
    const root = await api.get('/admin/loggers/root');
    expect(root.status).toBe(200);
    expect(Object.keys(root.body)).toEqual(['level', 'last_modified']);
    const unknown = await api.get('/admin/loggers/com.example.nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error_code: 404, message: 'Logger com.example.nothing not found.' });
  });

  it('PUT sets a namespace and its descendants (200, sorted names); the level and last_modified show', async () => {
    const before = Date.now();
    const r = await api.put('/admin/loggers/sluice.runtime', { level: 'error' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('sluice.runtime');
    expect(r.body).toEqual([...r.body].sort());
    for (const name of r.body) expect(name === 'sluice.runtime' || name.startsWith('sluice.runtime.')).toBe(true);
    const one = await api.get('/admin/loggers/sluice.runtime');
    expect(one.body.level).toBe('ERROR');
    expect(one.body.last_modified).toBeGreaterThanOrEqual(before);
    expect((await api.get('/admin/loggers')).body['sluice.runtime']).toEqual(one.body);
  });

  it('PUT ?scope=cluster answers 204 in standalone and still applies', async () => {
    const r = await api.put('/admin/loggers/sluice.rest?scope=cluster', { level: 'ERROR' });
    expect(r.status).toBe(204);
    expect((await api.get('/admin/loggers/sluice.rest')).body.level).toBe('ERROR');
  });

  it('PUT: 404 for an unknown level, 400 without a level', async () => {
    const bad = await api.put('/admin/loggers/sluice.runtime', { level: 'LOUD' });
    expect(bad.status).toBe(404);
    expect(bad.body).toEqual({ error_code: 404, message: "invalid log level 'LOUD'." });
    const missing = await api.put('/admin/loggers/sluice.runtime', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error_code: 400, message: "Desired 'level' parameter was not specified in request." });
  });
});

describe('a sink end to end through REST', () => {
  it('a FileStreamSink with tasks.max=2 runs two identical tasks', async () => {
    const out = join(dir, 'two-tasks.txt');
    const config = { 'connector.class': 'FileStreamSink', file: out, topics: 'two-tasks-topic', 'tasks.max': '2' };
    const r = await api.post('/connectors', { name: 'two-tasks', config });
    expect(r.status, r.text).toBe(201);
    await api.awaitRunning('two-tasks', 2);
    const tasks = (await api.get('/connectors/two-tasks/tasks')).body;
    const taskConfig = { ...config, name: 'two-tasks', 'task.class': 'org.apache.kafka.connect.file.FileStreamSinkTask' };
    expect(tasks).toEqual([
      { id: { connector: 'two-tasks', task: 0 }, config: taskConfig },
      { id: { connector: 'two-tasks', task: 1 }, config: taskConfig },
    ]);
    expect(Object.keys((await api.get('/connectors/two-tasks/tasks-config')).body)).toEqual(['two-tasks-0', 'two-tasks-1']);
    expect((await api.get('/connectors/two-tasks/tasks/1/status')).body).toEqual({ id: 1, state: 'RUNNING', worker_id: worker.workerId });
  });

  it('a FileStreamSink created with topics.regex writes what a source produced', async () => {
    const s = await createSource('regex-feed', ['g1', 'g2']);
    await awaitTopic(broker.bootstrapServers, s.topic, 2);
    const out = join(dir, 'regex-sink.txt');
    const r = await api.post('/connectors', { name: 'regex-sink', config: { 'connector.class': 'FileStreamSink', file: out, 'topics.regex': `${s.topic}$` } });
    expect(r.status).toBe(201);
    await api.awaitRunning('regex-sink');
    expect(await awaitLines(out, 2)).toEqual(['g1', 'g2']);
    expect(fileLines(out)).toEqual(['g1', 'g2']);
  });
});
