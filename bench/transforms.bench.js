#!/usr/bin/env node
/**
 * Transforms benchmark: what Kafka's single message transforms (SMTs) cost in Sluice.
 *
 *   node bench/transforms.bench.js [--quick | --scale F] [--repeat N] [--pairs N] [--only micro,pipeline,rows] [--profile]
 *   (or: npm run bench -- transforms [options])
 *
 * Needs a build (`npm run build`; `npm run bench` does it): it imports dist/transforms and dist/src.
 *
 * 1. Per-transform throughput (information, no target; the README quotes the table). Each of
 *    Kafka's transforms ($Value forms) with a realistic config is applied to RECORDS (200,000)
 *    SourceRecords whose value is a 10-field Struct (one field a nested struct, one an array,
 *    one a Timestamp), cycling through 1,000 distinct pre-built records, best of --repeat (2)
 *    runs after a 20,000-record warm-up; and, where the value matters, to the same records as
 *    schemaless Maps (exactly what JsonConverter schemas.enable=false hands a sink: a JS Map in
 *    Java HashMap order, longs as bigint). The transform is built with the runtime's own
 *    buildTransformationChain (one stage; Filter runs under a HasHeaderKey predicate that drops
 *    1 record in 10), so the figure includes the chain's per-record overhead, as in a task. Every
 *    case runs in a fresh `node` child process (this script with --child): a transform measured
 *    after others would run on JIT code made megamorphic by them, which makes the order matter.
 *    The main figure is records per CPU-second of the child (process.cpuUsage, which other load
 *    on the machine does not inflate); the wall-clock rate is shown next to it. Phase 2's chains
 *    A and B are measured the same way on FileStreamSource-like records (a 200-byte line).
 *
 * 2. Pipeline cost of a five-transform chain on text lines (information). FileStreamSource →
 *    embedded broker (own process) → FileStreamSink in a fresh `sluice standalone` worker per
 *    run, PIPE_LINES (500,000) numbered lines of 200 bytes (+ '\n'), one-partition topics created
 *    beforehand, time from the first POST /connectors until the sink file holds every line:
 *      bare: StringConverter (key and value), no transforms
 *      J:    JsonConverter schemas.enable=false, no transforms
 *      A:    J + source chain HoistField$Value(field=line): the line becomes a struct, which the
 *            other transforms need; converters and sink then handle an object
 *      B:    J + source chain HoistField$Value + InsertField$Value (static field) + Cast$Value
 *            (that field to int32) + ReplaceField$Value (renames) + RegexRouter (topic rename)
 *            = five transforms
 *    the relative cost 1 - B/J by lines/s, and 1 - A/J and 1 - B/A: what HoistField and the
 *    four after it cost. Here the first transform changes what every later stage handles (a
 *    200-byte string becomes a struct, then a JSON object, then a map the sink prints), so the
 *    figure is mostly the cost of structured records over plain text, which phase 3 leaves out.
 *    J, A and B run in --pairs N rounds (default 3; alternate rounds in reverse order) and the
 *    medians are compared: the machine's other load moves single runs. Each J run is also set
 *    against the B run of its round (information: per-round costs and their median). The
 *    worker's CPU per line is reported too: the CPU-based cost 1 - cpuJ/cpuB is what the chain
 *    costs a CPU-bound worker. Each sink file is checked line by line: every line number exactly
 *    once, in order, in the shape the chain gives (J: the line; A: {line=...}; B: {message=...,
 *    schema_version=1}).
 *
 * 3. Pipeline cost of a five-transform chain on table rows: the JDBC source connector
 *    (PostgreSQL, incrementing mode, numeric.mapping=best_fit) → embedded broker → FileStreamSink,
 *    ROWS (500,000) rows of an orders table (id, created, customer, email, amount, qty, status,
 *    note; ~200 bytes as JSON) filled beforehand, JsonConverter schemas.enable=false, a fresh
 *    worker per run, time from the first POST /connectors until the sink file holds every row:
 *      RJ:   no transforms: the same pipeline without transforms
 *      RB:   RJ + source chain InsertField$Value (static field) + MaskField$Value (email) +
 *            Cast$Value (qty to int64, amount to string) + ReplaceField$Value (exclude note,
 *            rename customer) + RegexRouter (topic rename) = five transforms
 *    the relative cost 1 - RB/RJ by rows/s                                      [<= 20 %]
 *    Records are structs from the source on, as SMTs are mostly used (JDBC, CDC, JSON topics),
 *    so the figure is what the chain adds, not a change of record kind. Rounds as in phase 2
 *    (--pairs); every sink line checked: each id once, in order, in the chain's shape.
 *
 * --profile runs the A and B workers under `node --cpu-prof` (bench/results/profiles/
 * transforms-worker-*.cpuprofile; a profiled run is a little slower) and prints, per worker, the
 * top functions, the busy time by stage in µs per line (a sample with a transform on its stack
 * counts for the transforms, with the Struct/record/validation code they call), the inclusive
 * time per transform and the functions inside the chain; then A and B side by side, stage by
 * stage: where the chain's extra CPU goes. --quick runs at 1/10 of the sizes.
 *
 * Output: tables on stdout and bench/results/transforms.json (git-ignored). Exit 0 unless
 * something crashed (a FAIL is a result, not a crash).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import {
  CLK_TCK,
  REPO_ROOT,
  RESULTS_DIR,
  cleanupAll,
  installExitHandlers,
  isStopping,
  makeTempDir,
  measureCpu,
  measureSystemCpu,
  onCleanup,
  onSyncCleanup,
  sampleMemory,
  startBroker,
} from './lib/proc.js';
import { parseBenchArgs } from './lib/args.js';
import { Figures, fmt, fmtInt, mib, printCpuProfile, printTable, summarizeCpuProfile, writeResults } from './lib/report.js';
import { createConnector, fileSize, freePort, startWorker, writeNumberedLines, writeProperties } from './lib/worker-proc.js';

const { Kafka, logLevel } = kafkajs;

const HELP = 'Usage: node bench/transforms.bench.js [--quick | --scale F] [--repeat N] [--pairs N (rounds of J/A/B, default 3)] [--only micro,pipeline,rows] [--profile]';
const { opts, scale: SCALE } = parseBenchArgs(HELP, {
  repeat: { type: 'string', default: '2' },
  pairs: { type: 'string', default: '3' },
  only: { type: 'string', default: 'micro,pipeline,rows' },
  profile: { type: 'boolean', default: false },
  child: { type: 'string' }, // internal: run one micro case and print its result as JSON
});
const RECORDS = Math.max(1000, Math.round(200_000 * SCALE));
const REPEAT = Math.max(1, Number(opts.repeat) || 2);
const WARMUP = Math.min(RECORDS, 20_000);
const PAIRS = Math.max(1, Number(opts.pairs) || 1);
const DISTINCT = 1000;
const PIPE_LINES = Math.max(1000, Math.round(500_000 * SCALE));
const LINE_BYTES = 200; // + '\n'
const ONLY = new Set(opts.only.split(',').map((s) => s.trim()).filter(Boolean));
if (opts.child === undefined && ![...ONLY].some((p) => p === 'micro' || p === 'pipeline' || p === 'rows')) {
  console.error(`--only ${opts.only}: no phase of this benchmark selected (phases: micro, pipeline, rows)`);
  process.exit(2);
}
const TARGET_COST_PCT = 20;
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

const dist = (path) => pathToFileURL(join(REPO_ROOT, 'dist', path)).href;
const log = (msg) => console.log(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const propsText = (p) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(', ');

// =============================================================================================
// 1. Per-transform throughput

const TOPIC = 'dbserver1.inventory.customers';

/**
 * The cases: transform alias → class and config (as a connector config would give them, without
 * the `transforms.<alias>.` prefix), and whether the schemaless (Map) form is meaningful. The
 * value is { id int64, name, email (optional), age int32, score float64, active, created
 * (Timestamp), country, address { street, city, zip }, tags [string] }; headers trace_id and
 * source, plus debug on 1 record in 10.
 */
const CASES = [
  { key: 'InsertField', type: 'org.apache.kafka.connect.transforms.InsertField$Value', config: { 'topic.field': 'kafka_topic', 'timestamp.field': 'ingested_at', 'static.field': 'source_system', 'static.value': 'crm' }, map: true },
  { key: 'ReplaceField', type: 'org.apache.kafka.connect.transforms.ReplaceField$Value', config: { exclude: 'email', renames: 'name:full_name,country:country_code' }, map: true },
  { key: 'MaskField', type: 'org.apache.kafka.connect.transforms.MaskField$Value', config: { fields: 'email,name' }, map: true },
  { key: 'ExtractField', type: 'org.apache.kafka.connect.transforms.ExtractField$Value', config: { field: 'address' }, map: true },
  { key: 'HoistField', type: 'org.apache.kafka.connect.transforms.HoistField$Value', config: { field: 'customer' }, map: true },
  { key: 'ValueToKey', type: 'org.apache.kafka.connect.transforms.ValueToKey', config: { fields: 'id,country' }, map: true },
  { key: 'SetSchemaMetadata', type: 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value', config: { 'schema.name': 'com.example.crm.Customer', 'schema.version': '3' }, map: false },
  { key: 'Cast', type: 'org.apache.kafka.connect.transforms.Cast$Value', config: { spec: 'id:string,age:int64,score:float32' }, map: true },
  { key: 'Flatten', type: 'org.apache.kafka.connect.transforms.Flatten$Value', config: { delimiter: '_' }, map: true },
  { key: 'TimestampConverter', type: 'org.apache.kafka.connect.transforms.TimestampConverter$Value', config: { field: 'created', 'target.type': 'string', format: "yyyy-MM-dd'T'HH:mm:ss.SSS" }, map: true },
  { key: 'TimestampRouter', type: 'org.apache.kafka.connect.transforms.TimestampRouter', config: { 'topic.format': '${topic}-${timestamp}', 'timestamp.format': 'yyyyMMdd' }, map: false },
  { key: 'RegexRouter', type: 'org.apache.kafka.connect.transforms.RegexRouter', config: { regex: '([^.]+)\\.([^.]+)\\.([^.]+)', replacement: '$3' }, map: false },
  {
    key: 'Filter',
    type: 'org.apache.kafka.connect.transforms.Filter',
    config: {},
    predicate: { type: 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey', config: { name: 'debug' } },
    map: false,
    note: 'under predicate HasHeaderKey(name=debug): 1 in 10 dropped',
  },
  { key: 'DropHeaders', type: 'org.apache.kafka.connect.transforms.DropHeaders', config: { headers: 'trace_id,debug' }, map: false },
  { key: 'HeaderFrom', type: 'org.apache.kafka.connect.transforms.HeaderFrom$Value', config: { fields: 'id,country', headers: 'customer_id,country', operation: 'copy' }, map: true },
  { key: 'InsertHeader', type: 'org.apache.kafka.connect.transforms.InsertHeader', config: { header: 'pipeline', 'value.literal': 'sluice-crm' }, map: false },
];

const configText = (c) => [...Object.entries(c.config).map(([k, v]) => `${k}=${v}`), ...(c.note ? [c.note] : [])].join(', ');

/** The connector config of a one-stage chain for a case. */
function chainConfig(c) {
  const cfg = { transforms: 't', 'transforms.t.type': c.type };
  for (const [k, v] of Object.entries(c.config)) cfg[`transforms.t.${k}`] = v;
  if (c.predicate) {
    cfg['transforms.t.predicate'] = 'p';
    cfg['predicates'] = 'p';
    cfg['predicates.p.type'] = c.predicate.type;
    for (const [k, v] of Object.entries(c.predicate.config)) cfg[`predicates.p.${k}`] = v;
  }
  return cfg;
}

async function loadDist() {
  for (const file of ['transforms/index.js', 'src/data/index.js', 'src/runtime/transformation-chain.js', 'src/runtime/plugins.js', 'src/converters/index.js']) {
    if (!existsSync(join(REPO_ROOT, 'dist', file))) throw new Error(`dist/${file} is missing: run npm run build first`);
  }
  return {
    transforms: await import(dist('transforms/index.js')),
    data: await import(dist('src/data/index.js')),
    chain: await import(dist('src/runtime/transformation-chain.js')),
    plugins: await import(dist('src/runtime/plugins.js')),
    converters: await import(dist('src/converters/index.js')),
  };
}

/** DISTINCT SourceRecords with a 10-field Struct value, and the same values as schemaless Maps. */
function buildRecords({ data, converters }) {
  const { ConnectHeaders, ConnectTimestamp, Schema, SchemaBuilder, SourceRecord, Struct } = data;
  const address = SchemaBuilder.struct()
    .name('com.example.crm.Address')
    .field('street', Schema.STRING_SCHEMA)
    .field('city', Schema.STRING_SCHEMA)
    .field('zip', Schema.OPTIONAL_STRING_SCHEMA)
    .build();
  const schema = SchemaBuilder.struct()
    .name('dbserver1.inventory.customers.Value')
    .field('id', Schema.INT64_SCHEMA)
    .field('name', Schema.STRING_SCHEMA)
    .field('email', Schema.OPTIONAL_STRING_SCHEMA)
    .field('age', Schema.INT32_SCHEMA)
    .field('score', Schema.FLOAT64_SCHEMA)
    .field('active', Schema.BOOLEAN_SCHEMA)
    .field('created', ConnectTimestamp.SCHEMA)
    .field('country', Schema.STRING_SCHEMA)
    .field('address', address)
    .field('tags', SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
    .build();
  const json = new converters.JsonConverter();
  json.configure({ 'schemas.enable': 'false' }, false);
  const structs = [];
  const maps = [];
  for (let i = 0; i < DISTINCT; i++) {
    const value = new Struct(schema)
      .put('id', BigInt(1_000_000 + i))
      .put('name', `Customer number ${i}`)
      .put('email', i % 3 === 0 ? null : `customer${i}@example.com`)
      .put('age', 18 + (i % 60))
      .put('score', i * 1.25 + 0.5)
      .put('active', i % 2 === 0)
      .put('created', new Date(1_700_000_000_000 + i * 61_000))
      .put('country', ['FR', 'DE', 'US', 'JP'][i % 4])
      .put('address', new Struct(address).put('street', `${i} Main Street`).put('city', ['Paris', 'Berlin', 'Austin', 'Osaka'][i % 4]).put('zip', String(10000 + i)))
      .put('tags', ['new', `segment-${i % 7}`]);
    value.validate?.();
    const headers = () => {
      const h = new ConnectHeaders().addString('trace_id', `trace-${i.toString(16).padStart(8, '0')}`).addString('source', 'debezium');
      if (i % 10 === 0) h.addString('debug', 'true');
      return h;
    };
    const common = {
      sourcePartition: { server: 'dbserver1' },
      sourceOffset: { lsn: 1000 + i },
      topic: TOPIC,
      kafkaPartition: null,
      keySchema: Schema.INT64_SCHEMA,
      key: BigInt(1_000_000 + i),
      timestamp: 1_700_000_000_000 + i * 1000,
    };
    structs.push(new SourceRecord({ ...common, valueSchema: schema, value, headers: headers() }));
    // Schemaless: what JsonConverter(schemas.enable=false) reads back from this struct's JSON.
    const mapValue = json.toConnectData(TOPIC, null, json.fromConnectData(TOPIC, null, schema, value)).value;
    maps.push(new SourceRecord({ ...common, keySchema: null, valueSchema: null, value: mapValue, headers: headers() }));
  }
  return { schema, structs, maps };
}

/** Records as FileStreamSource makes them: a 200-byte line, STRING schema, no key, no headers. */
function lineRecords({ data }) {
  const filler = 'sluice-worker-bench-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-'.repeat(4);
  const records = [];
  for (let i = 0; i < DISTINCT; i++) {
    records.push(
      new data.SourceRecord({
        sourcePartition: { filename: '/tmp/source.txt' },
        sourceOffset: { position: i * (LINE_BYTES + 1) },
        topic: 'tx-a1',
        valueSchema: data.Schema.STRING_SCHEMA,
        value: `${String(i).padStart(10, '0')} ${filler}`.slice(0, LINE_BYTES),
        timestamp: 1_700_000_000_000 + i,
      }),
    );
  }
  return records;
}

/** What a transform's output looks like, for the report (and a sanity check that it did its job). */
function describeOutput(rec) {
  if (rec === null) return 'null (dropped)';
  const v = rec.value();
  const s = rec.valueSchema();
  let value;
  if (s && typeof s.fields === 'function' && s.type() === 'STRUCT') value = `Struct{${s.fields().map((f) => f.name()).join(',')}}${s.name() ? ` name=${s.name()}` : ''}${s.version() != null ? ` v${s.version()}` : ''}`;
  else if (v instanceof Map) value = `Map{${[...v.keys()].join(',')}}`;
  else value = `${s ? s.type() : typeof v}`;
  const headers = [...rec.headers()].map((h) => h.key()).join(',');
  const key = rec.key() === null ? 'null' : rec.keySchema()?.type?.() === 'STRUCT' ? `Struct{${rec.keySchema().fields().map((f) => f.name()).join(',')}}` : String(rec.key()).slice(0, 20);
  return `topic=${rec.topic()} key=${key} value=${value} headers=[${headers}]`;
}

/** Child mode: runs one case (`KEY:struct` or `KEY:map`), prints one JSON line. */
async function runChild(spec) {
  const [key, form] = spec.split(':');
  const pipelineChain = { chainA: CHAIN_A, chainB: CHAIN_B }[key];
  const c = key === 'none' || pipelineChain ? { key, config: {} } : CASES.find((x) => x.key === key);
  if (!c) throw new Error(`unknown case ${key}`);
  const mods = await loadDist();
  const plugins = new mods.plugins.Plugins().register(...mods.transforms.BUILTIN_TRANSFORMS, ...mods.transforms.BUILTIN_PREDICATES);
  const chain =
    key === 'none' ? mods.chain.TransformationChain.empty() : mods.chain.buildTransformationChain(plugins, pipelineChain ?? chainConfig(c));
  const records = form === 'line' ? lineRecords(mods) : form === 'map' ? buildRecords(mods).maps : buildRecords(mods).structs;
  const sample = describeOutput(chain.apply(records[1]));
  let kept = 0;
  const run = (count) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) if (chain.apply(records[i % DISTINCT]) !== null) kept++;
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
  };
  run(WARMUP); // warm-up (JIT)
  kept = 0;
  const runs = [];
  for (let r = 0; r < REPEAT; r++) runs.push(run(RECORDS));
  const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const bestWall = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
  const mem = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      key,
      form,
      records: RECORDS,
      repeat: REPEAT,
      perCpuS: RECORDS / best.cpu,
      perWallS: RECORDS / bestWall.wall,
      usPerRecord: (best.cpu * 1e6) / RECORDS,
      keptFraction: kept / (RECORDS * REPEAT),
      sample,
      runs,
      rssMiB: mem.rss / 2 ** 20,
    }) + '\n',
  );
  chain.close();
}

/** Runs `node this-script --child spec` and resolves its JSON result. */
function runChildProcess(spec, extraNodeArgs = []) {
  return new Promise((res, rej) => {
    const args = [...extraNodeArgs, import.meta.filename, '--child', spec, '--repeat', String(REPEAT)];
    if (opts.scale !== undefined) args.push('--scale', opts.scale);
    else if (opts.quick) args.push('--quick');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let done = false;
    const unSync = onSyncCleanup(() => !done && child.kill('SIGKILL'));
    const unCleanup = onCleanup(async () => !done && child.kill('SIGKILL'));
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (err.length > 100_000) err = err.slice(-50_000);
    });
    child.once('error', rej);
    child.once('close', (code, signal) => {
      done = true;
      unSync();
      unCleanup();
      if (code !== 0) return rej(new Error(`case ${spec} exited with ${code ?? signal}: ${err.trim().split('\n').slice(-8).join('\n')}`));
      try {
        res(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        rej(new Error(`case ${spec}: unreadable result ${JSON.stringify(out.slice(-500))}: ${e.message}`));
      }
    });
  });
}

async function phaseMicro(ctx) {
  log(`  ${fmtInt(RECORDS)} records per run, best of ${REPEAT} runs after a ${fmtInt(WARMUP)}-record warm-up, ${DISTINCT} distinct records, one fresh node process per case`);
  const rows = [];
  const baseline = await runChildProcess('none:struct');
  ctx.micro = { baseline, cases: [] };
  log(`  baseline (empty chain, same loop): ${fmtInt(baseline.perCpuS)} records/s per CPU-second`);
  for (const c of CASES) {
    if (isStopping()) return;
    const struct = await runChildProcess(`${c.key}:struct`);
    const map = c.map ? await runChildProcess(`${c.key}:map`) : null;
    // The transform must have run: Filter drops 1 record in 10, every other case keeps them all.
    const expectKept = c.key === 'Filter' ? 0.9 : 1;
    for (const r of [struct, map]) {
      if (r && Math.abs(r.keptFraction - expectKept) > 1e-9) ctx.problems.push(`${c.key} (${r.form}): kept ${r.keptFraction} of the records, expected ${expectKept}`);
    }
    ctx.micro.cases.push({ key: c.key, type: c.type, config: c.config, predicate: c.predicate ?? null, struct, map });
    const row = [
      c.key,
      fmtInt(struct.perCpuS),
      fmt(struct.usPerRecord, 2),
      fmtInt(struct.perWallS),
      map ? fmtInt(map.perCpuS) : '-',
      map ? fmt(map.usPerRecord, 2) : '-',
      configText(c),
    ];
    rows.push(row);
    log(`  ${c.key.padEnd(18)} struct ${fmtInt(struct.perCpuS).padStart(10)} rec/s${map ? `   map ${fmtInt(map.perCpuS).padStart(10)} rec/s` : ''}   → ${struct.sample}`);
  }
  // The pipeline's two chains, in process, on FileStreamSource-like records (see phase 2).
  const chainA = await runChildProcess('chainA:line');
  const chainB = await runChildProcess('chainB:line');
  ctx.micro.chains = { A: chainA, B: chainB };
  log(`  pipeline chain A (HoistField)     ${fmtInt(chainA.perCpuS).padStart(10)} rec/s = ${fmt(chainA.usPerRecord, 2)} µs/rec   → ${chainA.sample}`);
  log(`  pipeline chain B (5 transforms)   ${fmtInt(chainB.perCpuS).padStart(10)} rec/s = ${fmt(chainB.usPerRecord, 2)} µs/rec   → ${chainB.sample}`);
  log('');
  log(`  Per-transform throughput ($Value forms; records per CPU-second of one core; ${fmtInt(RECORDS)} records, best of ${REPEAT}):`);
  printTable(['Transform', 'Struct rec/s', 'µs/rec', '(wall rec/s)', 'Map rec/s', 'µs/rec', 'Config'], rows, { indent: '  ', rightAlign: [1, 2, 3, 4, 5] });
  log(`  (empty chain: ${fmtInt(baseline.perCpuS)} rec/s, ${fmt(baseline.usPerRecord, 3)} µs/rec; Map = schemaless value as JsonConverter schemas.enable=false reads it)`);
  log(
    `  The pipeline's chains on FileStreamSource-like records (200-byte line): A ${fmt(chainA.usPerRecord, 2)} µs/rec, B ${fmt(chainB.usPerRecord, 2)} µs/rec; ` +
      `the four extra transforms cost ${fmt(chainB.usPerRecord - chainA.usPerRecord, 2)} µs per record of CPU`,
  );

  for (const m of ctx.micro.cases) {
    ctx.figures.add(`micro_${m.key}_struct`, `1. ${m.key}, Struct value`, m.struct.perCpuS, 'records/s', {
      digits: 0,
      note: `${fmt(m.struct.usPerRecord, 2)} µs/record; wall ${fmtInt(m.struct.perWallS)}/s`,
    });
    if (m.map) {
      ctx.figures.add(`micro_${m.key}_map`, `1. ${m.key}, schemaless Map value`, m.map.perCpuS, 'records/s', {
        digits: 0,
        note: `${fmt(m.map.usPerRecord, 2)} µs/record; wall ${fmtInt(m.map.perWallS)}/s`,
      });
    }
  }
  ctx.figures.add('micro_chainA', "1. Pipeline's chain A (HoistField), line records", chainA.perCpuS, 'records/s', { digits: 0, note: `${fmt(chainA.usPerRecord, 2)} µs/record` });
  ctx.figures.add('micro_chainB', "1. Pipeline's chain B (5 transforms), line records", chainB.perCpuS, 'records/s', {
    digits: 0,
    note: `${fmt(chainB.usPerRecord, 2)} µs/record; +${fmt(chainB.usPerRecord - chainA.usPerRecord, 2)} µs over A`,
  });
}

// =============================================================================================
// 2. Pipeline: FileStream source → broker → FileStream sink

const STRING_CONVERTERS = {
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
};
const JSON_CONVERTERS = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'false',
  'value.converter.schemas.enable': 'false',
};
const HOIST = {
  'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
  'transforms.hoist.field': 'line',
};
const CHAIN_A = { transforms: 'hoist', ...HOIST };
const CHAIN_B = {
  transforms: 'hoist,insert,cast,rename,route',
  ...HOIST,
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.static.field': 'schema_version',
  'transforms.insert.static.value': '1',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'schema_version:int32',
  'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.rename.renames': 'line:message',
  'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
  'transforms.route.regex': 'tx-(.*)',
  'transforms.route.replacement': 'routed-$1',
};

// Phase 3: rows of a PostgreSQL table (JDBC source, incrementing) instead of text lines; records
// are structs from the source on, so the chain works on records of the shape it was made for.
const ROWS_CHAIN = {
  transforms: 'insert,mask,cast,rename,route',
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.static.field': 'source_system',
  'transforms.insert.static.value': 'shop-db',
  'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
  'transforms.mask.fields': 'email',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'qty:int64,amount:string',
  'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.rename.exclude': 'note',
  'transforms.rename.renames': 'customer:customer_id',
  'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
  'transforms.route.regex': 'pg-(.*)',
  'transforms.route.replacement': 'archive-$1',
};
const ROWS_DB_URL = process.env.SLUICE_TEST_POSTGRES_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres';

const RUNS = {
  bare: { label: 'bare: StringConverter, no transforms', converters: STRING_CONVERTERS, chain: {}, shape: /^(\d{10}) / },
  J: { label: 'J: JsonConverter, no transforms', converters: JSON_CONVERTERS, chain: {}, shape: /^(\d{10}) / },
  A: { label: 'A: JsonConverter, HoistField (1 transform)', converters: JSON_CONVERTERS, chain: CHAIN_A, shape: /^\{line=(\d{10}) [^\n]*\}$/ },
  B: { label: 'B: JsonConverter, 5 transforms', converters: JSON_CONVERTERS, chain: CHAIN_B, shape: /^\{(?=[^\n]*\bschema_version=1\b)(?:[^\n]*, )?message=(\d{10}) [^\n]*\}$/ },
  RJ: { label: 'RJ: table rows, no transforms', converters: JSON_CONVERTERS, chain: {}, rows: true, shape: /^\{(?=[^\n]*\bnote=checked )(?=[^\n]*\bemail=user\d+@example\.com\b)(?:[^\n]*, )?id=1(\d{6})(?:, [^\n]*)?\}$/ },
  RB: {
    label: 'RB: table rows, 5 transforms',
    converters: JSON_CONVERTERS,
    chain: ROWS_CHAIN,
    rows: true,
    shape: /^\{(?=[^\n]*\bsource_system=shop-db\b)(?=[^\n]*\bemail=(?:,|\}$))(?=[^\n]*\bcustomer_id=C-)(?![^\n]*\bnote=)(?:[^\n]*, )?id=1(\d{6})(?:, [^\n]*)?\}$/,
  },
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function createTopics(broker, topics) {
  const admin = new Kafka({ clientId: 'sluice-transforms-bench', brokers: [broker.bootstrap], logLevel: logLevel.ERROR, retry: { retries: 3, initialRetryTime: 200 } }).admin();
  const off = onCleanup(() => withTimeout(admin.disconnect(), 3000, 'admin disconnect').catch(() => {}));
  try {
    await withTimeout(admin.connect(), 15_000, 'kafkajs admin connect');
    await withTimeout(admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: true }), 15_000, `createTopics ${topics}`);
  } finally {
    off();
    await withTimeout(admin.disconnect(), 5000, 'admin disconnect').catch(() => {});
  }
}

/** The first line of a file (up to 64 KiB), or null while it has no complete line. */
function firstLine(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const i = buf.subarray(0, n).indexOf(0x0a);
    return i < 0 ? null : buf.toString('utf8', 0, i);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a sink file line by line: each line matches `shape` (whose group 1 is the source line's
 * 10-digit number), and the numbers are 0..expected-1, each once, in order.
 */
function verifySink(file, expected, shape) {
  const seen = new Uint8Array(expected);
  let lines = 0;
  let wrongShape = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let prev = -1;
  let partial = '';
  const examples = { wrongShape: [], duplicates: [], outOfOrder: [] };
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const parts = (partial + buf.toString('utf8', 0, n)).split('\n');
      partial = parts.pop();
      for (const line of parts) {
        lines++;
        const m = shape.exec(line);
        const num = m ? Number(m[1]) : -1;
        if (num < 0 || num >= expected) {
          wrongShape++;
          if (examples.wrongShape.length < 3) examples.wrongShape.push(line.slice(0, 80));
          continue;
        }
        if (seen[num]) {
          duplicates++;
          if (examples.duplicates.length < 5) examples.duplicates.push(num);
        }
        seen[num] = 1;
        if (num <= prev) {
          outOfOrder++;
          if (examples.outOfOrder.length < 5) examples.outOfOrder.push(`${prev}->${num}`);
        }
        prev = Math.max(prev, num);
      }
    }
  } finally {
    closeSync(fd);
  }
  let missing = 0;
  const firstMissing = [];
  for (let i = 0; i < expected; i++) {
    if (!seen[i]) {
      missing++;
      if (firstMissing.length < 5) firstMissing.push(i);
    }
  }
  const ok = lines === expected && missing === 0 && duplicates === 0 && outOfOrder === 0 && wrongShape === 0 && partial.length === 0;
  return { ok, lines, missing, duplicates, outOfOrder, wrongShape, trailingPartialLine: partial.length > 0, examples: { ...examples, missing: firstMissing } };
}

function profileArgs(label) {
  if (!opts.profile) return [];
  mkdirSync(PROFILE_DIR, { recursive: true });
  const name = `${label}.cpuprofile`;
  rmSync(join(PROFILE_DIR, name), { force: true });
  return ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', name];
}

/** One pipeline run in a fresh worker: topics, connectors, wait for every line, verify. */
async function pipelineRun(ctx, kind, n) {
  const spec = RUNS[kind];
  const id = `${kind.toLowerCase()}${n}`;
  const rows = spec.rows === true;
  const total = rows ? ctx.rows.count : PIPE_LINES;
  // The JDBC source names its topic prefix + table; the chains' RegexRouters rename it.
  const sourceTopic = rows ? `pg-${id}-${ctx.rows.table}` : `tx-${id}`;
  const routed = rows ? `archive-${id}-${ctx.rows.table}` : `routed-${id}`; // pg-(.*) → archive-$1, tx-(.*) → routed-$1
  const sinkTopic = spec.chain.transforms?.includes('route') ? routed : sourceTopic;
  const sourceConfig = rows
    ? {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
        'connection.url': ROWS_DB_URL,
        'table.whitelist': ctx.rows.table,
        mode: 'incrementing',
        'incrementing.column.name': 'id',
        'numeric.mapping': 'best_fit',
        'topic.prefix': `pg-${id}-`,
        'tasks.max': '1',
      }
    : { 'connector.class': 'FileStreamSource', file: ctx.sourceFile, topic: sourceTopic };
  await createTopics(ctx.broker, [sinkTopic]);
  const dir = join(ctx.tmpDir, `run-${id}`);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const props = {
    'bootstrap.servers': ctx.broker.bootstrap,
    ...spec.converters,
    'offset.storage.file.filename': join(dir, 'offsets'),
    'offset.flush.interval.ms': '10000',
    listeners: `http://127.0.0.1:${port}`,
  };
  writeProperties(join(dir, 'worker.properties'), props);
  const profiled = opts.profile && kind !== 'bare';
  const profileLabel = `transforms-worker-${id}`;
  const worker = await startWorker({ propsFile: join(dir, 'worker.properties'), restUrl: `http://127.0.0.1:${port}`, cwd: dir, nodeArgs: profiled ? profileArgs(profileLabel) : [] });
  const sink = join(dir, 'sink.txt');
  const result = { kind, n, label: spec.label, sourceTopic, sinkTopic, lines: total, chain: spec.chain, converters: spec.converters, profiled };
  const timeoutMs = Math.max(30_000, (total / 10_000) * 1000);
  try {
    const wCpu = measureCpu(worker.pid);
    const bCpu = measureCpu(ctx.broker.pid);
    const sys = measureSystemCpu();
    const wMem = sampleMemory(worker.pid, 250);
    const t0 = performance.now();
    await createConnector(worker, `sink-${id}`, { 'connector.class': 'FileStreamSink', file: sink, topics: sinkTopic });
    await createConnector(worker, `source-${id}`, { ...sourceConfig, ...spec.chain });
    const marks = { firstLineMs: null, p10Ms: null };
    let expectedBytes = null;
    let size = 0;
    let timedOut = false;
    for (;;) {
      size = fileSize(sink);
      const el = performance.now() - t0;
      if (expectedBytes === null && size > 0) {
        const first = firstLine(sink);
        if (first !== null) {
          marks.firstLineMs = el;
          result.firstSinkLine = first.length > 120 ? `${first.slice(0, 60)}…${first.slice(-40)}` : first;
          // Every line has the same length (fixed-width numbers and fields), so the last byte is known.
          expectedBytes = total * (Buffer.byteLength(first) + 1);
        }
      }
      if (expectedBytes !== null && marks.p10Ms === null && size >= 0.1 * expectedBytes) marks.p10Ms = el;
      if (expectedBytes !== null && size >= expectedBytes) break;
      if (!worker.alive()) throw new Error(`worker died during the run (exit ${JSON.stringify(worker.exitInfo)}):\n${worker.logTail(20)}`);
      if (el > timeoutMs || isStopping()) {
        timedOut = true;
        break;
      }
      await sleep(10);
    }
    const wallMs = performance.now() - t0;
    const w = wCpu.stop();
    const b = bCpu.stop();
    const s = sys.stop();
    const peak = wMem.stop().peak;
    const lineBytes = expectedBytes === null ? null : expectedBytes / total;
    const linesDone = lineBytes ? Math.floor(size / lineBytes) : 0;
    const othersS = s.busyS === null || w.cpuS === null || b.cpuS === null ? null : Math.max(0, s.busyS - w.cpuS - b.cpuS - s.selfS);
    Object.assign(result, {
      wallMs,
      timedOut,
      linesDone,
      sinkLineBytes: lineBytes,
      linesPerS: (linesDone * 1000) / wallMs,
      steadyLinesPerS: marks.p10Ms !== null && linesDone > 0.1 * total ? ((linesDone - 0.1 * total) * 1000) / (wallMs - marks.p10Ms) : null,
      ...marks,
      workerCpuS: w.cpuS,
      workerPctOfCore: w.pctOfCore,
      workerCpuUsPerLine: w.cpuS === null || linesDone === 0 ? null : (w.cpuS * 1e6) / linesDone,
      brokerPctOfCore: b.pctOfCore,
      othersPctOfCore: othersS === null ? null : (100 * othersS * 1000) / wallMs,
      workerPeakRssMiB: mib(peak?.rssKiB),
    });
    log(
      `  ${spec.label} [run ${n}]: ${timedOut ? `TIMED OUT after ${fmt(wallMs / 1000, 1)} s: ` : ''}${fmtInt(linesDone)} lines in ${fmt(wallMs / 1000, 2)} s = ${fmtInt(result.linesPerS)} lines/s ` +
        `(after the 10 % mark ${fmtInt(result.steadyLinesPerS)}/s); worker CPU ${fmt(w.pctOfCore, 0)} % of a core = ${fmt(result.workerCpuUsPerLine, 1)} µs/line; ` +
        `broker ${fmt(b.pctOfCore, 0)} %; everything else on the machine ${fmt(result.othersPctOfCore, 0)} %; worker peak RSS ${fmt(result.workerPeakRssMiB, 0)} MiB`,
    );
    log(`      sink line: ${result.firstSinkLine ?? '(none)'}`);
    await sleep(300); // anything arriving late (duplicates) shows up in the check
    const v = verifySink(sink, total, spec.shape);
    result.verify = v;
    if (v.ok) log(`      verified: ${fmtInt(v.lines)} sink lines, every source line exactly once, in order, in the chain's shape`);
    else {
      const msg = `${spec.label} [run ${n}]: sink check FAILED: ${fmtInt(v.lines)} lines, ${fmtInt(v.missing)} missing, ${fmtInt(v.duplicates)} duplicates, ${fmtInt(v.outOfOrder)} out of order, ${fmtInt(v.wrongShape)} in the wrong shape; examples ${JSON.stringify(v.examples)}`;
      log(`      ! ${msg}`);
      ctx.problems.push(msg);
    }
  } finally {
    const s = await worker.stop(opts.profile ? 60_000 : 15_000);
    for (const p of worker.problems) ctx.problems.push(`${id} worker log: ${p}`);
    if (s.alreadyExited) ctx.problems.push(`${id} worker had exited on its own (code ${s.code}, signal ${s.signal})`);
    else if (!s.graceful) ctx.problems.push(`${id} worker did not exit within the grace period (killed${profiled ? '; no profile' : ''})`);
    if (profiled) ctx.profiles.push({ label: profileLabel, kind, file: join(PROFILE_DIR, `${profileLabel}.cpuprofile`) });
    rmSync(sink, { force: true });
  }
  return result;
}

/** Medians of the runs of one kind. */
function aggregateRuns(runs, kind) {
  const rs = runs.filter((r) => r.kind === kind);
  return {
    linesPerS: median(rs.map((r) => r.linesPerS)),
    steadyLinesPerS: median(rs.map((r) => r.steadyLinesPerS)),
    cpuUsPerLine: median(rs.map((r) => r.workerCpuUsPerLine)),
    workerPct: median(rs.map((r) => r.workerPctOfCore)),
    othersPct: median(rs.map((r) => r.othersPctOfCore)),
    complete: rs.every((r) => !r.timedOut && r.verify?.ok),
    runs: rs.length,
    each: rs.map((r) => r.linesPerS),
  };
}

/** 1 - y/x of a rate, in %. */
const rel = (x, y, key) => (x[key] && y[key] ? 100 * (1 - y[key] / x[key]) : null);
/** What y's extra CPU per line is of y's, in %. */
const cpuRel = (x, y) => (x.cpuUsPerLine && y.cpuUsPerLine ? 100 * (1 - x.cpuUsPerLine / y.cpuUsPerLine) : null);

const verifiedText = (x, unit) => (x.complete ? `all ${unit}s verified` : 'NOT COMPLETE/VERIFIED');

/** The note of a run kind's figure: its rounds and their rates, worker CPU per line or row, the check. */
const runNote = (x, unit) =>
  `${x.runs > 1 ? `median of ${x.runs}; runs ${x.each.map((v) => fmtInt(v)).join(' / ')}; ` : ''}${fmt(x.cpuUsPerLine, 1)} µs worker CPU/${unit}; ${verifiedText(x, unit)}`;

/** The runs' table, `rows` [label, aggregate] pairs; `unit` 'line' or 'row'. */
function printRunTable(unit, rows) {
  printTable(
    ['Run', `${unit}s/s`, 'after 10 %', `worker µs/${unit}`, 'worker % core', 'others % core', 'sink'],
    rows.map(([label, x]) => [label, fmtInt(x.linesPerS), fmtInt(x.steadyLinesPerS), fmt(x.cpuUsPerLine, 1), fmt(x.workerPct, 0), fmt(x.othersPct, 0), verifiedText(x, unit)]),
    { indent: '  ', rightAlign: [1, 2, 3, 4, 5] },
  );
}

async function phasePipeline(ctx) {
  const p0 = performance.now();
  ctx.sourceFile = join(ctx.tmpDir, 'source.txt');
  writeNumberedLines(ctx.sourceFile, PIPE_LINES, LINE_BYTES);
  log(`  source file: ${fmtInt(PIPE_LINES)} numbered lines of ${LINE_BYTES} B + '\\n' (${fmt(fileSize(ctx.sourceFile) / 1e6, 1)} MB), written in ${fmtInt(performance.now() - p0)} ms (not timed)`);
  log(`  chain A: ${propsText(CHAIN_A)}`);
  log(`  chain B: ${propsText(CHAIN_B)}`);
  const runs = [];
  ctx.pipeline = { runs };
  const order = ['bare'];
  for (let i = 0; i < PAIRS; i++) order.push(...(i % 2 === 0 ? ['J', 'A', 'B'] : ['B', 'A', 'J']));
  const counts = {};
  for (const kind of order) {
    if (isStopping()) return;
    counts[kind] = (counts[kind] ?? 0) + 1;
    runs.push(await pipelineRun(ctx, kind, counts[kind]));
  }
  const of = (kind) => runs.filter((r) => r.kind === kind);
  const agg = (kind) => aggregateRuns(runs, kind);
  const bare = agg('bare');
  const J = agg('J');
  const A = agg('A');
  const B = agg('B');
  const cost = rel(J, B, 'linesPerS');
  const steadyCost = rel(J, B, 'steadyLinesPerS');
  const cpuCost = cpuRel(J, B);
  const hoistCost = rel(J, A, 'linesPerS');
  const fourCost = rel(A, B, 'linesPerS');
  Object.assign(ctx.pipeline, { bare, J, A, B, costPct: cost, steadyCostPct: steadyCost, cpuCostPct: cpuCost, hoistCostPct: hoistCost, fourCostPct: fourCost, fourCpuCostPct: cpuRel(A, B) });
  log('');
  printRunTable('line', [
    ['bare: StringConverter, no transforms', bare],
    ['J: JsonConverter, no transforms', J],
    ['A: JsonConverter + HoistField', A],
    ['B: JsonConverter + 5 transforms', B],
  ]);
  log(`  cost of the five-transform chain on text lines, 1 - B/J: ${fmt(cost, 1)} % by lines/s (information; the target is phase 3's); ${fmt(steadyCost, 1)} % after the 10 % mark; ${fmt(cpuCost, 1)} % by worker CPU per line`);
  log(`  of which HoistField (string → struct), 1 - A/J: ${fmt(hoistCost, 1)} %; the four after it, 1 - B/A: ${fmt(fourCost, 1)} %`);
  // Information: each J run against the B run of the same round (about the same load from the
  // rest of the machine), which the medians above do not pair up.
  const rounds = of('J').map((j, i) => [j, of('B')[i]]).filter(([j, b]) => b !== undefined && j.linesPerS > 0 && b.linesPerS > 0);
  const pairCosts = rounds.map(([j, b]) => 100 * (1 - b.linesPerS / j.linesPerS));
  const pairCpuCosts = rounds.map(([j, b]) => (j.workerCpuUsPerLine && b.workerCpuUsPerLine ? 100 * (1 - j.workerCpuUsPerLine / b.workerCpuUsPerLine) : null));
  Object.assign(ctx.pipeline, { pairCostPct: median(pairCosts), pairCpuCostPct: median(pairCpuCosts), pairCosts, pairCpuCosts });
  if (rounds.length > 1) {
    log(
      `  per round (J and B run back to back): ${pairCosts.map((c) => `${fmt(c, 1)} %`).join(', ')} by lines/s (median ${fmt(median(pairCosts), 1)} %); ` +
        `${pairCpuCosts.map((c) => `${fmt(c, 1)} %`).join(', ')} by worker CPU (median ${fmt(median(pairCpuCosts), 1)} %)`,
    );
  }

  const prof = opts.profile ? ' (PROFILED: rates depressed by the profiler)' : '';
  const runFigure = (key, label, x) =>
    ctx.figures.add(key, label, x.linesPerS, 'lines/s', { note: `${runNote(x, 'line')}${key === 'pipe_bare' ? '' : prof}` });
  runFigure('pipe_bare', '2. Pipeline bare (StringConverter, no transforms)', bare);
  runFigure('pipe_J', '2. Pipeline J (JsonConverter, no transforms)', J);
  runFigure('pipe_A', '2. Pipeline A (JsonConverter + HoistField)', A);
  runFigure('pipe_B', '2. Pipeline B (JsonConverter + 5 transforms)', B);
  const complete = J.complete && B.complete;
  // Information: the target is phase 3's (records that are structs from the source on). Here the
  // chain's first transform turns each text line into a struct, so everything after it handles
  // an object instead of a string; see the README.
  ctx.figures.add('pipe_cost', '2. Cost of the 5-transform chain on text lines, 1 - B/J', complete ? cost : null, '%', {
    note:
      `by lines/s${complete ? '' : '; a run did not complete or verify, so no figure'}; after the 10 % mark ${fmt(steadyCost, 1)} %; information (HoistField turns each line into a struct)` +
      (SCALE < 1 ? `; SCALED RUN (${fmtInt(PIPE_LINES)} lines): start-up and JIT warm-up weigh more, not comparable with the target` : ''),
  });
  if (rounds.length > 1) {
    ctx.figures.add('pipe_pair_cost', '2. Cost per J/B round, median', median(pairCosts), '%', {
      note: `by lines/s: ${pairCosts.map((c) => fmt(c, 1)).join(' / ')}; by worker CPU: ${pairCpuCosts.map((c) => fmt(c, 1)).join(' / ')} (median ${fmt(median(pairCpuCosts), 1)} %)`,
    });
  }
  ctx.figures.add('pipe_cpu_cost', '2. Cost by worker CPU per line, 1 - cpuJ/cpuB', cpuCost, '%', {
    note: `${fmt(J.cpuUsPerLine, 1)} vs ${fmt(B.cpuUsPerLine, 1)} µs/line: the cost for a CPU-bound worker`,
  });
  ctx.figures.add('pipe_parts', '2. Of which HoistField / the four after it', hoistCost, '%', {
    note: `1 - A/J ${fmt(hoistCost, 1)} % (the line becomes a struct: converters and sink handle an object); 1 - B/A ${fmt(fourCost, 1)} % (${fmt(cpuRel(A, B), 1)} % by worker CPU)`,
  });
  rmSync(ctx.sourceFile, { force: true });
}

// =============================================================================================
// 3. Pipeline cost on table rows

const ROWS = Math.min(999_999, Math.max(1000, Math.round(500_000 * SCALE)));
// Ids (and every other field) are fixed-width, so every sink line has the same length.
const ROWS_ID_BASE = 1_000_000;

async function rowsSession() {
  const { openSession } = await import(dist('connectors/jdbc/common/connect.js'));
  return openSession({ url: ROWS_DB_URL, user: null, password: null, dialectName: '', attempts: 3, backoffMs: 1000 });
}

/** An orders table of `count` rows (~200 bytes as JSON), ids ROWS_ID_BASE + 0..count-1. */
async function fillRowsTable(table, count) {
  const s = await rowsSession();
  try {
    await s.query(`DROP TABLE IF EXISTS ${table}`);
    await s.query(
      `CREATE TABLE ${table} (id BIGINT PRIMARY KEY, created TIMESTAMP NOT NULL, customer VARCHAR(40) NOT NULL, email VARCHAR(80) NOT NULL, ` +
        `amount NUMERIC(12,2) NOT NULL, qty INT NOT NULL, status VARCHAR(8) NOT NULL, note VARCHAR(120) NOT NULL)`,
    );
    await s.query(
      `INSERT INTO ${table} SELECT ${ROWS_ID_BASE} + i, TIMESTAMP '2026-01-01' + i * INTERVAL '1 second', 'C-' || lpad((i % 99991)::text, 8, '0'), ` +
        `'user' || (${ROWS_ID_BASE} + i) || '@example.com', 1000.25 + (i % 9000), 1 + i % 9, (ARRAY['PAID','SENT','DONE'])[1 + i % 3], ` +
        `'checked by fraud engine v3, order ' || (${ROWS_ID_BASE} + i) FROM generate_series(0, ${count - 1}) AS i`,
    );
  } finally {
    await s.close();
  }
}

async function dropRowsTable(table) {
  const s = await rowsSession();
  try {
    await s.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await s.close();
  }
}

async function phaseRows(ctx) {
  const table = `tx_rows_${process.pid}`;
  const p0 = performance.now();
  await fillRowsTable(table, ROWS);
  ctx.rows = { table, count: ROWS };
  log(`  table ${table}: ${fmtInt(ROWS)} rows (id, created, customer, email, amount, qty, status, note), filled in ${fmtInt(performance.now() - p0)} ms (not timed)`);
  log(`  chain RB: ${propsText(ROWS_CHAIN)}`);
  const runs = [];
  ctx.rowsPipeline = { runs };
  try {
    const counts = {};
    for (let i = 0; i < PAIRS; i++) {
      for (const kind of i % 2 === 0 ? ['RJ', 'RB'] : ['RB', 'RJ']) {
        if (isStopping()) return;
        counts[kind] = (counts[kind] ?? 0) + 1;
        runs.push(await pipelineRun(ctx, kind, counts[kind]));
      }
    }
  } finally {
    await dropRowsTable(table).catch((err) => ctx.problems.push(`dropping ${table}: ${err.message}`));
  }
  const J = aggregateRuns(runs, 'RJ');
  const B = aggregateRuns(runs, 'RB');
  const cost = rel(J, B, 'linesPerS');
  const steadyCost = rel(J, B, 'steadyLinesPerS');
  const cpuCost = cpuRel(J, B);
  Object.assign(ctx.rowsPipeline, { J, B, costPct: cost, steadyCostPct: steadyCost, cpuCostPct: cpuCost });
  log('');
  printRunTable('row', [
    ['RJ: table rows, no transforms', J],
    ['RB: table rows + 5 transforms', B],
  ]);
  log(`  cost of the five-transform chain, 1 - RB/RJ: ${fmt(cost, 1)} % by rows/s (target <= ${TARGET_COST_PCT} %); ${fmt(steadyCost, 1)} % after the 10 % mark; ${fmt(cpuCost, 1)} % by worker CPU per row`);
  ctx.figures.add('rows_J', '3. Rows RJ (JDBC source → FileStreamSink)', J.linesPerS, 'rows/s', { note: runNote(J, 'row') });
  ctx.figures.add('rows_B', '3. Rows RB (RJ + 5 transforms)', B.linesPerS, 'rows/s', { note: runNote(B, 'row') });
  const complete = J.complete && B.complete;
  ctx.figures.add('rows_cost', '3. Cost of the 5-transform chain, 1 - RB/RJ', complete ? cost : null, '%', {
    target: { op: '<=', value: TARGET_COST_PCT },
    note:
      `by rows/s${complete ? '' : '; a run did not complete or verify, so no figure'}; after the 10 % mark ${fmt(steadyCost, 1)} %; ${fmt(cpuCost, 1)} % by worker CPU per row` +
      (SCALE < 1 ? `; SCALED RUN (${fmtInt(ROWS)} rows): start-up weighs more, not comparable with the target` : ''),
  });
}

// =============================================================================================
// Profiles

const STAGE_RULES = [
  ['converters (JsonConverter / StringConverter)', /\/dist\/src\/converters\//],
  ['source: kafkajs producer (group, encode, send)', /kafkajs\/src\/(producer|protocol\/requests\/produce|protocol\/recordBatch\/(v0\/index|record\/v0\/index|crc32C))/],
  ['sink: kafkajs consumer (fetch, decode)', /kafkajs\/src\/(consumer|protocol\/requests\/fetch|protocol\/recordBatch\/(v0\/decoder|record\/v0\/decoder))/],
  ['Sluice kafka-client', /\/dist\/src\/kafka-client\//],
  ['source: WorkerSourceTask + FileStreamSource', /worker-source-task|file-stream-source|line-buffer|byte-input|submitted-records|runtime\/worker\.js/],
  ['sink: WorkerSinkTask + FileStreamSink (javaToString)', /worker-sink-task|file-stream-sink|append-writer/],
  ['start-up: module loading', /internal\/modules\/(cjs\/loader|esm\/(loader|module_job|translators))/],
  ['REST API (fastify, ajv)', /node_modules\/(fastify|avvio|find-my-way|ajv|fast-json-stringify|@fastify)\//],
  ['data model (Struct, Schema, records) called from elsewhere', /\/dist\/src\/data\//, { fallback: true }],
  ['kafkajs, other (network, request queue)', /kafkajs\//, { fallback: true }],
];

/**
 * Where a worker profile's busy time went, with the transforms counted inclusively: a sample with
 * a transform (or the chain) on its stack is the chain's, whatever it calls (Struct, validation,
 * records, headers); the others go by STAGE_RULES, innermost recognisable frame first. Also the
 * inclusive time per transform file and, inside the chain, the self time per function.
 */
function analyseWorkerProfile(file) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const short = (cf) => `${cf.functionName || '(anonymous)'} ${(cf.url || '').replace(/^file:\/\//, '').replace(`${REPO_ROOT}/`, '')}:${(cf.lineNumber ?? -1) + 1}`;
  const memo = new Map();
  const classify = (id) => {
    if (memo.has(id)) return memo.get(id);
    const urls = [];
    let transform = null;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const url = nodes.get(cur)?.callFrame?.url ?? '';
      urls.push(url);
      const m = /\/dist\/transforms\/(.+)\.js$/.exec(url);
      if (m) transform = m[1]; // the outermost transform file: util helpers count for the transform calling them
      else if (transform === null && /transformation-chain\.js$/.test(url)) transform = '(chain loop)';
    }
    let stage;
    if (transform !== null) stage = 'transforms (with the Struct/record/validation work they call)';
    else {
      stage = null;
      for (const url of urls) {
        const hit = url ? STAGE_RULES.find(([, re, o]) => !o?.fallback && re.test(url)) : undefined;
        if (hit) {
          stage = hit[0];
          break;
        }
      }
      stage ??= STAGE_RULES.find(([, re, o]) => o?.fallback && urls.some((u) => re.test(u)))?.[0] ?? 'other';
      // Converters and the data model run on both sides: say which.
      if (stage.startsWith('converters') || stage.startsWith('data model')) {
        const side = urls.some((u) => /worker-sink-task/.test(u)) ? 'sink side' : urls.some((u) => /worker-source-task/.test(u)) ? 'source side' : null;
        if (side) stage = `${stage}, ${side}`;
      }
    }
    const r = { stage, transform };
    memo.set(id, r);
    return r;
  };
  const stages = new Map();
  const transforms = new Map();
  const inChain = new Map();
  let busy = 0;
  const samples = prof.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? 0);
    const cf = nodes.get(samples[i])?.callFrame ?? {};
    if (cf.functionName === '(idle)') continue;
    busy += dt;
    if (cf.functionName === '(garbage collector)') {
      stages.set('GC', (stages.get('GC') ?? 0) + dt);
      continue;
    }
    const { stage, transform } = classify(samples[i]);
    stages.set(stage, (stages.get(stage) ?? 0) + dt);
    if (transform !== null) {
      transforms.set(transform, (transforms.get(transform) ?? 0) + dt);
      const k = short(cf);
      inChain.set(k, (inChain.get(k) ?? 0) + dt);
    }
  }
  const rows = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([what, us]) => ({ what, ms: us / 1000, pctOfBusy: busy > 0 ? (100 * us) / busy : null }));
  return { busyMs: busy / 1000, stages: rows(stages), transforms: rows(transforms), inChain: rows(inChain) };
}

function printProfiles(ctx) {
  const out = [];
  for (const p of ctx.profiles) {
    log(`\n== CPU profile: ${p.label} (${RUNS[p.kind].label})`);
    if (!existsSync(p.file)) {
      log(`  no profile written (${p.file})`);
      ctx.problems.push(`no CPU profile written for ${p.label}`);
      continue;
    }
    try {
      const s = summarizeCpuProfile(p.file, 20);
      printCpuProfile(s);
      const a = analyseWorkerProfile(p.file);
      // Sampled time is wall time while on CPU-or-waiting-for-it, so other load on the machine
      // stretches it; the shares are sound. µs/line = share of the busy time after start-up x the
      // worker CPU per line measured (/proc) in the same run.
      const startupMs = a.stages.find((r) => r.what.startsWith('start-up'))?.ms ?? 0;
      const run = ctx.pipeline?.runs?.find((r) => `transforms-worker-${r.kind.toLowerCase()}${r.n}` === p.label);
      const cpuUsPerLine = run?.workerCpuUsPerLine ?? null;
      const steadyMs = a.busyMs - startupMs;
      const usOf = (ms) => (cpuUsPerLine === null || steadyMs <= 0 ? null : (ms / steadyMs) * cpuUsPerLine);
      const perLine = (ms, what = '') => (what.startsWith('start-up') ? '(excl.)' : fmt(usOf(ms), 2));
      for (const list of [a.stages, a.transforms]) for (const r of list) r.usPerLine = r.what.startsWith('start-up') ? null : usOf(r.ms);
      log(
        `\n  busy time by stage (${fmtInt(a.busyMs)} ms sampled; µs/line = share of the time after start-up x the ${fmt(cpuUsPerLine, 1)} µs of worker CPU per line measured in this run):`,
      );
      printTable(['ms', '% busy', 'µs/line', 'Stage'], a.stages.map((r) => [fmtInt(r.ms), fmt(r.pctOfBusy), perLine(r.ms, r.what), r.what]), { indent: '  ', rightAlign: [0, 1, 2] });
      if (a.transforms.length > 0) {
        log('\n  inclusive time per transform:');
        printTable(['ms', '% busy', 'µs/line', 'Transform'], a.transforms.map((r) => [fmtInt(r.ms), fmt(r.pctOfBusy), perLine(r.ms), r.what]), { indent: '  ', rightAlign: [0, 1, 2] });
        log('\n  inside the transforms, self time per function (top 15):');
        printTable(['ms', '% busy', 'Function'], a.inChain.slice(0, 15).map((r) => [fmtInt(r.ms), fmt(r.pctOfBusy), r.what]), { indent: '  ', rightAlign: [0, 1] });
      }
      out.push({ label: p.label, kind: p.kind, top: s.top, busyMs: a.busyMs, startupMs, cpuUsPerLine, stages: a.stages, transforms: a.transforms, inChain: a.inChain.slice(0, 40) });
    } catch (err) {
      log(`  could not parse ${p.file}: ${err.message}`);
    }
  }
  // A vs B, stage by stage: where the chain's extra CPU goes.
  const A = out.find((o) => o.kind === 'A');
  const B = out.find((o) => o.kind === 'B');
  if (A && B && A.cpuUsPerLine !== null && B.cpuUsPerLine !== null) {
    const names = [...new Set([...B.stages.map((r) => r.what), ...A.stages.map((r) => r.what)])].filter((n) => !n.startsWith('start-up'));
    const us = (o, n) => o.stages.find((r) => r.what === n)?.usPerLine ?? 0;
    const diff = names.map((n) => ({ stage: n, a: us(A, n), b: us(B, n) })).sort((x, y) => y.b - y.a - (x.b - x.a));
    const rows = diff.map(({ stage, a, b }) => [fmt(a, 2), fmt(b, 2), fmt(b - a, 2), stage]);
    rows.push([fmt(A.cpuUsPerLine, 2), fmt(B.cpuUsPerLine, 2), fmt(B.cpuUsPerLine - A.cpuUsPerLine, 2), 'total (worker CPU per line, /proc)']);
    log('\n== Profiled A vs B: worker CPU per line by stage, µs/line (profiled runs: the profiler adds to every figure)');
    printTable(['A', 'B', 'B - A', 'Stage'], rows, { indent: '  ', rightAlign: [0, 1, 2] });
    ctx.profileDiff = diff.map((d) => ({ ...d, diff: d.b - d.a }));
  }
  return out;
}

// =============================================================================================

async function main() {
  installExitHandlers();
  const started = new Date();
  const t0 = performance.now();
  const ctx = { figures: new Figures(), problems: [], profiles: [], tmpDir: null, broker: null };
  let phaseErrors = 0;
  log(`Sluice transforms benchmark — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, node ${process.version}, CLK_TCK ${CLK_TCK}`);
  log(`scale ${SCALE}; phases ${[...ONLY].join(',')}${opts.profile ? '; CPU profiling ON for the A and B workers' : ''}`);

  const runPhase = async (title, fn) => {
    if (isStopping()) return;
    log(`\n== ${title}`);
    const p0 = performance.now();
    try {
      await fn();
    } catch (err) {
      if (isStopping()) return new Promise(() => {}); // interrupted: the signal handler exits
      phaseErrors++;
      ctx.problems.push(`${title}: ${err?.message ?? err}`);
      log(`  ERROR: ${err?.stack ?? err}`);
    }
    log(`  (${fmt((performance.now() - p0) / 1000, 1)} s)`);
  };

  if (ONLY.has('micro')) await runPhase('1. Per-transform throughput, in process (one node process per case)', () => phaseMicro(ctx));
  // A broker (own process, own temp dir) for each pipeline phase.
  const withBroker = async (fn) => {
    ctx.tmpDir = makeTempDir('sluice-bench-transforms');
    ctx.broker = await startBroker({ dataDir: join(ctx.tmpDir, 'data') });
    log(`  broker pid ${ctx.broker.pid} on ${ctx.broker.bootstrap} (started in ${fmtInt(ctx.broker.startMs)} ms); temp dir ${ctx.tmpDir}`);
    try {
      await fn();
    } finally {
      const s = await ctx.broker.stop(15_000);
      for (const p of ctx.broker.problems) ctx.problems.push(`broker log: ${p}`);
      if (s.alreadyExited) ctx.problems.push(`broker had exited on its own (code ${s.code}, signal ${s.signal})`);
    }
  };
  if (ONLY.has('pipeline')) {
    await runPhase(`2. Pipeline cost of a five-transform chain on text lines: FileStreamSource → broker → FileStreamSink, ${fmtInt(PIPE_LINES)} lines`, () =>
      withBroker(() => phasePipeline(ctx)),
    );
  }
  if (ONLY.has('rows')) {
    await runPhase(`3. Pipeline cost of a five-transform chain on table rows: JDBC source (PostgreSQL) → broker → FileStreamSink, ${fmtInt(ROWS)} rows`, () =>
      withBroker(() => phaseRows(ctx)),
    );
  }
  const profileSummaries = opts.profile ? printProfiles(ctx) : [];

  log('\n== Summary');
  ctx.figures.print();
  if (ctx.problems.length > 0) {
    log('\nProblems observed:');
    for (const p of ctx.problems) log(`  - ${p.split('\n').join('\n    ')}`);
  }
  const pass = ctx.figures.list.filter((f) => f.pass === true).length;
  const fail = ctx.figures.list.filter((f) => f.pass === false).length;
  log(`\nTargets: ${pass} PASS, ${fail} FAIL; ${phaseErrors} phase error(s). Total ${fmt((performance.now() - t0) / 1000, 1)} s.`);
  const file = writeResults('transforms', {
    benchmark: 'transforms',
    startedAt: started.toISOString(),
    durationS: (performance.now() - t0) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGiB: totalmem() / 2 ** 30, node: process.version },
    options: { scale: SCALE, records: RECORDS, repeat: REPEAT, pairs: PAIRS, distinct: DISTINCT, pipelineLines: PIPE_LINES, lineBytes: LINE_BYTES, rows: ROWS, only: [...ONLY], profile: opts.profile },
    settings: { cases: CASES, chainA: CHAIN_A, chainB: CHAIN_B, rowsChain: ROWS_CHAIN, stringConverters: STRING_CONVERTERS, jsonConverters: JSON_CONVERTERS },
    figures: ctx.figures.list,
    summary: { pass, fail, phaseErrors },
    details: { micro: ctx.micro ?? null, pipeline: ctx.pipeline ?? null, rows: ctx.rowsPipeline ?? null, profileDiff: ctx.profileDiff ?? null },
    problems: ctx.problems,
    profiles: profileSummaries,
  });
  log(`Results: ${file}`);
  return phaseErrors;
}

if (opts.child !== undefined) {
  runChild(opts.child).catch((err) => {
    console.error(err?.stack ?? err);
    process.exit(1);
  });
} else {
  let errors = 1;
  main()
    .then((n) => (errors = n))
    .catch((err) => console.error(`transforms benchmark crashed: ${err?.stack ?? err}`))
    .finally(async () => {
      await cleanupAll();
      process.exit(errors > 0 ? 1 : 0);
    });
}
