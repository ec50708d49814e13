import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProducerStateManager, type ProducedBatch } from './producer-state.js';

const dirs: string[] = [];
function manager(dir = mkdtempSync(join(tmpdir(), 'sluice-pid-'))): ProducerStateManager {
  dirs.push(dir);
  return new ProducerStateManager(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const batch = (baseSequence: number, records = 3, producerEpoch = 0): ProducedBatch => ({
  producerId: 7,
  producerEpoch,
  baseSequence,
  lastOffsetDelta: records - 1,
});

describe('ProducerStateManager', () => {
  it('accepts a first batch at sequence 0 and the next in order', () => {
    const m = manager();
    expect(m.check('t-0', batch(0))).toEqual({ kind: 'append' });
    m.appended('t-0', batch(0), 100);
    expect(m.check('t-0', batch(3))).toEqual({ kind: 'append' });
  });

  it('acknowledges a retried batch with its original offset', () => {
    const m = manager();
    m.appended('t-0', batch(0), 100);
    m.appended('t-0', batch(3), 103);
    expect(m.check('t-0', batch(0))).toEqual({ kind: 'duplicate', baseOffset: 100 });
    expect(m.check('t-0', batch(3))).toEqual({ kind: 'duplicate', baseOffset: 103 });
  });

  it('rejects gaps, a non-zero first sequence and a stale epoch', () => {
    const m = manager();
    expect(m.check('t-0', batch(5))).toEqual({ kind: 'reject', errorCode: 45 });
    m.appended('t-0', batch(0, 3, 2), 0);
    expect(m.check('t-0', batch(9, 3, 2))).toEqual({ kind: 'reject', errorCode: 45 });
    expect(m.check('t-0', batch(3, 3, 1))).toEqual({ kind: 'reject', errorCode: 47 });
    expect(m.check('t-0', batch(0, 3, 3))).toEqual({ kind: 'append' });
  });

  it('keeps partitions independent and lets non-idempotent batches through', () => {
    const m = manager();
    m.appended('t-0', batch(0), 0);
    expect(m.check('t-1', batch(3))).toEqual({ kind: 'reject', errorCode: 45 });
    expect(m.check('t-1', { producerId: -1, producerEpoch: -1, baseSequence: -1, lastOffsetDelta: 0 })).toEqual({ kind: 'append' });
  });

  it('wraps sequences after 2^31-1', () => {
    const m = manager();
    m.appended('t-0', batch(0), 0);
    m.appended('t-0', batch(2 ** 31 - 2, 1), 10);
    m.appended('t-0', batch(2 ** 31 - 1, 1), 11);
    expect(m.check('t-0', batch(0, 1))).toEqual({ kind: 'append' });
  });

  it('never reuses a producer id across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-pid-'));
    const first = manager(dir);
    const a = first.allocateProducerId();
    const b = first.allocateProducerId();
    const second = new ProducerStateManager(dir);
    const c = second.allocateProducerId();
    expect(new Set([a, b, c]).size).toBe(3);
    expect(c).toBeGreaterThan(b);
  });
});
