import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RawBody, SOURCE_CONFIG, startRest, type RunningRest } from './test/harness.js';

let rest: RunningRest;

beforeEach(async () => {
  rest = await startRest();
});

afterEach(async () => {
  await rest.close();
});

async function create(name = 'file-source', config: Record<string, unknown> = SOURCE_CONFIG): Promise<void> {
  const answer = await rest.call('POST', '/connectors', { name, config });
  expect(answer.status).toBe(201);
}

describe('POST /connectors', () => {
  it('creates a connector: 201, Location, ConnectorInfo with name inserted last', async () => {
    const answer = await rest.call('POST', '/connectors', { name: '  file-source ', config: SOURCE_CONFIG });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe('/connectors/file-source');
    expect(answer.text).toBe(
      '{"name":"file-source","config":{"connector.class":"FileStreamSource","tasks.max":"1","file":"in.txt","topic":"t","name":"file-source"},' +
        '"tasks":[{"connector":"file-source","task":0}],"type":"source"}',
    );
  });

  it('coerces JSON numbers and booleans to their literal text, as Jackson does', async () => {
    const body = '{"name":"n","config":{"connector.class":"FileStreamSource","topic":"t","tasks.max":1,"big":9223372036854775807,"f":1.0,"b":true}}';
    const answer = await rest.call('POST', '/connectors', new RawBody(body));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ config: { 'tasks.max': '1', big: '9223372036854775807', f: '1.0', b: 'true' } });
  });

  it('applies initial_state: PAUSED and STOPPED connectors', async () => {
    await rest.call('POST', '/connectors', { name: 'p', config: SOURCE_CONFIG, initial_state: 'paused' });
    await rest.call('POST', '/connectors', { name: 's', config: SOURCE_CONFIG, initial_state: 'STOPPED' });
    await rest.call('POST', '/connectors', { name: 'r', config: SOURCE_CONFIG, initial_state: 'RUNNING' });
    expect((await rest.call('GET', '/connectors/p/status')).json).toMatchObject({ connector: { state: 'PAUSED' } });
    expect((await rest.call('GET', '/connectors/s/status')).json).toMatchObject({ connector: { state: 'STOPPED' }, tasks: [] });
    expect((await rest.call('GET', '/connectors/r/status')).json).toMatchObject({ connector: { state: 'RUNNING' } });
    const bad = await rest.call('POST', '/connectors', { name: 'x', config: SOURCE_CONFIG, initial_state: 'SLEEPING' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error_code: 400, message: "Invalid initial_state 'SLEEPING'; expected one of RUNNING, PAUSED, STOPPED" });
  });

  it('answers 409 for an existing name', async () => {
    await create();
    const answer = await rest.call('POST', '/connectors', { name: 'file-source', config: SOURCE_CONFIG });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ error_code: 409, message: 'Connector file-source already exists' });
  });

  it('rejects a config name that differs from the connector name', async () => {
    const answer = await rest.call('POST', '/connectors', { name: 'a', config: { ...SOURCE_CONFIG, name: 'b' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error_code: 400,
      message: "Connector name configuration (b) doesn't match connector name in the URL (a)",
    });
  });

  it('rejects null values naming their keys, nested values naming the key, and a missing name', async () => {
    const nulls = await rest.call('POST', '/connectors', { name: 'a', config: { ...SOURCE_CONFIG, file: null, x: null } });
    expect(nulls.status).toBe(400);
    expect((nulls.json as { message: string }).message).toBe(
      'Connector configuration is invalid and contains the following 2 error(s):\n' +
        'Invalid value null for configuration file: Null value can not be supplied as the configuration value.\n' +
        'Invalid value null for configuration x: Null value can not be supplied as the configuration value.\n' +
        'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
    );
    const nested = await rest.call('POST', '/connectors', { name: 'a', config: { ...SOURCE_CONFIG, transforms: { a: 1 } } });
    expect(nested.status).toBe(400);
    expect(nested.json).toEqual({
      error_code: 400,
      message: 'Invalid value for configuration transforms: expected a string, number or boolean, not an object',
    });
    const unnamed = await rest.call('POST', '/connectors', { config: SOURCE_CONFIG });
    expect(unnamed.status).toBe(400);
    expect((unnamed.json as { message: string }).message).toContain('Invalid value  for configuration name: String may not be empty');
    const noConfig = await rest.call('POST', '/connectors', { name: 'a' });
    expect(noConfig.status).toBe(400);
  });

  it('passes the herder validation failures and unknown classes through', async () => {
    const invalid = await rest.call('POST', '/connectors', { name: 'a', config: { 'connector.class': 'FileStreamSource' } });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { message: string }).message).toMatch(/^Connector configuration is invalid and contains the following 1 error\(s\):\nMissing required/);
    const unknown = await rest.call('POST', '/connectors', { name: 'a', config: { 'connector.class': 'Nope' } });
    expect(unknown.status).toBe(500);
    expect((unknown.json as { message: string }).message).toMatch(/^Failed to find any class that implements Connector and which name matches Nope/);
  });

  it('answers 400 for malformed JSON and bodies that are not objects', async () => {
    const malformed = await rest.call('POST', '/connectors', new RawBody('{"name": "a",'));
    expect(malformed.status).toBe(400);
    expect((malformed.json as { message: string }).message).toMatch(/^Malformed JSON body: /);
    const array = await rest.call('POST', '/connectors', [1, 2]);
    expect(array.status).toBe(400);
    expect(array.json).toEqual({ error_code: 400, message: 'body must be object' });
    const empty = await rest.call('POST', '/connectors', new RawBody(''));
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual({ error_code: 400, message: 'body must be object' });
  });

  it('accepts the JSON content type on calls without a body', async () => {
    await create();
    expect((await rest.call('PUT', '/connectors/file-source/pause', new RawBody(''))).status).toBe(202);
    expect((await rest.call('DELETE', '/connectors/file-source', new RawBody(''))).status).toBe(204);
  });
});

describe('GET /connectors', () => {
  it('lists names, and expands status and info keyed by name', async () => {
    expect((await rest.call('GET', '/connectors')).text).toBe('[]');
    await create('a');
    await create('b');
    expect((await rest.call('GET', '/connectors')).json).toEqual(['a', 'b']);

    const expanded = await rest.call('GET', '/connectors?expand=info&expand=status&expand=bogus');
    expect(expanded.status).toBe(200);
    const body = expanded.json as Record<string, Record<string, unknown>>;
    expect(Object.keys(body)).toEqual(['a', 'b']);
    expect(Object.keys(body['a'] ?? {})).toEqual(['status', 'info']);
    expect(body['a']?.['status']).toEqual({
      name: 'a',
      connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083' },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:8083' }],
      type: 'source',
    });
    expect(body['a']?.['info']).toMatchObject({ name: 'a', tasks: [{ connector: 'a', task: 0 }], type: 'source' });

    const statusOnly = (await rest.call('GET', '/connectors?expand=status')).json as Record<string, Record<string, unknown>>;
    expect(Object.keys(statusOnly['b'] ?? {})).toEqual(['status']);
  });
});

describe('connector config', () => {
  it('GET /connectors/{name} and /config, 404 for unknown connectors', async () => {
    await create();
    const info = await rest.call('GET', '/connectors/file-source');
    expect(info.status).toBe(200);
    expect(Object.keys(info.json as object)).toEqual(['name', 'config', 'tasks', 'type']);
    const config = await rest.call('GET', '/connectors/file-source/config');
    expect(config.json).toEqual({ ...SOURCE_CONFIG, name: 'file-source' });
    for (const path of ['/connectors/nope', '/connectors/nope/config']) {
      const missing = await rest.call('GET', path);
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ error_code: 404, message: 'Connector nope not found' });
    }
  });

  it('PUT creates (201 + Location) then replaces (200) wholesale', async () => {
    const created = await rest.call('PUT', '/connectors/file-source/config', SOURCE_CONFIG);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/connectors/file-source');
    expect((created.json as { config: object }).config).toEqual({ ...SOURCE_CONFIG, name: 'file-source' });

    const replaced = await rest.call('PUT', '/connectors/file-source/config', { 'connector.class': 'FileStreamSource', topic: 'u' });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('location')).toBeNull();
    expect((replaced.json as { config: object }).config).toEqual({ 'connector.class': 'FileStreamSource', topic: 'u', name: 'file-source' });
  });

  it('PUT rejects a mismatched name and the POST shape sent by mistake', async () => {
    const mismatch = await rest.call('PUT', '/connectors/a/config', { ...SOURCE_CONFIG, name: 'b' });
    expect(mismatch.status).toBe(400);
    expect((mismatch.json as { message: string }).message).toBe("Connector name configuration (b) doesn't match connector name in the URL (a)");
    const postShape = await rest.call('PUT', '/connectors/a/config', { name: 'a', config: SOURCE_CONFIG });
    expect(postShape.status).toBe(400);
    expect((postShape.json as { message: string }).message).toBe(
      'Invalid value for configuration config: expected a string, number or boolean, not an object',
    );
  });

  it('PATCH merges, null removes a key, 404 for unknown connectors', async () => {
    await create();
    const patched = await rest.call('PATCH', '/connectors/file-source/config', { file: null, 'tasks.max': 2, extra: 'x' });
    expect(patched.status).toBe(200);
    expect((patched.json as { config: object }).config).toEqual({
      'connector.class': 'FileStreamSource',
      'tasks.max': '2',
      topic: 't',
      name: 'file-source',
      extra: 'x',
    });
    expect((patched.json as { tasks: unknown[] }).tasks).toHaveLength(2);
    expect((await rest.call('PATCH', '/connectors/nope/config', { a: 'b' })).status).toBe(404);
    const rename = await rest.call('PATCH', '/connectors/file-source/config', { name: 'other' });
    expect(rename.status).toBe(400);
  });

  it('DELETE: 204, then 404', async () => {
    await create();
    const deleted = await rest.call('DELETE', '/connectors/file-source');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const again = await rest.call('DELETE', '/connectors/file-source');
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ error_code: 404, message: 'Connector file-source not found' });
  });

  it('serves names that need escaping', async () => {
    const answer = await rest.call('POST', '/connectors', { name: 'my conn', config: SOURCE_CONFIG });
    expect(answer.headers.get('location')).toBe('/connectors/my%20conn');
    expect((await rest.call('GET', '/connectors/my%20conn')).status).toBe(200);
  });
});

describe('status and tasks', () => {
  it('GET status with key order and trace only when failed', async () => {
    await create();
    rest.herder.fail('file-source', 0);
    const status = await rest.call('GET', '/connectors/file-source/status');
    expect(status.text).toBe(
      '{"name":"file-source","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},' +
        '"tasks":[{"id":0,"state":"FAILED","worker_id":"127.0.0.1:8083","trace":"org.apache.kafka.connect.errors.ConnectException: boom\\n\\tat test"}],"type":"source"}',
    );
    const missing = await rest.call('GET', '/connectors/nope/status');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error_code: 404, message: 'No status found for connector nope' });
  });

  it('GET task status: 200, 404 for unknown task, 404 for a task id that is not a number', async () => {
    await create();
    const task = await rest.call('GET', '/connectors/file-source/tasks/0/status');
    expect(task.text).toBe('{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}');
    const unknown = await rest.call('GET', '/connectors/file-source/tasks/3/status');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error_code: 404, message: 'No status found for task file-source-3' });
    const notNumber = await rest.call('GET', '/connectors/file-source/tasks/x/status');
    expect(notNumber.json).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
  });

  it('GET tasks and the deprecated tasks-config', async () => {
    await create();
    const tasks = await rest.call('GET', '/connectors/file-source/tasks');
    expect(tasks.text).toBe(
      '[{"id":{"connector":"file-source","task":0},"config":{"task.class":"org.apache.kafka.connect.file.FileStreamSourceTask","file":"in.txt","topic":"t","task.id":"file-source-0"}}]',
    );
    const tasksConfig = await rest.call('GET', '/connectors/file-source/tasks-config');
    expect(tasksConfig.json).toEqual({
      'file-source-0': {
        'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask',
        file: 'in.txt',
        topic: 't',
        'task.id': 'file-source-0',
      },
    });
    expect((await rest.call('GET', '/connectors/nope/tasks')).status).toBe(404);
    expect((await rest.call('GET', '/connectors/nope/tasks-config')).status).toBe(404);
  });
});

describe('lifecycle', () => {
  it('restart: 204 for the connector alone, 202 with the restarting instances otherwise', async () => {
    await create('c', { ...SOURCE_CONFIG, 'tasks.max': '2' });
    const plain = await rest.call('POST', '/connectors/c/restart');
    expect(plain.status).toBe(204);
    expect(plain.text).toBe('');

    rest.herder.fail('c', 1);
    const onlyFailed = await rest.call('POST', '/connectors/c/restart?includeTasks=true&onlyFailed=TRUE');
    expect(onlyFailed.status).toBe(202);
    expect(onlyFailed.json).toEqual({
      name: 'c',
      connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083' },
      tasks: [
        { id: 0, state: 'RUNNING', worker_id: '127.0.0.1:8083' },
        { id: 1, state: 'RESTARTING', worker_id: '127.0.0.1:8083' },
      ],
      type: 'source',
    });
    // Boolean.valueOf: anything but "true" is false.
    expect((await rest.call('POST', '/connectors/c/restart?includeTasks=yes')).status).toBe(204);
    const unknown = await rest.call('POST', '/connectors/nope/restart');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error_code: 404, message: 'Unknown connector: nope' });
  });

  it('task restart: 204, 404 for unknown connector or task', async () => {
    await create();
    expect((await rest.call('POST', '/connectors/file-source/tasks/0/restart')).status).toBe(204);
    expect((await rest.call('POST', '/connectors/file-source/tasks/7/restart')).json).toEqual({
      error_code: 404,
      message: 'Unknown task: file-source-7',
    });
    expect((await rest.call('POST', '/connectors/nope/tasks/0/restart')).json).toEqual({
      error_code: 404,
      message: 'Unknown connector: nope',
    });
  });

  it('pause and resume: 202 with no body; stop: 204; 404 without colon for unknown connectors', async () => {
    await create();
    const pause = await rest.call('PUT', '/connectors/file-source/pause');
    expect(pause.status).toBe(202);
    expect(pause.text).toBe('');
    expect((await rest.call('GET', '/connectors/file-source/status')).json).toMatchObject({ connector: { state: 'PAUSED' } });
    expect((await rest.call('PUT', '/connectors/file-source/resume')).status).toBe(202);
    expect((await rest.call('GET', '/connectors/file-source/status')).json).toMatchObject({ connector: { state: 'RUNNING' } });
    const stop = await rest.call('PUT', '/connectors/file-source/stop');
    expect(stop.status).toBe(204);
    expect((await rest.call('GET', '/connectors/file-source/status')).json).toMatchObject({ connector: { state: 'STOPPED' } });
    for (const action of ['pause', 'resume', 'stop']) {
      expect((await rest.call('PUT', `/connectors/nope/${action}`)).json).toEqual({ error_code: 404, message: 'Unknown connector nope' });
    }
  });

  it('internal worker-to-worker endpoints are refused as by a standalone worker', async () => {
    await create();
    const tasks = await rest.call('POST', '/connectors/file-source/tasks', [{ a: 'b' }]);
    expect(tasks.json).toEqual({
      error_code: 500,
      message: 'Kafka Connect in standalone mode does not support externally setting task configurations.',
    });
    const fence = await rest.call('PUT', '/connectors/file-source/fence');
    expect(fence.json).toEqual({ error_code: 500, message: 'Kafka Connect in standalone mode does not support exactly-once source connectors.' });
  });
});

describe('topics', () => {
  it('GET lists active topics keyed by connector; reset answers 202', async () => {
    await create();
    expect((await rest.call('GET', '/connectors/file-source/topics')).text).toBe('{"file-source":{"topics":["t"]}}');
    expect((await rest.call('GET', '/connectors/nope/topics')).json).toEqual({ nope: { topics: [] } });
    const reset = await rest.call('PUT', '/connectors/file-source/topics/reset');
    expect(reset.status).toBe(202);
    expect(reset.text).toBe('');
    expect((await rest.call('GET', '/connectors/file-source/topics')).json).toEqual({ 'file-source': { topics: [] } });
  });
});

describe('offsets', () => {
  const partition = { filename: '/data/in.txt' };

  it('GET, PATCH and DELETE on a stopped connector', async () => {
    await create();
    rest.herder.commitOffsets('file-source', [{ partition, offset: { position: 1234 } }]);
    expect((await rest.call('GET', '/connectors/file-source/offsets')).text).toBe(
      '{"offsets":[{"partition":{"filename":"/data/in.txt"},"offset":{"position":1234}}]}',
    );
    await rest.call('PUT', '/connectors/file-source/stop');
    const altered = await rest.call('PATCH', '/connectors/file-source/offsets', { offsets: [{ partition, offset: { position: 7 } }] });
    expect(altered.status).toBe(200);
    expect(altered.json).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect((await rest.call('GET', '/connectors/file-source/offsets')).json).toEqual({ offsets: [{ partition, offset: { position: 7 } }] });

    const reset = await rest.call('DELETE', '/connectors/file-source/offsets');
    expect(reset.json).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    expect((await rest.call('GET', '/connectors/file-source/offsets')).json).toEqual({ offsets: [] });
  });

  it('PATCH body validation and the STOPPED precondition', async () => {
    await create();
    for (const body of [{}, { offsets: [] }, { offsets: null }]) {
      const answer = await rest.call('PATCH', '/connectors/file-source/offsets', body);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error_code: 400, message: 'Partitions / offsets need to be provided for an alter offsets request' });
    }
    const noPartition = await rest.call('PATCH', '/connectors/file-source/offsets', { offsets: [{ offset: null }] });
    expect(noPartition.status).toBe(400);
    const running = await rest.call('PATCH', '/connectors/file-source/offsets', { offsets: [{ partition, offset: null }] });
    expect(running.status).toBe(400);
    expect((running.json as { message: string }).message).toMatch(/^Connectors must be in the STOPPED state/);
    expect((await rest.call('GET', '/connectors/nope/offsets')).status).toBe(404);
  });
});
