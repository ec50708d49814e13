import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { rangeAssign, roundRobinAssign, type AssignorMember } from './assignor.js';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from './assignor-protocol.js';
import { buildBatch, buildControlBatch } from '../broker/records/batch.js';
import { decodeFetchedRecords } from './fetcher-records.js';

const member = (memberId: string, topics: string[], groupInstanceId: string | null = null): AssignorMember => ({ memberId, groupInstanceId, topics });
const flat = (a: Map<string, Map<string, number[]>>): Record<string, string[]> =>
  Object.fromEntries([...a].map(([m, t]) => [m, [...t].flatMap(([topic, ps]) => ps.map((p) => `${topic}-${p}`))]));

describe('assignors (Java RangeAssignor / RoundRobinAssignor examples)', () => {
  // The examples in the Javadoc of Kafka's RangeAssignor and RoundRobinAssignor.
  const counts = new Map([
    ['t0', 3],
    ['t1', 3],
  ]);
  it('range: C0 [t0p0, t0p1, t1p0, t1p1], C1 [t0p2, t1p2]', () => {
    expect(flat(rangeAssign([member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])], counts))).toEqual({
      C0: ['t0-0', 't0-1', 't1-0', 't1-1'],
      C1: ['t0-2', 't1-2'],
    });
  });
  it('roundrobin: C0 [t0p0, t0p2, t1p1], C1 [t0p1, t1p0, t1p2]', () => {
    expect(flat(roundRobinAssign([member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])], counts))).toEqual({
      C0: ['t0-0', 't0-2', 't1-1'],
      C1: ['t0-1', 't1-0', 't1-2'],
    });
  });
  it('roundrobin with different subscriptions: C0 [t0p0], C1 [t1p0], C2 [t1p1, t2p0, t2p1, t2p2]', () => {
    const c = new Map([
      ['t0', 1],
      ['t1', 2],
      ['t2', 3],
    ]);
    expect(flat(roundRobinAssign([member('C2', ['t0', 't1', 't2']), member('C0', ['t0']), member('C1', ['t0', 't1'])], c))).toEqual({
      C2: ['t1-1', 't2-0', 't2-1', 't2-2'],
      C0: ['t0-0'],
      C1: ['t1-0'],
    });
  });
  it('static members sort before dynamic ones, by instance id; unknown topics are skipped; members with nothing get an empty assignment', () => {
    const out = flat(rangeAssign([member('a', ['t']), member('z', ['t'], 'i1'), member('b', ['t', 'missing'])], new Map([['t', 4]])));
    expect(out).toEqual({ z: ['t-0', 't-1'], a: ['t-2'], b: ['t-3'] });
    expect(flat(rangeAssign([member('a', ['t']), member('b', ['t'])], new Map([['t', 1]])))).toEqual({ a: ['t-0'], b: [] });
  });
});

describe('ConsumerProtocol bytes', () => {
  it('round-trips and matches kafkajs\'s encoders', () => {
    const require = createRequire(import.meta.url);
    const { MemberMetadata, MemberAssignment } = require('kafkajs/src/consumer/assignerProtocol') as {
      MemberMetadata: { encode(x: object): Buffer; decode(b: Buffer): { topics: string[] } };
      MemberAssignment: { encode(x: object): Buffer; decode(b: Buffer): { assignment: Record<string, number[]> } };
    };
    const sub = encodeSubscription(['a', 'bé']);
    expect(sub).toEqual(MemberMetadata.encode({ version: 0, topics: ['a', 'bé'] }));
    expect(decodeSubscription(sub)).toEqual(['a', 'bé']);
    const assignment = new Map([
      ['a', [0, 2]],
      ['bé', [1]],
    ]);
    const bytes = encodeAssignment(assignment);
    expect(bytes).toEqual(MemberAssignment.encode({ version: 0, assignment: { a: [0, 2], bé: [1] } }));
    expect(MemberAssignment.decode(bytes).assignment).toEqual({ a: [0, 2], bé: [1] });
    expect(decodeAssignment(bytes)).toEqual(assignment);
    expect(decodeAssignment(Buffer.alloc(0))).toEqual(new Map());
  });
});

describe('decodeFetchedRecords', () => {
  it('read_committed drops aborted transactions and control batches; read_uncommitted keeps the data', () => {
    const batches = Buffer.concat([
      buildBatch({ baseOffset: 0, records: [{ value: 'plain-0' }, { value: 'plain-1' }] }),
      buildBatch({ baseOffset: 2, records: [{ value: 'txA-2' }], producerId: 7, producerEpoch: 0, baseSequence: 0, isTransactional: true }),
      buildBatch({ baseOffset: 3, records: [{ value: 'txB-3' }], producerId: 8, producerEpoch: 0, baseSequence: 0, isTransactional: true }),
      buildControlBatch({ baseOffset: 4, type: 'abort', producerId: 7, producerEpoch: 0 }),
      buildControlBatch({ baseOffset: 5, type: 'commit', producerId: 8, producerEpoch: 0 }),
      buildBatch({ baseOffset: 6, records: [{ value: 'txA-6' }], producerId: 7, producerEpoch: 0, baseSequence: 1, isTransactional: true }),
    ]);
    const committed = decodeFetchedRecords(batches, 1, true, [{ producerId: 7, firstOffset: 2 }]);
    expect(committed.records.map((r) => r.value?.toString())).toEqual(['plain-1', 'txB-3', 'txA-6']);
    expect(committed.nextOffset).toBe(7);
    const all = decodeFetchedRecords(batches, 0, false, null);
    expect(all.records.map((r) => r.offset)).toEqual([0, 1, 2, 3, 6]);
    // a trailing partial batch is left for the next fetch
    const partial = decodeFetchedRecords(batches.subarray(0, batches.length - 5), 0, false, null);
    expect(partial.nextOffset).toBe(6);
    expect(decodeFetchedRecords(null, 9, false, null)).toEqual({ records: [], nextOffset: 9 });
  });
});
