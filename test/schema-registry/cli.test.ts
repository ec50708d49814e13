/** `sluice schema-registry`: flags, help, start and stop. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runSchemaRegistryCommand } from '../../src/cli/schema-registry-command.js';
import { client, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

it('prints help', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await runSchemaRegistryCommand(['--help']);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/^Usage: sluice schema-registry/);
  } finally {
    log.mockRestore();
  }
});

it('rejects unknown flags and bad ports', async () => {
  await expect(runSchemaRegistryCommand(['--nope'])).rejects.toThrow();
  await expect(runSchemaRegistryCommand(['--port', 'x'])).rejects.toThrow(/--port/);
});

it('serves on the given broker until shutdown', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runSchemaRegistryCommand(['--port', '0', '--bootstrap-servers', h.broker.bootstrapServers, '--topic', '_schemas_cli'], {
    untilShutdown: () => stopped,
    logger,
  });
  const port = await waitFor(() => {
    const line = lines.find((l) => l.includes('schema registry listening'));
    return line === undefined ? undefined : (JSON.parse(line) as { port: number }).port;
  });
  const c = client(`http://127.0.0.1:${port}`);
  expect((await c.register('cli-value', '"string"')).body).toEqual({ id: 1 });
  stop();
  await running;
  await expect(fetch(`http://127.0.0.1:${port}/subjects`)).rejects.toThrow();
});
