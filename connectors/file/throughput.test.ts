import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SinkTaskContext } from '../../src/connect/index.js';
import { SinkRecord, type SourceRecord } from '../../src/data/index.js';
import { silentLogger } from '../../src/util/logger.js';
import { FileStreamSinkTask } from './file-stream-sink-task.js';
import { FileStreamSourceTask } from './file-stream-source-task.js';
import { sourceContext, TempDirs } from './test-helpers.js';

/**
 * The loops alone, without a worker or Kafka: the product target is 100,000 lines/s of 200 bytes
 * end to end on two cores, so each side has to be well above that. The bound asserted is far
 * below what is measured (printed) so a busy CI machine does not fail it.
 */
const LINES = 200_000;
const LINE_BYTES = 200;
const FLOOR_LINES_PER_SECOND = 100_000;

const temp = new TempDirs();
afterEach(() => temp.removeAll());

function line(i: number): string {
  const prefix = `${i} 127.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET /path/${i % 977} HTTP/1.1" 200 `;
  return prefix + 'x'.repeat(LINE_BYTES - 1 - prefix.length);
}

function writeLines(file: string): void {
  const fd = openSync(file, 'w');
  let chunk: string[] = [];
  for (let i = 0; i < LINES; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

describe('file connector throughput (200-byte lines)', () => {
  it('source task reads well over 100,000 lines/s', async () => {
    const file = join(temp.make(), 'in.txt');
    writeLines(file);
    expect(statSync(file).size).toBe(LINES * LINE_BYTES);
    const config = { file, topic: 'lines' };
    const task = new FileStreamSourceTask({ logger: silentLogger(), idleWaitMs: 10 });
    task.initialize(await sourceContext(config));
    task.start(config);
    const started = performance.now();
    let count = 0;
    let last: SourceRecord | undefined;
    while (count < LINES) {
      const records = await task.poll();
      if (records === null) continue;
      count += records.length;
      last = records[records.length - 1];
    }
    const seconds = (performance.now() - started) / 1000;
    await task.stop();
    const rate = Math.round(count / seconds);
    console.log(`FileStreamSourceTask: ${count} lines in ${seconds.toFixed(3)} s = ${rate} lines/s`);
    expect(last?.sourceOffset()).toEqual({ position: LINES * LINE_BYTES });
    expect(rate).toBeGreaterThan(FLOOR_LINES_PER_SECOND);
  });

  it('sink task writes well over 100,000 lines/s', async () => {
    const file = join(temp.make(), 'out.txt');
    const batches: SinkRecord[][] = [];
    for (let b = 0; b < LINES / 500; b++) {
      batches.push(
        Array.from({ length: 500 }, (_, i) => {
          const n = b * 500 + i;
          return new SinkRecord({ topic: 'lines', kafkaPartition: 0, kafkaOffset: BigInt(n), value: line(n) });
        }),
      );
    }
    const task = new FileStreamSinkTask();
    task.initialize({} as SinkTaskContext);
    await task.start({ file });
    const started = performance.now();
    for (const batch of batches) await task.put(batch);
    await task.flush(new Map());
    const seconds = (performance.now() - started) / 1000;
    await task.stop();
    const rate = Math.round(LINES / seconds);
    console.log(`FileStreamSinkTask: ${LINES} lines in ${seconds.toFixed(3)} s = ${rate} lines/s`);
    expect(statSync(file).size).toBe(LINES * LINE_BYTES);
    expect(readFileSync(file, 'utf8').slice(0, LINE_BYTES)).toBe(`${line(0)}\n`);
    expect(rate).toBeGreaterThan(FLOOR_LINES_PER_SECOND);
  });
});
