/**
 * Reporting helpers shared by the benchmarks: number formatting, plain-text tables, PASS/FAIL
 * figures, the JSON summary in bench/results/<name>.json, and a .cpuprofile self-time summary.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from './proc.js';

export function fmtInt(n) {
  return n == null || !Number.isFinite(n) ? 'n/a' : Math.round(n).toLocaleString('en-US');
}

export function fmt(n, digits = 1) {
  return n == null || !Number.isFinite(n) ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mib(kib) {
  return kib == null ? null : kib / 1024;
}

/** Prints rows (arrays of strings) under a header, columns padded; cells of the columns listed in
 * rightAlign (default: numeric-looking cells of every column but the first) are right-aligned. */
export function printTable(header, rows, { indent = '', rightAlign } = {}) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const isNum = (s) => /^[-+]?[\d,.]+( ?[%A-Za-z/]+)?$/.test(s) || s === 'n/a';
  const line = (r) =>
    indent +
    r
      .map((c, i) => ((rightAlign ? rightAlign.includes(i) : i > 0 && isNum(c)) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(all[0]));
  console.log(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
}

/**
 * A collection of reported figures. A figure may carry a target ({op: '>=' | '<=', value});
 * pass is computed from it (null when there is no target or no value).
 */
export class Figures {
  constructor() {
    this.list = [];
  }
  add(key, label, value, unit, { target, note, digits } = {}) {
    let pass = null;
    if (target && value != null && Number.isFinite(value)) pass = target.op === '>=' ? value >= target.value : value <= target.value;
    if (target && (value == null || !Number.isFinite(value))) pass = false;
    const fig = { key, label, value: value ?? null, unit, target: target ?? null, pass, note: note ?? null, digits: digits ?? null };
    this.list = this.list.filter((f) => f.key !== key);
    this.list.push(fig);
    return fig;
  }
  print() {
    const rows = this.list.map((f) => {
      const digits = f.digits ?? (Math.abs(f.value ?? 0) >= 1000 ? 0 : 1);
      const value = f.value == null ? 'n/a' : digits === 0 ? fmtInt(f.value) : fmt(f.value, digits);
      const target = f.target ? `${f.target.op} ${fmtInt(f.target.value)} ${f.unit}` : '';
      const result = f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL';
      return [f.label, `${value} ${f.unit}`, target, result, f.note ?? ''];
    });
    printTable(['Figure', 'Value', 'Target', 'Result', 'Notes'], rows, { rightAlign: [1] });
  }
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResults(name, summary) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  return file;
}

/**
 * Self time per function of a V8 .cpuprofile (nodes with callFrame, samples + timeDeltas, or
 * hitCount when there are no samples), aggregated by function name + location, top N.
 */
export function summarizeCpuProfile(file, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const totalUs = (prof.endTime ?? 0) - (prof.startTime ?? 0);
  if (Array.isArray(prof.samples) && Array.isArray(prof.timeDeltas) && prof.samples.length > 0) {
    // timeDeltas[i] is the gap before sample i, so the time spent in sample i is timeDeltas[i + 1].
    const n = prof.samples.length;
    const avg = totalUs > 0 ? totalUs / n : 0;
    for (let i = 0; i < n; i++) {
      const dt = i + 1 < n ? prof.timeDeltas[i + 1] : avg;
      selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + Math.max(0, dt));
    }
  } else {
    const hits = prof.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const per = hits > 0 ? totalUs / hits : 0;
    for (const n of prof.nodes) if (n.hitCount) selfUs.set(n.id, n.hitCount * per);
  }
  const byFn = new Map();
  let sum = 0;
  for (const [id, us] of selfUs) {
    const cf = nodes.get(id)?.callFrame ?? {};
    const name = cf.functionName || '(anonymous)';
    let url = cf.url || '';
    url = url.replace(/^file:\/\//, '').replace(REPO_ROOT + '/', '');
    const loc = url ? `${url}:${(cf.lineNumber ?? -1) + 1}:${(cf.columnNumber ?? -1) + 1}` : '';
    const key = `${name}\u0000${loc}`;
    const e = byFn.get(key) ?? { name, loc, selfUs: 0 };
    e.selfUs += us;
    byFn.set(key, e);
    sum += us;
  }
  const idleUs = [...byFn.values()].filter((e) => e.name === '(idle)').reduce((s, e) => s + e.selfUs, 0);
  const busyUs = sum - idleUs;
  const rows = [...byFn.values()]
    .sort((a, b) => b.selfUs - a.selfUs)
    .slice(0, top)
    .map((e) => ({
      function: e.name,
      location: e.loc,
      selfMs: e.selfUs / 1000,
      pctOfTotal: sum > 0 ? (100 * e.selfUs) / sum : 0,
      pctOfBusy: e.name === '(idle)' || busyUs <= 0 ? null : (100 * e.selfUs) / busyUs,
    }));
  return { file, totalMs: sum / 1000, busyMs: busyUs / 1000, top: rows };
}

export function printCpuProfile(summary) {
  console.log(`  profile ${summary.file.replace(REPO_ROOT + '/', '')}: ${fmtInt(summary.totalMs)} ms sampled, ${fmtInt(summary.busyMs)} ms not idle`);
  printTable(
    ['Self ms', '% total', '% busy', 'Function', 'Location'],
    summary.top.map((r) => [fmtInt(r.selfMs), fmt(r.pctOfTotal), r.pctOfBusy == null ? '' : fmt(r.pctOfBusy), r.function, r.location]),
    { indent: '  ', rightAlign: [0, 1, 2] },
  );
}
