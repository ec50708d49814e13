// The examples/ folder is not in vitest's include list, so its checks live here, beside the
// connectors they configure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnector, SourceTask } from '../../src/connect/index.js';
import type { Transformation } from '../../src/connect/transformation.js';
import { parseProperties } from '../../src/config/index.js';
import { SinkRecord, SourceRecord } from '../../src/data/index.js';
import { Plugins } from '../../src/runtime/plugins.js';
import { silentLogger } from '../../src/util/logger.js';
import { FileStreamSinkConnector, FileStreamSourceConnector } from './index.js';
import { sourceContext, TempDirs } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const COMPILED = ['dist/src/data/index.js', 'dist/src/config/index.js'].map((p) => join(ROOT, p));

const temp = new TempDirs();
afterEach(() => temp.removeAll());

describe('examples/plugins', () => {
  let plugins: Plugins;

  beforeAll(async () => {
    // The plain-JS plugins import Sluice's compiled classes from dist/.
    if (!COMPILED.every((p) => existsSync(p))) {
      // tsc still emits when some other file has a type error, so only the output is checked.
      spawnSync('npx', ['tsc', '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'ignore' });
    }
    expect(COMPILED.filter((p) => !existsSync(p))).toEqual([]);
    plugins = new Plugins();
    const loaded = await plugins.loadPluginPath([join(EXAMPLES, 'plugins')]);
    expect(loaded.sort()).toEqual([join(EXAMPLES, 'plugins', 'hello-source'), join(EXAMPLES, 'plugins', 'uppercase-transform')]);
  }, 180_000);

  it('hello-source greets from its stored offset and stops a sleeping poll at once', async () => {
    const descriptor = plugins.resolve('HelloSource', ['source', 'sink']);
    expect(descriptor).toMatchObject({ className: 'com.example.hello.HelloSourceConnector', kind: 'source', version: '1.0.0' });
    const connector = descriptor.create() as SourceConnector;
    expect(connector.config().names()).toEqual(['topic', 'interval.ms']);
    expect(connector.config().validate({})[0].errorMessages).toEqual(['Missing required configuration "topic" which has no default value.']);
    const config = { topic: 'greetings', 'interval.ms': '5' };
    connector.start(config);
    const [taskConfig] = await connector.taskConfigs(3);
    expect(taskConfig).toEqual(config);

    const task: SourceTask = connector.taskClass().create();
    task.initialize(await sourceContext(taskConfig, [[{ source: 'hello' }, { n: 41 }]]));
    await task.start(taskConfig);
    const [first] = (await task.poll()) ?? [];
    expect(first.value()).toBe('hello 42');
    expect(first.topic()).toBe('greetings');
    expect(first.sourcePartition()).toEqual({ source: 'hello' });
    expect(first.sourceOffset()).toEqual({ n: 42 });
    expect(first.valueSchema()?.type()).toBe('STRING');
    expect((await task.poll())?.[0].value()).toBe('hello 43');

    const slow: SourceTask = connector.taskClass().create();
    slow.initialize(await sourceContext(taskConfig));
    await slow.start({ topic: 'greetings', 'interval.ms': '60000' });
    const started = performance.now();
    const polling = slow.poll();
    await slow.stop();
    expect(await polling).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('uppercase-transform uppercases string values and passes other records through', () => {
    const descriptor = plugins.resolve('com.example.transforms.UppercaseValue', ['transformation']);
    expect(descriptor.kind).toBe('transformation');
    const transform = descriptor.create() as Transformation;
    expect(transform.config().names()).toEqual(['locale']);
    transform.configure({});
    const source = new SourceRecord({ sourcePartition: { p: 1 }, sourceOffset: { o: 2 }, topic: 't', value: 'hello world', timestamp: 7 });
    const upper = transform.apply(source);
    expect(upper?.value()).toBe('HELLO WORLD');
    expect(upper?.sourceOffset()).toEqual({ o: 2 });
    expect(upper?.timestamp()).toBe(7);
    const sink = new SinkRecord({ topic: 't', kafkaPartition: 3, kafkaOffset: 99n, value: { n: 1 } });
    expect(transform.apply(sink)).toBe(sink);

    transform.configure({ locale: 'tr' });
    const city = new SourceRecord({ sourcePartition: null, sourceOffset: null, topic: 't', value: 'istanbul' });
    expect(transform.apply(city)?.value()).toBe('İSTANBUL');
    transform.close();
  });
});

describe('examples/file-pipeline', () => {
  const read = (name: string): Record<string, string> => parseProperties(readFileSync(join(EXAMPLES, 'file-pipeline', name), 'utf8'));

  it('has connector configs the FileStream connectors accept', () => {
    const source = read('file-source.properties');
    expect(source['connector.class']).toBe('FileStreamSource');
    const sourceErrors = new FileStreamSourceConnector(silentLogger()).config().validate(source).flatMap((v) => v.errorMessages);
    expect(sourceErrors).toEqual([]);
    expect(existsSync(join(ROOT, source.file))).toBe(true);

    const sink = read('file-sink.properties');
    expect(sink['connector.class']).toBe('FileStreamSink');
    expect(sink.topics).toBe(source.topic);
    expect(new FileStreamSinkConnector(silentLogger()).config().validate(sink).flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it('has a standalone worker config for the embedded broker with schemaless JSON', () => {
    expect(read('worker.properties')).toMatchObject({
      'bootstrap.servers': '127.0.0.1:9092',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'false',
      'value.converter.schemas.enable': 'false',
      'offset.storage.file.filename': expect.stringMatching(/^\.sluice\//),
      'plugin.path': 'examples/plugins',
    });
  });
});

describe('examples/access-log', () => {
  const COMBINED = /^(\S+) - (\S+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\] "([A-Z]+) (\S+) (HTTP\/[\d.]+)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"$/;

  it('is about 3000 combined-format lines in time order over one day', () => {
    const lines = readFileSync(join(EXAMPLES, 'access-log', 'access.log'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(3000);
    const seconds = lines.map((line) => {
      const m = COMBINED.exec(line);
      expect(m, line).not.toBeNull();
      const [h, min, s] = [m?.[6], m?.[7], m?.[8]].map(Number);
      return h * 3600 + min * 60 + s;
    });
    expect(seconds.every((s, i) => i === 0 || s >= seconds[i - 1])).toBe(true);
    expect(seconds[seconds.length - 1] - seconds[0]).toBeGreaterThan(23 * 3600);
    const field = (i: number): Set<string> => new Set(lines.map((l) => COMBINED.exec(l)?.[i] ?? ''));
    expect(field(1).size).toBeGreaterThan(100);
    expect(field(9).size).toBeGreaterThanOrEqual(5);
    expect(field(12).size).toBeGreaterThanOrEqual(8);
    expect(field(15).size).toBeGreaterThanOrEqual(10);
  });

  it('is exactly what generate.mjs writes', () => {
    const out = join(temp.make(), 'access.log');
    const run = spawnSync(process.execPath, [join(EXAMPLES, 'access-log', 'generate.mjs'), out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(EXAMPLES, 'access-log', 'access.log'), 'utf8'));
  });
});
