/**
 * Process helpers shared by the benchmarks (plain Node, no TypeScript):
 * - starting the broker as its own process (`node bin/sluice.js broker --port 0 --data-dir DIR`),
 * - reading a process's RSS and CPU time from /proc,
 * - running a command (kcat) under /usr/bin/time to get its wall time, CPU time and peak RSS,
 * - a cleanup registry that stops every child and removes temp dirs on normal exit, errors and Ctrl-C.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SLUICE_BIN = join(REPO_ROOT, 'bin', 'sluice.js');
export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

/** Clock ticks per second for /proc/<pid>/stat utime and stime. */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

// ---------------------------------------------------------------------------------------------
// Cleanup registry

const cleanups = new Set();
/** Registers an async cleanup; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
/** Last-resort synchronous cleanups (process 'exit'): SIGKILL children, remove dirs. */
const syncCleanups = new Set();
export function onSyncCleanup(fn) {
  syncCleanups.add(fn);
  return () => syncCleanups.delete(fn);
}

let cleaning = null;
/** Runs every registered cleanup, newest first. Idempotent. */
export function cleanupAll() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    for (const fn of [...cleanups].reverse()) {
      cleanups.delete(fn);
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup failed: ${err?.message ?? err}`);
      }
    }
  })();
  return cleaning;
}

let handlersInstalled = false;
let stopping = false;
/** True once SIGINT/SIGTERM arrived: the run is being torn down, start nothing new. */
export function isStopping() {
  return stopping;
}
/** Ctrl-C / SIGTERM: clean up, then exit 130/143. 'exit': synchronous last resort. */
export function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (signal, code) => {
    stopping = true;
    process.once(signal, () => process.exit(code)); // a second Ctrl-C exits at once
    console.error(`\n${signal}: stopping processes and removing temp dirs...`);
    cleanupAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  process.on('exit', () => {
    for (const fn of [...syncCleanups].reverse()) {
      try {
        fn();
      } catch {
        /* best effort */
      }
    }
  });
}

/** A temp dir removed by cleanup (and on exit, synchronously, as a last resort). */
export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onSyncCleanup(remove);
  onCleanup(async () => remove());
  return dir;
}

// ---------------------------------------------------------------------------------------------
// /proc readers

/** VmRSS (and its parts) of a live process in KiB, or null when the process is gone. */
export function readMemory(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  return { rssKiB: field('VmRSS'), anonKiB: field('RssAnon'), fileKiB: field('RssFile'), hwmKiB: field('VmHWM') };
}

export function readRssKiB(pid) {
  return readMemory(pid)?.rssKiB ?? null;
}

/** utime+stime of a live process in clock ticks, or null when it is gone. */
export function readCpuTicks(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

/** Samples a process's memory every intervalMs; stop() returns the peak and the sample count. */
export function sampleMemory(pid, intervalMs = 100) {
  let peak = null;
  let samples = 0;
  const take = () => {
    const m = readMemory(pid);
    if (m?.rssKiB == null) return;
    samples++;
    if (peak === null || m.rssKiB > peak.rssKiB) peak = m;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}

/** CPU time of a live process between start and stop, as seconds and % of one core over the wall time. */
export function measureCpu(pid) {
  const t0 = readCpuTicks(pid);
  const w0 = performance.now();
  return {
    stop() {
      const t1 = readCpuTicks(pid);
      const wallS = (performance.now() - w0) / 1000;
      const cpuS = t0 === null || t1 === null ? null : (t1 - t0) / CLK_TCK;
      return { cpuS, wallS, pctOfCore: cpuS === null ? null : (100 * cpuS) / wallS };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The broker process

/**
 * Starts `node [nodeArgs] bin/sluice.js broker --port 0 --data-dir DIR` and resolves once it logs
 * `"port":N ... broker listening`. Its stderr is always drained (a full pipe would stall it); the
 * last lines are kept, and warn/error/fatal pino records are collected for the report.
 */
export async function startBroker({ dataDir, nodeArgs = [], extraArgs = [], startTimeoutMs = 30_000 }) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, SLUICE_BIN, 'broker', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLUICE_LOG_LEVEL: process.env.SLUICE_LOG_LEVEL ?? 'info' },
  });
  let listening = null;
  const child = superviseChild(proc, (line) => {
    if (listening === null) {
      const m = /"port":(\d+)[^\n]*broker listening/.exec(line);
      if (m) listening = Number(m[1]);
    }
  });
  const broker = Object.assign(child.handle, { dataDir, port: 0, bootstrap: '', startMs: 0 });

  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      rej(new Error(`broker did not log "broker listening" within ${startTimeoutMs} ms:\n${broker.logTail()}`));
    }, startTimeoutMs);
    const poll = setInterval(() => {
      const exitInfo = child.exitInfo();
      if (listening !== null) {
        clearTimeout(timer);
        clearInterval(poll);
        res(listening);
      } else if (exitInfo !== null) {
        clearTimeout(timer);
        clearInterval(poll);
        rej(new Error(`broker exited during start-up (code ${exitInfo.code}, signal ${exitInfo.signal}):\n${broker.logTail()}`));
      }
    }, 5);
  });
  broker.port = port;
  broker.bootstrap = `127.0.0.1:${port}`;
  broker.startMs = performance.now() - t0;
  return broker;
}

/**
 * What every started `sluice` child needs: its stdout and stderr drained line by line (a full pipe
 * would stall it; the last 200 lines kept, warn/error/fatal pino records and non-JSON lines
 * collected as problems; `onLine` sees every line), its exit tracked, a SIGKILL at process exit
 * and a stop() registered for cleanup. `handle` holds the fields the broker and worker objects
 * share: proc, pid, problems, logTail, exitInfo, alive, stop.
 */
export function superviseChild(proc, onLine = () => {}) {
  const tail = [];
  const problems = [];
  let partial = '';
  const take = (line) => {
    tail.push(line);
    if (tail.length > 200) tail.shift();
    let rec = null;
    if (line.startsWith('{')) {
      try {
        rec = JSON.parse(line);
      } catch {
        /* not JSON */
      }
    }
    if (rec && typeof rec.level === 'number' && rec.level >= 40 && problems.length < 50) problems.push(line.slice(0, 2000));
    if (!rec && line.trim() && problems.length < 50) problems.push(`(non-JSON) ${line.slice(0, 2000)}`);
    onLine(line);
  };
  const onData = (chunk) => {
    partial += chunk.toString();
    let i;
    while ((i = partial.indexOf('\n')) >= 0) {
      take(partial.slice(0, i));
      partial = partial.slice(i + 1);
    }
    if (partial.length > 1_000_000) partial = partial.slice(-100_000);
  };
  proc.stderr.on('data', onData);
  proc.stdout.on('data', onData);

  let exitInfo = null;
  const exited = new Promise((res) => {
    proc.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      res(exitInfo);
    });
  });
  // Synchronous last resort; the async cleanup below is the normal path.
  const unSync = onSyncCleanup(() => {
    if (exitInfo === null) proc.kill('SIGKILL');
  });
  const handle = {
    proc,
    pid: proc.pid,
    problems,
    logTail: (n = 40) => tail.slice(-n).join('\n'),
    get exitInfo() {
      return exitInfo;
    },
    alive: () => exitInfo === null,
    /** SIGTERM, wait up to graceMs, then SIGKILL. Resolves with {code, signal, graceful, stopMs}. */
    async stop(graceMs = 10_000) {
      unCleanup();
      const s0 = performance.now();
      if (exitInfo !== null) {
        unSync();
        return { ...exitInfo, graceful: false, stopMs: 0, alreadyExited: true };
      }
      proc.kill('SIGTERM');
      let timer;
      const r = await Promise.race([exited, new Promise((res) => (timer = setTimeout(() => res('timeout'), graceMs)))]);
      clearTimeout(timer);
      let graceful = true;
      if (r === 'timeout') {
        graceful = false;
        proc.kill('SIGKILL');
        await exited;
      }
      unSync();
      return { ...exitInfo, graceful, stopMs: performance.now() - s0 };
    },
  };
  const unCleanup = onCleanup(() => handle.stop(5_000));
  return { handle, exitInfo: () => exitInfo };
}

// ---------------------------------------------------------------------------------------------
// Running a measured command

const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs cmd args in its own process group, stdout to /dev/null (or a file descriptor), stderr
 * captured (tail). Under /usr/bin/time when available, which gives the command's exact user+sys
 * CPU time (getrusage of the exited child; /proc/<pid>/stat is gone once it has exited) and peak
 * RSS. Kills the group after timeoutMs. Never rejects for a non-zero exit: the caller inspects
 * code / timedOut.
 */
export function runMeasured(cmd, args, { timeoutMs = 120_000, stdout = 'ignore', stdin = 'ignore', tmpDir } = {}) {
  const timeFile = TIME_BIN && tmpDir ? join(tmpDir, `time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`) : null;
  const argv = timeFile ? [TIME_BIN, '-o', timeFile, '-f', '%U %S %M', cmd, ...args] : [cmd, ...args];
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: [stdin, stdout, 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c.toString();
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    let timedOut = false;
    let done = false;
    const killGroup = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    };
    const unSync = onSyncCleanup(() => !done && killGroup('SIGKILL'));
    const unCleanup = onCleanup(async () => {
      if (!done) killGroup('SIGKILL');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      done = true;
      clearTimeout(timer);
      unSync();
      unCleanup();
      rej(err);
    });
    child.once('close', (code, signal) => {
      done = true;
      clearTimeout(timer);
      unSync();
      unCleanup();
      const wallS = (performance.now() - t0) / 1000;
      let cpu = null;
      if (timeFile) {
        try {
          const text = readFileSync(timeFile, 'utf8').trim().split('\n');
          const last = text[text.length - 1].trim().split(/\s+/).map(Number);
          if (last.length >= 3 && last.every((n) => Number.isFinite(n))) {
            cpu = { userS: last[0], sysS: last[1], cpuS: last[0] + last[1], maxRssKiB: last[2] };
          }
          // GNU time writes "Command exited with non-zero status N" first on failure.
          const m = /exited with non-zero status (\d+)/.exec(text.join('\n'));
          if (m && code === 0) code = Number(m[1]);
          if (/terminated by signal (\d+)/.test(text.join('\n')) && code === 0) code = 128;
        } catch {
          /* no time output (killed) */
        }
        rmSync(timeFile, { force: true });
      }
      res({
        code,
        signal,
        timedOut,
        wallS,
        stderr,
        cpuS: cpu?.cpuS ?? null,
        pctOfCore: cpu ? (100 * cpu.cpuS) / wallS : null,
        maxRssKiB: cpu?.maxRssKiB ?? null,
      });
    });
  });
}

/** Runs a short command and returns its stdout (throws on failure). */
export function capture(cmd, args) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** VmRSS (KiB parts) of a bare idle `node` process of the same binary, for context. */
export async function bareNodeMemory(waitMs = 1000) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const unSync = onSyncCleanup(() => child.kill('SIGKILL'));
  try {
    await new Promise((r) => setTimeout(r, waitMs));
    return readMemory(child.pid);
  } finally {
    child.kill('SIGKILL');
    unSync();
  }
}

/** Whole-machine CPU (all cores, from /proc/stat) busy between start and stop, in seconds of CPU. */
export function measureSystemCpu() {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = (f[3] ?? 0) + (f[4] ?? 0); // idle + iowait
      const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal (guest is included in user)
      return { busy: total - idle };
    } catch {
      return null;
    }
  };
  const a = read();
  const self0 = process.cpuUsage();
  return {
    stop() {
      const b = read();
      const self = process.cpuUsage(self0);
      return {
        busyS: a && b ? (b.busy - a.busy) / CLK_TCK : null,
        selfS: (self.user + self.system) / 1e6,
      };
    },
  };
}
