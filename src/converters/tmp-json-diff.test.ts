import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, Decimal, Schema, SchemaBuilder, Struct, type SchemaType } from '../data/index.js';
import { JsonConverter } from './json/json-converter.js';
import { StringConverter } from './string-converter.js';

const rnd = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
const STRINGS = ['', 'a', 'hello world', 'é€', '😀x', 'q"uo\\te', 'line\nbreak\t', '\u0001ctl', 'ÿ', 'id', 'name', 'zeta', 'Aa', 'BB', '42', 'null'];
function randFloat(single: boolean): number {
  const kind = rnd(4);
  let v: number;
  if (kind === 0) v = Number((Math.random() * 1000).toFixed(rnd(5))) * 10 ** (rnd(20) - 10);
  else if (kind === 1) { const dv = new DataView(new ArrayBuffer(8)); if (single) { dv.setUint32(0, (Math.random() * 2 ** 32) >>> 0); v = dv.getFloat32(0); } else { dv.setUint32(0, (Math.random() * 2 ** 32) >>> 0); dv.setUint32(4, (Math.random() * 2 ** 32) >>> 0); v = dv.getFloat64(0); } }
  else if (kind === 2) v = rnd(100) - 50;
  else v = Math.random();
  if (!Number.isFinite(v)) v = 1.5;
  return single ? Math.fround(v) : v;
}
function randValue(schema: Schema, allowNull = true): unknown {
  if (allowNull && schema.isOptional() && Math.random() < 0.2) return null;
  switch (schema.name()) {
    case Decimal.LOGICAL_NAME: return new BigDecimal(BigInt(Math.floor((Math.random() - 0.5) * 2 ** 50)) * BigInt(rnd(3) === 0 ? 10 ** rnd(10) : 1), Number(schema.parameters()?.get('scale')));
    case ConnectDate.LOGICAL_NAME: return new Date((rnd(40000) - 20000) * 86400000);
    case ConnectTime.LOGICAL_NAME: return new Date(rnd(86400000));
    case ConnectTimestamp.LOGICAL_NAME: return new Date(Math.floor((Math.random() - 0.3) * 4e12));
  }
  switch (schema.type()) {
    case 'INT8': return rnd(256) - 128;
    case 'INT16': return rnd(65536) - 32768;
    case 'INT32': return Math.floor((Math.random() - 0.5) * 2 ** 32);
    case 'INT64': return BigInt.asIntN(64, BigInt(Math.floor(Math.random() * 2 ** 52)) * BigInt(rnd(5000) + 1) - 2n ** 60n);
    case 'FLOAT32': return randFloat(true);
    case 'FLOAT64': return randFloat(false);
    case 'BOOLEAN': return Math.random() < 0.5;
    case 'STRING': return pick(STRINGS) + (Math.random() < 0.5 ? String(rnd(1000)) : '');
    case 'BYTES': return Buffer.from(Array.from({ length: rnd(6) }, () => rnd(256)));
    case 'ARRAY': return Array.from({ length: rnd(4) }, () => randValue(schema.valueSchema() as Schema));
    case 'MAP': {
      const m = new Map<unknown, unknown>();
      const n = rnd(14);
      for (let i = 0; i < n; i++) { const k = randValue(schema.keySchema() as Schema, false); if (![...m.keys()].some((x) => x === k)) m.set(k, randValue(schema.valueSchema() as Schema)); }
      return m;
    }
    case 'STRUCT': {
      const s = new Struct(schema);
      for (const f of schema.fields()) s.put(f, randValue(f.schema()));
      return s;
    }
  }
}
let nameCounter = 0;
function randSchema(depth: number, keyOnly = false): Schema {
  const primitives: SchemaType[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING', 'BYTES'];
  if (keyOnly) return pick([Schema.STRING_SCHEMA, Schema.INT32_SCHEMA, Schema.INT64_SCHEMA, Schema.INT8_SCHEMA, Schema.STRING_SCHEMA]);
  const r = Math.random();
  let builder: SchemaBuilder;
  if (depth < 3 && r < 0.12) builder = SchemaBuilder.array(randSchema(depth + 1));
  else if (depth < 3 && r < 0.24) builder = SchemaBuilder.map(randSchema(depth + 1, true), randSchema(depth + 1));
  else if (depth < 3 && r < 0.4) { builder = SchemaBuilder.struct(); const n = 1 + rnd(4); for (let i = 0; i < n; i++) builder.field(`f${i}${pick(['', 'x', 'Name'])}`, randSchema(depth + 1)); }
  else if (r < 0.48) builder = Decimal.builder(rnd(8) - 1);
  else if (r < 0.52) builder = ConnectDate.builder();
  else if (r < 0.56) builder = ConnectTime.builder();
  else if (r < 0.6) builder = ConnectTimestamp.builder();
  else builder = SchemaBuilder.type(pick(primitives));
  if (Math.random() < 0.4) builder.optional();
  if (builder.name() === null && Math.random() < 0.2) builder.name(`n.S${nameCounter++}`);
  if (builder.version() === null && Math.random() < 0.15) builder.version(rnd(5));
  if (Math.random() < 0.1) builder.doc(pick(STRINGS));
  if (builder.name() === null && Math.random() < 0.1) builder.parameter(pick(STRINGS), pick(STRINGS));
  if (builder.type() !== 'STRUCT' && Math.random() < 0.15) builder.defaultValue(randValue(builder.build(), false));
  return builder.build();
}

it('JsonConverter matches Kafka byte for byte', () => {
  const modes = ['', 'decimal.format=NUMERIC', 'replace.null.with.default=false', 'schemas.enable=false', 'string'];
  const lines: string[] = [];
  const mine: string[] = [];
  const originals: string[] = [];
  const base = new JsonConverter(); base.configure({}, false);
  const plain = new JsonConverter(); plain.configure({ 'schemas.enable': 'false' }, false);
  for (let i = 0; i < 3000; i++) {
    const schema = randSchema(0);
    const value = randValue(schema);
    const mode = modes[i % modes.length];
    let input: Buffer | null;
    try {
      input = mode === 'schemas.enable=false' ? plain.fromConnectData('t', null, schema, value) : base.fromConnectData('t', null, schema, value);
    } catch { continue; }
    if (input === null) continue;
    lines.push(`${mode}|${input.toString('base64')}`);
    originals.push(mode === '' ? input.toString('base64') : '');
    try {
      if (mode === 'string') {
        const read = base.toConnectData('t', null, input);
        const sc = new StringConverter(); sc.configure({}, false);
        mine.push(sc.fromConnectData('t', null, read.schema, read.value)?.toString('base64') ?? 'NULL');
      } else {
        const c = new JsonConverter();
        c.configure(Object.fromEntries(mode === '' ? [] : [mode.split('=') as [string, string]]), false);
        const read = c.toConnectData('t', null, input);
        mine.push(c.fromConnectData('t', null, read.schema, read.value)?.toString('base64') ?? 'NULL');
      }
    } catch (e) { mine.push(`EXC ${(e as Error).name}: ${(e as Error).message}`); }
  }
  writeFileSync('/tmp/kvals/json-in.txt', lines.join('\n') + '\n');
  execFileSync('java', ['-cp', '/tmp/kvals/out:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar', 'JsonCheck', '/tmp/kvals/json-in.txt', '/tmp/kvals/json-out.txt']);
  const java = readFileSync('/tmp/kvals/json-out.txt', 'utf8').split('\n');
  const diffs: string[] = [];
  const show = (b: string) => (b.startsWith('EXC') || b === 'NULL' ? b : Buffer.from(b, 'base64').toString('utf8'));
  lines.forEach((line, i) => {
    const [mode, input] = line.split('|');
    if (mine[i] !== java[i]) diffs.push(`[${mode}] input=${show(input)}\n   mine=${show(mine[i])}\n   java=${show(java[i])}`);
    if (originals[i] !== '' && originals[i] !== java[i] && !java[i].startsWith('EXC')) diffs.push(`[writer] mine=${show(originals[i])}\n   java=${show(java[i])}`);
  });
  const realDiffs = diffs.filter((d) => !d.includes('[B@'));
  console.log('cases', lines.length, 'diffs', realDiffs.length);
  console.log(realDiffs.slice(0, 12).join('\n'));
}, 300000);
