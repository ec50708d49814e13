import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { SinkTaskContext } from '../../src/connect/index.js';
import { Schema, SchemaBuilder, SinkRecord, Struct } from '../../src/data/index.js';
import { FileStreamSinkTask } from './file-stream-sink-task.js';
import { TempDirs } from './test-helpers.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const context = {} as SinkTaskContext;
let offset = 0n;
function record(value: unknown, valueSchema: Schema | null = null): SinkRecord {
  return new SinkRecord({ topic: 'in', kafkaPartition: 0, kafkaOffset: offset++, key: 'ignored', valueSchema, value });
}

async function startedTask(config: Record<string, string>, stdout?: Writable): Promise<FileStreamSinkTask> {
  const task = new FileStreamSinkTask({ stdout });
  task.initialize(context);
  await task.start(config);
  return task;
}

describe('FileStreamSinkTask', () => {
  it("appends each value as Java's String.valueOf prints it, one per line", async () => {
    const file = join(temp.make(), 'out.txt');
    const task = await startedTask({ file });
    const schema = SchemaBuilder.struct().name('person').field('name', Schema.STRING_SCHEMA).field('age', Schema.INT32_SCHEMA).build();
    const person = new Struct(schema).put('name', 'Ada').put('age', 36);
    await task.put([
      record('plain text'),
      record(null),
      record(person, schema),
      record(new Map<string, unknown>([['a', 1], ['b', 'two']])),
      record(42, Schema.INT32_SCHEMA),
      record(1, Schema.FLOAT64_SCHEMA),
      record(2.5),
      record(12345678901234567890n, Schema.INT64_SCHEMA),
      record(true),
      record(['x', 'y']),
      record('ünïcødé 🎉'),
    ]);
    await task.put([]);
    await task.flush(new Map());
    expect(readFileSync(file, 'utf8')).toBe(
      [
        'plain text',
        'null',
        'Struct{name=Ada,age=36}',
        '{a=1, b=two}',
        '42',
        '1.0',
        '2.5',
        '12345678901234567890',
        'true',
        '[x, y]',
        'ünïcødé 🎉',
        '',
      ].join('\n'),
    );
    await task.stop();
  });

  it('creates the file, or appends to what is already there', async () => {
    const file = join(temp.make(), 'out.txt');
    writeFileSync(file, 'existing\n');
    const task = await startedTask({ file });
    await task.put([record('a'), record('b')]);
    await task.stop();
    const again = await startedTask({ file });
    await again.put([record('c')]);
    await again.flush(new Map());
    expect(readFileSync(file, 'utf8')).toBe('existing\na\nb\nc\n');
    await again.stop();
  });

  it('has everything put before flush() on disk when flush() resolves, across many puts', async () => {
    const file = join(temp.make(), 'out.txt');
    const task = await startedTask({ file });
    const expected: string[] = [];
    for (let batch = 0; batch < 50; batch++) {
      const records = Array.from({ length: 100 }, (_, i) => record(`line ${batch}-${i}`));
      expected.push(...records.map((r) => r.value() as string));
      await task.put(records);
    }
    await task.flush(new Map());
    expect(readFileSync(file, 'utf8')).toBe(`${expected.join('\n')}\n`);
    await task.stop();
  });

  it('writes to standard output when no file is set, without ending it', async () => {
    const chunks: Buffer[] = [];
    let ended = false;
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        ended = true;
        done();
      },
    });
    const task = await startedTask({ file: '' }, stdout);
    await task.put([record('to'), record('stdout')]);
    await task.flush(new Map());
    await task.stop();
    expect(Buffer.concat(chunks).toString('utf8')).toBe('to\nstdout\n');
    expect(ended).toBe(false);
  });

  it("fails to start with Kafka's message when the file cannot be created", async () => {
    const dir = temp.make();
    const task = new FileStreamSinkTask();
    task.initialize(context);
    await expect(task.start({ file: join(dir, 'missing-dir', 'out.txt') })).rejects.toThrow(
      `Couldn't find or create file '${join(dir, 'missing-dir', 'out.txt')}' for FileStreamSinkTask`,
    );
  });

  it('fails the next put or flush once a write failed', async () => {
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk on fire'));
      },
    });
    failing.on('error', () => undefined);
    const task = await startedTask({}, failing);
    await task.put([record('lost')]);
    await expect(task.flush(new Map())).rejects.toThrow('disk on fire');
    await expect(task.put([record('more')])).rejects.toThrow('disk on fire');
  });

  it('refuses records before start', async () => {
    await expect(new FileStreamSinkTask().put([record('x')])).rejects.toThrow(/before start/);
  });
});
