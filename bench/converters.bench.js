#!/usr/bin/env node
/**
 * Converter benchmark: encode + decode throughput of one core for a 10-field struct, with the
 * JsonConverter (schemas.enable=true) and the AvroConverter (schema id cached: the schema is
 * registered once with an embedded broker + Schema Registry before measuring).
 *
 *   node bench/converters.bench.js [--quick | --scale F] [--repeat N] [--only json,avro]
 *   (or: npm run bench -- converters [options])
 *
 * Needs a build (`npm run build`; `npm run bench` does it): it imports dist/src/...
 *
 * Figures (targets in brackets; PASS/FAIL is printed, the exit code is 0 unless something crashed):
 *   1. JsonConverter fromConnectData + toConnectData per record, records/s    [>= 100,000 records/s]
 *   2. AvroConverter fromConnectData + toConnectData per record, records/s    [>= 100,000 records/s]
 *   plus, for information, encode-only and decode-only rates and the encoded sizes.
 * Each figure is the best of --repeat runs (default 3) of RECORDS records (default 200,000; --quick
 * 1/10), cycling through 1,000 distinct pre-built structs, after a warm-up. The main thread does all
 * the work; "per core" is records per CPU-second of this process (process.cpuUsage), which other
 * load on the machine does not inflate. The wall-clock rate is printed next to it.
 *
 * Output: tables on stdout and bench/results/converters.json (git-ignored).
 */
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT, cleanupAll, installExitHandlers, makeTempDir, onCleanup } from './lib/proc.js';
import { Figures, fmt, fmtInt, printTable, writeResults } from './lib/report.js';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scale: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    only: { type: 'string', default: 'json,avro' },
  },
});
const SCALE = opts.scale !== undefined ? Number(opts.scale) : opts.quick ? 0.1 : 1;
const RECORDS = Math.max(1000, Math.round(200_000 * SCALE));
const REPEAT = Math.max(1, Number(opts.repeat));
const DISTINCT = 1000;
const TARGET = 100_000;
const ONLY = new Set(opts.only.split(',').map((name) => name.trim()));

const dist = (path) => pathToFileURL(join(REPO_ROOT, 'dist', path)).href;

async function load() {
  for (const file of ['src/converters/index.js', 'src/converters/avro/index.js', 'src/data/index.js']) {
    if (!existsSync(join(REPO_ROOT, 'dist', file))) throw new Error(`dist/${file} is missing: run npm run build first`);
  }
  return {
    converters: await import(dist('src/converters/index.js')),
    avro: await import(dist('src/converters/avro/index.js')),
    data: await import(dist('src/data/index.js')),
    broker: await import(dist('src/broker/broker.js')),
    registry: await import(dist('src/schema-registry/schema-registry.js')),
  };
}

/** The benchmark record: ten fields of the kinds source connectors produce. */
function recordsOf({ BigDecimal, ConnectTimestamp, Decimal, Schema, SchemaBuilder, Struct }) {
  const schema = SchemaBuilder.struct()
    .name('bench.Customer')
    .field('id', Schema.INT64_SCHEMA)
    .field('name', Schema.STRING_SCHEMA)
    .field('email', Schema.OPTIONAL_STRING_SCHEMA)
    .field('age', Schema.INT32_SCHEMA)
    .field('score', Schema.FLOAT64_SCHEMA)
    .field('active', Schema.BOOLEAN_SCHEMA)
    .field('created', ConnectTimestamp.SCHEMA)
    .field('balance', Decimal.schema(2))
    .field('country', Schema.STRING_SCHEMA)
    .field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).build())
    .build();
  const records = [];
  for (let i = 0; i < DISTINCT; i++) {
    records.push(
      new Struct(schema)
        .put('id', BigInt(1_000_000 + i))
        .put('name', `Customer number ${i}`)
        .put('email', i % 3 === 0 ? null : `customer${i}@example.com`)
        .put('age', 18 + (i % 60))
        .put('score', i * 1.25)
        .put('active', i % 2 === 0)
        .put('created', new Date(1_700_000_000_000 + i * 1000))
        .put('balance', new BigDecimal(BigInt(i * 137), 2))
        .put('country', ['FR', 'DE', 'US', 'JP'][i % 4])
        .put('tags', ['new', `segment-${i % 7}`]),
    );
  }
  return { schema, records };
}

/** Runs `count` conversions, returning wall and CPU seconds. Results must be synchronous here. */
function timed(count, step) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) step(i);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function syncResult(value) {
  if (value instanceof Promise) throw new Error('conversion went asynchronous after warm-up: the schema id is not cached');
  return value;
}

function measure(name, converter, topic, schema, records) {
  const encoded = records.map((record) => syncResult(converter.fromConnectData(topic, null, schema, record)));
  for (const bytes of encoded) syncResult(converter.toConnectData(topic, null, bytes));
  const runs = { roundTrip: [], encode: [], decode: [] };
  for (let r = 0; r < REPEAT; r++) {
    runs.roundTrip.push(
      timed(RECORDS, (i) => {
        const bytes = syncResult(converter.fromConnectData(topic, null, schema, records[i % DISTINCT]));
        syncResult(converter.toConnectData(topic, null, bytes));
      }),
    );
    runs.encode.push(timed(RECORDS, (i) => syncResult(converter.fromConnectData(topic, null, schema, records[i % DISTINCT]))));
    runs.decode.push(timed(RECORDS, (i) => syncResult(converter.toConnectData(topic, null, encoded[i % DISTINCT]))));
  }
  // Per core: records per CPU-second of this (single-threaded) process, which other processes on
  // the machine do not inflate; the wall-clock rate is shown next to it.
  const best = (list) => list.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const perCore = (list) => RECORDS / best(list).cpu;
  const wall = (list) => RECORDS / best(list).wall;
  const avgBytes = encoded.reduce((sum, bytes) => sum + bytes.length, 0) / encoded.length;
  return {
    name,
    avgBytes,
    roundTrip: { perCore: perCore(runs.roundTrip), wall: wall(runs.roundTrip), runs: runs.roundTrip },
    encode: { perCore: perCore(runs.encode), wall: wall(runs.encode), runs: runs.encode },
    decode: { perCore: perCore(runs.decode), wall: wall(runs.decode), runs: runs.decode },
  };
}

async function main() {
  installExitHandlers();
  const started = new Date();
  const t0 = performance.now();
  const { converters, avro, data, broker, registry } = await load();
  const { schema, records } = recordsOf(data);

  console.log(`Converters: ${RECORDS.toLocaleString('en-US')} records per run, best of ${REPEAT}, ${DISTINCT} distinct 10-field structs\n`);

  const dataDir = makeTempDir('sluice-bench-converters');
  const runningBroker = await broker.startBroker({ port: 0, dataDir });
  onCleanup(() => runningBroker.close());
  const runningRegistry = await registry.startSchemaRegistry({ port: 0, bootstrapServers: runningBroker.bootstrapServers });
  onCleanup(() => runningRegistry.close());

  const json = new converters.JsonConverter();
  json.configure({ 'schemas.enable': 'true' }, false);
  const avroConverter = new avro.AvroConverter();
  avroConverter.configure({ 'schema.registry.url': runningRegistry.url }, false);
  // Register the schema and learn its id once; everything measured afterwards is the cached path.
  await avroConverter.toConnectData('bench', null, await avroConverter.fromConnectData('bench', null, schema, records[0]));

  const results = [];
  if (ONLY.has('json')) results.push(measure('JsonConverter (schemas.enable=true)', json, 'bench', schema, records));
  if (ONLY.has('avro')) results.push(measure('AvroConverter (schema id cached)', avroConverter, 'bench', schema, records));

  printTable(
    ['Converter', 'encode+decode rec/s/core', '(wall rec/s)', 'encode rec/s/core', 'decode rec/s/core', 'bytes/record'],
    results.map((r) => [r.name, fmtInt(r.roundTrip.perCore), fmtInt(r.roundTrip.wall), fmtInt(r.encode.perCore), fmtInt(r.decode.perCore), fmt(r.avgBytes, 1)]),
  );
  console.log();

  const figures = new Figures();
  const wallNote = (r) => `wall clock ${fmtInt(r.roundTrip.wall)} records/s`;
  for (const [key, label, result] of [
    ['json', 'JsonConverter', results.find((r) => r.name.startsWith('Json'))],
    ['avro', 'AvroConverter', results.find((r) => r.name.startsWith('Avro'))],
  ]) {
    if (result === undefined) continue;
    const cached = key === 'avro' ? ' (id cached)' : '';
    figures.add(`${key}_roundtrip`, `${label} encode+decode per core${cached}`, result.roundTrip.perCore, 'records/s', {
      target: { op: '>=', value: TARGET },
      note: wallNote(result),
    });
    figures.add(`${key}_encode`, `${label} encode per core`, result.encode.perCore, 'records/s');
    figures.add(`${key}_decode`, `${label} decode per core`, result.decode.perCore, 'records/s');
    figures.add(`${key}_bytes`, `${label} bytes per record`, result.avgBytes, 'B', { digits: 1 });
  }
  figures.print();

  const file = writeResults('converters', {
    benchmark: 'converters',
    startedAt: started.toISOString(),
    durationS: (performance.now() - t0) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGiB: totalmem() / 2 ** 30, node: process.version },
    options: { scale: SCALE, records: RECORDS, repeat: REPEAT, distinct: DISTINCT, only: [...ONLY] },
    figures: figures.list,
    details: results,
  });
  console.log(`\nResults: ${file}`);
}

main()
  .catch((err) => {
    console.error(`converters benchmark crashed: ${err?.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    // The embedded broker's client handles may keep the loop alive; the results are written.
    process.exit(process.exitCode ?? 0);
  });
