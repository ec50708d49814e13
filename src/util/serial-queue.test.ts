import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs operations one at a time, in queue order, whatever each one waits for', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const op = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await tick(ms);
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run(op('a', 30)), queue.run(op('b', 0)), queue.run(() => 'c')]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('gives a failure to its caller only and goes on with the next operation', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      await tick(5);
      throw new Error('boom');
    });
    const next = queue.run(() => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
