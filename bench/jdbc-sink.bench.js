#!/usr/bin/env node
/**
 * JDBC sink benchmark: a `sluice standalone` worker (its own process) against the embedded broker
 * (another process), writing into the test PostgreSQL and MariaDB (URLs as in
 * test/helpers/databases.ts, or SLUICE_TEST_POSTGRES_URL / SLUICE_TEST_MYSQL_URL).
 *
 *   node bench/jdbc-sink.bench.js [--profile] [--quick | --scale F] [--only postgresql,mariadb] [--modes insert,upsert]
 *   (or: npm run bench -- jdbc-sink [options])
 *
 * Per database: ROWS records (300,000) of a six-field struct whose payload is 200 bytes (id,
 * customer, product, note, qty, amount) are produced beforehand into a one-partition topic as
 * JsonConverter envelopes (schemas.enable=true, the sink needs schemas), key null. Then a fresh
 * worker, a JDBC sink with batch.size=3000 and auto.create into a new table, and the table's
 * COUNT(*) polled every 250 ms until it holds every row.
 *
 * Figures: rows/s from the first row in the table to the last (the sink's steady rate; connector
 * start-up and the consumer group join excluded, and given separately), with targets PostgreSQL
 * >= 60,000 rows/s and MariaDB >= 40,000 rows/s for insert.mode=insert; upsert (pk.mode=
 * record_value, pk.fields=id) is information. Also worker CPU % of a core and µs per row, and the
 * rows written with the whole run (from POST /connectors). Tables are dropped afterwards.
 *
 * --profile runs each worker under `node --cpu-prof` (bench/results/profiles/jdbc-sink-*.cpuprofile)
 * and prints its top self-time functions (the profiler costs throughput).
 *
 * Output: tables on stdout and bench/results/jdbc-sink.json (git-ignored). Other processes on the
 * machine (the databases themselves, other engineers' runs) share the CPU; their load is printed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { cleanupAll, installExitHandlers, isStopping, makeTempDir, measureCpu, measureSystemCpu, onCleanup, RESULTS_DIR, startBroker } from './lib/proc.js';
import { parseBenchArgs } from './lib/args.js';
import { Figures, fmt, fmtInt, printCpuProfile, summarizeCpuProfile, writeResults } from './lib/report.js';
import { createConnector, freePort, startWorker, waitRunning, writeProperties } from './lib/worker-proc.js';

const { Kafka, logLevel } = kafkajs;

const HELP = 'Usage: node bench/jdbc-sink.bench.js [--profile] [--quick | --scale F] [--only postgresql,mariadb] [--modes insert,upsert]';
const { opts, scale: SCALE } = parseBenchArgs(HELP, {
  profile: { type: 'boolean', default: false },
  only: { type: 'string' },
  modes: { type: 'string' },
});
const ROWS = Math.round(300_000 * SCALE);
const BATCH_SIZE = 3000;
const PAYLOAD_BYTES = 200;
const POLL_MS = 250;
const FETCH_BYTES = Number(process.env.JDBC_SINK_BENCH_FETCH_BYTES ?? 4 * 1024 * 1024);
const ONLY = new Set((opts.only ?? 'postgresql,mariadb').split(',').map((s) => s.trim()));
const MODES = (opts.modes ?? 'insert,upsert').split(',').map((s) => s.trim());

const POSTGRES_URL = process.env.SLUICE_TEST_POSTGRES_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres';
const MYSQL_URL = process.env.SLUICE_TEST_MYSQL_URL ?? 'jdbc:mysql://127.0.0.1:3306/test?user=root';
const DATABASES = [
  { key: 'postgresql', label: 'PostgreSQL', url: POSTGRES_URL, target: 60_000 },
  { key: 'mariadb', label: 'MariaDB', url: MYSQL_URL, target: 40_000 },
].filter((d) => ONLY.has(d.key));

const figures = new Figures();
const details = { rows: ROWS, batchSize: BATCH_SIZE, payloadBytes: PAYLOAD_BYTES, runs: [] };
const problems = [];
const log = (msg) => console.log(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Records

const SCHEMA = {
  type: 'struct',
  name: 'bench.Order',
  optional: false,
  fields: [
    { field: 'id', type: 'int64', optional: false },
    { field: 'customer', type: 'string', optional: false },
    { field: 'product', type: 'string', optional: false },
    { field: 'note', type: 'string', optional: true },
    { field: 'qty', type: 'int32', optional: false },
    { field: 'amount', type: 'double', optional: false },
  ],
};
const SCHEMA_JSON = JSON.stringify(SCHEMA);
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');

/** A value whose payload fields add up to PAYLOAD_BYTES of text (ids and numbers included). */
function payload(id) {
  const word = (i) => WORDS[(id * 7 + i * 13) % WORDS.length];
  const customer = `customer-${String(id % 100_000).padStart(6, '0')}`;
  const product = `${word(1)}-${word(2)}-${word(3)}-${String(id % 997).padStart(3, '0')}`;
  const qty = (id % 50) + 1;
  const amount = Math.round(((id * 37) % 100_000) + 99) / 100;
  const fixed = String(id).length + customer.length + product.length + String(qty).length + String(amount).length;
  let note = '';
  for (let i = 4; note.length < PAYLOAD_BYTES - fixed; i++) note += `${word(i)} `;
  note = note.slice(0, PAYLOAD_BYTES - fixed);
  return { id, customer, product, note, qty, amount };
}

function envelope(id) {
  return `{"schema":${SCHEMA_JSON},"payload":${JSON.stringify(payload(id))}}`;
}

async function produceAll(bootstrap, topic, count) {
  const kafka = new Kafka({ clientId: 'sluice-jdbc-sink-bench', brokers: [bootstrap], logLevel: logLevel.ERROR, retry: { retries: 5, initialRetryTime: 200 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const off = onCleanup(() => producer.disconnect().catch(() => {}));
  try {
    const chunk = 1000;
    for (let start = 1; start <= count; start += chunk) {
      const messages = [];
      for (let id = start; id < Math.min(count + 1, start + chunk); id++) messages.push({ value: envelope(id) });
      await producer.send({ topic, acks: 1, messages });
    }
  } finally {
    off();
    await producer.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Databases

/** jdbc:… URL → a tiny client with query(sql) and close(). */
async function dbClient(url) {
  const m = /^jdbc:(postgresql|mysql|mariadb):\/\/([^:/?]+)(?::(\d+))?\/([^?]*)(?:\?(.*))?$/.exec(url);
  if (!m) throw new Error(`cannot parse ${url}`);
  const props = Object.fromEntries(new URLSearchParams(m[5] ?? ''));
  if (m[1] === 'postgresql') {
    const client = new pg.Client({ host: m[2], port: Number(m[3] ?? 5432), database: m[4], user: props.user, password: props.password });
    await client.connect();
    return { query: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows, close: () => client.end() };
  }
  const conn = await mysql.createConnection({ host: m[2], port: Number(m[3] ?? 3306), database: m[4], user: props.user, password: props.password, rowsAsArray: true });
  return { query: async (sql) => (await conn.query(sql))[0], close: () => conn.end() };
}

// ---------------------------------------------------------------------------------------------
// One run: a fresh worker and sink into a fresh table

async function runOne(ctx, db, mode) {
  const table = `snk_bench_${process.pid}_${db.key}_${mode}`;
  const client = await dbClient(db.url);
  const offClient = onCleanup(() => client.close().catch(() => {}));
  const dropTable = () => client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
  const offTable = onCleanup(dropTable);
  await dropTable();
  const run = { database: db.label, mode, table, rows: ROWS };
  details.runs.push(run);
  const dir = join(ctx.tmpDir, `${db.key}-${mode}`);
  const port = await freePort();
  const propsFile = join(ctx.tmpDir, `${db.key}-${mode}.properties`);
  writeProperties(propsFile, {
    'bootstrap.servers': ctx.broker.bootstrap,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'true',
    'offset.storage.file.filename': `${dir}-offsets`,
    'offset.flush.interval.ms': '10000',
    // Kafka Connect's usual JDBC sink tuning: fetches large enough that a put() holds batch.size records or more.
    'consumer.max.partition.fetch.bytes': String(FETCH_BYTES),
    listeners: `http://127.0.0.1:${port}`,
  });
  const profileDir = join(RESULTS_DIR, 'profiles');
  const profileName = `jdbc-sink-${db.key}-${mode}.cpuprofile`;
  if (opts.profile) {
    mkdirSync(profileDir, { recursive: true });
    rmSync(join(profileDir, profileName), { force: true });
  }
  const nodeArgs = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', profileName] : [];
  const worker = await startWorker({ propsFile, restUrl: `http://127.0.0.1:${port}`, cwd: ctx.tmpDir, nodeArgs });
  try {
    const wCpu = measureCpu(worker.pid);
    const sys = measureSystemCpu();
    const t0 = performance.now();
    const name = `bench-${db.key}-${mode}`;
    await createConnector(worker, name, {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'tasks.max': '1',
      topics: ctx.topic,
      'connection.url': db.url,
      'table.name.format': table,
      'auto.create': 'true',
      'batch.size': String(BATCH_SIZE),
      'insert.mode': mode,
      ...(mode === 'insert' ? { 'pk.mode': 'none' } : { 'pk.mode': 'record_value', 'pk.fields': 'id' }),
    });
    await waitRunning(worker, name);
    const runningMs = performance.now() - t0;
    let firstRowMs = null;
    let firstRowCount = 0;
    let count = 0;
    const timeoutMs = Math.max(60_000, (ROWS / 5_000) * 1000);
    for (;;) {
      await sleep(POLL_MS);
      const el = performance.now() - t0;
      count = Number((await client.query(`SELECT COUNT(*) FROM ${table}`).catch(() => [[0]]))[0][0]);
      if (count > 0 && firstRowMs === null) {
        firstRowMs = el;
        firstRowCount = count;
      }
      if (count >= ROWS) break;
      if (!worker.alive()) throw new Error(`worker died (exit ${JSON.stringify(worker.exitInfo)}):\n${worker.logTail(20)}`);
      const status = (await worker.get(`/connectors/${name}/status`)).json;
      if (status?.tasks?.[0]?.state === 'FAILED') throw new Error(`sink task FAILED:\n${status.tasks[0].trace}`);
      if (el > timeoutMs || isStopping()) {
        run.timedOut = true;
        break;
      }
    }
    const doneMs = performance.now() - t0;
    const w = wCpu.stop();
    const s = sys.stop();
    // The first poll that saw rows happened up to POLL_MS after they arrived: count from that poll.
    const steady = firstRowMs !== null && doneMs > firstRowMs ? ((count - firstRowCount) * 1000) / (doneMs - firstRowMs) : null;
    const others = s.busyS === null || w.cpuS === null ? null : (100 * Math.max(0, s.busyS - w.cpuS - s.selfS)) / (doneMs / 1000);
    Object.assign(run, {
      rowsWritten: count,
      runningMs,
      firstRowMs,
      doneMs,
      rowsPerS: steady,
      overallRowsPerS: (count * 1000) / doneMs,
      workerPctOfCore: w.pctOfCore,
      workerCpuUsPerRow: w.cpuS === null || count === 0 ? null : (w.cpuS * 1e6) / count,
      othersPctOfCore: others,
    });
    log(
      `  ${db.label} ${mode}: ${fmtInt(count)} rows; connector RUNNING after ${fmtInt(runningMs)} ms, first rows at ${fmtInt(firstRowMs)} ms, all at ${fmtInt(doneMs)} ms; ` +
        `${fmtInt(steady)} rows/s from the first row (${fmtInt(run.overallRowsPerS)} rows/s from POST); worker ${fmt(w.pctOfCore)} % of a core, ${fmt(run.workerCpuUsPerRow)} µs CPU/row; ` +
        `other processes (databases, broker, ...) ${fmt(others, 0)} % of a core`,
    );
    const isTarget = mode === 'insert';
    figures.add(`${db.key}-${mode}`, `${db.label}: sink rows/s, insert.mode=${mode}${isTarget ? '' : ' (pk id)'}`, steady, 'rows/s', {
      target: isTarget ? { op: '>=', value: db.target } : undefined,
      digits: 0,
      note: `${fmtInt(ROWS)} rows of ${PAYLOAD_BYTES} B, batch.size ${BATCH_SIZE}; from the first row in the table; with start-up ${fmtInt(run.overallRowsPerS)} rows/s; worker ${fmt(w.pctOfCore, 0)} % of a core, ${fmt(run.workerCpuUsPerRow)} µs/row`,
    });
    for (const p of worker.problems) problems.push(`${db.label} ${mode} worker log: ${p}`);
  } finally {
    await worker.stop(opts.profile ? 60_000 : 15_000);
    if (opts.profile) {
      try {
        printCpuProfile(summarizeCpuProfile(join(profileDir, profileName), 25));
      } catch (err) {
        problems.push(`profile of ${db.label} ${mode}: ${err.message}`);
      }
    }
    offTable();
    await dropTable();
    offClient();
    await client.close().catch(() => {});
  }
}

async function main() {
  installExitHandlers();
  const tmpDir = makeTempDir('sluice-jdbc-sink-bench');
  log(`JDBC sink benchmark: ${fmtInt(ROWS)} records of ${PAYLOAD_BYTES} B payload per run, batch.size ${BATCH_SIZE}, modes ${MODES.join(', ')}`);
  const broker = await startBroker({ dataDir: join(tmpDir, 'broker') });
  const topic = 'bench-jdbc-sink';
  const p0 = performance.now();
  await produceAll(broker.bootstrap, topic, ROWS);
  log(`  produced ${fmtInt(ROWS)} JsonConverter envelopes (${fmtInt(envelope(1).length)} B each) in ${fmt((performance.now() - p0) / 1000, 1)} s`);
  const ctx = { tmpDir, broker, topic };
  let failed = 0;
  for (const db of DATABASES) {
    for (const mode of MODES) {
      if (isStopping()) break;
      try {
        await runOne(ctx, db, mode);
      } catch (err) {
        failed++;
        problems.push(`${db.label} ${mode}: ${err.message}`);
        log(`  ${db.label} ${mode} FAILED: ${err.message.split('\n')[0]}`);
        figures.add(`${db.key}-${mode}`, `${db.label}: sink rows/s, insert.mode=${mode}`, null, 'rows/s', { target: mode === 'insert' ? { op: '>=', value: db.target } : undefined, note: 'run failed' });
      }
    }
  }
  await broker.stop();
  log('');
  figures.print();
  if (problems.length > 0) log(`\nProblems:\n${problems.map((p) => `  - ${p.slice(0, 500)}`).join('\n')}`);
  writeResults('jdbc-sink', { benchmark: 'jdbc-sink', figures: figures.list, details, problems });
  await cleanupAll();
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(async (err) => {
  console.error(err?.stack ?? err);
  await cleanupAll();
  process.exit(1);
});
