#!/usr/bin/env node
/**
 * Runs the benchmarks: `npm run bench` (builds first), or `node bench/run.js [names...] [-- options]`.
 *
 * Which benchmarks: every script listed in BENCHMARKS below, plus any `bench/*.bench.js` file
 * (discovered automatically, in name order). To add one, either name it `bench/<name>.bench.js` or
 * add it to BENCHMARKS. A benchmark is a plain-Node script that
 *   - prints its own readable tables on stdout,
 *   - writes a JSON summary to bench/results/<name>.json (git-ignored) with at least
 *     { benchmark, figures: [{ key, label, value, unit, target: {op, value} | null, pass: true | false | null, note }] },
 *   - exits 0 when it ran (even if targets FAIL: it is a report, not a test) and non-zero when it crashed.
 *
 * Arguments: bare names select benchmarks (`node bench/run.js broker`); everything else (e.g.
 * `--profile`, `--quick`) is passed to every selected benchmark. With npm: `npm run bench -- --profile`.
 * Benchmarks run one after another (they measure CPU and would disturb each other). After all have
 * run, the figures of each JSON summary are printed again as one table. The exit code is non-zero
 * when a benchmark crashed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const BENCH_DIR = import.meta.dirname;
const RESULTS_DIR = join(BENCH_DIR, 'results');

/** Benchmarks that do not follow the *.bench.js naming. */
const BENCHMARKS = ['broker.js'];

function discover() {
  const found = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.js'))
    .sort();
  return [...new Set([...BENCHMARKS, ...found])].filter((f) => existsSync(join(BENCH_DIR, f)));
}

const nameOf = (file) => basename(file).replace(/\.bench\.js$|\.js$/, '');

let interrupted = false;

function runOne(file, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(BENCH_DIR, file), ...args], { stdio: 'inherit' });
    // Ctrl-C in a terminal reaches the child too; a signal sent to this process alone does not, so
    // pass it on as SIGTERM (the benchmarks treat both alike: stop their processes, remove temp dirs).
    const onSignal = () => {
      interrupted = true;
      child.kill('SIGTERM');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve({ code, signal });
    });
  });
}

function printCombined(rows) {
  const header = ['Benchmark', 'Figure', 'Value', 'Target', 'Result'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function fmtValue(f) {
  if (f.value == null || !Number.isFinite(f.value)) return `n/a ${f.unit}`;
  const digits = f.digits ?? (Math.abs(f.value) >= 1000 ? 0 : 1);
  return `${f.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${f.unit}`;
}

async function main() {
  const argv = process.argv.slice(2);
  const available = discover();
  const names = [];
  const passthrough = [];
  argv.forEach((a, i) => {
    const prev = argv[i - 1];
    if (a.startsWith('-')) passthrough.push(a);
    else if (available.some((f) => nameOf(f) === a)) names.push(a);
    else if (prev !== undefined && prev.startsWith('-') && !prev.includes('=')) passthrough.push(a); // an option's value
    else {
      console.error(`unknown benchmark "${a}"; available: ${available.map(nameOf).join(', ')}`);
      process.exit(2);
    }
  });
  const selected = names.length > 0 ? available.filter((f) => names.includes(nameOf(f))) : available;
  if (selected.length === 0) {
    console.error(`no benchmarks found in ${BENCH_DIR}`);
    process.exit(1);
  }
  console.log(`Benchmarks: ${selected.map(nameOf).join(', ')}${passthrough.length ? ` (options: ${passthrough.join(' ')})` : ''}\n`);

  const outcomes = [];
  for (const file of selected) {
    const name = nameOf(file);
    const resultFile = join(RESULTS_DIR, `${name}.json`);
    const before = existsSync(resultFile) ? statSync(resultFile).mtimeMs : 0;
    console.log(`######## ${name} (bench/${file})`);
    const t0 = performance.now();
    const { code, signal } = await runOne(file, passthrough);
    const seconds = (performance.now() - t0) / 1000;
    let summary = null;
    if (existsSync(resultFile) && statSync(resultFile).mtimeMs > before) {
      try {
        summary = JSON.parse(readFileSync(resultFile, 'utf8'));
      } catch {
        /* unreadable */
      }
    }
    outcomes.push({ name, code, signal, seconds, summary });
    console.log(`######## ${name}: exit ${code ?? signal} after ${seconds.toFixed(1)} s\n`);
    if (interrupted || signal === 'SIGINT' || code === 130 || code === 143) break;
  }

  console.log('======== All benchmarks');
  const rows = [];
  for (const o of outcomes) {
    if (!o.summary) {
      rows.push([o.name, '(no results written)', '', '', interrupted ? 'INTERRUPTED' : o.code === 0 ? '' : 'CRASHED']);
      continue;
    }
    for (const f of o.summary.figures ?? []) {
      rows.push([o.name, f.label, fmtValue(f), f.target ? `${f.target.op} ${f.target.value.toLocaleString('en-US')} ${f.unit}` : '', f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL']);
    }
  }
  printCombined(rows);
  const crashed = outcomes.filter((o) => o.code !== 0);
  const figs = outcomes.flatMap((o) => o.summary?.figures ?? []);
  console.log(
    `\n${figs.filter((f) => f.pass === true).length} PASS, ${figs.filter((f) => f.pass === false).length} FAIL` +
      (crashed.length ? `; crashed or had phase errors: ${crashed.map((o) => `${o.name} (exit ${o.code ?? o.signal})`).join(', ')}` : ''),
  );
  process.exit(interrupted ? 130 : crashed.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
