#!/usr/bin/env node
/**
 * Broker benchmark: the embedded broker (`node bin/sluice.js broker`) in its own process, fresh
 * temp data dirs (removed at the end), measured from outside with kcat and kafkajs.
 *
 *   node bench/broker.js [--profile] [--quick | --scale F] [--repeat N] [--only idle,kcat,kafkajs,2gb]
 *
 * Needs a build (`npm run build`; `npm run bench` does it) and kcat on PATH (or KCAT=/path/to/kcat).
 *
 * Figures (targets in brackets; PASS/FAIL is printed but the exit code is 0 unless something crashed,
 * timed out or a phase could not run):
 *   1. broker VmRSS idle right after start-up                                   [<= 60 MiB]
 *   2. kcat producer, 2,000,000 x 100-byte values, one partition, acks=-1 (`kcat -P -l FILE`, the
 *      file prepared beforehand): msg/s and MB/s with throughput settings (PRODUCER_TUNED below)
 *      and with librdkafka defaults                                              [>= 400,000 msg/s]
 *   3. kcat consumer reading them back (-o beginning -e -c N -f '%s\n' > /dev/null; -c N so kcat
 *      exits on the last message instead of waiting for an end-of-partition fetch), with librdkafka
 *      defaults and with a larger fetch.message.max.bytes                        [>= 800,000 msg/s]
 *   4. for 2 and 3: CPU time of the broker (/proc/<pid>/stat utime+stime / CLK_TCK) and of kcat
 *      (user+sys from /usr/bin/time, i.e. getrusage of the exited child: /proc/<pid>/stat is gone
 *      by the time kcat has exited), as % of one core over the phase's wall time; plus "everything
 *      else" (machine-wide busy time from /proc/stat minus those two), which shows when other
 *      processes on the machine disturbed the run
 *   Each kcat configuration of 2 and 3 runs --repeat times (default 3; producer runs each write a new
 *   topic); the figure is the best run, the median and every run are printed too.
 *   5. kafkajs producer (500,000 x 100 bytes, 1,000 per send, acks -1, 8 sends in flight) and
 *      consumer (eachBatch, from the beginning), msg/s; kafkajs runs in this process
 *   6. a fresh broker holding ~2 GiB (210,000 x 10 KiB values produced with kcat; `du` of the data
 *      dir reported): VmRSS after the produce phase and peak VmRSS sampled every 100 ms while kcat
 *      consumes it all, once with librdkafka defaults and once with 10 MiB fetches [<= 150 MiB]
 *      plus, for information, start-up time and RSS of a broker restarted on that data dir.
 *
 * --profile starts the brokers under `node --cpu-prof --cpu-prof-dir bench/results/profiles` and
 * prints the top 15 self-time functions of each broker profile (with the profiler on, throughput
 * is lower and RSS higher than normal). --quick runs everything at 1/10 of the sizes (smoke test);
 * --only picks phases (idle always runs when kcat or kafkajs do: they share that broker).
 * RSS is VmRSS in MiB (KiB from /proc / 1024); the 60 and 150 "MB" targets are read as MiB.
 * MB/s figures use MB = 10^6 bytes.
 *
 * Output: tables on stdout and bench/results/broker.json (git-ignored).
 */
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import {
  CLK_TCK,
  RESULTS_DIR,
  capture,
  cleanupAll,
  installExitHandlers,
  isStopping,
  makeTempDir,
  measureCpu,
  measureSystemCpu,
  bareNodeMemory,
  onCleanup,
  readMemory,
  runMeasured,
  sampleMemory,
  startBroker,
} from './lib/proc.js';
import { parseBenchArgs } from './lib/args.js';
import { Figures, fmt, fmtInt, mib, printCpuProfile, printTable, summarizeCpuProfile, writeResults } from './lib/report.js';

const { Kafka, Partitioners, logLevel } = kafkajs;

const HELP = `Usage: node bench/broker.js [--profile] [--quick | --scale F] [--repeat N] [--only idle,kcat,kafkajs,2gb]`;

const { opts, scale: SCALE } = parseBenchArgs(HELP, {
  profile: { type: 'boolean', default: false },
  only: { type: 'string' },
  repeat: { type: 'string' },
});
const ONLY = new Set((opts.only ?? 'idle,kcat,kafkajs,2gb').split(',').map((s) => s.trim()).filter(Boolean));
const KCAT = process.env.KCAT ?? 'kcat';
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

const REPEAT = opts.repeat !== undefined ? Number(opts.repeat) : 3;
if (!(Number.isInteger(REPEAT) && REPEAT >= 1)) throw new Error(`--repeat must be a positive integer, got ${opts.repeat}`);
const KCAT_MESSAGES = Math.round(2_000_000 * SCALE);
const KCAT_VALUE_BYTES = 100;
const KAFKAJS_MESSAGES = Math.round(500_000 * SCALE);
const KAFKAJS_BATCH = 1_000;
const KAFKAJS_IN_FLIGHT = 8;
const BIG_MESSAGES = Math.round(210_000 * SCALE);
const BIG_VALUE_BYTES = 10 * 1024;

const TARGETS = {
  idleRss: { op: '<=', value: 60 },
  kcatProduce: { op: '>=', value: 400_000 },
  kcatConsume: { op: '>=', value: 800_000 },
  bigRss: { op: '<=', value: 150 },
};

/** librdkafka producer settings a user would pick for throughput (batch.size is capped by the
 * topic's max.message.bytes, 1,048,588 by default, so batches stay at ~1 MB). */
const PRODUCER_TUNED = {
  'linger.ms': '5',
  'batch.size': '1000000',
  'batch.num.messages': '100000',
  'queue.buffering.max.messages': '2000000',
  'queue.buffering.max.kbytes': '2097151',
};
/** Consumer: the brief's command uses librdkafka defaults; the tuned run asks 10 MiB per fetch. */
const CONSUMER_TUNED = {
  'fetch.message.max.bytes': '10485760',
  'queued.max.messages.kbytes': '262144',
};

const figures = new Figures();
const problems = []; // broker misbehaviour and phase failures, for the report
const details = {}; // everything measured, for the JSON summary
let phaseErrors = 0;

function xArgs(settings) {
  return Object.entries(settings).flatMap(([k, v]) => ['-X', `${k}=${v}`]);
}
function xText(settings) {
  const e = Object.entries(settings);
  return e.length === 0 ? '(librdkafka defaults)' : e.map(([k, v]) => `-X ${k}=${v}`).join(' ');
}
function log(msg) {
  console.log(msg);
}
function rssMiB(pid) {
  return mib(readMemory(pid)?.rssKiB);
}
function memText(m) {
  if (!m) return 'n/a';
  return `${fmt(mib(m.rssKiB))} MiB (anon ${fmt(mib(m.anonKiB))}, file ${fmt(mib(m.fileKiB))})`;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Writes count lines of size bytes (no newline inside) + '\n'. */
function writeLines(file, count, size) {
  const line = Buffer.alloc(size + 1);
  const pattern = 'sluice-bench-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-';
  for (let i = 0; i < size; i++) line[i] = pattern.charCodeAt(i % pattern.length);
  line[size] = 0x0a;
  const perChunk = Math.max(1, Math.floor((4 * 1024 * 1024) / (size + 1)));
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
  const fd = openSync(file, 'w');
  try {
    for (let left = count; left > 0; ) {
      const k = Math.min(perChunk, left);
      writeSync(fd, chunk, 0, k * (size + 1));
      left -= k;
    }
  } finally {
    closeSync(fd);
  }
}

function ensureAlive(broker, what) {
  if (!broker.alive()) {
    const e = broker.exitInfo;
    throw new Error(`broker process died during ${what} (exit code ${e.code}, signal ${e.signal}); last log lines:\n${broker.logTail(30)}`);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// kafkajs helpers (admin for topic creation and high watermarks; producer/consumer for figure 5)

function kafkaFor(broker) {
  return new Kafka({
    clientId: 'sluice-bench',
    brokers: [broker.bootstrap],
    logLevel: logLevel.ERROR,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

async function withAdmin(broker, fn) {
  const admin = kafkaFor(broker).admin();
  const off = onCleanup(() => withTimeout(admin.disconnect(), 3000, 'admin disconnect').catch(() => {}));
  try {
    await withTimeout(admin.connect(), 15_000, 'kafkajs admin connect');
    return await fn(admin);
  } finally {
    off();
    await withTimeout(admin.disconnect(), 5000, 'admin disconnect').catch(() => {});
  }
}

/** Creates a one-partition topic; on failure notes it and relies on auto-creation by kcat's metadata request. */
async function createTopic(broker, topic) {
  try {
    await withAdmin(broker, (admin) => withTimeout(admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }), 15_000, `createTopics ${topic}`));
  } catch (err) {
    problems.push(`createTopics(${topic}) via kafkajs failed: ${err.message} (relying on auto-creation)`);
    log(`  ! createTopics ${topic} failed: ${err.message}; relying on auto-creation`);
  }
}

/** High watermark of partition 0, or null (noted as a problem) when ListOffsets fails. */
async function highWatermark(broker, topic) {
  try {
    return await withAdmin(broker, async (admin) => {
      const offsets = await withTimeout(admin.fetchTopicOffsets(topic), 15_000, `fetchTopicOffsets ${topic}`);
      const p0 = offsets.find((p) => p.partition === 0);
      return p0 ? Number(p0.high ?? p0.offset) : null;
    });
  } catch (err) {
    problems.push(`fetchTopicOffsets(${topic}) via kafkajs failed: ${err.message}`);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Phases

/** Runs kcat with broker CPU and memory measured over the same window. */
async function kcatRun(broker, args, { timeoutMs, tmpDir }) {
  const brokerCpu = measureCpu(broker.pid);
  const sysCpu = measureSystemCpu();
  const mem = sampleMemory(broker.pid, 100);
  const r = await runMeasured(KCAT, ['-b', broker.bootstrap, ...args], { timeoutMs, tmpDir });
  const b = brokerCpu.stop();
  const sys = sysCpu.stop();
  const m = mem.stop();
  // Everything else on the machine (other users' builds and tests, this bench process) in the same window.
  const othersS = sys.busyS === null || b.cpuS === null || r.cpuS === null ? null : Math.max(0, sys.busyS - b.cpuS - r.cpuS);
  r.othersPctOfCore = othersS === null ? null : (100 * othersS) / r.wallS;
  // kcat may notice a dead broker before this process has seen its exit: look again shortly after a failure.
  if (r.timedOut || r.code !== 0) await sleep(300);
  ensureAlive(broker, `kcat ${args.slice(0, 2).join(' ')}`);
  const stderrTail = r.stderr.trim().split('\n').slice(-8).join('\n');
  if (r.timedOut) throw new Error(`kcat ${args.join(' ')} did not finish within ${timeoutMs / 1000} s (killed). kcat stderr:\n${stderrTail}`);
  if (r.code !== 0) throw new Error(`kcat ${args.join(' ')} exited with code ${r.code} signal ${r.signal}. kcat stderr:\n${stderrTail}`);
  return { kcat: r, broker: b, brokerPeak: m.peak, stderrTail };
}

async function kcatProduce(broker, { topic, file, count, valueBytes, settings, timeoutMs, tmpDir }) {
  await createTopic(broker, topic);
  const run = await kcatRun(broker, ['-P', '-t', topic, '-p', '0', '-l', file, ...xArgs(settings)], { timeoutMs, tmpDir });
  const hw = await highWatermark(broker, topic);
  const wallS = run.kcat.wallS;
  const result = {
    topic,
    settings: xText(settings),
    messages: count,
    valueBytes,
    wallS,
    msgsPerS: count / wallS,
    mbPerS: (count * valueBytes) / wallS / 1e6,
    highWatermark: hw,
    brokerCpuS: run.broker.cpuS,
    brokerPctOfCore: run.broker.pctOfCore,
    kcatCpuS: run.kcat.cpuS,
    kcatPctOfCore: run.kcat.pctOfCore,
    othersPctOfCore: run.kcat.othersPctOfCore,
    kcatMaxRssMiB: mib(run.kcat.maxRssKiB),
    brokerPeakRssMiB: mib(run.brokerPeak?.rssKiB),
    kcatStderr: run.stderrTail || null,
  };
  if (hw !== null && hw !== count) problems.push(`produce to ${topic}: high watermark ${hw} after kcat exited 0, expected ${count}`);
  return { result, run };
}

async function kcatConsume(broker, { topic, count, settings, timeoutMs, tmpDir, sampleMs }) {
  const mem = sampleMs ? sampleMemory(broker.pid, sampleMs) : null;
  let run;
  let memStats = null;
  try {
    run = await kcatRun(broker, ['-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-c', String(count), '-f', '%s\\n', ...xArgs(settings)], { timeoutMs, tmpDir });
  } finally {
    memStats = mem?.stop() ?? null;
  }
  // -c N exits as soon as N messages were consumed (no fetch.wait.max.ms wait for end-of-partition);
  // -e stops it early when fewer are stored, and then (without -q) it reports
  // "% Reached end of topic T [0] at offset X: exiting" on stderr.
  const m = /Reached end of topic \S+ \[0\] at offset (\d+)/.exec(run.kcat.stderr);
  const endOffset = m ? Number(m[1]) : count;
  if (endOffset !== count) problems.push(`consume ${topic}: kcat reached end at offset ${endOffset ?? '(not reported)'}, expected ${count}`);
  const wallS = run.kcat.wallS;
  return {
    result: {
      topic,
      settings: xText(settings),
      messages: count,
      endOffset,
      wallS,
      msgsPerS: count / wallS,
      brokerCpuS: run.broker.cpuS,
      brokerPctOfCore: run.broker.pctOfCore,
      kcatCpuS: run.kcat.cpuS,
      kcatPctOfCore: run.kcat.pctOfCore,
      othersPctOfCore: run.kcat.othersPctOfCore,
      kcatMaxRssMiB: mib(run.kcat.maxRssKiB),
      brokerPeakRssMiB: mib((memStats?.peak ?? run.brokerPeak)?.rssKiB),
      brokerPeak: memStats?.peak ?? run.brokerPeak,
      rssSamples: memStats?.samples ?? null,
    },
    run,
  };
}

async function phaseIdle(broker) {
  const atStart = readMemory(broker.pid);
  await sleep(1000);
  const after1s = readMemory(broker.pid);
  details.idle = { startMs: broker.startMs, rssAtListeningMiB: mib(atStart?.rssKiB), rssAfter1sMiB: mib(after1s?.rssKiB), memAfter1s: after1s };
  log(`  start-up: ${fmtInt(broker.startMs)} ms to "broker listening"; VmRSS at that moment ${fmt(mib(atStart?.rssKiB))} MiB, after 1 s idle ${memText(after1s)}`);
  const bare = await bareNodeMemory();
  details.idle.bareNode = bare;
  log(`  for context, a bare idle \`node -e 'setInterval(...)'\`: ${memText(bare)}`);
  const idle = Math.max(atStart?.rssKiB ?? 0, after1s?.rssKiB ?? 0) || null;
  figures.add('idleRssMiB', '1. Broker RSS idle after start-up', mib(idle), 'MiB', {
    target: TARGETS.idleRss,
    note: `max of at-listening and +1 s (at +1 s: anon ${fmt(mib(after1s?.anonKiB))}, file ${fmt(mib(after1s?.fileKiB))}); bare node ${fmt(mib(bare?.rssKiB))} MiB; start-up ${fmtInt(broker.startMs)} ms`,
  });
}

function cpuText(r) {
  return `CPU broker ${fmt(r.brokerPctOfCore)} % / kcat ${fmt(r.kcatPctOfCore)} % / everything else ${fmt(r.othersPctOfCore)} % of one core`;
}

/** Runs fn(i) REPEAT times; returns the best run (highest msg/s), the median and all runs. */
async function repeated(fn) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await fn(i));
  const sorted = [...runs].sort((a, b) => b.msgsPerS - a.msgsPerS);
  return { best: sorted[0], medianMsgsPerS: sorted[Math.floor((sorted.length - 1) / 2)].msgsPerS, runs };
}

function runsNote(rep) {
  return REPEAT > 1 ? `best of ${REPEAT} (median ${fmtInt(rep.medianMsgsPerS)}; runs ${rep.runs.map((r) => fmtInt(r.msgsPerS)).join(' / ')})` : '';
}

async function phaseKcat(broker, tmpDir) {
  const file = join(tmpDir, 'values-100b.txt');
  const t0 = performance.now();
  writeLines(file, KCAT_MESSAGES, KCAT_VALUE_BYTES);
  log(`  prepared ${file}: ${fmtInt(KCAT_MESSAGES)} lines of ${KCAT_VALUE_BYTES} bytes in ${fmtInt(performance.now() - t0)} ms (not timed)`);
  const timeoutMs = Math.max(60_000, (KCAT_MESSAGES / 20_000) * 1000); // fails below ~20k msg/s
  log(`  each configuration runs ${REPEAT} time(s); the figure is the best run (other processes share this machine)`);

  const produced = {};
  for (const [label, settings, topicPrefix] of [
    ['tuned', PRODUCER_TUNED, 'bench-kcat-tuned'],
    ['defaults', {}, 'bench-kcat-defaults'],
  ]) {
    log(`  kcat -P ${label}: ${xText(settings)}`);
    produced[label] = await repeated(async (i) => {
      const { result } = await kcatProduce(broker, { topic: `${topicPrefix}-${i + 1}`, file, count: KCAT_MESSAGES, valueBytes: KCAT_VALUE_BYTES, settings, timeoutMs, tmpDir });
      log(`    run ${i + 1}: ${fmtInt(result.msgsPerS)} msg/s, ${fmt(result.mbPerS)} MB/s (${fmt(result.wallS, 2)} s); high watermark ${fmtInt(result.highWatermark)}; ${cpuText(result)}`);
      return result;
    });
  }
  details.kcatProduce = produced;
  rmSync(file, { force: true });

  const consumed = {};
  for (const [label, settings] of [
    ['defaults', {}],
    ['tuned', CONSUMER_TUNED],
  ]) {
    log(`  kcat -C ${label} (topic bench-kcat-tuned-1): ${xText(settings)}`);
    consumed[label] = await repeated(async (i) => {
      const { result } = await kcatConsume(broker, { topic: 'bench-kcat-tuned-1', count: KCAT_MESSAGES, settings, timeoutMs, tmpDir });
      log(`    run ${i + 1}: ${fmtInt(result.msgsPerS)} msg/s, ${fmt((result.msgsPerS * KCAT_VALUE_BYTES) / 1e6)} MB/s (${fmt(result.wallS, 2)} s); end offset ${fmtInt(result.endOffset)}; ${cpuText(result)}`);
      return result;
    });
  }
  details.kcatConsume = consumed;

  const stored = (r) => r.highWatermark === null || r.highWatermark === KCAT_MESSAGES;
  const p = produced.tuned;
  const okP = p.runs.every(stored);
  figures.add('kcatProduceMsgs', '2. kcat producer (throughput settings)', okP ? p.best.msgsPerS : null, 'msg/s', {
    target: TARGETS.kcatProduce,
    note: `${fmt(p.best.mbPerS)} MB/s; ${runsNote(p)}${okP ? '' : '; NOT ALL MESSAGES STORED'}`,
  });
  figures.add('kcatProduceMB', '2. kcat producer (throughput settings), MB/s', okP ? p.best.mbPerS : null, 'MB/s', { digits: 1 });
  const d = produced.defaults;
  const okD = d.runs.every(stored);
  figures.add('kcatProduceDefaultMsgs', '2. kcat producer (librdkafka defaults)', okD ? d.best.msgsPerS : null, 'msg/s', {
    target: TARGETS.kcatProduce,
    note: `${fmt(d.best.mbPerS)} MB/s; ${runsNote(d)}${okD ? '' : '; NOT ALL MESSAGES STORED'}`,
  });
  const complete = (r) => r.endOffset === KCAT_MESSAGES;
  for (const [key, label, rep] of [
    ['kcatConsumeMsgs', '3. kcat consumer (librdkafka defaults)', consumed.defaults],
    ['kcatConsumeTunedMsgs', '3. kcat consumer (fetch.message.max.bytes=10 MiB)', consumed.tuned],
  ]) {
    const ok = rep.runs.every(complete);
    figures.add(key, label, ok ? rep.best.msgsPerS : null, 'msg/s', {
      target: TARGETS.kcatConsume,
      note: `${fmt((rep.best.msgsPerS * KCAT_VALUE_BYTES) / 1e6)} MB/s; ${runsNote(rep)}${ok ? '' : '; SOME RUNS ENDED EARLY'}`,
    });
  }
  for (const [key, label, rep] of [
    ['cpuProduce', '4. CPU, kcat produce (tuned)', p],
    ['cpuProduceDefaults', '4. CPU, kcat produce (defaults)', d],
    ['cpuConsume', '4. CPU, kcat consume (defaults)', consumed.defaults],
    ['cpuConsumeTuned', '4. CPU, kcat consume (tuned)', consumed.tuned],
  ]) {
    const r = rep.best;
    figures.add(`${key}Broker`, `${label}: broker`, r.brokerPctOfCore, '% of a core', { note: `${fmt(r.brokerCpuS, 2)} s CPU in ${fmt(r.wallS, 2)} s (best run)` });
    figures.add(`${key}Kcat`, `${label}: kcat`, r.kcatPctOfCore, '% of a core', { note: `${fmt(r.kcatCpuS, 2)} s CPU in ${fmt(r.wallS, 2)} s (best run)` });
    figures.add(`${key}Others`, `${label}: everything else`, r.othersPctOfCore, '% of a core', { note: 'rest of the machine (other processes, this bench) in the same window' });
  }
}

async function phaseKafkajs(broker) {
  const topic = 'bench-kafkajs';
  await createTopic(broker, topic);
  const kafka = kafkaFor(broker);
  const timeoutMs = Math.max(60_000, (KAFKAJS_MESSAGES / 10_000) * 1000);

  // Producer
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
  const offP = onCleanup(() => withTimeout(producer.disconnect(), 3000, 'producer disconnect').catch(() => {}));
  await withTimeout(producer.connect(), 15_000, 'kafkajs producer connect');
  const value = Buffer.alloc(100, 'k');
  const messages = Array.from({ length: KAFKAJS_BATCH }, () => ({ partition: 0, value }));
  const sends = Math.ceil(KAFKAJS_MESSAGES / KAFKAJS_BATCH);
  const bCpu = measureCpu(broker.pid);
  const pSys = measureSystemCpu();
  const selfCpu0 = process.cpuUsage();
  let t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < sends) {
      next++;
      await producer.send({ topic, acks: -1, messages });
    }
  };
  await withTimeout(Promise.all(Array.from({ length: KAFKAJS_IN_FLIGHT }, worker)), timeoutMs, 'kafkajs produce');
  const pWall = (performance.now() - t0) / 1000;
  const pBroker = bCpu.stop();
  const pSysS = pSys.stop().busyS;
  const pSelf = process.cpuUsage(selfCpu0);
  await withTimeout(producer.disconnect(), 10_000, 'kafkajs producer disconnect').catch(() => {});
  offP();
  ensureAlive(broker, 'kafkajs produce');
  const produced = sends * KAFKAJS_BATCH;
  const hw = await highWatermark(broker, topic);
  if (hw !== null && hw !== produced) problems.push(`kafkajs produce: high watermark ${hw}, expected ${produced}`);
  const prod = {
    messages: produced,
    batch: KAFKAJS_BATCH,
    inFlight: KAFKAJS_IN_FLIGHT,
    wallS: pWall,
    msgsPerS: produced / pWall,
    mbPerS: (produced * 100) / pWall / 1e6,
    highWatermark: hw,
    brokerPctOfCore: pBroker.pctOfCore,
    clientPctOfCore: (100 * (pSelf.user + pSelf.system)) / 1e6 / pWall,
    othersPctOfCore: pSysS === null ? null : (100 * Math.max(0, pSysS - pBroker.cpuS - (pSelf.user + pSelf.system) / 1e6)) / pWall,
  };
  log(
    `  kafkajs producer: ${fmtInt(prod.msgsPerS)} msg/s, ${fmt(prod.mbPerS)} MB/s (${fmt(pWall, 2)} s); high watermark ${fmtInt(hw)}; ` +
      `CPU broker ${fmt(prod.brokerPctOfCore)} % / bench process (kafkajs) ${fmt(prod.clientPctOfCore)} % / everything else ${fmt(prod.othersPctOfCore)} % of one core`,
  );

  // Consumer
  const consumer = kafka.consumer({ groupId: `sluice-bench-${process.pid}-${Date.now()}` });
  const offC = onCleanup(() => withTimeout(consumer.disconnect(), 3000, 'consumer disconnect').catch(() => {}));
  await withTimeout(consumer.connect(), 15_000, 'kafkajs consumer connect');
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let count = 0;
  let firstBatchAt = null;
  let lastOffset = -1;
  let resolveDone;
  const done = new Promise((r) => (resolveDone = r));
  const cCpu = measureCpu(broker.pid);
  const cSys = measureSystemCpu();
  const cSelf0 = process.cpuUsage();
  t0 = performance.now();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (firstBatchAt === null) firstBatchAt = performance.now();
      count += batch.messages.length;
      lastOffset = Math.max(lastOffset, Number(batch.lastOffset()));
      if (lastOffset >= produced - 1) resolveDone();
    },
  });
  await withTimeout(done, timeoutMs, `kafkajs consume (got ${count} so far)`).catch((err) => {
    throw new Error(`${err.message}; consumed ${count}, last offset ${lastOffset}`);
  });
  const cEnd = performance.now();
  const cWall = (cEnd - t0) / 1000;
  const cBroker = cCpu.stop();
  const cSysS = cSys.stop().busyS;
  const cSelf = process.cpuUsage(cSelf0);
  await withTimeout(consumer.disconnect(), 15_000, 'kafkajs consumer disconnect').catch((err) => problems.push(`kafkajs consumer disconnect: ${err.message}`));
  offC();
  ensureAlive(broker, 'kafkajs consume');
  if (count !== produced) problems.push(`kafkajs consume: eachBatch saw ${count} messages for offsets 0..${lastOffset}, expected ${produced}`);
  const fromFirst = firstBatchAt === null ? null : (cEnd - firstBatchAt) / 1000;
  const cons = {
    messages: count,
    wallS: cWall,
    msgsPerS: produced / cWall,
    joinToFirstBatchS: firstBatchAt === null ? null : (firstBatchAt - t0) / 1000,
    msgsPerSFromFirstBatch: fromFirst ? produced / fromFirst : null,
    brokerPctOfCore: cBroker.pctOfCore,
    clientPctOfCore: (100 * (cSelf.user + cSelf.system)) / 1e6 / cWall,
    othersPctOfCore: cSysS === null ? null : (100 * Math.max(0, cSysS - cBroker.cpuS - (cSelf.user + cSelf.system) / 1e6)) / cWall,
  };
  log(
    `  kafkajs consumer: ${fmtInt(cons.msgsPerS)} msg/s incl. group join (${fmt(cWall, 2)} s; first batch after ${fmt(cons.joinToFirstBatchS, 2)} s, ` +
      `${fmtInt(cons.msgsPerSFromFirstBatch)} msg/s from then); CPU broker ${fmt(cons.brokerPctOfCore)} % / kafkajs ${fmt(cons.clientPctOfCore)} % / everything else ${fmt(cons.othersPctOfCore)} % of one core`,
  );
  details.kafkajs = { producer: prod, consumer: cons };
  figures.add('kafkajsProduceMsgs', '5. kafkajs producer', prod.msgsPerS, 'msg/s', {
    note: `${fmt(prod.mbPerS)} MB/s; ${fmtInt(produced)} x 100 B, ${KAFKAJS_BATCH}/send, ${KAFKAJS_IN_FLIGHT} in flight, acks -1; CPU broker ${fmt(prod.brokerPctOfCore, 0)} %, kafkajs ${fmt(prod.clientPctOfCore, 0)} %, else ${fmt(prod.othersPctOfCore, 0)} %`,
  });
  figures.add('kafkajsConsumeMsgs', '5. kafkajs consumer (eachBatch)', cons.msgsPerS, 'msg/s', {
    note: `incl. group join; ${fmtInt(cons.msgsPerSFromFirstBatch)} msg/s after first batch; CPU broker ${fmt(cons.brokerPctOfCore, 0)} %, kafkajs ${fmt(cons.clientPctOfCore, 0)} %, else ${fmt(cons.othersPctOfCore, 0)} %`,
  });
}

async function phaseBig(tmpDir, nodeArgsFor) {
  const file = join(tmpDir, 'values-10k.txt');
  let t0 = performance.now();
  writeLines(file, BIG_MESSAGES, BIG_VALUE_BYTES);
  log(`  prepared ${file}: ${fmtInt(BIG_MESSAGES)} lines of ${BIG_VALUE_BYTES} bytes (${fmt((BIG_MESSAGES * BIG_VALUE_BYTES) / 2 ** 30, 2)} GiB) in ${fmtInt(performance.now() - t0)} ms (not timed)`);
  const dataDir = join(tmpDir, 'data-2gb');
  const broker = await startBroker({ dataDir, nodeArgs: nodeArgsFor('2gb') });
  const big = { messages: BIG_MESSAGES, valueBytes: BIG_VALUE_BYTES };
  details.big = big;
  try {
    big.rssIdleMiB = rssMiB(broker.pid);
    log(`  fresh broker pid ${broker.pid} on port ${broker.port}, idle VmRSS ${fmt(big.rssIdleMiB)} MiB`);
    const topic = 'bench-2gb';
    const timeoutMs = Math.max(90_000, ((BIG_MESSAGES * BIG_VALUE_BYTES) / 25e6) * 1000); // fails below ~25 MB/s
    log(`  kcat -P ${xText(PRODUCER_TUNED)}`);
    const { result: p, run: pRun } = await kcatProduce(broker, { topic, file, count: BIG_MESSAGES, valueBytes: BIG_VALUE_BYTES, settings: PRODUCER_TUNED, timeoutMs, tmpDir });
    big.produce = p;
    big.produce.brokerPeak = pRun.brokerPeak;
    big.rssAfterProduce = readMemory(broker.pid);
    rmSync(file, { force: true });
    const duBytes = Number(capture('du', ['-sb', dataDir]).split(/\s/)[0]);
    const duKiB = Number(capture('du', ['-sk', dataDir]).split(/\s/)[0]);
    big.du = { apparentBytes: duBytes, allocatedBytes: duKiB * 1024 };
    log(
      `    ${fmtInt(p.msgsPerS)} msg/s, ${fmt(p.mbPerS)} MB/s (${fmt(p.wallS, 2)} s); high watermark ${fmtInt(p.highWatermark)}; ` +
        `${cpuText(p)}; broker peak VmRSS during produce ${memText(pRun.brokerPeak)}`,
    );
    log(`    data dir: ${fmt(duBytes / 2 ** 30, 2)} GiB apparent (du -sb), ${fmt((duKiB * 1024) / 2 ** 30, 2)} GiB allocated (du -sk); VmRSS after produce ${memText(big.rssAfterProduce)}`);

    figures.add('bigRssAfterProduceMiB', '6. Broker RSS after producing ~2 GiB', mib(big.rssAfterProduce?.rssKiB), 'MiB', {
      note: `peak during produce ${fmt(mib(pRun.brokerPeak?.rssKiB))} MiB; du ${fmt(duBytes / 2 ** 30, 2)} GiB`,
    });
    figures.add('bigProduceMBs', '6. kcat producer, 10 KiB values', p.mbPerS, 'MB/s', {
      digits: 1,
      note: `${fmtInt(p.msgsPerS)} msg/s; CPU broker ${fmt(p.brokerPctOfCore, 0)} %, kcat ${fmt(p.kcatPctOfCore, 0)} %, else ${fmt(p.othersPctOfCore, 0)} %`,
    });

    // Consume it all twice: librdkafka defaults (1 MiB per partition per fetch) and 10 MiB fetches.
    big.consume = {};
    for (const [label, settings, keySuffix, title] of [
      ['defaults', {}, '', 'librdkafka defaults'],
      ['tuned', CONSUMER_TUNED, 'Tuned', 'fetch.message.max.bytes=10 MiB'],
    ]) {
      log(`  kcat -C ${label}: ${xText(settings)}; broker VmRSS sampled every 100 ms`);
      const { result: c } = await kcatConsume(broker, { topic, count: BIG_MESSAGES, settings, timeoutMs, tmpDir, sampleMs: 100 });
      c.rssAfter = readMemory(broker.pid);
      big.consume[label] = c;
      log(`    ${fmtInt(c.msgsPerS)} msg/s, ${fmt((c.msgsPerS * BIG_VALUE_BYTES) / 1e6)} MB/s (${fmt(c.wallS, 2)} s); end offset ${fmtInt(c.endOffset)}; ${cpuText(c)}`);
      log(`    peak broker VmRSS while consuming (${c.rssSamples} samples): ${memText(c.brokerPeak)}; after: ${memText(c.rssAfter)}`);
      figures.add(`bigConsumeMBs${keySuffix}`, `6. kcat consumer, 10 KiB values (${label})`, (c.msgsPerS * BIG_VALUE_BYTES) / 1e6, 'MB/s', {
        digits: 1,
        note: `${fmtInt(c.msgsPerS)} msg/s; CPU broker ${fmt(c.brokerPctOfCore, 0)} %, kcat ${fmt(c.kcatPctOfCore, 0)} %, else ${fmt(c.othersPctOfCore, 0)} %`,
      });
      figures.add(`bigPeakRssMiB${keySuffix}`, `6. Broker peak RSS consuming ~2 GiB (${title})`, c.endOffset === BIG_MESSAGES ? mib(c.brokerPeak?.rssKiB) : null, 'MiB', {
        target: TARGETS.bigRss,
        note: `anon ${fmt(mib(c.brokerPeak?.anonKiB))} / file ${fmt(mib(c.brokerPeak?.fileKiB))} MiB; ${c.rssSamples} samples${c.endOffset === BIG_MESSAGES ? '' : `; end offset ${c.endOffset}`}`,
      });
    }
  } finally {
    const s = await broker.stop(opts.profile ? 60_000 : 15_000);
    big.stop = s;
    for (const p of broker.problems) problems.push(`2 GiB broker log: ${p}`);
    if (!s.graceful) problems.push(`2 GiB broker did not exit within the grace period after SIGTERM (killed)`);
    else if (s.code !== 0 && !s.alreadyExited) problems.push(`2 GiB broker exited with code ${s.code} signal ${s.signal} after SIGTERM`);
    log(`  broker stopped in ${fmtInt(s.stopMs)} ms (exit code ${s.code}, signal ${s.signal}${s.graceful ? '' : ', SIGKILLed'})`);
  }

  // For information: a broker restarted on the 2 GiB data dir (log recovery / index loading).
  const restarted = await startBroker({ dataDir, nodeArgs: [], startTimeoutMs: 120_000 });
  try {
    const atStart = readMemory(restarted.pid);
    await sleep(1000);
    const after1s = readMemory(restarted.pid);
    const hw = await highWatermark(restarted, 'bench-2gb');
    big.restart = { startMs: restarted.startMs, rssAtListening: atStart, rssAfter1s: after1s, highWatermark: hw };
    if (hw !== null && hw !== BIG_MESSAGES) problems.push(`after restart on the 2 GiB data dir, high watermark ${hw}, expected ${BIG_MESSAGES}`);
    log(`  restarted on that data dir: start-up ${fmtInt(restarted.startMs)} ms, VmRSS ${fmt(mib(atStart?.rssKiB))} MiB (+1 s: ${fmt(mib(after1s?.rssKiB))} MiB), high watermark ${fmtInt(hw)}`);
    figures.add('bigRestartMs', '6. Restart on the ~2 GiB data dir', restarted.startMs, 'ms', { digits: 0, note: `VmRSS ${fmt(mib(after1s?.rssKiB))} MiB after 1 s; high watermark ${fmtInt(hw)}` });
  } finally {
    await restarted.stop(15_000);
    for (const p of restarted.problems) problems.push(`restarted 2 GiB broker log: ${p}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  installExitHandlers();
  const started = new Date();
  const t0 = performance.now();
  let kcatVersion = null;
  try {
    kcatVersion = capture(KCAT, ['-V']).split('\n').find((l) => /version/i.test(l))?.trim() ?? capture(KCAT, ['-V']).split('\n')[0];
  } catch (err) {
    throw new Error(`kcat not found (${KCAT}): ${err.message}`);
  }
  const tmpDir = makeTempDir('sluice-bench-broker');
  const profiles = [];
  const nodeArgsFor = (label) => {
    if (!opts.profile) return [];
    mkdirSync(PROFILE_DIR, { recursive: true });
    const name = `broker-${label}.cpuprofile`;
    rmSync(join(PROFILE_DIR, name), { force: true });
    profiles.push({ label, file: join(PROFILE_DIR, name) });
    return ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', name];
  };

  log(`Sluice broker benchmark — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, node ${process.version}, ${kcatVersion}, CLK_TCK ${CLK_TCK}`);
  log(`scale ${SCALE}${opts.profile ? ', CPU profiling ON (throughput is lower and RSS higher than normal)' : ''}; temp dir ${tmpDir}`);

  const runPhase = async (title, fn) => {
    if (isStopping()) return;
    log(`\n== ${title}`);
    const p0 = performance.now();
    try {
      await fn();
    } catch (err) {
      if (isStopping()) return new Promise(() => {}); // interrupted: the signal handler exits
      phaseErrors++;
      const msg = err?.message ?? String(err);
      problems.push(`${title}: ${msg}`);
      log(`  ERROR: ${msg}`);
    }
    log(`  (${fmt((performance.now() - p0) / 1000, 1)} s)`);
  };

  if (ONLY.has('idle') || ONLY.has('kcat') || ONLY.has('kafkajs')) {
    let broker = null;
    await runPhase('1. Broker start-up and idle RSS', async () => {
      broker = await startBroker({ dataDir: join(tmpDir, 'data-main'), nodeArgs: nodeArgsFor('main') });
      log(`  broker pid ${broker.pid} listening on ${broker.bootstrap}`);
      await phaseIdle(broker);
    });
    if (broker) {
      if (ONLY.has('kcat')) await runPhase('2-4. kcat producer and consumer, 100-byte values', () => phaseKcat(broker, tmpDir));
      await sleep(300); // let a broker exit be noticed before the next phase
      if (ONLY.has('kafkajs') && broker.alive()) await runPhase('5. kafkajs producer and consumer', () => phaseKafkajs(broker));
      const end = readMemory(broker.pid);
      details.mainBrokerRssAtEnd = end;
      if (end) log(`\n  main broker VmRSS after these phases: ${memText(end)}`);
      const s = await broker.stop(opts.profile ? 60_000 : 15_000);
      details.mainBrokerStop = s;
      if (s.alreadyExited) problems.push(`main broker had exited on its own (code ${s.code}, signal ${s.signal}); log tail:\n${broker.logTail(30)}`);
      else if (!s.graceful) problems.push('main broker did not exit within the grace period after SIGTERM (killed)');
      else if (s.code !== 0) problems.push(`main broker exited with code ${s.code} signal ${s.signal} after SIGTERM`);
      log(`  main broker stopped in ${fmtInt(s.stopMs)} ms (exit code ${s.code}, signal ${s.signal}${s.graceful ? '' : ', SIGKILLed'})`);
      for (const p of broker.problems) problems.push(`main broker log: ${p}`);
    }
  }

  if (ONLY.has('2gb')) await runPhase('6. Broker RSS serving a ~2 GiB topic', () => phaseBig(tmpDir, nodeArgsFor));

  // Profiles
  const profileSummaries = [];
  if (opts.profile) {
    for (const p of profiles) {
      log(`\n== CPU profile of the ${p.label} broker: top 15 self time`);
      if (!existsSync(p.file)) {
        log(`  no profile written (${p.file}); the broker must exit normally for --cpu-prof to write it`);
        problems.push(`no CPU profile written for the ${p.label} broker`);
        continue;
      }
      try {
        const s = summarizeCpuProfile(p.file, 15);
        profileSummaries.push({ label: p.label, ...s });
        printCpuProfile(s);
      } catch (err) {
        log(`  could not parse ${p.file}: ${err.message}`);
      }
    }
  }

  log('\n== Summary (MB = 10^6 bytes, MiB = 2^20 bytes; % of a core: 100 % = one core busy the whole phase)');
  figures.print();
  log('\nSettings:');
  printTable(
    ['What', 'Settings'],
    [
      ['kcat producer (throughput)', `kcat -P -t T -p 0 -l FILE ${xText(PRODUCER_TUNED)}  (acks: librdkafka default -1)`],
      ['kcat producer (defaults)', 'kcat -P -t T -p 0 -l FILE'],
      ['kcat consumer (defaults)', "kcat -C -t T -p 0 -o beginning -e -c N -f '%s\\n' > /dev/null"],
      ['kcat consumer (tuned)', `kcat -C -t T -p 0 -o beginning -e -c N -f '%s\\n' ${xText(CONSUMER_TUNED)} > /dev/null`],
      ['kafkajs', `${fmtInt(KAFKAJS_MESSAGES)} x 100 B, ${KAFKAJS_BATCH}/send, ${KAFKAJS_IN_FLIGHT} sends in flight, acks -1; consumer eachBatch, defaults`],
      ['2 GiB', `${fmtInt(BIG_MESSAGES)} x ${BIG_VALUE_BYTES} B, fresh broker; produce with the throughput settings, consume with both consumer settings`],
    ],
    { rightAlign: [] },
  );
  const brokerProblems = problems.filter((p) => p);
  if (brokerProblems.length > 0) {
    log('\nProblems observed:');
    for (const p of brokerProblems) log(`  - ${p.split('\n').join('\n    ')}`);
  }
  const pass = figures.list.filter((f) => f.pass === true).length;
  const fail = figures.list.filter((f) => f.pass === false).length;
  log(`\nTargets: ${pass} PASS, ${fail} FAIL; ${phaseErrors} phase error(s). Total ${fmt((performance.now() - t0) / 1000, 1)} s.`);

  const file = writeResults('broker', {
    benchmark: 'broker',
    startedAt: started.toISOString(),
    durationS: (performance.now() - t0) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGiB: totalmem() / 2 ** 30, node: process.version, kcat: kcatVersion, clkTck: CLK_TCK },
    options: { scale: SCALE, profile: opts.profile, only: [...ONLY] },
    settings: { producerTuned: PRODUCER_TUNED, consumerTuned: CONSUMER_TUNED, kafkajs: { messages: KAFKAJS_MESSAGES, batch: KAFKAJS_BATCH, inFlight: KAFKAJS_IN_FLIGHT } },
    figures: figures.list,
    summary: { pass, fail, phaseErrors },
    details,
    problems: brokerProblems,
    profiles: profileSummaries,
  });
  log(`Results: ${file}`);
}

main()
  .catch((err) => {
    console.error(`broker benchmark crashed: ${err?.stack ?? err}`);
    phaseErrors++;
  })
  .finally(async () => {
    await cleanupAll();
    process.exit(phaseErrors > 0 ? 1 : 0);
  });
