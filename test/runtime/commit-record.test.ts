/**
 * SourceTask.commitRecord: called once per acknowledged record with the record as the task
 * returned it (before any transform) and the metadata of where the transformed record landed.
 * The transformation chain may change a task's record in place only for tasks without
 * commitRecord, so this checks that tasks with one still get their own records untouched.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitTopic, makeTempDir, removeTempDir, REPO_ROOT, RestClient, startInProcessStack, type InProcessStack } from './support.js';

const COUNT = 25;
const DATA_MODULE = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'data', 'index.js')).href;
const CONFIG_MODULE = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'config', 'index.js')).href;

/** A source of COUNT string records that logs every commitRecord call to `log.file` as a JSON line. */
const PLUGIN_SOURCE = `
import { appendFileSync } from 'node:fs';
import { Schema, SourceRecord } from ${JSON.stringify(DATA_MODULE)};
import { ConfigDef } from ${JSON.stringify(CONFIG_MODULE)};

class CountingTask {
  version() { return '1.0.0'; }
  initialize() {}
  start(config) { this.config = config; this.next = 0; }
  async poll() {
    if (this.next >= ${COUNT}) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return null;
    }
    const records = [];
    for (let i = 0; i < 5 && this.next < ${COUNT}; i++, this.next++) {
      records.push(new SourceRecord({
        sourcePartition: { source: 'counter' },
        sourceOffset: { n: this.next },
        topic: this.config.topic,
        valueSchema: Schema.STRING_SCHEMA,
        value: 'line-' + this.next,
      }));
    }
    return records;
  }
  async commitRecord(record, metadata) {
    // Optionally the last record of each batch of 5 makes its call wait, as a task acknowledging
    // upstream might: the calls after it must still come after it.
    const delay = Number(this.config['commit.delay.ms'] ?? 0);
    if (delay > 0 && record.sourceOffset().n % 5 === 4) await new Promise((resolve) => setTimeout(resolve, delay));
    appendFileSync(this.config['log.file'], JSON.stringify({
      topic: record.topic(),
      value: record.value(),
      schema: record.valueSchema().type(),
      offset: record.sourceOffset(),
      metadata,
    }) + '\\n');
  }
  stop() {}
}

class CountingConnector {
  kind = 'source';
  version() { return '1.0.0'; }
  config() { return new ConfigDef(); }
  start(config) { this.settings = { ...config }; }
  taskClass() { return { className: 'com.example.CountingTask', create: () => new CountingTask() }; }
  taskConfigs() { return [{ ...this.settings }]; }
  stop() {}
}

export const plugins = [{ className: 'com.example.CountingConnector', kind: 'source', version: '1.0.0', create: () => new CountingConnector() }];
`;

let stack: InProcessStack;
let api: RestClient;
let pluginsDir: string;

beforeAll(async () => {
  pluginsDir = makeTempDir('commit-record-plugins');
  const pluginDir = join(pluginsDir, 'counting');
  mkdirSync(pluginDir, { recursive: true });
  writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({ name: 'counting', version: '1.0.0', type: 'module', private: true, sluice: { plugin: './index.js' } }));
  writeFileSync(join(pluginDir, 'index.js'), PLUGIN_SOURCE);
  stack = await startInProcessStack('commit-record', { 'plugin.path': pluginsDir });
  api = new RestClient(stack.worker.restUrl);
}, 30_000);

afterAll(async () => {
  await stack?.close();
  removeTempDir(pluginsDir);
});

type Commit = { topic: string; value: string; schema: string; offset: { n: number }; metadata: { topic: string; partition: number; offset: string } };

/** Runs the counting connector under `name` and returns its commitRecord calls, in call order. */
async function runCounting(name: string, extra: Record<string, string>): Promise<Commit[]> {
  const logFile = join(stack.dir, `${name}.jsonl`);
  const topic = `counted-${name}`;
  const r = await api.post('/connectors', {
    name,
    config: {
      'connector.class': 'com.example.CountingConnector',
      topic,
      'log.file': logFile,
      transforms: 'hoist,route',
      'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
      'transforms.hoist.field': 'line',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': 'counted-(.*)',
      'transforms.route.replacement': 'routed-$1',
      ...extra,
    },
  });
  expect(r.status, r.text).toBe(201);
  expect(await awaitTopic(stack.broker.bootstrapServers, `routed-${name}`, COUNT)).toHaveLength(COUNT);
  let lines: string[] = [];
  const deadline = Date.now() + 20_000;
  while (lines.length < COUNT && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.length > 0);
    } catch {
      lines = [];
    }
  }
  return lines.map((l) => JSON.parse(l) as Commit);
}

describe('SourceTask.commitRecord', () => {
  it('gets each record as the task returned it, with where its transformed form landed', async () => {
    const commits = await runCounting('plain', {});
    expect(commits).toHaveLength(COUNT);
    commits.forEach((c, i) => {
      expect(c).toMatchObject({ topic: 'counted-plain', value: `line-${i}`, schema: 'STRING', offset: { n: i } });
      expect(c.metadata).toMatchObject({ topic: 'routed-plain', partition: 0, offset: String(i) });
    });
  }, 40_000);

  it('is called in acknowledgement order even when a call waits', async () => {
    const commits = await runCounting('waiting', { 'commit.delay.ms': '50' });
    expect(commits.map((c) => c.offset.n)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(commits.map((c) => c.metadata.offset)).toEqual(Array.from({ length: COUNT }, (_, i) => String(i)));
  }, 40_000);
});
