import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRest, type RunningRest } from './test/harness.js';

let rest: RunningRest;

beforeAll(async () => {
  rest = await startRest();
});

afterAll(async () => {
  await rest.close();
});

describe('GET /connector-plugins', () => {
  it('lists connectors only by default, everything with connectorsOnly=false', async () => {
    const connectors = await rest.call('GET', '/connector-plugins');
    expect(connectors.status).toBe(200);
    expect(connectors.text).toBe(
      '[{"class":"org.apache.kafka.connect.file.FileStreamSinkConnector","type":"sink","version":"3.9.0"},' +
        '{"class":"org.apache.kafka.connect.file.FileStreamSourceConnector","type":"source","version":"3.9.0"}]',
    );
    const all = (await rest.call('GET', '/connector-plugins?connectorsOnly=false')).json as Array<Record<string, string>>;
    expect(all.map((p) => p.type)).toEqual(['sink', 'source', 'transformation', 'converter']);
    // No version key at all when the plugin reports none.
    expect(all[3]).toEqual({ class: 'org.apache.kafka.connect.json.JsonConverter', type: 'converter' });
  });
});

describe('GET /connector-plugins/{plugin}/config', () => {
  it('returns config key definitions in Kafka key order; 404 for unknown plugins', async () => {
    const answer = await rest.call('GET', '/connector-plugins/FileStreamSink/config');
    expect(answer.status).toBe(200);
    const keys = answer.json as Array<Record<string, unknown>>;
    expect(Object.keys(keys[0] ?? {})).toEqual([
      'name',
      'type',
      'required',
      'default_value',
      'importance',
      'documentation',
      'group',
      'width',
      'display_name',
      'dependents',
      'order',
    ]);
    expect(keys[1]).toMatchObject({ name: 'topics', type: 'LIST', required: true, default_value: null });
    const unknown = await rest.call('GET', '/connector-plugins/Nope/config');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error_code: 404, message: 'Unknown plugin Nope.' });
  });
});

describe('PUT /connector-plugins/{plugin}/config/validate', () => {
  const validate = (plugin: string, body: unknown): ReturnType<RunningRest['call']> =>
    rest.call('PUT', `/connector-plugins/${plugin}/config/validate`, body);

  it('answers 200 with ConfigInfos, errors included', async () => {
    const answer = await validate('FileStreamSourceConnector', {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'db.password': 'secret',
    });
    expect(answer.status).toBe(200);
    const infos = answer.json as { name: string; error_count: number; groups: string[]; configs: Array<Record<string, unknown>> };
    expect(Object.keys(infos)).toEqual(['name', 'error_count', 'groups', 'configs']);
    expect(infos.name).toBe('org.apache.kafka.connect.file.FileStreamSourceConnector');
    expect(infos.error_count).toBe(1);
    expect(Object.keys(infos.configs[0] ?? {})).toEqual(['definition', 'value']);
    expect(Object.keys((infos.configs[0]?.['value'] as object) ?? {})).toEqual(['name', 'value', 'recommended_values', 'errors', 'visible']);
    expect(infos.configs[1]?.['value']).toMatchObject({ name: 'topic', value: null, errors: [expect.stringMatching(/^Missing required/)] });
    expect(infos.configs[2]?.['value']).toMatchObject({ name: 'db.password', value: '[hidden]' });
  });

  it('matches the path plugin against connector.class by suffix, without the Connector suffix', async () => {
    const full = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
    for (const plugin of ['FileStreamSource', 'FileStreamSourceConnector', full, 'Source']) {
      expect((await validate(plugin, { 'connector.class': full, topic: 't' })).status).toBe(200);
    }
    expect((await validate('FileStreamSource', { 'connector.class': 'FileStreamSource', topic: 't' })).status).toBe(200);
    const mismatch = await validate('FileStreamSink', { 'connector.class': full });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json).toEqual({
      error_code: 400,
      message: `Included connector type ${full} does not match request type FileStreamSink`,
    });
  });

  it('answers 400 when the config has no connector.class, printing the map as Java does', async () => {
    const answer = await validate('FileStreamSource', { topic: 't', 'tasks.max': 1 });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error_code: 400, message: 'Connector config {topic=t, tasks.max=1} contains no connector type' });
  });

  it('answers 500 for an unknown connector class, as Kafka Connect does', async () => {
    const answer = await validate('Nope', { 'connector.class': 'Nope' });
    expect(answer.status).toBe(500);
  });
});
