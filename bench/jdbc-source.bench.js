#!/usr/bin/env node
/**
 * JDBC source benchmark: `sluice standalone` (its own process) with the JDBC source connector in
 * incrementing mode copying a table into the embedded broker (another process), against the
 * PostgreSQL and MariaDB of this machine (test/helpers/databases.ts URLs, or
 * SLUICE_TEST_POSTGRES_URL / SLUICE_TEST_MYSQL_URL).
 *
 *   node bench/jdbc-source.bench.js [--quick | --scale F] [--only throughput,large] [--large-rows N] [--large-db postgresql|mariadb]
 *   (or: npm run bench -- jdbc-source [options])
 *
 * Needs a build (`npm run build`; `npm run bench` does it).
 *
 * Figures:
 *   1. rows/s of one task, per database: 500,000 rows of ~600 bytes (id BIGINT, created TIMESTAMP,
 *      name VARCHAR, amount DECIMAL(12,2), payload VARCHAR(540)), table filled beforehand, fresh
 *      broker and worker, JsonConverter (schemas.enable=false), tasks.max=1, default batch.max.rows
 *      (1000); time from POST /connectors until the topic's high watermark reaches the row count
 *      (kafkajs admin, polled every 100 ms), and the rate between 10% and 90% of the rows
 *      (steady state, without connector start-up).                          [>= 30,000 rows/s]
 *   2. worker VmRSS while copying a large table (5,000,000 rows of the same shape by default,
 *      --large-rows to change, PostgreSQL unless --large-db mariadb): sampled every 500 ms; the
 *      figure is the peak of the second half of the copy minus the peak between 10% and 50%: a
 *      copy that streams (cursor / row stream) stays level however long the table, one that
 *      piles rows up grows with it.                                          [<= 64 MiB]
 *      Also reported: the RSS at 10/50/90% and its peak, and the copy's rows/s. The level itself
 *      is set by the worker, not the table: it keeps each submitted record's offset until the
 *      next offset flush, so it scales with rows/s × offset.flush.interval.ms (10 s here).
 *
 * --quick runs at 1/10 of the sizes. Tables are named src_bench_<pid>_* and dropped at the end.
 * Output: tables on stdout and bench/results/jdbc-source.json (git-ignored).
 */
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { REPO_ROOT, cleanupAll, installExitHandlers, makeTempDir, onCleanup, readMemory, startBroker } from './lib/proc.js';
import { parseBenchArgs } from './lib/args.js';
import { Figures, fmt, fmtInt, mib, printTable, writeResults } from './lib/report.js';
import { createConnector, freePort, startWorker, writeProperties } from './lib/worker-proc.js';

const { Kafka, logLevel } = kafkajs;

const HELP = 'Usage: node bench/jdbc-source.bench.js [--quick | --scale F] [--only throughput,large] [--large-rows N] [--large-db postgresql|mariadb]';
const { opts, scale: SCALE } = parseBenchArgs(HELP, {
  only: { type: 'string' },
  'large-rows': { type: 'string' },
  'large-db': { type: 'string', default: 'postgresql' },
});
const ONLY = new Set((opts.only ?? 'throughput,large').split(',').map((s) => s.trim()).filter(Boolean));
const THROUGHPUT_ROWS = Math.round(500_000 * SCALE);
const LARGE_ROWS = opts['large-rows'] !== undefined ? Number(opts['large-rows']) : Math.round(5_000_000 * SCALE);
const MEMORY_SAMPLE_MS = 500;
const TARGETS = { rowsPerS: { op: '>=', value: 30_000 }, rssGrowth: { op: '<=', value: 64 } };

const DATABASES = {
  postgresql: process.env.SLUICE_TEST_POSTGRES_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres',
  mariadb: (process.env.SLUICE_TEST_MYSQL_URL ?? 'jdbc:mysql://127.0.0.1:3306/test?user=root').replace(/^jdbc:mysql:/, 'jdbc:mariadb:'),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { openSession } = await import(join(REPO_ROOT, 'dist', 'connectors', 'jdbc', 'common', 'connect.js'));

async function session(db) {
  return openSession({ url: DATABASES[db], user: null, password: null, dialectName: '', attempts: 3, backoffMs: 1000 });
}

/** Creates and fills a table of ~600-byte rows; returns its name and the fill time. */
async function fillTable(db, name, rows) {
  const s = await session(db);
  const t0 = performance.now();
  try {
    await s.query(`DROP TABLE IF EXISTS ${name}`);
    if (db === 'postgresql') {
      await s.query(`CREATE TABLE ${name} (id BIGSERIAL PRIMARY KEY, created TIMESTAMP NOT NULL, name VARCHAR(40) NOT NULL, amount NUMERIC(12,2) NOT NULL, payload VARCHAR(540) NOT NULL)`);
      for (let from = 1; from <= rows; from += 1_000_000) {
        const to = Math.min(rows, from + 999_999);
        await s.query(
          `INSERT INTO ${name} (created, name, amount, payload) SELECT TIMESTAMP '2022-08-01' + i * INTERVAL '1 second', 'name-' || i, i / 100.0, left(repeat(md5(i::text), 17), 540) FROM generate_series(${from}, ${to}) AS i`,
        );
      }
    } else {
      await s.query(`CREATE TABLE ${name} (id BIGINT AUTO_INCREMENT PRIMARY KEY, created DATETIME NOT NULL, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL, payload VARCHAR(540) NOT NULL)`);
      for (let from = 1; from <= rows; from += 500_000) {
        const count = Math.min(500_000, rows - from + 1);
        await s.query(
          `INSERT INTO ${name} (created, name, amount, payload) SELECT TIMESTAMP '2022-08-01 00:00:00' + INTERVAL (seq + ${from - 1}) SECOND, CONCAT('name-', seq + ${from - 1}), (seq + ${from - 1}) / 100, LEFT(REPEAT(MD5(seq + ${from - 1}), 17), 540) FROM seq_1_to_${count}`,
        );
      }
    }
  } finally {
    await s.close();
  }
  return (performance.now() - t0) / 1000;
}

async function dropTable(db, name) {
  const s = await session(db);
  try {
    await s.query(`DROP TABLE IF EXISTS ${name}`);
  } finally {
    await s.close();
  }
}

/** A fresh broker and worker (JsonConverter, schemas.enable=false) in a temp dir. */
async function startStack(label) {
  const dir = makeTempDir(`jdbc-source-${label}`);
  const broker = await startBroker({ dataDir: join(dir, 'broker') });
  const port = await freePort();
  const propsFile = join(dir, 'worker.properties');
  writeProperties(propsFile, {
    'bootstrap.servers': broker.bootstrap,
    listeners: `http://127.0.0.1:${port}`,
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter.schemas.enable': 'false',
    'offset.storage.file.filename': join(dir, 'connect.offsets'),
    'offset.flush.interval.ms': '10000',
  });
  const worker = await startWorker({ propsFile, restUrl: `http://127.0.0.1:${port}`, cwd: dir, env: { SLUICE_LOG_LEVEL: 'warn' } });
  const kafka = new Kafka({ clientId: 'jdbc-source-bench', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const stop = async () => {
    await admin.disconnect().catch(() => undefined);
    await worker.stop();
    await broker.stop();
  };
  onCleanup(stop);
  return { broker, worker, admin, stop };
}

async function highWatermark(admin, topic) {
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } catch {
    return 0;
  }
}

/**
 * Copies `table` with one task and watches the topic fill; returns the rates and, when asked,
 * the worker's RSS samples as [fraction copied, KiB].
 */
async function copyTable(db, table, rows, { sampleMemory = false } = {}) {
  const stack = await startStack(db);
  const topic = `bench-${table}`;
  const marks = [];
  const memory = [];
  try {
    const t0 = performance.now();
    await createConnector(stack.worker, `jdbc-${table}`, {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
      'tasks.max': '1',
      'connection.url': DATABASES[db],
      mode: 'incrementing',
      'incrementing.column.name': 'id',
      'table.whitelist': table,
      'topic.prefix': 'bench-',
    });
    let lastSample = 0;
    const timeoutMs = Math.max(120_000, (rows / 5_000) * 1000);
    for (;;) {
      const copied = await highWatermark(stack.admin, topic);
      const now = performance.now();
      marks.push([now - t0, copied]);
      if (sampleMemory && now - lastSample >= MEMORY_SAMPLE_MS) {
        lastSample = now;
        const m = readMemory(stack.worker.pid);
        if (m?.rssKiB != null) memory.push([copied / rows, m.rssKiB]);
      }
      if (copied >= rows) break;
      if (now - t0 > timeoutMs) throw new Error(`copied ${copied} of ${rows} rows in ${fmt((now - t0) / 1000)} s`);
      if (!stack.worker.alive()) throw new Error(`worker exited:\n${stack.worker.logTail()}`);
      await sleep(100);
    }
    const totalS = marks.at(-1)[0] / 1000;
    const at = (fraction) => marks.find(([, copied]) => copied >= rows * fraction);
    const [t10, c10] = at(0.1);
    const [t90, c90] = at(0.9);
    return { totalS, rowsPerS: rows / totalS, steadyRowsPerS: ((c90 - c10) / (t90 - t10)) * 1000, memory, problems: stack.worker.problems };
  } finally {
    await stack.stop();
  }
}

async function main() {
  installExitHandlers();
  const figures = new Figures();
  const details = {};
  console.log(`JDBC source benchmark (scale ${SCALE}): ${fmtInt(THROUGHPUT_ROWS)} rows per throughput run, ${fmtInt(LARGE_ROWS)} rows in the large copy\n`);

  if (ONLY.has('throughput')) {
    const rows = [];
    for (const db of ['postgresql', 'mariadb']) {
      const table = `src_bench_${process.pid}_${db === 'postgresql' ? 'pg' : 'my'}`;
      onCleanup(() => dropTable(db, table));
      const fillS = await fillTable(db, table, THROUGHPUT_ROWS);
      const result = await copyTable(db, table, THROUGHPUT_ROWS);
      await dropTable(db, table);
      details[`throughput_${db}`] = result;
      rows.push([db, fmt(fillS), fmt(result.totalS), fmtInt(result.rowsPerS), fmtInt(result.steadyRowsPerS), result.problems.length]);
      figures.add(`${db}_rows_per_s`, `${db}: rows/s, one task, 600-byte rows, incrementing (10-90%)`, result.steadyRowsPerS, 'rows/s', {
        target: TARGETS.rowsPerS,
        note: `${fmtInt(result.rowsPerS)} rows/s including connector start`,
      });
    }
    console.log('Throughput (JsonConverter, schemas.enable=false)');
    printTable(['Database', 'Fill s', 'Copy s', 'rows/s (all)', 'rows/s (10-90%)', 'Worker warnings'], rows, { rightAlign: [1, 2, 3, 4, 5] });
    console.log();
  }

  if (ONLY.has('large')) {
    const db = opts['large-db'];
    if (!(db in DATABASES)) throw new Error(`--large-db must be postgresql or mariadb, got ${db}`);
    const table = `src_bench_${process.pid}_large`;
    onCleanup(() => dropTable(db, table));
    console.log(`Filling ${fmtInt(LARGE_ROWS)} rows into ${db} ...`);
    const fillS = await fillTable(db, table, LARGE_ROWS);
    const result = await copyTable(db, table, LARGE_ROWS, { sampleMemory: true });
    await dropTable(db, table);
    const rssAt = (fraction) => result.memory.find(([f]) => f >= fraction)?.[1] ?? null;
    const base = rssAt(0.1);
    const peakBetween = (from, to) => Math.max(...result.memory.filter(([f]) => f >= from && f < to).map(([, kib]) => kib));
    const firstHalf = peakBetween(0.1, 0.5);
    const secondHalf = peakBetween(0.5, 1.01);
    const peak = Math.max(...result.memory.map(([, kib]) => kib));
    details.large = { db, rows: LARGE_ROWS, fillS, copyS: result.totalS, rowsPerS: result.rowsPerS, samples: result.memory.length, rssKiB: { at10: base, at50: rssAt(0.5), at90: rssAt(0.9), peak } };
    printTable(
      ['Database', 'Rows', 'Fill s', 'Copy s', 'rows/s', 'RSS 10%', 'RSS 50%', 'RSS 90%', 'RSS peak', 'Samples'],
      [[db, fmtInt(LARGE_ROWS), fmt(fillS), fmt(result.totalS), fmtInt(result.rowsPerS), fmt(mib(base)), fmt(mib(rssAt(0.5))), fmt(mib(rssAt(0.9))), fmt(mib(peak)), result.memory.length]],
      { rightAlign: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    );
    console.log();
    figures.add('large_rss_growth', `worker RSS growth copying ${fmtInt(LARGE_ROWS)} rows (peak 50-100% − peak 10-50%)`, Number.isFinite(firstHalf) && Number.isFinite(secondHalf) ? (secondHalf - firstHalf) / 1024 : null, 'MiB', {
      target: TARGETS.rssGrowth,
      note: `peaks ${fmt(firstHalf / 1024)} → ${fmt(secondHalf / 1024)} MiB, ${fmtInt(result.rowsPerS)} rows/s`,
    });
    figures.add('large_rss_peak', `worker peak RSS copying ${fmtInt(LARGE_ROWS)} rows`, peak / 1024, 'MiB');
  }

  figures.print();
  writeResults('jdbc-source', { benchmark: 'jdbc-source', scale: SCALE, figures: figures.list, details });
}

main()
  .then(() => cleanupAll())
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(err?.stack ?? err);
    await cleanupAll();
    process.exit(1);
  });
