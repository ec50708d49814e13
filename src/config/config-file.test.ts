import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigFile, parseConfigText, readConnectorConfigFile } from './config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-config-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseConfigFile', () => {
  it('reads .properties files', async () => {
    const file = await parseConfigFile(write('source.properties', 'name=local-file-source\nconnector.class=FileStreamSource\ntasks.max=1\n'));
    expect(file).toEqual({
      format: 'properties',
      shape: 'flat',
      name: 'local-file-source',
      config: { name: 'local-file-source', 'connector.class': 'FileStreamSource', 'tasks.max': '1' },
      initialState: undefined,
    });
  });

  it('reads a flat JSON object, turning numbers and booleans into their JSON text', async () => {
    const file = await parseConfigFile(
      write('flat.json', '{"name": "sink", "tasks.max": 2, "ratio": 1.0, "big": 9223372036854775807, "errors.log.enable": true, "e": -1e3}'),
    );
    expect(file.format).toBe('json');
    expect(file.shape).toBe('flat');
    expect(file.name).toBe('sink');
    expect(file.config).toEqual({
      name: 'sink',
      'tasks.max': '2',
      ratio: '1.0',
      big: '9223372036854775807',
      'errors.log.enable': 'true',
      e: '-1e3',
    });
  });

  it('reads the POST /connectors shape, filling in config.name and initial_state', async () => {
    const file = await parseConfigFile(
      write('request.json', '{"name": "local-file-sink", "config": {"connector.class": "FileStreamSink", "topics": "connect-test", "tasks.max": 1}, "initial_state": "paused", "tasks": []}'),
    );
    expect(file).toEqual({
      format: 'json',
      shape: 'create-request',
      name: 'local-file-sink',
      config: { 'connector.class': 'FileStreamSink', topics: 'connect-test', 'tasks.max': '1', name: 'local-file-sink' },
      initialState: 'PAUSED',
    });
  });

  it('refuses a create request whose config.name differs from name', async () => {
    const path = write('mismatch.json', '{"name": "a", "config": {"name": "b"}}');
    await expect(parseConfigFile(path)).rejects.toThrow(`Connector name configuration in 'config' doesn't match the one specified in 'name' at '${path}'`);
  });

  it('reports JSON syntax errors in .json files with a position, and null or nested values', async () => {
    await expect(parseConfigFile(write('broken.json', '{"name": "x",\n  "tasks.max": }'))).rejects.toThrow(/Could not parse .*broken\.json as JSON: Unexpected character '}' at line 2 column 16/);
    await expect(parseConfigFile(write('null.json', '{"name": "x", "file": null}'))).rejects.toThrow(
      /Invalid value null for configuration file: Null value can not be supplied/,
    );
    await expect(parseConfigFile(write('nested.json', '{"name": "x", "transforms": ["a"]}'))).rejects.toThrow(/must be a JSON object of settings/);
    await expect(parseConfigFile(write('array.json', '[1]'))).rejects.toThrow(/must hold a JSON object/);
  });

  it('guesses the format of other files as Connect does: JSON first, then properties', async () => {
    expect((await parseConfigFile(write('conn.conf', '{"name": "j"}'))).format).toBe('json');
    const props = await parseConfigFile(write('conn.txt', 'name=p\n'));
    expect(props.format).toBe('properties');
    expect(props.config).toEqual({ name: 'p' });
  });

  it('names the file when it cannot be read', async () => {
    await expect(parseConfigFile(join(dir, 'absent.properties'))).rejects.toThrow(/Could not read config file .*absent\.properties/);
  });

  it('keeps the worker file without a name', () => {
    const file = parseConfigText('bootstrap.servers=localhost:9092', { format: 'properties' });
    expect(file.name).toBeUndefined();
    expect(file.config).toEqual({ 'bootstrap.servers': 'localhost:9092' });
  });
});

describe('readConnectorConfigFile', () => {
  it('requires a connector name', async () => {
    const path = write('noname.properties', 'connector.class=FileStreamSource\n');
    await expect(readConnectorConfigFile(path)).rejects.toThrow(`Connector configuration at '${path}' is missing the mandatory 'name' configuration`);
    const ok = await readConnectorConfigFile(write('named.json', '{"name": "n", "config": {}}'));
    expect(ok.name).toBe('n');
    expect(ok.config).toEqual({ name: 'n' });
  });
});
