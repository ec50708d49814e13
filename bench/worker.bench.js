#!/usr/bin/env node
/**
 * Worker benchmark: `sluice standalone` (node bin/sluice.js standalone worker.properties) as its own
 * process against the embedded broker in another process, fresh temp dirs (removed on any exit).
 *
 *   node bench/worker.bench.js [--profile] [--quick | --scale F] [--only starts,idle,string,json,latency,whatif]
 *   (or: npm run bench -- worker [options])
 *
 * Needs a build (`npm run build`; `npm run bench` does it) and kcat on PATH (or KCAT=...) for the
 * latency breakdown (optional: without it the breakdown is skipped).
 *
 * Figures (targets in brackets; PASS/FAIL is printed, the exit code is 0 unless something crashed):
 *   1. worker start → GET /health 200, polled every 10 ms, median of 5 starts       [<= 1,500 ms]
 *      plus the worker's own CPU time to get there (utime+stime; steadier than wall time when other
 *      processes load the machine)
 *   2. worker VmRSS after /health 200 + 2 s idle, no connectors; and with a FileStreamSource and a
 *      FileStreamSink connector RUNNING and idle (+2 s)                              [<= 80 MiB]
 *      information: the same worker read again >= 30 s later (V8 shrinks its young generation only
 *      then), and a worker started with --max-semi-space-size=2
 *   3. FileStream source → broker → FileStream sink: 1,000,000 lines of 200 bytes (+ '\n'), file
 *      prepared beforehand, one-partition topic created beforehand, fresh worker; time from the
 *      first POST /connectors until the sink file has every byte; lines/s      [>= 100,000 lines/s]
 *      once with StringConverter (key and value), once with JsonConverter (schemas.enable=false)
 *      on the first 500,000 lines; CPU % of worker and broker over the run and worker CPU µs per
 *      line; the sink file is compared with the source (identical = no loss, no duplicates, in
 *      order). A run that has not finished by its cap (~14,000 lines/s) reports its rate so far.
 *      Start-up and idle phases run on StringConverter workers too.
 *   4. end-to-end latency at low load: one timestamped line appended every 20 ms for 20 s (1,000
 *      lines) to a running pipeline's source file; the sink file is watched (fs.watch plus a 2 ms
 *      size poll); latency = seen in sink − appended; p50 [<= 20 ms], p99 [<= 100 ms], max.
 *      With kcat, each record's CreateTime (the moment the source task read the line) splits the
 *      latency into "waiting for the source to read" and "source read → sink file".
 *   whatif (information, no target): the same latency run with a plugin (generated in the temp
 *      dir, loaded through plugin.path) that is the built-in FileStreamSource with its end-of-file
 *      idle wait shortened from 1,000 ms to WHATIF_IDLE_WAIT_MS, i.e. what the latency would be
 *      with that runtime change.
 *
 * --profile runs the throughput workers (and a dedicated broker per throughput run) and one extra,
 * uncounted start under `node --cpu-prof` (bench/results/profiles/*.cpuprofile) and prints the top
 * self-time functions, self time per module, the inclusive time of the pipeline's main functions,
 * the worker's busy time per pipeline stage and the start-up's time per package loaded (the
 * profiler costs throughput). --quick runs at 1/10 of the sizes. RSS is VmRSS in MiB (the "MB"
 * targets are read as MiB).
 *
 * Output: tables on stdout and bench/results/worker.json (git-ignored).
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, watch, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import {
  CLK_TCK,
  REPO_ROOT,
  RESULTS_DIR,
  bareNodeMemory,
  capture,
  cleanupAll,
  installExitHandlers,
  isStopping,
  makeTempDir,
  measureCpu,
  measureSystemCpu,
  onCleanup,
  readMemory,
  sampleMemory,
  startBroker,
} from './lib/proc.js';
import { parseBenchArgs } from './lib/args.js';
import { Figures, fmt, fmtInt, mib, printCpuProfile, printTable, summarizeCpuProfile, writeResults } from './lib/report.js';
import {
  compareNumberedFiles,
  createConnector,
  fileSize,
  freePort,
  profileByModule,
  profileStages,
  profileStartup,
  startWorker,
  waitRunning,
  writeNumberedLines,
  writeProperties,
} from './lib/worker-proc.js';

const { Kafka, logLevel } = kafkajs;

const HELP = 'Usage: node bench/worker.bench.js [--profile] [--quick | --scale F] [--only starts,idle,string,json,latency,whatif]';
const { opts, scale: SCALE } = parseBenchArgs(HELP, {
  profile: { type: 'boolean', default: false },
  only: { type: 'string' },
});
const ONLY = new Set((opts.only ?? 'starts,idle,string,json,latency,whatif').split(',').map((s) => s.trim()).filter(Boolean));
const KCAT = process.env.KCAT ?? 'kcat';
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

const STARTS = 5;
const HEALTH_POLL_MS = 10;
const IDLE_MS = 2000;
/** When the idle worker's RSS is read again (it stays idle while the throughput phases run). */
const LONG_IDLE_MS = 30_000;
const LINES = Math.round(1_000_000 * SCALE);
/** The JsonConverter run reads the first half of the lines (its own file), so it finishes within the time budget. */
const JSON_LINES = Math.round(LINES / 2);
const LINE_BYTES = 200; // + '\n'
const LAT_LINES = Math.max(50, Math.round(1000 * SCALE));
const LAT_INTERVAL_MS = 20;
const WHATIF_LINES = Math.max(50, Math.round(300 * SCALE));
const WHATIF_IDLE_WAIT_MS = 5;
const WHATIF_SEMI_SPACE_MB = 2;
const SINK_POLL_MS = 2;

const TARGETS = {
  startMs: { op: '<=', value: 1500 },
  idleRss: { op: '<=', value: 80 },
  linesPerS: { op: '>=', value: 100_000 },
  p50: { op: '<=', value: 20 },
  p99: { op: '<=', value: 100 },
};

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
/** Client settings of the latency runs (kafkajs defaults spelled out; see the report for why they do not matter here). */
const LATENCY_CLIENT = {
  'consumer.fetch.max.wait.ms': '500',
  'consumer.fetch.min.bytes': '1',
};

const figures = new Figures();
const problems = [];
const details = {};
const profiles = [];
let phaseErrors = 0;

const log = (msg) => console.log(msg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest-rank percentile. */
const pct = (sorted, p) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
const memText = (m) => (m ? `${fmt(mib(m.rssKiB))} MiB (anon ${fmt(mib(m.anonKiB))}, file ${fmt(mib(m.fileKiB))})` : 'n/a');
const propsText = (p) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(', ');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function createTopic(broker, topic) {
  const admin = new Kafka({ clientId: 'sluice-worker-bench', brokers: [broker.bootstrap], logLevel: logLevel.ERROR, retry: { retries: 3, initialRetryTime: 200 } }).admin();
  const off = onCleanup(() => withTimeout(admin.disconnect(), 3000, 'admin disconnect').catch(() => {}));
  try {
    await withTimeout(admin.connect(), 15_000, 'kafkajs admin connect');
    await withTimeout(admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }), 15_000, `createTopics ${topic}`);
  } finally {
    off();
    await withTimeout(admin.disconnect(), 5000, 'admin disconnect').catch(() => {});
  }
}

function profileArgs(label) {
  if (!opts.profile) return [];
  mkdirSync(PROFILE_DIR, { recursive: true });
  const name = `${label}.cpuprofile`;
  rmSync(join(PROFILE_DIR, name), { force: true });
  profiles.push({ label, file: join(PROFILE_DIR, name) });
  return ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', name];
}

/** Writes worker.properties for a fresh worker in its own dir and starts it. */
async function launchWorker(ctx, label, converters, extra = {}, nodeArgs = []) {
  const dir = join(ctx.tmpDir, label);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const props = {
    'bootstrap.servers': ctx.broker.bootstrap,
    ...converters,
    'offset.storage.file.filename': join(dir, 'offsets'),
    'offset.flush.interval.ms': '10000',
    listeners: `http://127.0.0.1:${port}`,
    ...extra,
  };
  const propsFile = join(dir, 'worker.properties');
  writeProperties(propsFile, props);
  const worker = await startWorker({ propsFile, restUrl: `http://127.0.0.1:${port}`, cwd: dir, nodeArgs, pollMs: HEALTH_POLL_MS });
  worker.dir = dir;
  worker.props = props;
  return worker;
}

async function stopWorker(worker, what) {
  const s = await worker.stop(opts.profile ? 60_000 : 15_000);
  for (const p of worker.problems) problems.push(`${what} worker log: ${p}`);
  if (s.alreadyExited) problems.push(`${what} worker had exited on its own (code ${s.code}, signal ${s.signal}); log tail:\n${worker.logTail(20)}`);
  else if (!s.graceful) problems.push(`${what} worker did not exit within the grace period after SIGTERM (killed)`);
  else if (s.code !== 0) problems.push(`${what} worker exited with code ${s.code} signal ${s.signal} after SIGTERM`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// 1 + 2. Start-up and idle RSS

async function phaseStarts(ctx) {
  const runs = [];
  let kept = null;
  for (let i = 0; i < STARTS; i++) {
    const sys = measureSystemCpu();
    const w = await launchWorker(ctx, `start-${i + 1}`, STRING_CONVERTERS);
    const load = sys.stop();
    // Other processes' CPU while this worker started (machine busy time minus the worker and this bench).
    const othersPct = load.busyS === null || w.startCpuMs === null ? null : (100 * Math.max(0, load.busyS - w.startCpuMs / 1000 - load.selfS)) / (w.startMs / 1000);
    const rssAtHealth = readMemory(w.pid);
    runs.push({ startMs: w.startMs, startCpuMs: w.startCpuMs, othersPctOfCore: othersPct, healthPolls: w.healthPolls, rssAtHealthMiB: mib(rssAtHealth?.rssKiB) });
    const what = `start ${i + 1}: ${fmtInt(w.startMs)} ms (${w.healthPolls} polls); worker CPU to get there ${fmtInt(w.startCpuMs)} ms; other processes ${fmt(othersPct, 0)} % of a core meanwhile`;
    if (i === STARTS - 1 && ONLY.has('idle')) {
      kept = w;
      log(`  ${what}; kept running for the idle RSS phase`);
    } else {
      const s = await stopWorker(w, `start ${i + 1}`);
      runs[i].stopMs = s.stopMs;
      log(`  ${what}; VmRSS at /health 200 ${fmt(mib(rssAtHealth?.rssKiB))} MiB; stopped in ${fmtInt(s.stopMs)} ms`);
    }
  }
  if (opts.profile) {
    // One more start, not counted, under the profiler; stopped at /health 200 so the profile covers the start-up only.
    const w = await launchWorker(ctx, 'start-profiled', STRING_CONVERTERS, {}, profileArgs('worker-startup'));
    log(`  profiled start (not counted): ${fmtInt(w.startMs)} ms`);
    await stopWorker(w, 'profiled start');
  }
  const med = median(runs.map((r) => r.startMs));
  const medCpu = median(runs.map((r) => r.startCpuMs).filter((v) => v !== null));
  const medOthers = median(runs.map((r) => r.othersPctOfCore).filter((v) => v !== null));
  details.starts = { runs, medianMs: med, medianCpuMs: medCpu, medianOthersPctOfCore: medOthers, pollMs: HEALTH_POLL_MS };
  figures.add('startMs', '1. Worker start to GET /health 200 (median of 5)', med, 'ms', {
    target: TARGETS.startMs,
    digits: 0,
    note: `runs ${runs.map((r) => fmtInt(r.startMs)).join(' / ')} ms; polled every ${HEALTH_POLL_MS} ms; broker already running; other processes ${fmt(medOthers, 0)} % of a core`,
  });
  figures.add('startCpuMs', '1. Worker CPU time used to reach /health 200 (median)', medCpu, 'ms', {
    digits: 0,
    note: `utime+stime at /health 200 (${CLK_TCK} ticks/s): the start-up's own work, less sensitive to other load than wall time`,
  });
  return kept;
}

async function phaseIdle(ctx, worker) {
  if (worker === null) worker = await launchWorker(ctx, 'idle', STRING_CONVERTERS);
  let keep = false;
  try {
    await sleep(IDLE_MS);
    const bare = readMemory(worker.pid);
    log(`  no connectors, ${IDLE_MS / 1000} s after /health 200: ${memText(bare)}`);
    const topic = 'bench-idle';
    await createTopic(ctx.broker, topic);
    const src = join(worker.dir, 'idle-source.txt');
    writeFileSync(src, '');
    await createConnector(worker, 'idle-source', { 'connector.class': 'FileStreamSource', file: src, topic });
    await createConnector(worker, 'idle-sink', { 'connector.class': 'FileStreamSink', file: join(worker.dir, 'idle-sink.txt'), topics: topic });
    const runningMs = Math.max(await waitRunning(worker, 'idle-source'), await waitRunning(worker, 'idle-sink'));
    const sampler = sampleMemory(worker.pid, 100);
    await sleep(IDLE_MS);
    const { peak } = sampler.stop();
    const withConnectors = readMemory(worker.pid);
    log(`  with FileStreamSource + FileStreamSink RUNNING (after ${fmtInt(runningMs)} ms) and ${IDLE_MS / 1000} s idle: ${memText(withConnectors)}; peak in those 2 s ${fmt(mib(peak?.rssKiB))} MiB`);
    const nodeOnly = await bareNodeMemory();
    log(`  for context, a bare idle \`node -e 'setInterval(...)'\`: ${memText(nodeOnly)}`);
    details.idle = { noConnectors: bare, withConnectors, withConnectorsPeak: peak, bareNode: nodeOnly };
    figures.add('idleRssMiB', '2. Worker RSS idle, no connectors', mib(bare?.rssKiB), 'MiB', {
      target: TARGETS.idleRss,
      note: `${IDLE_MS / 1000} s after /health 200; anon ${fmt(mib(bare?.anonKiB))}, file ${fmt(mib(bare?.fileKiB))}; bare node ${fmt(mib(nodeOnly?.rssKiB))} MiB`,
    });
    figures.add('idleRssConnectorsMiB', '2. Worker RSS idle, FileStream source + sink', mib(withConnectors?.rssKiB), 'MiB', {
      target: TARGETS.idleRss,
      note: `${IDLE_MS / 1000} s after both RUNNING; peak in that window ${fmt(mib(peak?.rssKiB))} MiB`,
    });
    // Left running, idle, for a later reading (finishLongIdle): V8 shrinks the young generation
    // only some seconds after the start-up burst (its memory reducer), which 2 s does not show.
    ctx.longIdle = { worker, since: performance.now() - IDLE_MS };
    keep = true;
  } finally {
    if (!keep) await stopWorker(worker, 'idle');
  }
  // What-if: the young generation's semi-spaces grow during start-up and stay large when idle.
  const small = await launchWorker(ctx, 'idle-semi', STRING_CONVERTERS, {}, [`--max-semi-space-size=${WHATIF_SEMI_SPACE_MB}`]);
  try {
    await sleep(IDLE_MS);
    const m = readMemory(small.pid);
    details.idle.semiSpaceWhatIf = { flag: `--max-semi-space-size=${WHATIF_SEMI_SPACE_MB}`, mem: m, startMs: small.startMs };
    log(`  what-if, worker started with node --max-semi-space-size=${WHATIF_SEMI_SPACE_MB}: ${memText(m)} (start ${fmtInt(small.startMs)} ms)`);
    figures.add('idleRssSemiMiB', `2'. Worker RSS idle if --max-semi-space-size=${WHATIF_SEMI_SPACE_MB}`, mib(m?.rssKiB), 'MiB', {
      note: `information (node flag, e.g. NODE_OPTIONS; not free: more scavenges under load); no connectors; anon ${fmt(mib(m?.anonKiB))}, file ${fmt(mib(m?.fileKiB))}`,
    });
  } finally {
    await stopWorker(small, 'idle what-if');
  }
}

/** Reads the RSS of the idle worker with connectors left running by phaseIdle, LONG_IDLE_MS after its connectors started. */
async function finishLongIdle(ctx) {
  const li = ctx.longIdle;
  if (!li) return;
  ctx.longIdle = null;
  try {
    const wait = LONG_IDLE_MS - (performance.now() - li.since);
    if (wait > 0) await sleep(wait);
    const ageS = (performance.now() - li.since) / 1000;
    const m = readMemory(li.worker.pid);
    details.idle.withConnectorsLater = { ageS, mem: m };
    log(`\n  the idle worker with FileStreamSource + FileStreamSink, ${fmt(ageS, 0)} s after its connectors started (idle all along): ${memText(m)}`);
    figures.add('idleRssLaterMiB', `2''. Worker RSS idle ${fmt(ageS, 0)} s after connectors started`, mib(m?.rssKiB), 'MiB', {
      note: `information: same worker as the 2 s figure, idle while the other phases ran; anon ${fmt(mib(m?.anonKiB))}, file ${fmt(mib(m?.fileKiB))}`,
    });
  } finally {
    await stopWorker(li.worker, 'idle (long)');
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Throughput

async function phaseThroughput(ctx, key, label, converters, { file, bytes, lines }) {
  const topic = `bench-tp-${key}`;
  const profiled = opts.profile;
  // Under --profile, a dedicated profiled broker, so its profile covers this run only.
  const broker = profiled ? await startBroker({ dataDir: join(ctx.tmpDir, `data-${key}`), nodeArgs: profileArgs(`broker-${key}`) }) : ctx.broker;
  const runCtx = { ...ctx, broker };
  const result = { label, topic, converters, lines, lineBytes: LINE_BYTES + 1, sourceFile: file };
  details[`throughput_${key}`] = result;
  let worker = null;
  try {
    await createTopic(broker, topic);
    worker = await launchWorker(runCtx, `tp-${key}`, converters, {}, profileArgs(`worker-${key}`));
    const sink = join(worker.dir, 'sink.txt');
    const expected = bytes;
    // Caps keep the whole benchmark near 3 minutes; an unfinished run reports its rate so far.
    const timeoutMs = Math.max(20_000, (lines / 14_000) * 1000);
    log(`  worker pid ${worker.pid} (${propsText(converters)}); topic ${topic} (1 partition); sink ${sink}`);

    const wCpu = measureCpu(worker.pid);
    const bCpu = measureCpu(broker.pid);
    const sys = measureSystemCpu();
    const wMem = sampleMemory(worker.pid, 200);
    const bMem = sampleMemory(broker.pid, 200);
    const t0 = performance.now();
    await createConnector(worker, `sink-${key}`, { 'connector.class': 'FileStreamSink', file: sink, topics: topic });
    await createConnector(worker, `source-${key}`, { 'connector.class': 'FileStreamSource', file, topic });
    const createdMs = performance.now() - t0;
    const marks = { firstByteMs: null, p10Ms: null, p50Ms: null, p90Ms: null };
    let size = 0;
    let timedOut = false;
    for (;;) {
      size = fileSize(sink);
      const el = performance.now() - t0;
      if (size > 0 && marks.firstByteMs === null) marks.firstByteMs = el;
      if (size >= 0.1 * expected && marks.p10Ms === null) marks.p10Ms = el;
      if (size >= 0.5 * expected && marks.p50Ms === null) marks.p50Ms = el;
      if (size >= 0.9 * expected && marks.p90Ms === null) marks.p90Ms = el;
      if (size >= expected) break;
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
    const wPeak = wMem.stop().peak;
    const bPeak = bMem.stop().peak;
    const linesDone = Math.floor(size / (LINE_BYTES + 1));
    const othersS = s.busyS === null || w.cpuS === null || b.cpuS === null ? null : Math.max(0, s.busyS - w.cpuS - b.cpuS - s.selfS);
    Object.assign(result, {
      wallMs,
      createdMs,
      ...marks,
      timedOut,
      linesDone,
      linesPerS: (linesDone * 1000) / wallMs,
      // From the 10 % mark to the end: without the connector start-up and the sink's group join.
      steadyLinesPerS: marks.p10Ms !== null && wallMs > marks.p10Ms && linesDone > 0.1 * lines ? ((linesDone - 0.1 * lines) * 1000) / (wallMs - marks.p10Ms) : null,
      workerCpuS: w.cpuS,
      workerPctOfCore: w.pctOfCore,
      brokerCpuS: b.cpuS,
      brokerPctOfCore: b.pctOfCore,
      benchPctOfCore: (100 * s.selfS * 1000) / wallMs,
      othersPctOfCore: othersS === null ? null : (100 * othersS * 1000) / wallMs,
      workerCpuUsPerLine: w.cpuS === null || linesDone === 0 ? null : (w.cpuS * 1e6) / linesDone,
      brokerCpuUsPerLine: b.cpuS === null || linesDone === 0 ? null : (b.cpuS * 1e6) / linesDone,
      workerPeakRss: wPeak,
      brokerPeakRss: bPeak,
    });
    log(
      `  ${timedOut ? `TIMED OUT after ${fmt(wallMs / 1000, 1)} s with ${fmtInt(linesDone)} lines: ` : ''}${fmtInt(linesDone)} lines in ${fmt(wallMs / 1000, 2)} s = ${fmtInt(result.linesPerS)} lines/s ` +
        `(${fmt((size / 1e6) / (wallMs / 1000), 1)} MB/s); POSTs ${fmtInt(createdMs)} ms, first sink byte at ${fmtInt(marks.firstByteMs)} ms, 10 % at ${fmtInt(marks.p10Ms)} ms, 50 % at ${fmtInt(marks.p50Ms)} ms, 90 % at ${fmtInt(marks.p90Ms)} ms; ` +
        `rate from the 10 % mark to the end ${fmtInt(result.steadyLinesPerS)} lines/s`,
    );
    log(
      `  CPU: worker ${fmt(w.pctOfCore)} % / broker ${fmt(b.pctOfCore)} % / this bench ${fmt(result.benchPctOfCore)} % / everything else ${fmt(result.othersPctOfCore)} % of one core ` +
        `(${cpus().length} cores); CPU per line: worker ${fmt(result.workerCpuUsPerLine)} µs, broker ${fmt(result.brokerCpuUsPerLine)} µs ` +
        `(one core at that cost: ${fmtInt(result.workerCpuUsPerLine ? 1e6 / result.workerCpuUsPerLine : null)} lines/s); peak VmRSS worker ${fmt(mib(wPeak?.rssKiB))} MiB, broker ${fmt(mib(bPeak?.rssKiB))} MiB`,
    );
    await sleep(500); // anything arriving late (duplicates) shows up in the comparison
    const cmp = compareNumberedFiles(file, sink, lines);
    result.verify = cmp;
    if (cmp.identical) log(`  verified: sink file identical to the source file (${fmtInt(cmp.sinkBytes)} bytes, ${fmtInt(lines)} lines; no loss, no duplicates, in order)`);
    else if (timedOut && cmp.cleanPrefix) log(`  verified (unfinished run): the sink file holds lines 0..${fmtInt(cmp.lines - 1)} exactly once, in order (no loss, no duplicates so far)`);
    else {
      const msg = `${label}: sink file differs from source: ${fmtInt(cmp.lines)} lines, ${fmtInt(cmp.missing)} missing, ${fmtInt(cmp.duplicates)} duplicates, ${fmtInt(cmp.outOfOrder)} out of order, ${fmtInt(cmp.foreign)} unparseable; examples ${JSON.stringify(cmp.examples)}`;
      log(`  ! ${msg}`);
      problems.push(msg);
    }
    const verifiedNote = cmp.identical
      ? 'sink = source'
      : timedOut && cmp.cleanPrefix
        ? `UNFINISHED at the ${fmt(timeoutMs / 1000, 0)} s cap (rate so far; sink a clean prefix)`
        : timedOut
          ? 'UNFINISHED and sink NOT a clean prefix'
          : 'SINK != SOURCE';
    figures.add(`tp_${key}`, `3. FileStream source→broker→sink, ${label}`, result.linesPerS, 'lines/s', {
      target: TARGETS.linesPerS,
      note: `${fmtInt(linesDone)} of ${fmtInt(lines)} x ${LINE_BYTES} B in ${fmt(wallMs / 1000, 2)} s; first sink byte ${fmtInt(marks.firstByteMs)} ms; after 10 % ${fmtInt(result.steadyLinesPerS)}/s; ${verifiedNote}`,
    });
    figures.add(`tp_${key}_cpuWorker`, `3. CPU worker, ${label}`, w.pctOfCore, '% of a core', {
      note: `${fmt(w.cpuS, 1)} s CPU = ${fmt(result.workerCpuUsPerLine)} µs/line (a full core would give ${fmtInt(result.workerCpuUsPerLine ? 1e6 / result.workerCpuUsPerLine : null)} lines/s); peak RSS ${fmt(mib(wPeak?.rssKiB))} MiB`,
    });
    figures.add(`tp_${key}_cpuBroker`, `3. CPU broker, ${label}`, b.pctOfCore, '% of a core', {
      note: `${fmt(b.cpuS, 1)} s CPU; everything else on the machine ${fmt(result.othersPctOfCore, 0)} %`,
    });
  } finally {
    if (worker) result.stop = await stopWorker(worker, `throughput ${key}`);
    if (profiled) {
      const s = await broker.stop(60_000);
      for (const p of broker.problems) problems.push(`${key} broker log: ${p}`);
      if (!s.graceful) problems.push(`${key} broker was SIGKILLed (no profile)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Latency

/** Follows a growing file: fs.watch plus a size poll every SINK_POLL_MS; onLine(line, perfNow). */
function followFile(file, onLine) {
  let offset = fileSize(file);
  let partial = '';
  const buf = Buffer.allocUnsafe(1 << 20);
  let fd = null;
  const drain = () => {
    const now = performance.now();
    if (fd === null) {
      try {
        fd = openSync(file, 'r');
      } catch {
        return;
      }
    }
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n <= 0) break;
      offset += n;
      const parts = (partial + buf.toString('latin1', 0, n)).split('\n');
      partial = parts.pop();
      for (const line of parts) onLine(line, now);
    }
  };
  let watcher = null;
  try {
    watcher = watch(file, { persistent: false }, drain);
    watcher.on('error', () => {});
  } catch {
    /* polling only */
  }
  const timer = setInterval(drain, SINK_POLL_MS);
  drain();
  return {
    drain,
    stop() {
      clearInterval(timer);
      watcher?.close();
      drain();
      if (fd !== null) closeSync(fd);
    },
  };
}

/**
 * Appends `count` lines "L<seq> <epoch ms> ..." to src every LAT_INTERVAL_MS (absolute schedule)
 * and records when each shows up in sink. Returns per-line {seq, appendEpoch, seenEpoch, latencyMs}.
 */
async function measureLatency(worker, src, sink, count, tag) {
  // Warm-up: the sink consumer must have joined its group and be fetching before we measure.
  let warm = 0;
  const warmSeen = new Set();
  const follower0 = followFile(sink, (line) => {
    const m = /^W(\d+) /.exec(line);
    if (m) warmSeen.add(Number(m[1]));
  });
  const w0 = performance.now();
  try {
    while (warmSeen.size < 3) {
      if (performance.now() - w0 > 30_000) throw new Error(`${tag}: warm-up lines did not reach the sink within 30 s`);
      if (!worker.alive()) throw new Error(`${tag}: worker died during warm-up:\n${worker.logTail(20)}`);
      if (warm < 3 || (performance.now() - w0) / 200 > warm) appendFileSync(src, `W${warm++} warm-up\n`);
      await sleep(50);
    }
  } finally {
    follower0.stop();
  }
  const warmMs = performance.now() - w0;
  await sleep(1500); // let the source settle into its idle rhythm

  const appendAt = new Float64Array(count).fill(NaN);
  const appendEpoch = new Float64Array(count).fill(NaN);
  const seenAt = new Float64Array(count).fill(NaN);
  const seenEpoch = new Float64Array(count).fill(NaN);
  let seen = 0;
  let duplicates = 0;
  const follower = followFile(sink, (line, now) => {
    const m = /^L(\d+) /.exec(line);
    if (!m) return;
    const seq = Number(m[1]);
    if (!Number.isNaN(seenAt[seq])) {
      duplicates++;
      return;
    }
    seenAt[seq] = now;
    seenEpoch[seq] = performance.timeOrigin + now;
    seen++;
  });
  const pad = 'x'.repeat(40);
  const start = performance.now() + 20;
  let lateTicks = 0;
  try {
    for (let seq = 0; seq < count; seq++) {
      const due = start + seq * LAT_INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() - due > 5) lateTicks++;
      const ep = performance.timeOrigin + performance.now();
      appendFileSync(src, `L${String(seq).padStart(6, '0')} ${ep.toFixed(3)} ${pad}\n`);
      appendAt[seq] = performance.now();
      appendEpoch[seq] = ep;
    }
    const endBy = performance.now() + 5000;
    while (seen < count && performance.now() < endBy) await sleep(10);
  } finally {
    follower.stop();
  }
  const rows = [];
  for (let seq = 0; seq < count; seq++) rows.push({ seq, appendEpoch: appendEpoch[seq], seenEpoch: seenEpoch[seq], latencyMs: seenAt[seq] - appendAt[seq] });
  return { rows, seen, missing: count - seen, duplicates, warmMs, lateTicks, appendSpanMs: appendAt[count - 1] - appendAt[0] };
}

/** CreateTime of each L-line record in the topic (kcat), keyed by seq; null without kcat. */
function createTimes(broker, topic) {
  try {
    const out = capture(KCAT, ['-b', broker.bootstrap, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%T %s\\n']);
    const map = new Map();
    for (const line of out.split('\n')) {
      const m = /^(\d+) L(\d+) /.exec(line);
      if (m) map.set(Number(m[2]), Number(m[1]));
    }
    return map;
  } catch (err) {
    problems.push(`kcat for the latency breakdown failed: ${err.message.split('\n')[0]}`);
    return null;
  }
}

function latencyStats(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.at(-1) ?? null, min: s[0] ?? null, mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : null };
}

const statsText = (st) => `p50 ${fmt(st.p50)} / p90 ${fmt(st.p90)} / p99 ${fmt(st.p99)} / max ${fmt(st.max)} ms (min ${fmt(st.min)}, mean ${fmt(st.mean)})`;

async function runLatency(ctx, { key, label, sourceClass, extraProps = {}, count }) {
  const topic = `bench-latency-${key}`;
  await createTopic(ctx.broker, topic);
  const worker = await launchWorker(ctx, `lat-${key}`, STRING_CONVERTERS, { ...LATENCY_CLIENT, ...extraProps });
  const result = { label, topic, count, intervalMs: LAT_INTERVAL_MS, clientSettings: LATENCY_CLIENT, sourceClass, extraProps };
  try {
    const src = join(worker.dir, 'source.txt');
    const sink = join(worker.dir, 'sink.txt');
    writeFileSync(src, '');
    writeFileSync(sink, '');
    await createConnector(worker, `lat-sink-${key}`, { 'connector.class': 'FileStreamSink', file: sink, topics: topic });
    await createConnector(worker, `lat-source-${key}`, { 'connector.class': sourceClass, file: src, topic });
    await waitRunning(worker, `lat-source-${key}`);
    await waitRunning(worker, `lat-sink-${key}`);
    const wCpu = measureCpu(worker.pid);
    const bCpu = measureCpu(ctx.broker.pid);
    const m = await measureLatency(worker, src, sink, count, label);
    const w = wCpu.stop();
    const b = bCpu.stop();
    const total = latencyStats(m.rows.map((r) => r.latencyMs));
    Object.assign(result, { total, seen: m.seen, missing: m.missing, duplicates: m.duplicates, warmUpMs: m.warmMs, lateTicks: m.lateTicks, appendSpanMs: m.appendSpanMs });
    result.workerPctOfCore = w.pctOfCore;
    result.brokerPctOfCore = b.pctOfCore;
    log(
      `  ${label}: ${count} lines every ${LAT_INTERVAL_MS} ms over ${fmt(m.appendSpanMs / 1000, 1)} s (${m.lateTicks} appends > 5 ms late); seen ${m.seen}, missing ${m.missing}, duplicates ${m.duplicates}; warm-up ${fmtInt(m.warmMs)} ms`,
    );
    log(`    latency append → seen in sink file: ${statsText(total)}`);
    log(`    CPU while measuring (incl. warm-up): worker ${fmt(w.pctOfCore)} %, broker ${fmt(b.pctOfCore)} % of a core`);
    const ct = createTimes(ctx.broker, topic);
    if (ct) {
      // CreateTime = Date.now() in the worker when the source task read the line (ms resolution).
      const toRead = [];
      const afterRead = [];
      for (const r of m.rows) {
        const t = ct.get(r.seq);
        if (t === undefined) continue;
        toRead.push(t - r.appendEpoch);
        if (Number.isFinite(r.seenEpoch)) afterRead.push(r.seenEpoch - t);
      }
      result.breakdown = { appendToSourceRead: latencyStats(toRead), sourceReadToSink: latencyStats(afterRead), records: ct.size };
      log(`    of which append → source task read (record CreateTime): ${statsText(result.breakdown.appendToSourceRead)}`);
      log(`    and source read → sink file (convert, produce, broker, fetch, put, write): ${statsText(result.breakdown.sourceReadToSink)}`);
      // Lines per source read: how the source batches lines that arrived during its idle wait.
      const perRead = new Map();
      for (const r of m.rows) {
        const t = ct.get(r.seq);
        if (t !== undefined) perRead.set(t, (perRead.get(t) ?? 0) + 1);
      }
      const sizes = [...perRead.values()];
      result.breakdown.distinctReadTimes = sizes.length;
      result.breakdown.linesPerReadMedian = median(sizes);
      log(`    the source read these lines at ${sizes.length} distinct ms timestamps (median ${fmt(median(sizes))} lines per read)`);
    }
  } finally {
    result.stop = await stopWorker(worker, `latency ${key}`);
  }
  return result;
}

async function phaseLatency(ctx) {
  const r = await runLatency(ctx, { key: 'string', label: 'FileStreamSource (built-in)', sourceClass: 'FileStreamSource', count: LAT_LINES });
  details.latency = r;
  const bd = r.breakdown;
  const bdNote = bd ? `; append→source read p50 ${fmt(bd.appendToSourceRead.p50, 0)} ms, source read→sink p50 ${fmt(bd.sourceReadToSink.p50, 0)} / p99 ${fmt(bd.sourceReadToSink.p99, 0)} ms` : '';
  const lossNote = r.missing || r.duplicates ? `; ${r.missing} MISSING, ${r.duplicates} duplicates` : '';
  figures.add('latP50', '4. End-to-end latency p50 (1 line / 20 ms)', r.missing ? null : r.total.p50, 'ms', { target: TARGETS.p50, note: `${r.count} lines${bdNote}${lossNote}` });
  figures.add('latP99', '4. End-to-end latency p99', r.missing ? null : r.total.p99, 'ms', { target: TARGETS.p99, note: `StringConverter; ${propsText(LATENCY_CLIENT)}` });
  figures.add('latMax', '4. End-to-end latency max', r.total.max, 'ms', { note: `mean ${fmt(r.total.mean)} ms` });
}

/** A plugin that is the built-in FileStreamSource with a shorter end-of-file idle wait. */
function writeWhatIfPlugin(dir) {
  const pkg = join(dir, 'fast-file-source');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'bench-fast-file-source', type: 'module', sluice: { plugin: 'index.js' } }));
  const files = pathToFileURL(join(REPO_ROOT, 'dist', 'connectors', 'file', 'index.js')).href;
  writeFileSync(
    join(pkg, 'index.js'),
    `import { FileStreamSourceConnector, FileStreamSourceTask } from ${JSON.stringify(files)};
class BenchFastFileStreamSourceConnector extends FileStreamSourceConnector {
  taskClass() {
    return { className: 'BenchFastFileStreamSourceTask', create: () => new FileStreamSourceTask({ idleWaitMs: ${WHATIF_IDLE_WAIT_MS} }) };
  }
}
export const plugins = [{ className: 'BenchFastFileStreamSource', kind: 'source', version: '0.0.0', create: () => new BenchFastFileStreamSourceConnector() }];
`,
  );
  return dir;
}

async function phaseWhatIf(ctx) {
  const pluginDir = writeWhatIfPlugin(join(ctx.tmpDir, 'plugins'));
  const r = await runLatency(ctx, {
    key: 'whatif',
    label: `what-if: FileStreamSource with a ${WHATIF_IDLE_WAIT_MS} ms end-of-file idle wait (plugin)`,
    sourceClass: 'BenchFastFileStreamSource',
    extraProps: { 'plugin.path': pluginDir },
    count: WHATIF_LINES,
  });
  details.latencyWhatIf = r;
  figures.add('whatifP50', `4'. Latency p50 if the source idle wait were ${WHATIF_IDLE_WAIT_MS} ms`, r.missing ? null : r.total.p50, 'ms', {
    note: `information (what-if plugin), ${r.count} lines; p99 ${fmt(r.total.p99)} ms, max ${fmt(r.total.max)} ms; worker CPU ${fmt(r.workerPctOfCore, 0)} % of a core during the run (incl. polling the file every ${WHATIF_IDLE_WAIT_MS} ms)`,
  });
  figures.add('whatifP99', `4'. Latency p99 if the source idle wait were ${WHATIF_IDLE_WAIT_MS} ms`, r.missing ? null : r.total.p99, 'ms', { note: 'information (what-if plugin)' });
}

// ---------------------------------------------------------------------------------------------

const INCLUSIVE_FUNCTIONS = [
  'execute',
  'send',
  'toMessage',
  'onAcked',
  'poll',
  '#readBatch',
  '#takeLines',
  'onBatch',
  'toSinkRecord',
  'put',
  'fromConnectData',
  'toConnectData',
  'javaToString',
  'sendMessages',
  'encode',
  'decode',
  'parse',
  'runGC',
  '(garbage collector)',
];

/** Pipeline stages of a worker profile (first match from the leaf frame up, see profileStages). */
const STAGE_RULES = [
  ['source: kafkajs producer (group, encode, send)', /kafkajs\/src\/(producer|protocol\/requests\/produce|protocol\/recordBatch\/(v0\/index|record\/v0\/index|crc32C))/],
  ['sink: kafkajs consumer (fetch, decode)', /kafkajs\/src\/(consumer|protocol\/requests\/fetch|protocol\/recordBatch\/(v0\/decoder|record\/v0\/decoder))/],
  ['source: Sluice kafka-client producer', /\/dist\/src\/kafka-client\//],
  ['source: Sluice WorkerSourceTask + FileStreamSource + converter', /worker-source-task|file-stream-source|line-buffer|byte-input|submitted-records|runtime\/worker\.js/],
  ['sink: Sluice WorkerSinkTask + FileStreamSink + converter', /worker-sink-task|file-stream-sink|append-writer/],
  ['start-up: module loading', /internal\/modules\/(cjs\/loader|esm\/(loader|module_job|translators))/],
  ['REST API (fastify, ajv)', /node_modules\/(fastify|avvio|find-my-way|ajv|fast-json-stringify|@fastify)\//],
  ['kafkajs, other (network, request queue)', /kafkajs\//, { fallback: true }],
];

function printProfiles() {
  const out = [];
  for (const p of profiles) {
    log(`\n== CPU profile: ${p.label}`);
    if (!existsSync(p.file)) {
      log(`  no profile written (${p.file}); the process must exit normally for --cpu-prof to write it`);
      problems.push(`no CPU profile written for ${p.label}`);
      continue;
    }
    try {
      const s = summarizeCpuProfile(p.file, 25);
      printCpuProfile(s);
      const m = profileByModule(p.file, { inclusive: INCLUSIVE_FUNCTIONS });
      log('\n  self time by module:');
      printTable(
        ['Self ms', '% busy', 'Module'],
        m.modules.slice(0, 20).map((r) => [fmtInt(r.selfMs), r.pctOfBusy == null ? '' : fmt(r.pctOfBusy), r.module]),
        { indent: '  ', rightAlign: [0, 1] },
      );
      log('\n  inclusive time (function and everything it calls; a name may match several functions):');
      printTable(
        ['Incl. ms', '% busy', 'Function'],
        m.inclusive.filter((r) => r.inclusiveMs > 0).sort((a, b) => b.inclusiveMs - a.inclusiveMs).map((r) => [fmtInt(r.inclusiveMs), fmt(r.pctOfBusy), r.function]),
        { indent: '  ', rightAlign: [0, 1] },
      );
      let stages = null;
      if (p.label === 'worker-startup') {
        const st = profileStartup(p.file);
        log(`\n  start-up busy time (${fmtInt(st.busyMs)} ms incl. the shutdown after /health) by what it did; "load X" = evaluating package X's modules:`);
        printTable(
          ['ms', '% busy', 'What'],
          st.rows.slice(0, 25).map((r) => [fmtInt(r.ms), fmt(r.pctOfBusy), r.what]),
          { indent: '  ', rightAlign: [0, 1] },
        );
        stages = st.rows;
      } else if (p.label.startsWith('worker')) {
        stages = profileStages(p.file, STAGE_RULES);
        log('\n  busy time by pipeline stage (innermost recognisable frame decides):');
        printTable(
          ['ms', '% busy', 'Stage'],
          stages.map((r) => [fmtInt(r.ms), fmt(r.pctOfBusy), r.stage]),
          { indent: '  ', rightAlign: [0, 1] },
        );
      }
      out.push({ label: p.label, ...s, modules: m.modules.slice(0, 30), inclusive: m.inclusive, stages });
    } catch (err) {
      log(`  could not parse ${p.file}: ${err.message}`);
    }
  }
  return out;
}

async function main() {
  installExitHandlers();
  const started = new Date();
  const t0 = performance.now();
  const tmpDir = makeTempDir('sluice-bench-worker');
  log(`Sluice worker benchmark — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, node ${process.version}, CLK_TCK ${CLK_TCK}`);
  log(`scale ${SCALE}${opts.profile ? ', CPU profiling ON for the throughput runs (slower than normal)' : ''}; phases ${[...ONLY].join(',')}; temp dir ${tmpDir}`);

  const runPhase = async (title, fn) => {
    if (isStopping()) return;
    log(`\n== ${title}`);
    const p0 = performance.now();
    try {
      await fn();
    } catch (err) {
      if (isStopping()) return new Promise(() => {}); // interrupted: the signal handler exits
      phaseErrors++;
      const msg = err?.stack ?? String(err);
      problems.push(`${title}: ${err?.message ?? err}`);
      log(`  ERROR: ${msg}`);
    }
    log(`  (${fmt((performance.now() - p0) / 1000, 1)} s)`);
  };

  const broker = await startBroker({ dataDir: join(tmpDir, 'data-main') });
  log(`broker pid ${broker.pid} listening on ${broker.bootstrap} (started in ${fmtInt(broker.startMs)} ms)`);
  const ctx = { tmpDir, broker, longIdle: null, sourceFile: join(tmpDir, 'source.txt'), sourceBytes: 0, jsonSourceFile: join(tmpDir, 'source-json.txt'), jsonSourceBytes: 0 };

  let kept = null;
  if (ONLY.has('starts')) await runPhase(`1. Worker start-up: spawn → GET /health 200, ${STARTS} starts`, async () => (kept = await phaseStarts(ctx)));
  if (ONLY.has('idle')) await runPhase('2. Worker idle RSS', () => phaseIdle(ctx, kept));

  if (ONLY.has('string') || ONLY.has('json')) {
    const p0 = performance.now();
    if (ONLY.has('string')) ctx.sourceBytes = writeNumberedLines(ctx.sourceFile, LINES, LINE_BYTES);
    if (ONLY.has('json')) ctx.jsonSourceBytes = writeNumberedLines(ctx.jsonSourceFile, JSON_LINES, LINE_BYTES);
    log(
      `\nprepared ${ONLY.has('string') ? `${ctx.sourceFile} (${fmtInt(LINES)} lines)` : ''}${ONLY.has('string') && ONLY.has('json') ? ' and ' : ''}` +
        `${ONLY.has('json') ? `${ctx.jsonSourceFile} (${fmtInt(JSON_LINES)} lines)` : ''}: lines of ${LINE_BYTES} bytes + '\\n', in ${fmtInt(performance.now() - p0)} ms (not timed)`,
    );
  }
  if (ONLY.has('string')) await runPhase('3. Throughput FileStreamSource → broker → FileStreamSink, StringConverter', () =>
      phaseThroughput(ctx, 'string', 'StringConverter', STRING_CONVERTERS, { file: ctx.sourceFile, bytes: ctx.sourceBytes, lines: LINES }),
    );
  if (ONLY.has('json')) await runPhase('3. Throughput, JsonConverter (schemas.enable=false)', () =>
      phaseThroughput(ctx, 'json', 'JsonConverter schemas off', JSON_CONVERTERS, { file: ctx.jsonSourceFile, bytes: ctx.jsonSourceBytes, lines: JSON_LINES }),
    );
  rmSync(ctx.sourceFile, { force: true });
  rmSync(ctx.jsonSourceFile, { force: true });
  if (ctx.longIdle) await runPhase(`2''. Idle worker RSS, ${LONG_IDLE_MS / 1000} s after its connectors started`, () => finishLongIdle(ctx));
  if (ONLY.has('latency')) await runPhase(`4. End-to-end latency, 1 line every ${LAT_INTERVAL_MS} ms`, () => phaseLatency(ctx));
  if (ONLY.has('whatif')) await runPhase(`4'. What-if: source end-of-file idle wait ${WHATIF_IDLE_WAIT_MS} ms instead of 1,000 ms`, () => phaseWhatIf(ctx));

  const s = await broker.stop(15_000);
  for (const p of broker.problems) problems.push(`main broker log: ${p}`);
  if (s.alreadyExited) problems.push(`main broker had exited on its own (code ${s.code}, signal ${s.signal})`);

  const profileSummaries = opts.profile ? printProfiles() : [];

  log('\n== Summary (MiB = 2^20 bytes; % of a core: 100 % = one core busy the whole phase)');
  figures.print();
  log('\nSettings:');
  printTable(
    ['What', 'Settings'],
    [
      ['all workers', `sluice standalone, own process; bootstrap.servers=<broker in its own process>, offset.flush.interval.ms=10000, SLUICE_LOG_LEVEL=${process.env.SLUICE_LOG_LEVEL ?? 'info'}`],
      ['1, 2', `${propsText(STRING_CONVERTERS)}; /health polled every ${HEALTH_POLL_MS} ms; RSS after ${IDLE_MS / 1000} s idle`],
      ['3 string', `${propsText(STRING_CONVERTERS)}; FileStreamSource batch.size default (2000); producer and consumer client defaults (acks=all)`],
      ['3 json', `${propsText(JSON_CONVERTERS)}`],
      ['3 data', `${fmtInt(LINES)} (JsonConverter run: ${fmtInt(JSON_LINES)}) numbered lines of ${LINE_BYTES} B + '\\n', topic created with 1 partition; timed from the first POST /connectors to the last sink byte`],
      ['4', `${propsText(STRING_CONVERTERS)}, ${propsText(LATENCY_CLIENT)}; ${LAT_LINES} lines every ${LAT_INTERVAL_MS} ms after 3 warm-up lines; sink watched with fs.watch + ${SINK_POLL_MS} ms size poll`],
      ["2''", `the 2 s worker with both connectors, read again ≥ ${LONG_IDLE_MS / 1000} s after they started (it idles while the throughput phases run)`],
      ["2'", `node --max-semi-space-size=${WHATIF_SEMI_SPACE_MB} bin/sluice.js standalone ... (V8 young generation capped at 2 x ${WHATIF_SEMI_SPACE_MB} MiB)`],
      ["4'", `plugin.path plugin = built-in FileStreamSourceTask({ idleWaitMs: ${WHATIF_IDLE_WAIT_MS} }); ${WHATIF_LINES} lines`],
    ],
    { rightAlign: [] },
  );
  if (problems.length > 0) {
    log('\nProblems observed:');
    for (const p of problems) log(`  - ${p.split('\n').join('\n    ')}`);
  }
  const pass = figures.list.filter((f) => f.pass === true).length;
  const fail = figures.list.filter((f) => f.pass === false).length;
  log(`\nTargets: ${pass} PASS, ${fail} FAIL; ${phaseErrors} phase error(s). Total ${fmt((performance.now() - t0) / 1000, 1)} s.`);
  const file = writeResults('worker', {
    benchmark: 'worker',
    startedAt: started.toISOString(),
    durationS: (performance.now() - t0) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGiB: totalmem() / 2 ** 30, node: process.version, clkTck: CLK_TCK },
    options: { scale: SCALE, profile: opts.profile, only: [...ONLY] },
    settings: { string: STRING_CONVERTERS, json: JSON_CONVERTERS, latencyClient: LATENCY_CLIENT, lines: LINES, lineBytes: LINE_BYTES, latencyLines: LAT_LINES, whatIfIdleWaitMs: WHATIF_IDLE_WAIT_MS },
    figures: figures.list,
    summary: { pass, fail, phaseErrors },
    details,
    problems,
    profiles: profileSummaries,
  });
  log(`Results: ${file}`);
}

main()
  .catch((err) => {
    console.error(`worker benchmark crashed: ${err?.stack ?? err}`);
    phaseErrors++;
  })
  .finally(async () => {
    await cleanupAll();
    process.exit(phaseErrors > 0 ? 1 : 0);
  });
