import { describe, expect, it } from 'vitest';
import { SubmittedRecords } from './submitted-records.js';

describe('SubmittedRecords', () => {
  it('commits only up to the first unacknowledged record of each partition', () => {
    const s = new SubmittedRecords();
    const a1 = s.submit({ f: 'a' }, { pos: 1 });
    const a2 = s.submit({ f: 'a' }, { pos: 2 });
    const a3 = s.submit({ f: 'a' }, { pos: 3 });
    const b1 = s.submit({ f: 'b' }, { pos: 10 });
    s.ack(a1);
    s.ack(a3);
    s.ack(b1);
    let c = s.committableOffsets();
    expect([...c.offsets.values()]).toEqual([
      { partition: { f: 'a' }, offset: { pos: 1 } },
      { partition: { f: 'b' }, offset: { pos: 10 } },
    ]);
    expect(c.pending).toBe(1);
    s.ack(a2);
    c = s.committableOffsets();
    expect([...c.offsets.values()]).toEqual([{ partition: { f: 'a' }, offset: { pos: 3 } }]);
    expect(s.committableOffsets().offsets.size).toBe(0);
  });

  it('ignores records without a source partition and double acks', async () => {
    const s = new SubmittedRecords();
    expect(s.submit(null, null)).toBeNull();
    const r = s.submit({ p: 1 }, { o: 1 });
    const drained = s.awaitAllAcked(1000);
    s.ack(r);
    s.ack(r);
    expect(await drained).toBe(true);
    expect(await s.awaitAllAcked(10)).toBe(true);
    s.submit({ p: 1 }, { o: 2 });
    expect(await s.awaitAllAcked(10)).toBe(false);
  });
});
