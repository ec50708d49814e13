/**
 * Transforms end to end: a FileStream source with HoistField, Cast, InsertField, ReplaceField and a
 * RegexRouter guarded by a predicate; the topic read with kcat; and the transform preview giving the
 * same records for the same input without a connector.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, waitFor } from '../helpers/run.js';
import { startInProcessStack, type InProcessStack } from './support.js';

let stack: InProcessStack;

const CHAIN = {
  transforms: 'hoist,cast,insert,rename,route',
  'transforms.hoist.type': 'org.apache.kafka.connect.transforms.HoistField$Value',
  'transforms.hoist.field': 'n',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'n:int32',
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.static.field': 'source',
  'transforms.insert.static.value': 'file',
  'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.rename.renames': 'n:number',
  'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
  'transforms.route.regex': '(.*)-raw',
  'transforms.route.replacement': '$1-typed',
  'transforms.route.predicate': 'isRaw',
  predicates: 'isRaw',
  'predicates.isRaw.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
  'predicates.isRaw.pattern': '.*-raw',
};

beforeAll(async () => {
  stack = await startInProcessStack('smt', { 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false' });
});

afterAll(async () => {
  await stack?.close();
});

describe('a transform chain on a running connector and in the preview', () => {
  it('produces the expected records, and the preview gives the same', async () => {
    const file = join(stack.dir, 'numbers.txt');
    writeFileSync(file, '1\n22\n333\n');
    const created = await fetch(new URL('/connectors', stack.worker.restUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'numbers', config: { 'connector.class': 'FileStreamSource', file, topic: 'numbers-raw', ...CHAIN } }),
    });
    expect(created.status).toBe(201);
    const lines = await waitFor(async () => {
      const r = await run('kcat', ['-b', stack.broker.bootstrapServers, '-C', '-t', 'numbers-typed', '-o', 'beginning', '-e', '-q', '-f', '%s\n']);
      const out = r.stdout.toString().trim().split('\n').filter((l) => l.length > 0);
      return out.length === 3 ? out : undefined;
    }, 30_000, 'three records routed to numbers-typed');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { number: 1, source: 'file' },
      { number: 22, source: 'file' },
      { number: 333, source: 'file' },
    ]);

    // The same chain, previewed on the same values, reads the line as a string (StringConverter).
    const preview = await fetch(new URL('/connector-plugins/transforms/preview', stack.worker.restUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        config: { ...CHAIN, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' },
        records: ['1', '22', '333', 'x'].map((value) => ({ topic: 'numbers-raw', value })),
      }),
    });
    expect(preview.status).toBe(200);
    type Result = { steps: { transform: string; applied: boolean; record: { topic: string; value: unknown } | null }[]; output: { topic: string; value: { text: string } } | null; error: { transform: string | null; message: string } | null };
    const results = (await preview.json()) as Result[];
    expect(results.slice(0, 3).map((r) => r.output?.topic)).toEqual(['numbers-typed', 'numbers-typed', 'numbers-typed']);
    expect(results.slice(0, 3).map((r) => r.steps.at(-1)?.record?.value)).toEqual(lines.map((l) => JSON.parse(l)));
    expect(results[0].steps.map((s) => s.transform)).toEqual(['hoist', 'cast', 'insert', 'rename', 'route']);
    // A value Cast cannot parse: the error names the transform that raised it.
    expect(results[3].output).toBeNull();
    expect(results[3].error?.transform).toBe('cast');
  });

  it('skips a guarded transform when the predicate does not match', async () => {
    const res = await fetch(new URL('/connector-plugins/transforms/preview', stack.worker.restUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: { ...CHAIN, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }, records: [{ topic: 'other', value: '5' }] }),
    });
    const [result] = (await res.json()) as { steps: { transform: string; applied: boolean }[]; output: { topic: string } }[];
    expect(result.steps.find((s) => s.transform === 'route')?.applied).toBe(false);
    expect(result.output.topic).toBe('other');
  });
});
