import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Schema, type SourceRecord } from '../../src/data/index.js';
import { silentLogger } from '../../src/util/logger.js';
import { FileStreamSourceTask, type FileStreamSourceTaskOptions } from './file-stream-source-task.js';
import { capturingLogger, sourceContext, TempDirs } from './test-helpers.js';

const temp = new TempDirs();
const tasks: FileStreamSourceTask[] = [];
afterEach(async () => {
  await Promise.all(tasks.splice(0).map((t) => t.stop()));
  temp.removeAll();
});

interface Started {
  task: FileStreamSourceTask;
  file: string;
}

async function startTask(
  config: Record<string, string>,
  options: FileStreamSourceTaskOptions = {},
  offsets: Parameters<typeof sourceContext>[1] = [],
): Promise<FileStreamSourceTask> {
  const task = new FileStreamSourceTask({ logger: silentLogger(), idleWaitMs: 20, ...options });
  tasks.push(task);
  task.initialize(await sourceContext(config, offsets));
  task.start(config);
  return task;
}

async function fileTask(content: string | Buffer | null, extra: Record<string, string> = {}, options: FileStreamSourceTaskOptions = {}): Promise<Started> {
  const file = join(temp.make(), 'in.txt');
  if (content !== null) writeFileSync(file, content);
  const task = await startTask({ file, topic: 'lines', ...extra }, options);
  return { task, file };
}

const values = (records: SourceRecord[] | null): unknown[] => (records ?? []).map((r) => r.value());
const positions = (records: SourceRecord[] | null): unknown[] => (records ?? []).map((r) => r.sourceOffset()?.position);

/** Polls until `count` records arrived (or a poll budget runs out). */
async function pollRecords(task: FileStreamSourceTask, count: number, maxPolls = 50): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for (let i = 0; i < maxPolls && out.length < count; i++) out.push(...((await task.poll()) ?? []));
  return out;
}

describe('FileStreamSourceTask line splitting', () => {
  it('splits on \\n, \\r\\n and a lone \\r, with positions after each terminator', async () => {
    const { task } = await fileTask('a\nbb\r\nccc\rd\n\n\r\ne');
    const records = await task.poll();
    expect(values(records)).toEqual(['a', 'bb', 'ccc', 'd', '', '']);
    expect(positions(records)).toEqual([2, 6, 10, 12, 13, 15]);
  });

  it('holds an incomplete last line until its terminator arrives', async () => {
    const { task, file } = await fileTask('first\nsecond par');
    expect(values(await task.poll())).toEqual(['first']);
    expect(await task.poll()).toBeNull();
    appendFileSync(file, 't\n');
    const records = await task.poll();
    expect(values(records)).toEqual(['second part']);
    expect(positions(records)).toEqual([18]);
  });

  it('waits for the byte after a trailing \\r to tell \\r\\n from a lone \\r', async () => {
    const { task, file } = await fileTask('one\r');
    expect(await task.poll()).toBeNull();
    appendFileSync(file, '\ntwo\r');
    const first = await task.poll();
    expect(values(first)).toEqual(['one']);
    expect(positions(first)).toEqual([5]);
    appendFileSync(file, 'three\n');
    const second = await task.poll();
    expect(values(second)).toEqual(['two', 'three']);
    expect(positions(second)).toEqual([9, 15]);
  });

  it('grows its buffer for lines longer than it and for terminators split across reads', async () => {
    const long = 'x'.repeat(5000);
    const { task } = await fileTask(`${long}\r\nshort\r\n${long}y\n`, {}, { initialBufferBytes: 4 });
    const records = await pollRecords(task, 3);
    expect(values(records)).toEqual([long, 'short', `${long}y`]);
    expect(positions(records)).toEqual([5002, 5009, 10011]);
  });
});

describe('FileStreamSourceTask records', () => {
  it('have a STRING value, no key, the configured topic, the file as configured and the read time', async () => {
    const dir = temp.make();
    const configured = `${dir}/./in.txt`;
    writeFileSync(join(dir, 'in.txt'), 'hello\n');
    const task = await startTask({ file: configured, topic: 'connect-test' });
    const before = Date.now();
    const [record] = (await task.poll()) ?? [];
    expect(record.topic()).toBe('connect-test');
    expect(record.kafkaPartition()).toBeNull();
    expect(record.key()).toBeNull();
    expect(record.keySchema()).toBeNull();
    expect(record.valueSchema()).toBe(Schema.STRING_SCHEMA);
    expect(record.valueSchema()?.isOptional()).toBe(false);
    expect(record.value()).toBe('hello');
    expect(record.sourcePartition()).toEqual({ filename: configured });
    expect(record.sourceOffset()).toEqual({ position: 6 });
    expect(record.timestamp()).toBeGreaterThanOrEqual(before - 5);
    expect(record.timestamp()).toBeLessThanOrEqual(Date.now());
  });

  it('returns at most batch.size records per poll and keeps the rest for the next', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    const { task } = await fileTask(`${lines.join('\n')}\n`, { 'batch.size': '3' });
    const sizes: number[] = [];
    const all: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const records = await task.poll();
      sizes.push(records?.length ?? 0);
      all.push(...values(records));
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(all).toEqual(lines);
  });

  it('follows a growing file', async () => {
    const { task, file } = await fileTask('one\n');
    expect(values(await task.poll())).toEqual(['one']);
    expect(await task.poll()).toBeNull();
    appendFileSync(file, 'two\nthree\n');
    expect(values(await task.poll())).toEqual(['two', 'three']);
    appendFileSync(file, 'four\n');
    const records = await task.poll();
    expect(values(records)).toEqual(['four']);
    expect(positions(records)).toEqual([19]);
  });
});

describe('FileStreamSourceTask offsets', () => {
  it('resumes from the stored byte position of the configured file', async () => {
    const file = join(temp.make(), 'in.txt');
    writeFileSync(file, 'abc\ndef\nghi\n');
    const task = await startTask({ file, topic: 't' }, {}, [
      [{ filename: file }, { position: 4 }],
      [{ filename: 'other.txt' }, { position: 8 }],
    ]);
    const records = await task.poll();
    expect(values(records)).toEqual(['def', 'ghi']);
    expect(positions(records)).toEqual([8, 12]);
  });

  it('counts positions in bytes of UTF-8, multi-byte characters included', async () => {
    const content = 'héllo\n日本語\r\n🎉 party\rend\n';
    const { task } = await fileTask(content, {}, { initialBufferBytes: 4 });
    const records = await pollRecords(task, 4);
    expect(values(records)).toEqual(['héllo', '日本語', '🎉 party', 'end']);
    const bytes = Buffer.byteLength;
    expect(positions(records)).toEqual([
      bytes('héllo\n'),
      bytes('héllo\n日本語\r\n'),
      bytes('héllo\n日本語\r\n🎉 party\r'),
      bytes(content),
    ]);
    expect(positions(records)).toEqual([7, 18, 29, 33]);

    const file = join(temp.make(), 'in.txt');
    writeFileSync(file, content);
    const resumed = await startTask({ file, topic: 't' }, {}, [[{ filename: file }, { position: 7 }]]);
    expect(values(await resumed.poll())).toEqual(['日本語', '🎉 party', 'end']);
  });

  it('starts at 0 with no stored offset or a null position, and refuses a position of the wrong type', async () => {
    const file = join(temp.make(), 'in.txt');
    writeFileSync(file, 'a\n');
    const nullPosition = await startTask({ file, topic: 't' }, {}, [[{ filename: file }, { position: null }]]);
    expect(values(await nullPosition.poll())).toEqual(['a']);
    const wrongType = await startTask({ file, topic: 't' }, {}, [[{ filename: file }, { position: '1' }]]);
    await expect(wrongType.poll()).rejects.toThrow('Offset position is the incorrect type');
    const fractional = await startTask({ file, topic: 't' }, {}, [[{ filename: file }, { position: 1.5 }]]);
    await expect(fractional.poll()).rejects.toThrow('Offset position is the incorrect type');
  });

  it('waits at a stored position beyond the end of the file until the file grows past it', async () => {
    const file = join(temp.make(), 'in.txt');
    writeFileSync(file, 'ab\n');
    const task = await startTask({ file, topic: 't' }, {}, [[{ filename: file }, { position: 6 }]]);
    expect(await task.poll()).toBeNull();
    appendFileSync(file, 'cd\nef\n');
    const records = await task.poll();
    expect(values(records)).toEqual(['ef']);
    expect(positions(records)).toEqual([9]);
  });
});

describe('FileStreamSourceTask waiting', () => {
  it('logs a missing file once, returns null while it is missing, then reads it once created', async () => {
    const { logger, messages } = capturingLogger();
    const { task, file } = await fileTask(null, {}, { logger });
    expect(await task.poll()).toBeNull();
    expect(await task.poll()).toBeNull();
    const warnings = messages.filter((m) => m.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain(`Couldn't find file ${file}`);
    writeFileSync(file, 'finally\n');
    expect(values(await task.poll())).toEqual(['finally']);
  });

  it('waits about idleWaitMs when there is nothing to read', async () => {
    const { task } = await fileTask('', {}, { idleWaitMs: 150 });
    const started = performance.now();
    expect(await task.poll()).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('makes a waiting poll return promptly on stop(), for an idle file and a missing one', async () => {
    for (const content of ['', null]) {
      const { task } = await fileTask(content, {}, { idleWaitMs: 30_000 });
      const started = performance.now();
      const polling = task.poll();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await task.stop();
      expect(await polling).toBeNull();
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await task.poll()).toBeNull();
    }
  });
});

describe('FileStreamSourceTask on standard input', () => {
  it('reads lines from the injected stream without source partitions or offsets', async () => {
    const stdin = new PassThrough();
    const task = await startTask({ topic: 'from-stdin' }, { stdin });
    stdin.write('alpha\nbe');
    const first = await task.poll();
    expect(values(first)).toEqual(['alpha']);
    expect(first?.[0].sourcePartition()).toBeNull();
    expect(first?.[0].sourceOffset()).toBeNull();
    stdin.write('ta\r\ngamma\n');
    expect(values(await task.poll())).toEqual(['beta', 'gamma']);
  });

  it('treats an empty file setting as standard input', async () => {
    const stdin = new PassThrough();
    const task = await startTask({ file: '', topic: 't' }, { stdin });
    stdin.write('x\n');
    expect(values(await task.poll())).toEqual(['x']);
  });

  it('ends an idle wait as soon as data arrives', async () => {
    const stdin = new PassThrough();
    const task = await startTask({ topic: 't' }, { stdin, idleWaitMs: 30_000 });
    const started = performance.now();
    const polling = task.poll();
    setTimeout(() => stdin.write('late\n'), 50);
    const first = await polling;
    const records = first ?? (await task.poll());
    expect(values(records)).toEqual(['late']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops without closing the stream it was given', async () => {
    const stdin = new PassThrough();
    const task = await startTask({ topic: 't' }, { stdin, idleWaitMs: 30_000 });
    const polling = task.poll();
    await task.stop();
    expect(await polling).toBeNull();
    expect(stdin.destroyed).toBe(false);
    expect(stdin.listenerCount('readable')).toBe(0);
  });
});

describe('FileStreamSourceTask wakes on appends', () => {
  it('reads an appended line long before the idle wait would end', async () => {
    // A one-minute idle wait: only the file watch can deliver the second line within the bound.
    let idle: () => void = () => undefined;
    const { task, file } = await fileTask('first\n', {}, { idleWaitMs: 60_000, onIdle: () => idle() });
    expect(values(await task.poll())).toEqual(['first']);
    const waitingStarted = new Promise<void>((resolve) => (idle = resolve));
    const waiting = task.poll();
    await waitingStarted;
    const appendedAt = Date.now();
    appendFileSync(file, 'second\n');
    expect(await waiting).toBeNull();
    expect(values(await task.poll())).toEqual(['second']);
    expect(Date.now() - appendedAt).toBeLessThan(10_000);
  });
});
