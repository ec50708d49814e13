import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorInfo, ConnectorStateInfo, TaskInfo, WorkerInfo } from '../runtime/herder.js';
import { InMemoryHerder } from './test/in-memory-herder.js';
import { RawBody, SOURCE_CONFIG, startRest, type RunningRest } from './test/harness.js';

let rest: RunningRest | undefined;

afterEach(async () => {
  await rest?.close();
  rest = undefined;
});

async function started(options: Parameters<typeof startRest>[0] = {}): Promise<RunningRest> {
  rest = await startRest(options);
  return rest;
}

describe('GET / and /health', () => {
  it('answers worker info', async () => {
    const r = await started();
    const answer = await r.call('GET', '/');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"version":"0.1.0","commit":"c0ffee","kafka_cluster_id":"test-cluster"}');
  });

  it('maps health to 200, 503 and 500', async () => {
    const herder = new InMemoryHerder();
    const r = await started({ herder, healthTimeoutMs: 50 });
    expect(await r.call('GET', '/health')).toMatchObject({
      status: 200,
      json: { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' },
    });
    herder.healthAnswer = async () => ({ status: 'starting', message: 'Worker is still starting up.' });
    expect((await r.call('GET', '/health')).status).toBe(503);
    herder.healthAnswer = async () => ({ status: 'unhealthy', message: 'Worker was unable to handle this request.' });
    expect((await r.call('GET', '/health')).status).toBe(500);
    herder.healthAnswer = () => new Promise(() => undefined);
    expect(await r.call('GET', '/health')).toMatchObject({
      status: 500,
      json: { status: 'unhealthy', message: 'Worker was unable to handle this request and may be unable to handle other requests.' },
    });
  });
});

describe('GET /metrics', () => {
  it('renders the Prometheus text with recorded values', async () => {
    const r = await started();
    r.metrics.recordPoll('file-source', 0, 42);
    r.metrics.setTaskState('file-source', 0, 'RUNNING');
    const answer = await r.call('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toContain('sluice_connect_source_record_poll_total{connector="file-source",task="0"} 42');
    expect(answer.text).toContain('sluice_connect_task_status{connector="file-source",task="0",state="RUNNING"} 1');
  });
});

describe('unmatched requests', () => {
  it('unknown paths: 404 with Jersey text', async () => {
    const r = await started();
    for (const path of ['/nope', '/connectors/a/b/c/d', '/admin']) {
      const answer = await r.call('GET', path);
      expect(answer.status).toBe(404);
      expect(answer.text).toBe('{"error_code":404,"message":"HTTP 404 Not Found"}');
    }
  });

  it('known paths with another method: 405 with Jersey text and Allow', async () => {
    const r = await started();
    const answer = await r.call('DELETE', '/connectors');
    expect(answer.status).toBe(405);
    expect(answer.json).toEqual({ error_code: 405, message: 'HTTP 405 Method Not Allowed' });
    expect(answer.headers.get('allow')).toBe('GET,HEAD,POST');
    expect((await r.call('POST', '/connectors/x/status')).status).toBe(405);
    expect((await r.call('GET', '/connectors/x/pause')).status).toBe(405);
  });

  it('answers 415 for bodies that are not JSON', async () => {
    const r = await started();
    const answer = await r.call('POST', '/connectors', new RawBody('name=a'), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(415);
    expect(answer.json).toMatchObject({ error_code: 415 });
  });

  it('ignores a trailing slash, as Jersey does', async () => {
    const r = await started();
    expect((await r.call('GET', '/connectors/')).status).toBe(200);
  });
});

describe('request timeout', () => {
  it('answers 500 Request timed out when the herder takes too long', async () => {
    const herder = new InMemoryHerder();
    const r = await started({ herder, requestTimeoutMs: 50 });
    herder.hold = new Promise(() => undefined);
    const answer = await r.call('POST', '/connectors', { name: 'slow', config: SOURCE_CONFIG });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error_code: 500, message: 'Request timed out' });
    const validate = await r.call('PUT', '/connector-plugins/FileStreamSource/config/validate', SOURCE_CONFIG);
    expect(validate.json).toEqual({ error_code: 500, message: 'Request timed out' });
  });
});

describe('response shapes', () => {
  /** A herder whose entities come with their keys in the wrong order and with extra fields. */
  class ScrambledHerder extends InMemoryHerder {
    override connectorInfo(name: string): ConnectorInfo {
      const info = super.connectorInfo(name);
      return { type: info.type, tasks: info.tasks.map((t) => ({ task: t.task, connector: t.connector })), config: info.config, name, secret: 'x' } as ConnectorInfo;
    }

    override connectorStatus(name: string): ConnectorStateInfo {
      const s = super.connectorStatus(name);
      return {
        type: s.type,
        tasks: s.tasks.map((t) => ({ worker_id: t.worker_id, state: t.state, id: t.id, restart_attempts: 2 })),
        connector: { worker_id: s.connector.worker_id, state: s.connector.state },
        name,
      };
    }

    override taskConfigs(name: string): TaskInfo[] {
      // A plugin written in JavaScript may put a number in a task config.
      return super.taskConfigs(name).map((t) => ({ config: { ...t.config, 'batch.size': 5 as unknown as string }, id: t.id }));
    }

    override workerInfo(): WorkerInfo {
      return { kafka_cluster_id: 'k', commit: 'c', version: 'v', pid: 1 } as WorkerInfo;
    }
  }

  it("pins Kafka Connect's key order whatever order the herder uses, and drops unknown fields", async () => {
    const r = await started({ herder: new ScrambledHerder() });
    await r.call('POST', '/connectors', { name: 'c', config: SOURCE_CONFIG });
    expect((await r.call('GET', '/connectors/c')).text).toBe(
      '{"name":"c","config":{"connector.class":"FileStreamSource","tasks.max":"1","file":"in.txt","topic":"t","name":"c"},' +
        '"tasks":[{"connector":"c","task":0}],"type":"source"}',
    );
    expect((await r.call('GET', '/connectors/c/status')).text).toBe(
      '{"name":"c","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},' +
        '"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083","restart_attempts":2}],"type":"source"}',
    );
    const tasks = (await r.call('GET', '/connectors/c/tasks')).text;
    expect(tasks).toMatch(/^\[\{"id":\{"connector":"c","task":0\},"config":\{/);
    expect(tasks).toContain('"batch.size":"5"');
    expect((await r.call('GET', '/connectors/c/tasks-config')).text).toContain('"batch.size":"5"');
    expect((await r.call('GET', '/')).text).toBe('{"version":"v","commit":"c","kafka_cluster_id":"k"}');
  });

  it('masks configs in every response that carries one', async () => {
    const seen: string[] = [];
    const r = await started({
      maskConfig: (config, connector) => {
        seen.push(connector);
        return 'db.password' in config ? { ...config, 'db.password': '[hidden]' } : config;
      },
    });
    const config = { ...SOURCE_CONFIG, 'db.password': 'hunter2' };
    const created = await r.call('POST', '/connectors', { name: 'c', config });
    const responses = [
      created,
      await r.call('GET', '/connectors/c'),
      await r.call('GET', '/connectors/c/config'),
      await r.call('GET', '/connectors/c/tasks'),
      await r.call('GET', '/connectors/c/tasks-config'),
      await r.call('GET', '/connectors?expand=info'),
      await r.call('PUT', '/connectors/c/config', config),
      await r.call('PATCH', '/connectors/c/config', { file: 'other.txt' }),
      await r.call('POST', '/connectors', { name: 'd', config: { topic: 't', 'db.password': 'hunter2' } }),
    ];
    for (const answer of responses) {
      expect(answer.text).not.toContain('hunter2');
    }
    expect(responses[2]?.json).toMatchObject({ 'db.password': '[hidden]' });
    expect(responses[3]?.text).toContain('"db.password":"[hidden]"');
    expect(seen).toContain('c');
    // The herder still has the real value.
    expect(r.herder.connectorConfig('c')['db.password']).toBe('hunter2');
  });
});

describe('CORS', () => {
  it('is off unless access.control.allow.origin is set', async () => {
    const r = await started();
    const answer = await r.call('GET', '/connectors', undefined, { origin: 'http://ui.example.com' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows listed origins and answers preflight with the allowed methods', async () => {
    const r = await started({ accessControlAllowOrigin: 'http://ui.example.com, https://*.corp.net', accessControlAllowMethods: 'GET,POST,PUT,DELETE' });
    const simple = await r.call('GET', '/connectors', undefined, { origin: 'https://a.corp.net' });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://a.corp.net');
    expect(simple.headers.get('access-control-allow-credentials')).toBe('true');

    const preflight = await r.call('OPTIONS', '/connectors/x/config', undefined, {
      origin: 'http://ui.example.com',
      'access-control-request-method': 'PUT',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://ui.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE');
    expect(preflight.headers.get('access-control-max-age')).toBe('1800');

    const refusedMethod = await r.call('OPTIONS', '/connectors', undefined, {
      origin: 'http://ui.example.com',
      'access-control-request-method': 'PATCH',
    });
    expect(refusedMethod.headers.get('access-control-allow-methods')).toBeNull();

    const stranger = await r.call('GET', '/connectors', undefined, { origin: 'http://evil.example.com' });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin with *', async () => {
    const r = await started({ accessControlAllowOrigin: '*' });
    const answer = await r.call('GET', '/', undefined, { origin: 'http://anything' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://anything');
  });
});

describe('response.http.headers.config', () => {
  it('sets, adds and dates headers on every response, errors included', async () => {
    const r = await started({
      responseHttpHeaders: 'set X-Frame-Options: DENY, add Cache-Control: no-cache, "add Cache-Control: no-store, must-revalidate", setDate Expires: 31540000000',
    });
    for (const path of ['/connectors', '/connectors/nope', '/nope']) {
      const answer = await r.call('GET', path);
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
      const expires = Date.parse(answer.headers.get('expires') ?? '');
      expect(expires).toBeGreaterThan(Date.now() + 31_000_000_000);
    }
  });
});

describe('listeners', () => {
  it('advertises the configured URL or the first listener', async () => {
    const r = await started({ listeners: ['http://127.0.0.1:0', 'http://127.0.0.1:0'] });
    expect(r.address.url).toBe(`http://127.0.0.1:${r.address.port}/`);
    expect(r.address.urls).toHaveLength(2);
    const second = r.address.urls[1] as string;
    expect((await fetch(`${second}connectors`)).status).toBe(200);
    await r.close();

    const advertised = await started({ advertisedUrl: 'http://worker-1:8083/' });
    expect(advertised.address.url).toBe('http://worker-1:8083/');
  });

  it('binds every interface for an empty host and advertises the host name', async () => {
    const r = await started({ listeners: ['http://:0'] });
    expect(r.address.url).toBe(`http://${os.hostname()}:${r.address.port}/`);
    expect((await fetch(`http://127.0.0.1:${r.address.port}/`)).status).toBe(200);
  });
});
