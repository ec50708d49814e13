/**
 * Helpers for bench/worker.bench.js: a `sluice standalone` worker as its own process (started,
 * polled for GET /health, stopped, cleaned up on any exit), its REST API, free ports, and the
 * bench's line files (numbered lines, comparison of a sink file with its source).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { CLK_TCK, SLUICE_BIN, readCpuTicks, superviseChild } from './proc.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port that was free a moment ago (bound to 0 and released). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** One HTTP request without keep-alive; resolves {status, body, json} or rejects on a socket error. */
export function http(method, url, body, { timeoutMs = 5000 } = {}) {
  return new Promise((res, rej) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        timeout: timeoutMs,
      },
      (resp) => {
        const chunks = [];
        resp.on('data', (c) => chunks.push(c));
        resp.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          res({ status: resp.statusCode, body: text, json });
        });
        resp.on('error', rej);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', rej);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Writes a .properties file from an object. */
export function writeProperties(file, props) {
  writeFileSync(file, Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
}

/**
 * Starts `node [nodeArgs] bin/sluice.js standalone <propsFile> [connectorFiles]` in cwd and resolves
 * once GET <restUrl>/health answered 200, polling every pollMs (a request at a time; refused
 * connections retried). startMs is spawn → 200 response. stderr/stdout are drained (last lines
 * kept; warn/error/fatal pino records collected).
 */
export async function startWorker({ propsFile, restUrl, cwd, nodeArgs = [], connectorFiles = [], pollMs = 10, startTimeoutMs = 30_000, env = {} }) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, SLUICE_BIN, 'standalone', propsFile, ...connectorFiles], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLUICE_LOG_LEVEL: process.env.SLUICE_LOG_LEVEL ?? 'info', ...env },
  });
  const child = superviseChild(proc);
  const worker = Object.assign(child.handle, {
    restUrl: restUrl.replace(/\/$/, ''),
    startMs: 0,
    startCpuMs: null,
    healthPolls: 0,
    health: null,
    get: (path) => http('GET', `${worker.restUrl}${path}`),
    post: (path, body) => http('POST', `${worker.restUrl}${path}`, body),
    del: (path) => http('DELETE', `${worker.restUrl}${path}`),
  });

  const deadline = t0 + startTimeoutMs;
  for (;;) {
    const exitInfo = child.exitInfo();
    if (exitInfo !== null) throw new Error(`worker exited during start-up (code ${exitInfo.code}, signal ${exitInfo.signal}):\n${worker.logTail()}`);
    if (performance.now() > deadline) {
      await worker.stop(2000);
      throw new Error(`worker did not answer GET /health 200 within ${startTimeoutMs} ms:\n${worker.logTail()}`);
    }
    worker.healthPolls++;
    try {
      const r = await http('GET', `${worker.restUrl}/health`, undefined, { timeoutMs: 2000 });
      if (r.status === 200) {
        worker.startMs = performance.now() - t0;
        const ticks = readCpuTicks(proc.pid);
        worker.startCpuMs = ticks === null ? null : (ticks * 1000) / CLK_TCK; // CPU the process used to get here
        worker.health = r.json;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(pollMs);
  }
  return worker;
}

/** POST /connectors {name, config}; throws unless 201. */
export async function createConnector(worker, name, config) {
  const r = await worker.post('/connectors', { name, config });
  if (r.status !== 201) throw new Error(`POST /connectors ${name}: HTTP ${r.status} ${r.body.slice(0, 500)}`);
  return r.json;
}

/** Waits until the connector and all its tasks report RUNNING; throws on FAILED or timeout. */
export async function waitRunning(worker, name, { timeoutMs = 30_000, pollMs = 20 } = {}) {
  const t0 = performance.now();
  let last = null;
  while (performance.now() - t0 < timeoutMs) {
    const r = await worker.get(`/connectors/${encodeURIComponent(name)}/status`).catch(() => null);
    last = r?.json ?? null;
    if (r?.status === 200 && last) {
      const states = [last.connector?.state, ...(last.tasks ?? []).map((t) => t.state)];
      if (states.includes('FAILED')) throw new Error(`connector ${name} FAILED: ${JSON.stringify(last).slice(0, 2000)}`);
      if ((last.tasks ?? []).length > 0 && states.every((s) => s === 'RUNNING')) return performance.now() - t0;
    }
    await sleep(pollMs);
  }
  throw new Error(`connector ${name} not RUNNING after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Size of a file in bytes, 0 when it does not exist. */
export function fileSize(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Writes `count` lines of exactly `size` bytes each, plus '\n': a 10-digit line number, a space,
 * then filler, so every line is distinct and a sink copy can be checked for loss and duplicates.
 */
export function writeNumberedLines(file, count, size) {
  const filler = 'sluice-worker-bench-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-';
  const template = Buffer.alloc(size + 1);
  for (let i = 11; i < size; i++) template[i] = filler.charCodeAt(i % filler.length);
  template[10] = 0x20;
  template[size] = 0x0a;
  const perChunk = Math.max(1, Math.floor((4 * 1024 * 1024) / (size + 1)));
  const chunk = Buffer.alloc(perChunk * (size + 1));
  for (let k = 0; k < perChunk; k++) template.copy(chunk, k * (size + 1));
  const fd = openSync(file, 'w');
  try {
    for (let n = 0; n < count; ) {
      const k = Math.min(perChunk, count - n);
      for (let j = 0; j < k; j++) chunk.write(String(n + j).padStart(10, '0'), j * (size + 1), 'latin1');
      writeSync(fd, chunk, 0, k * (size + 1));
      n += k;
    }
  } finally {
    closeSync(fd);
  }
  return count * (size + 1);
}

/** Reads a whole file in chunks, calling fn(buffer, length). */
function forEachChunk(file, fn, chunkBytes = 8 * 1024 * 1024) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(chunkBytes);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      fn(buf, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Compares a sink file with the numbered source file: byte-identical, or else the numbers of
 * lines, missing line numbers, duplicates and out-of-order lines (first examples of each).
 */
export function compareNumberedFiles(sourceFile, sinkFile, expectedLines) {
  const srcSize = fileSize(sourceFile);
  const sinkSize = fileSize(sinkFile);
  if (srcSize === sinkSize) {
    const a = openSync(sourceFile, 'r');
    const b = openSync(sinkFile, 'r');
    const CH = 8 * 1024 * 1024;
    const ba = Buffer.allocUnsafe(CH);
    const bb = Buffer.allocUnsafe(CH);
    let equal = true;
    try {
      for (let pos = 0; pos < srcSize; pos += CH) {
        const na = readSync(a, ba, 0, CH, pos);
        const nb = readSync(b, bb, 0, CH, pos);
        if (na !== nb || ba.compare(bb, 0, nb, 0, na) !== 0) {
          equal = false;
          break;
        }
      }
    } finally {
      closeSync(a);
      closeSync(b);
    }
    if (equal) return { identical: true, sourceBytes: srcSize, sinkBytes: sinkSize, lines: expectedLines, missing: 0, duplicates: 0, outOfOrder: 0 };
  }
  // Not identical: count what is wrong.
  const seen = new Uint8Array(expectedLines);
  let lines = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let foreign = 0;
  let prev = -1;
  let partial = '';
  const examples = { duplicate: [], outOfOrder: [], foreign: [] };
  forEachChunk(sinkFile, (buf, n) => {
    const text = partial + buf.toString('latin1', 0, n);
    const parts = text.split('\n');
    partial = parts.pop();
    for (const line of parts) {
      lines++;
      const num = /^\d{10} /.test(line) ? Number(line.slice(0, 10)) : -1;
      if (num < 0 || num >= expectedLines) {
        foreign++;
        if (examples.foreign.length < 3) examples.foreign.push(line.slice(0, 60));
        continue;
      }
      if (seen[num]) {
        duplicates++;
        if (examples.duplicate.length < 5) examples.duplicate.push(num);
      }
      seen[num] = 1;
      if (num <= prev) {
        outOfOrder++;
        if (examples.outOfOrder.length < 5) examples.outOfOrder.push(`${prev}->${num}`);
      }
      prev = Math.max(prev, num);
    }
  });
  let missing = 0;
  const firstMissing = [];
  for (let i = 0; i < expectedLines; i++) {
    if (!seen[i]) {
      missing++;
      if (firstMissing.length < 5) firstMissing.push(i);
    }
  }
  // A clean prefix: lines 0..lines-1 exactly once, in order (what an unfinished run should leave).
  const cleanPrefix = duplicates === 0 && outOfOrder === 0 && foreign === 0 && missing === expectedLines - lines && (firstMissing[0] ?? lines) === lines;
  return {
    identical: false,
    cleanPrefix,
    sourceBytes: srcSize,
    sinkBytes: sinkSize,
    lines,
    missing,
    duplicates,
    outOfOrder,
    foreign,
    trailingPartialLine: partial.length > 0,
    examples: { ...examples, missing: firstMissing },
  };
}


/**
 * Where a .cpuprofile's self time went, by module: npm package (node_modules/<pkg>), Sluice
 * directory (dist/src/<dir>, dist/connectors/<dir>), Node internals (node:*), or V8's own
 * buckets ((garbage collector), (program), (idle)). Also the inclusive time of selected
 * functions (a function's samples plus those of everything it called, counted once per sample).
 */
export function profileByModule(file, { inclusive = [] } = {}) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const n = prof.samples?.length ?? 0;
  const totalUs = (prof.endTime ?? 0) - (prof.startTime ?? 0);
  const avg = n > 0 ? totalUs / n : 0;
  const moduleOf = (cf) => {
    const url = (cf.url || '').replace(/^file:\/\//, '');
    if (!url) return cf.functionName && cf.functionName.startsWith('(') ? cf.functionName : '(native/other)';
    if (url.startsWith('node:')) return 'node internals';
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (nm) return nm[1];
    const d = /\/dist\/(src|connectors)\/([^/]+)/.exec(url);
    if (d) return `sluice ${d[1]}/${d[2].replace(/\.js$/, '')}`;
    return url.split('/').slice(-2).join('/');
  };
  const byModule = new Map();
  const incl = new Map(inclusive.map((name) => [name, 0]));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const dt = Math.max(0, i + 1 < n ? prof.timeDeltas[i + 1] : avg);
    const node = nodes.get(prof.samples[i]);
    const mod = moduleOf(node?.callFrame ?? {});
    byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
    sum += dt;
    if (incl.size > 0) {
      const hit = new Set();
      for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
        const fn = nodes.get(id)?.callFrame?.functionName;
        if (incl.has(fn)) hit.add(fn);
      }
      for (const fn of hit) incl.set(fn, incl.get(fn) + dt);
    }
  }
  const idleUs = byModule.get('(idle)') ?? 0;
  const busyUs = sum - idleUs;
  const rows = [...byModule.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([module, us]) => ({ module, selfMs: us / 1000, pctOfBusy: module === '(idle)' || busyUs <= 0 ? null : (100 * us) / busyUs }));
  const inclusiveRows = [...incl.entries()].map(([fn, us]) => ({ function: fn, inclusiveMs: us / 1000, pctOfBusy: busyUs > 0 ? (100 * us) / busyUs : null }));
  return { totalMs: sum / 1000, busyMs: busyUs / 1000, modules: rows, inclusive: inclusiveRows };
}

/**
 * Splits a .cpuprofile's busy time into pipeline stages. rules: [[label, RegExp, {fallback}], ...]
 * matched against the script URLs of a sample's stack. A sample goes to the first non-fallback
 * rule matching a frame, looking from the leaf frame towards the root (the innermost code that is
 * recognisably one stage); when none matches, to the first fallback rule matching any frame;
 * '(garbage collector)' samples are 'GC'; the rest is 'other'. Returns [{stage, ms, pctOfBusy}].
 */
export function profileStages(file, rules) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const specific = rules.filter((r) => !r[2]?.fallback);
  const fallback = rules.filter((r) => r[2]?.fallback);
  const memo = new Map(); // leaf node id -> stage
  const stageOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const urls = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) urls.push(nodes.get(cur)?.callFrame?.url ?? '');
    let stage = null;
    for (const url of urls) {
      const hit = url ? specific.find(([, re]) => re.test(url)) : undefined;
      if (hit) {
        stage = hit[0];
        break;
      }
    }
    stage ??= fallback.find(([, re]) => urls.some((u) => re.test(u)))?.[0] ?? 'other';
    memo.set(id, stage);
    return stage;
  };
  const samples = prof.samples ?? [];
  const agg = new Map();
  let busy = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? 0);
    const fn = nodes.get(samples[i])?.callFrame?.functionName;
    if (fn === '(idle)') continue;
    busy += dt;
    const stage = fn === '(garbage collector)' ? 'GC' : stageOf(samples[i]);
    agg.set(stage, (agg.get(stage) ?? 0) + dt);
  }
  return [...agg.entries()].sort((a, b) => b[1] - a[1]).map(([stage, us]) => ({ stage, ms: us / 1000, pctOfBusy: busy > 0 ? (100 * us) / busy : null }));
}

/**
 * Where a start-up .cpuprofile's busy time went: evaluating the modules of each package (a sample
 * belongs to the innermost module body on its stack, i.e. top-level code being loaded), compiling
 * fastify's route schemas (ajv validators, fast-json-stringify serializers), and everything else
 * by the package of the leaf frame. Returns [{what, ms, pctOfBusy}] and the busy total.
 */
export function profileStartup(file) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const pkg = (url) => {
    const u = url.replace(/^file:\/\//, '');
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (m) return m[1];
    const d = /\/dist\/(src|connectors)\/([^/]+)/.exec(u);
    if (d) return `sluice ${d[1]}/${d[2].replace(/\.js$/, '')}`;
    return u.startsWith('node:') ? 'node internals' : u || 'native';
  };
  const schemaFns = /^(compileSchemasForValidation|compileSchemasForSerialization|buildValidatorFunction|buildSerializerFunction|build|compile)$/;
  const agg = new Map();
  let busy = 0;
  const samples = prof.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? 0);
    const leaf = nodes.get(samples[i])?.callFrame ?? {};
    if (leaf.functionName === '(idle)') continue;
    busy += dt;
    let key = null;
    let schemas = false;
    let compiling = false;
    let loader = false;
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
      const cf = nodes.get(id)?.callFrame ?? {};
      if (/^node:internal\/modules\//.test(cf.url ?? '')) loader = true;
      if (key === null && cf.functionName === '' && cf.lineNumber === 0 && cf.url && !cf.url.startsWith('node:')) key = `load ${pkg(cf.url)}`;
      if (/fastify\/lib\/(validation|route)\.js|@fastify\/(ajv-compiler|fast-json-stringify-compiler)/.test(cf.url ?? '') && schemaFns.test(cf.functionName)) schemas = true;
      if (/^(wrapSafe|compileSourceTextModule|compileFunction)$/.test(cf.functionName)) compiling = true;
    }
    if (schemas) key = 'fastify route schemas: ajv / fast-json-stringify compile';
    else if (leaf.functionName === '(garbage collector)') key = 'GC';
    else if (key === null && compiling) key = 'load: compile (module not identified)';
    else if (key === null && loader) key = 'module loader: resolve, read, link (ESM graph of dist/ and CJS interop)';
    else if (key === null) key = `run: ${leaf.functionName?.startsWith('(') ? leaf.functionName : pkg(leaf.url ?? '')}`;
    agg.set(key, (agg.get(key) ?? 0) + dt);
  }
  const rows = [...agg.entries()].sort((a, b) => b[1] - a[1]).map(([what, us]) => ({ what, ms: us / 1000, pctOfBusy: busy > 0 ? (100 * us) / busy : null }));
  return { busyMs: busy / 1000, rows };
}
