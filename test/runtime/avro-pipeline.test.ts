/** AvroConverter in a running worker: source -> Confluent wire format via the embedded registry -> sink. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../src/broker/broker.js';
import { startStandalone, type StandaloneWorker } from '../../src/runtime/standalone.js';
import { startSchemaRegistry } from '../../src/schema-registry/schema-registry.js';
import { silentLogger } from '../../src/util/logger.js';
import { removeDir, tempDir } from '../helpers/broker-process.js';
import { run, waitFor } from '../helpers/run.js';

let broker: RunningBroker;
let registry: { url: string; close(): Promise<void> };
let worker: StandaloneWorker;
const dir = tempDir('avro-pipeline');

beforeAll(async () => {
  broker = await startBroker({ port: 0, dataDir: join(dir, 'broker') });
  registry = await startSchemaRegistry({ port: 0, bootstrapServers: broker.bootstrapServers, logger: silentLogger() });
  worker = await startStandalone({
    workerProps: {
      'bootstrap.servers': broker.bootstrapServers,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'value.converter.schema.registry.url': registry.url,
      'offset.storage.file.filename': join(dir, 'offsets'),
      listeners: 'http://127.0.0.1:0',
    },
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await worker?.close();
  await registry?.close();
  await broker?.close();
  removeDir(dir);
});

const post = (body: object) => fetch(new URL('/connectors', worker.restUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('AvroConverter in the worker', () => {
  it('writes Confluent-framed Avro, registers the schema once, and reads it back in a sink', async () => {
    const input = join(dir, 'in.txt');
    const output = join(dir, 'out.txt');
    writeFileSync(input, 'alpha\nbeta\ngamma\n');
    expect((await post({ name: 'avro-src', config: { 'connector.class': 'FileStreamSource', file: input, topic: 'avro-lines', transforms: 'wrap', 'transforms.wrap.type': 'org.apache.kafka.connect.transforms.HoistField$Value', 'transforms.wrap.field': 'line' } })).status).toBe(201);
    expect((await post({ name: 'avro-sink', config: { 'connector.class': 'FileStreamSink', file: output, topics: 'avro-lines' } })).status).toBe(201);
    await waitFor(() => {
      try {
        return readFileSync(output, 'utf8').split('\n').length >= 4 ? true : undefined;
      } catch {
        return undefined;
      }
    }, 30_000, 'three records through Avro');
    expect(readFileSync(output, 'utf8')).toBe('Struct{line=alpha}\nStruct{line=beta}\nStruct{line=gamma}\n');

    const raw = await run('kcat', ['-b', broker.bootstrapServers, '-C', '-t', 'avro-lines', '-o', 'beginning', '-c', '1', '-e', '-q', '-f', '%s']);
    expect(raw.stdout[0]).toBe(0); // Confluent magic byte
    const schemaId = raw.stdout.readInt32BE(1);
    const versions = (await (await fetch(`${registry.url}/subjects/avro-lines-value/versions`)).json()) as number[];
    expect(versions).toEqual([1]);
    const stored = (await (await fetch(`${registry.url}/schemas/ids/${schemaId}`)).json()) as { schema: string };
    expect(JSON.parse(stored.schema)).toMatchObject({ type: 'record', fields: [{ name: 'line', type: 'string' }] });
  });
});
