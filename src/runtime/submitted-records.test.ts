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

  it('keeps only records in flight between flushes: acknowledged prefixes are released as acks arrive', () => {
    const s = new SubmittedRecords();
    const partition = { table: 't' };
    const inFlight = [];
    for (let i = 0; i < 100_000; i++) {
      inFlight.push(s.submit(partition, { incrementing: i }));
      if (inFlight.length === 100) for (const r of inFlight.splice(0)) s.ack(r);
    }
    expect(s.retained()).toBe(0);
    const a = s.submit(partition, { incrementing: 100_000 });
    const b = s.submit(partition, { incrementing: 100_001 });
    s.ack(b);
    expect(s.retained()).toBe(2);
    expect(s.committableOffsets().offsets.get(JSON.stringify(partition))).toEqual({ partition, offset: { incrementing: 99_999 } });
    s.ack(a);
    expect(s.retained()).toBe(0);
    expect(s.committableOffsets().offsets.get(JSON.stringify(partition))).toEqual({ partition, offset: { incrementing: 100_001 } });
  });

  it('compacts a long acknowledged head while an early record is still unacknowledged elsewhere in order', () => {
    const s = new SubmittedRecords();
    const records = Array.from({ length: 5000 }, (_, i) => s.submit({ p: 1 }, { o: i }));
    for (let i = 0; i < 3000; i++) s.ack(records[i]);
    for (let i = 4000; i < 5000; i++) s.ack(records[i]);
    expect(s.retained()).toBe(2000);
    expect(s.committableOffsets().offsets.get('{"p":1}')?.offset).toEqual({ o: 2999 });
    for (let i = 3000; i < 4000; i++) s.ack(records[i]);
    expect(s.retained()).toBe(0);
    const c = s.committableOffsets();
    expect(c.offsets.get('{"p":1}')?.offset).toEqual({ o: 4999 });
    expect(c.pending).toBe(0);
  });
});
