import { afterEach, describe, expect, it } from 'vitest';
import { call, startRest, type RunningRest } from './test/harness.js';

let rest: RunningRest | undefined;

afterEach(async () => {
  await rest?.close();
  rest = undefined;
});

describe('/admin/loggers', () => {
  it('lists root and explicitly set loggers, and gets one', async () => {
    rest = await startRest();
    rest.logRegistry.logger('sluice.runtime.worker');
    expect((await rest.call('GET', '/admin/loggers')).json).toEqual({ root: { level: 'INFO', last_modified: null } });
    expect((await rest.call('GET', '/admin/loggers/root')).text).toBe('{"level":"INFO","last_modified":null}');
    expect((await rest.call('GET', '/admin/loggers/sluice.runtime.worker')).json).toEqual({ level: 'INFO', last_modified: null });
    const missing = await rest.call('GET', '/admin/loggers/sluice.nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error_code: 404, message: 'Logger sluice.nope not found.' });
  });

  it('PUT with worker scope sets a namespace and its descendants and lists them', async () => {
    rest = await startRest();
    rest.logRegistry.logger('sluice.runtime.worker');
    rest.logRegistry.logger('sluice.runtime.herder');
    const before = Date.now();
    const answer = await rest.call('PUT', '/admin/loggers/sluice.runtime', { level: 'debug' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(['sluice.runtime', 'sluice.runtime.herder', 'sluice.runtime.worker']);
    const level = (await rest.call('GET', '/admin/loggers/sluice.runtime.worker')).json as { level: string; last_modified: number };
    expect(level.level).toBe('DEBUG');
    expect(level.last_modified).toBeGreaterThanOrEqual(before);
    expect(rest.logRegistry.logger('sluice.runtime.worker').level).toBe('debug');
    expect(Object.keys((await rest.call('GET', '/admin/loggers')).json as object)).toEqual([
      'root',
      'sluice.runtime',
      'sluice.runtime.herder',
      'sluice.runtime.worker',
    ]);
    // Unknown scopes fall back to worker.
    expect((await rest.call('PUT', '/admin/loggers/sluice.runtime?scope=galaxy', { level: 'INFO' })).status).toBe(200);
  });

  it('PUT with cluster scope applies here and answers 204', async () => {
    rest = await startRest();
    const answer = await rest.call('PUT', '/admin/loggers/root?scope=cluster', { level: 'WARN' });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(rest.logRegistry.level('root')?.level).toBe('WARN');
  });

  it('PUT errors: missing level 400, unknown level 404', async () => {
    rest = await startRest();
    const missing = await rest.call('PUT', '/admin/loggers/root', { lvl: 'INFO' });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error_code: 400, message: "Desired 'level' parameter was not specified in request." });
    const invalid = await rest.call('PUT', '/admin/loggers/root', { level: 'LOUD' });
    expect(invalid.status).toBe(404);
    expect(invalid.json).toEqual({ error_code: 404, message: "invalid log level 'LOUD'." });
  });
});

describe('admin.listeners', () => {
  it('serves /admin only on the admin listeners when they are set', async () => {
    rest = await startRest({ adminListeners: ['http://127.0.0.1:0'] });
    const admin = rest.address.adminUrls[0] as string;
    expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await rest.call('GET', '/admin/loggers')).status).toBe(404);
    expect((await call(`${admin}admin/loggers`, 'GET')).status).toBe(200);
    expect((await call(`${admin}connectors`, 'GET')).json).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
    expect((await rest.call('GET', '/connectors')).status).toBe(200);
  });

  it('serves /admin nowhere when admin.listeners is empty', async () => {
    rest = await startRest({ adminListeners: [] });
    expect((await rest.call('GET', '/admin/loggers')).status).toBe(404);
    expect(rest.address.adminUrls).toEqual([]);
  });
});
