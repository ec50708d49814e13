/**
 * Kafka's quickstart ("Step 7: import/export your data as streams of events with Kafka Connect"):
 * its own connect-standalone.properties, connect-file-source.properties and
 * connect-file-sink.properties, run with `sluice standalone` as a child process in a working
 * directory holding test.txt; the lines must reach test.sink.txt.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { awaitLines, fileLines, makeTempDir, readTopic, removeTempDir, REPO_ROOT, RestClient, startWorkerProcess, type WorkerProcess } from './support.js';

const FIXTURES = join(REPO_ROOT, 'src', 'config', 'fixtures');
// connect-standalone.properties keeps its offsets here, as Kafka's file does.
const OFFSETS_FILE = '/tmp/connect.offsets';

let dir: string;
let broker: RunningBroker;
let worker: WorkerProcess | undefined;
let offsetsFileExisted = false;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  dir = makeTempDir('quickstart');
  broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  offsetsFileExisted = existsSync(OFFSETS_FILE);

  // The only change to Kafka's file: the embedded broker listens on a free port picked at start-up
  // (port 0) rather than localhost:9092, so that tests can run in parallel and next to a real Kafka.
  const original = readFileSync(join(FIXTURES, 'connect-standalone.properties'), 'utf8');
  const rewritten = original.replace(/^bootstrap\.servers=localhost:9092$/m, `bootstrap.servers=${broker.bootstrapServers}`);
  const changed = original.split('\n').filter((l, i) => l !== rewritten.split('\n')[i]);
  expect(changed).toEqual(['bootstrap.servers=localhost:9092']);
  writeFileSync(join(dir, 'connect-standalone.properties'), rewritten);
  for (const f of ['connect-file-source.properties', 'connect-file-sink.properties']) {
    writeFileSync(join(dir, f), readFileSync(join(FIXTURES, f)));
  }
});

afterAll(async () => {
  await worker?.kill();
  await broker?.close();
  removeTempDir(dir);
  // Leave /tmp as it was: the quickstart's offsets file is ours only if it was not there before.
  if (!offsetsFileExisted) rmSync(OFFSETS_FILE, { force: true });
});

describe("Kafka's quickstart configs, unchanged but for bootstrap.servers", () => {
  it('test.txt lines reach test.sink.txt; REST on the default port 8083; SIGTERM exits cleanly', async () => {
    // The quickstart's worker file sets no listeners: the REST API takes Kafka's default, port 8083.
    expect(await portFree(8083), 'port 8083 (the default listener of connect-standalone.properties) is in use').toBe(true);

    worker = await startWorkerProcess(['connect-standalone.properties', 'connect-file-source.properties', 'connect-file-sink.properties'], { cwd: dir });
    expect(new URL(worker.restUrl).port).toBe('8083');
    const api = new RestClient('http://127.0.0.1:8083');
    await api.awaitRunning('local-file-source');
    await api.awaitRunning('local-file-sink');
    expect(((await api.get('/connectors')).body as string[]).sort()).toEqual(['local-file-sink', 'local-file-source']);
    expect((await api.get('/connectors/local-file-source/config')).body).toEqual({
      name: 'local-file-source',
      'connector.class': 'FileStreamSource',
      'tasks.max': '1',
      file: 'test.txt',
      topic: 'connect-test',
    });

    // /tmp/connect.offsets is shared with anything else that ran the quickstart: an offset left there
    // for test.txt would make the source skip bytes, so clear it through the offsets API first.
    if ((await api.get('/connectors/local-file-source/offsets')).body.offsets.length > 0) {
      expect((await api.put('/connectors/local-file-source/stop')).status).toBe(204);
      expect((await api.delete('/connectors/local-file-source/offsets')).status).toBe(200);
      expect((await api.put('/connectors/local-file-source/resume')).status).toBe(202);
      await api.awaitRunning('local-file-source');
    }

    // As in the quickstart: echo -e "foo\nbar" > test.txt, then more lines while it runs.
    writeFileSync(join(dir, 'test.txt'), 'foo\nbar\n');
    expect(await awaitLines(join(dir, 'test.sink.txt'), 2)).toEqual(['foo', 'bar']);
    appendFileSync(join(dir, 'test.txt'), 'Another line\n');
    expect(await awaitLines(join(dir, 'test.sink.txt'), 3)).toEqual(['foo', 'bar', 'Another line']);

    // The topic holds JsonConverter envelopes (schemas.enable=true in the quickstart worker file).
    expect(await readTopic(broker.bootstrapServers, 'connect-test')).toEqual([
      '{"schema":{"type":"string","optional":false},"payload":"foo"}',
      '{"schema":{"type":"string","optional":false},"payload":"bar"}',
      '{"schema":{"type":"string","optional":false},"payload":"Another line"}',
    ]);

    const code = await worker.stop();
    expect(code, worker.logs().slice(-2000)).toBe(0);
    worker = undefined;
    expect(fileLines(join(dir, 'test.sink.txt'))).toEqual(['foo', 'bar', 'Another line']);
    // The final offset flush on shutdown recorded where the source stopped.
    expect(existsSync(OFFSETS_FILE)).toBe(true);
    expect(readFileSync(OFFSETS_FILE, 'utf8')).toContain('local-file-source');
  });
});
