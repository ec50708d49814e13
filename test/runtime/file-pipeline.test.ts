/**
 * A FileStream source → topic → FileStream sink pipeline driven only through REST, with the broker
 * and the worker as separate processes (`sluice broker`, `sluice standalone`), then a `kill -9` of
 * the worker mid-stream and a restart with the same offsets file: nothing lost, and duplicates only
 * where at-least-once allows them.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { waitFor } from '../helpers/run.js';
import { awaitLines, fileLines, kcat, makeTempDir, propertiesText, readTopic, removeTempDir, startWorkerProcess, type WorkerProcess } from './support.js';

const TOPIC = 'pipeline-lines';
const SOURCE = 'pipeline-source';
const SINK = 'pipeline-sink';

let dir: string;
let broker: BrokerProcess;
let worker: WorkerProcess | undefined;
let workerFile: string;
let input: string;
let output: string;
/** Every line appended to the input file, in order. */
const written: string[] = [];

function line(n: number): string {
  return `line-${String(n).padStart(5, '0')} some text ${n * 7}`;
}

function append(count: number): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(line(written.length + lines.length + 1));
  appendFileSync(input, lines.map((l) => `${l}\n`).join(''));
  written.push(...lines);
}

/** The payloads of the topic's JsonConverter envelopes, in order. */
async function topicPayloads(): Promise<string[]> {
  return (await readTopic(broker.bootstrap, TOPIC)).map((v) => JSON.parse(v).payload as string);
}

const sourceConfig = (): Record<string, string> => ({ 'connector.class': 'FileStreamSource', 'tasks.max': '1', file: input, topic: TOPIC });
const sinkConfig = (): Record<string, string> => ({ 'connector.class': 'FileStreamSink', 'tasks.max': '1', file: output, topics: TOPIC });

beforeAll(async () => {
  dir = makeTempDir('pipeline');
  broker = await startBrokerProcess({ dataDir: join(dir, 'broker') });
  input = join(dir, 'input.txt');
  output = join(dir, 'output.txt');
  writeFileSync(input, '');
  workerFile = join(dir, 'worker.properties');
  writeFileSync(
    workerFile,
    propertiesText({
      'bootstrap.servers': broker.bootstrap,
      listeners: 'http://127.0.0.1:0',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'true',
      'value.converter.schemas.enable': 'true',
      'offset.storage.file.filename': join(dir, 'connect.offsets'),
      // Long enough that a crash leaves unflushed source offsets and uncommitted sink offsets behind.
      'offset.flush.interval.ms': '1000',
      // The killed worker's sink consumer stays in the group until its session expires; keep that short.
      'consumer.session.timeout.ms': '6000',
      'consumer.heartbeat.interval.ms': '500',
    }),
  );
  worker = await startWorkerProcess([workerFile]);
});

afterAll(async () => {
  await worker?.kill();
  await broker?.stop();
  removeTempDir(dir);
});

describe('FileStream pipeline through REST, worker and broker as processes', () => {
  it('every line of a growing file arrives once, in order, in the topic and the sink file', async () => {
    const api = worker!.rest;
    const src = await api.post('/connectors', { name: SOURCE, config: sourceConfig() });
    expect(src.status, src.text).toBe(201);
    const sink = await api.post('/connectors', { name: SINK, config: sinkConfig() });
    expect(sink.status, sink.text).toBe(201);
    await api.awaitRunning(SOURCE);
    await api.awaitRunning(SINK);

    for (const size of [1, 25, 100, 7, 300]) {
      append(size);
      await awaitLines(output, written.length);
    }
    expect(fileLines(output)).toEqual(written);
    expect(await topicPayloads()).toEqual(written);
  });

  it('with JsonConverter schemas.enable=true the topic holds the schema/payload envelope, keys null', async () => {
    const raw = await kcat(broker.bootstrap, TOPIC, '%s\n');
    const first = raw.subarray(0, raw.indexOf(0x0a)).toString('utf8');
    expect(first).toBe('{"schema":{"type":"string","optional":false},"payload":"line-00001 some text 7"}');
    // %K is the key length, -1 for a null key (FileStreamSource records have no key).
    const keyLengths = new Set((await kcat(broker.bootstrap, TOPIC, '%K\n')).toString().trim().split('\n'));
    expect([...keyLengths]).toEqual(['-1']);
  });

  it('kill -9 mid-stream and restart with the same offsets file: no line lost, duplicates only past the flushed/committed offsets', async () => {
    const before = written.length;
    // Keep appending while the pipeline runs, and crash the worker while lines are still in flight.
    let appending = true;
    const appender = (async () => {
      while (appending) {
        append(5);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await waitFor(() => (fileLines(output).length >= before + 300 ? true : undefined), 20_000, 'sink progress before the crash');
    const inFlight = written.length - fileLines(output).length;
    await worker!.kill();
    expect(worker!.proc.signalCode).toBe('SIGKILL');
    const atKill = { written: written.length, inSink: fileLines(output).length };
    await new Promise((r) => setTimeout(r, 300)); // the file keeps growing while the worker is down
    appending = false;
    await appender;
    const total = written.length;

    // Standalone keeps REST-created connectors in memory only: recreate them, STOPPED first so that the
    // offsets the crashed worker left behind can be read through the offsets API before anything moves.
    worker = await startWorkerProcess([workerFile]);
    const api = worker.rest;
    expect((await api.post('/connectors', { name: SOURCE, config: sourceConfig(), initial_state: 'STOPPED' })).status).toBe(201);
    expect((await api.post('/connectors', { name: SINK, config: sinkConfig(), initial_state: 'STOPPED' })).status).toBe(201);
    const sourceOffsets = (await api.get(`/connectors/${SOURCE}/offsets`)).body.offsets;
    expect(sourceOffsets).toHaveLength(1);
    expect(sourceOffsets[0].partition).toEqual({ filename: input });
    const flushedPosition: number = sourceOffsets[0].offset.position;
    const sinkOffsets = (await api.get(`/connectors/${SINK}/offsets`)).body.offsets;
    expect(sinkOffsets).toHaveLength(1);
    expect(sinkOffsets[0].partition).toEqual({ kafka_topic: TOPIC, kafka_partition: 0 });
    const committedOffset: number = sinkOffsets[0].offset.kafka_offset;

    expect((await api.put(`/connectors/${SOURCE}/resume`)).status).toBe(202);
    expect((await api.put(`/connectors/${SINK}/resume`)).status).toBe(202);
    await api.awaitRunning(SOURCE);
    await api.awaitRunning(SINK);

    // Every line arrives in the sink file (and so in the topic).
    const sinkLines = await waitFor(() => {
      const lines = fileLines(output);
      return new Set(lines).size === total ? lines : undefined;
    }, 40_000, 'every line in the sink file');
    const topic = await topicPayloads();
    expect(new Set(topic).size).toBe(total);
    for (const l of written) expect(sinkLines).toContain(l);

    // Source side: lines ending at or before the flushed position were never re-read; the topic is
    // written[0..k) followed by written[j..) where j = lines covered by the flushed offset, k >= j.
    let position = 0;
    let j = 0;
    while (j < written.length && position + Buffer.byteLength(`${written[j]}\n`) <= flushedPosition) {
      position += Buffer.byteLength(`${written[j]}\n`);
      j += 1;
    }
    expect(position, 'the flushed source offset is at a line boundary').toBe(flushedPosition);
    const k = topic.length - (total - j);
    expect(k).toBeGreaterThanOrEqual(j);
    expect(topic).toEqual([...written.slice(0, k), ...written.slice(j)]);
    const sourceDuplicates = written.slice(j, k);

    // Sink side: records below the committed offset were never re-delivered; the sink file is
    // topic[0..s) followed by topic[c..) where c = the committed offset, s >= c.
    const c = committedOffset;
    const s = sinkLines.length - (topic.length - c);
    expect(s).toBeGreaterThanOrEqual(c);
    expect(sinkLines).toEqual([...topic.slice(0, s), ...topic.slice(c)]);
    const sinkRedeliveries = topic.slice(c, s);

    const report = {
      linesBeforeCrashPhase: before,
      linesInFlightWhenKilled: inFlight,
      atKill,
      totalLines: total,
      flushedSourcePosition: flushedPosition,
      linesCoveredByFlushedOffset: j,
      topicRecords: topic.length,
      sourceDuplicates: sourceDuplicates.length,
      committedSinkOffset: c,
      sinkLinesWrittenBeforeCrash: s,
      sinkRedeliveries: sinkRedeliveries.length,
      sinkFileLines: sinkLines.length,
      duplicateLinesInSinkFile: sinkLines.length - total,
    };
    console.log(`kill -9 recovery: ${JSON.stringify(report)}`);
    if (sourceDuplicates.length > 0) console.log(`re-read by the source (topic duplicates): ${sourceDuplicates[0]} .. ${sourceDuplicates.at(-1)}`);
    if (sinkRedeliveries.length > 0) console.log(`re-delivered to the sink: ${sinkRedeliveries[0]} .. ${sinkRedeliveries.at(-1)}`);
    expect(sinkLines.length - total).toBe(sourceDuplicates.length + sinkRedeliveries.length);
  });
});
