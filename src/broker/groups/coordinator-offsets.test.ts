import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCoordinator, type GroupCoordinatorOptions } from './coordinator.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { OffsetStore } from './offset-store.js';
import type { JoinGroupRequest, JoinGroupResult, OffsetCommitEntry, OffsetCommitRequest } from './types.js';

let dir: string;
const cleanup: (() => void)[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-groups-'));
});

afterEach(() => {
  for (const fn of cleanup.splice(0).reverse()) fn();
  fs.rmSync(dir, { recursive: true, force: true });
});

function coordinator(options: Partial<GroupCoordinatorOptions> = {}): GroupCoordinator {
  const c = new GroupCoordinator({ offsets: new OffsetStore({ dir }), initialRebalanceDelayMs: 0, minSessionTimeoutMs: 10, ...options });
  cleanup.push(() => c.close());
  return c;
}

const topics = new Map([
  ['t', 3],
  ['u', 1],
]);
const exists = (topic: string, partition: number): boolean => partition >= 0 && partition < (topics.get(topic) ?? 0);

const entry = (topic: string, partition: number, offset: number, metadata: string | null = null, leaderEpoch = -1): OffsetCommitEntry => ({
  topic,
  partition,
  offset,
  leaderEpoch,
  metadata,
});

function simpleCommit(c: GroupCoordinator, groupId: string, offsets: OffsetCommitEntry[], over: Partial<OffsetCommitRequest> = {}) {
  return c.commitOffsets({ groupId, generationId: -1, memberId: '', groupInstanceId: null, offsets, ...over }, exists);
}

/** Consumer protocol Subscription v0: version, topics, empty user data. */
function subscription(...names: string[]): Buffer {
  const parts = [Buffer.from([0, 0]), int32(names.length)];
  for (const n of names) parts.push(Buffer.from([0, n.length]), Buffer.from(n));
  parts.push(int32(-1));
  return Buffer.concat(parts);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

async function stableMember(c: GroupCoordinator, groupId = 'g', over: Partial<JoinGroupRequest> = {}): Promise<JoinGroupResult> {
  const r = await c.joinGroup({
    groupId,
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 5000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('t') }],
    requireKnownMemberId: false,
    ...over,
  });
  await c.syncGroup({ groupId, generationId: r.generationId, memberId: r.memberId, groupInstanceId: null, assignments: [] });
  return r;
}

describe('GroupCoordinator: offsets', () => {
  it('stores simple commits verbatim, including negative offsets and null metadata', () => {
    const c = coordinator();
    const results = simpleCommit(c, 'g', [entry('t', 0, 10, 'meta', 4), entry('t', 1, -2), entry('t', 2, -1, ''), entry('t', 9, 5), entry('nope', 0, 1)]);
    expect(results.map((r) => r.errorCode)).toEqual([0, 0, 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    expect(c.describeGroup('g')).toMatchObject({ state: 'Empty', protocolType: '', members: [] });

    const fetched = c.fetchOffsets('g', [
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
      { topic: 't', partition: 2 },
      { topic: 't', partition: 9 },
    ]);
    expect(fetched).toEqual([
      { topic: 't', partition: 0, offset: 10, leaderEpoch: 4, metadata: 'meta', errorCode: 0 },
      { topic: 't', partition: 1, offset: -2, leaderEpoch: -1, metadata: '', errorCode: 0 },
      { topic: 't', partition: 2, offset: -1, leaderEpoch: -1, metadata: '', errorCode: 0 },
      { topic: 't', partition: 9, offset: -1, leaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    expect(c.fetchOffsets('g', null).map((o) => [o.topic, o.partition, o.offset])).toEqual([
      ['t', 0, 10],
      ['t', 1, -2],
      ['t', 2, -1],
    ]);
    expect(c.fetchOffsets('unknown', [{ topic: 't', partition: 0 }])).toEqual([{ topic: 't', partition: 0, offset: -1, leaderEpoch: -1, metadata: '', errorCode: 0 }]);
    expect(c.fetchOffsets('unknown', null)).toEqual([]);
  });

  it('rejects metadata above offset.metadata.max.bytes per partition', () => {
    const c = coordinator({ maxOffsetMetadataBytes: 4 });
    const results = simpleCommit(c, 'g', [entry('t', 0, 1, 'abcd'), entry('t', 1, 1, 'abcde')]);
    expect(results.map((r) => r.errorCode)).toEqual([0, ErrorCode.OFFSET_METADATA_TOO_LARGE]);
  });

  it('checks member and generation for group-managed commits', async () => {
    const c = coordinator();
    expect(simpleCommit(c, 'absent', [entry('t', 0, 1)], { generationId: 3, memberId: 'm' })[0]!.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    const m = await stableMember(c);
    const commit = (over: Partial<OffsetCommitRequest>) => simpleCommit(c, 'g', [entry('t', 0, 7)], over)[0]!.errorCode;
    expect(commit({ generationId: m.generationId, memberId: m.memberId })).toBe(ErrorCode.NONE);
    expect(commit({ generationId: m.generationId + 1, memberId: m.memberId })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(commit({ generationId: m.generationId, memberId: 'stranger' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // A non-member may not commit while the group has members.
    expect(commit({})).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

    // During CompletingRebalance the member must finish syncing first.
    const other = c.joinGroup({ ...joinOf(m), memberId: '', clientId: 'other' });
    const rejoined = await c.joinGroup(joinOf(m));
    await other;
    expect(commit({ generationId: rejoined.generationId, memberId: m.memberId })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('lets commits keep a member alive like heartbeats do', async () => {
    const c = coordinator();
    const m = await stableMember(c, 'g', { sessionTimeoutMs: 300 });
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 50));
      expect(simpleCommit(c, 'g', [entry('t', 0, i)], { generationId: m.generationId, memberId: m.memberId })[0]!.errorCode).toBe(ErrorCode.NONE);
    }
    expect(c.describeGroup('g').state).toBe('Stable');
  });

  it('keeps offsets and groups across a restart', async () => {
    const c = coordinator();
    const m = await stableMember(c);
    simpleCommit(c, 'g', [entry('t', 0, 5, 'x')], { generationId: m.generationId, memberId: m.memberId });
    simpleCommit(c, 'simple', [entry('u', 0, -2)]);
    c.close();

    const restarted = coordinator();
    expect(restarted.listGroups().sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'g', protocolType: '', state: 'Empty' },
      { groupId: 'simple', protocolType: '', state: 'Empty' },
    ]);
    expect(restarted.fetchOffsets('g', [{ topic: 't', partition: 0 }])[0]).toMatchObject({ offset: 5, metadata: 'x' });
    expect(restarted.fetchOffsets('simple', null)[0]).toMatchObject({ topic: 'u', offset: -2 });
    // The old member is gone; its client rejoins.
    expect(restarted.heartbeat({ groupId: 'g', generationId: m.generationId, memberId: m.memberId, groupInstanceId: null }).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('drops a deleted topic from every group and forgets groups left without offsets', () => {
    const c = coordinator();
    simpleCommit(c, 'a', [entry('t', 0, 1), entry('u', 0, 1)]);
    simpleCommit(c, 'b', [entry('t', 1, 1)]);
    c.deleteTopic('t');
    expect(c.fetchOffsets('a', null).map((o) => o.topic)).toEqual(['u']);
    expect(c.listGroups().map((g) => g.groupId)).toEqual(['a']);
    expect(c.describeGroup('b').state).toBe('Dead');
  });
});

describe('GroupCoordinator: describe, list, delete', () => {
  it('describes unknown groups as Dead and lists offset-only groups as Empty', async () => {
    const c = coordinator();
    expect(c.describeGroup('nope')).toEqual({ errorCode: 0, groupId: 'nope', state: 'Dead', protocolType: '', protocolData: '', members: [] });
    simpleCommit(c, 'offsets-only', [entry('t', 0, 1)]);
    await stableMember(c, 'active');
    expect(c.listGroups()).toEqual([
      { groupId: 'offsets-only', protocolType: '', state: 'Empty' },
      { groupId: 'active', protocolType: 'consumer', state: 'Stable' },
    ]);
  });

  it('deletes only empty groups, with their offsets, durably', async () => {
    const c = coordinator();
    simpleCommit(c, 'idle', [entry('t', 0, 3)]);
    const m = await stableMember(c, 'busy');
    expect(c.deleteGroups(['idle', 'busy', 'ghost', 'idle'])).toEqual([
      { groupId: 'idle', errorCode: ErrorCode.NONE },
      { groupId: 'busy', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'ghost', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(c.describeGroup('idle').state).toBe('Dead');
    expect(c.fetchOffsets('idle', [{ topic: 't', partition: 0 }])[0]!.offset).toBe(-1);

    c.leaveGroup({ groupId: 'busy', members: [{ memberId: m.memberId, groupInstanceId: null }] });
    expect(c.describeGroup('busy').state).toBe('Empty');
    expect(c.deleteGroups(['busy'])).toEqual([{ groupId: 'busy', errorCode: ErrorCode.NONE }]);
    c.close();
    expect(coordinator().listGroups()).toEqual([]);
  });
});

describe('GroupCoordinator: retention', () => {
  it('expires offsets of empty groups after the retention period, then the group', async () => {
    let now = 1_000_000;
    const c = coordinator({ now: () => now, offsetsRetentionMs: 1000 });
    simpleCommit(c, 'simple', [entry('t', 0, 1)]);
    now += 500;
    simpleCommit(c, 'simple', [entry('t', 1, 1)]);
    now += 499;
    expect(c.cleanupGroupMetadata()).toBe(0);
    now += 1;
    expect(c.cleanupGroupMetadata()).toBe(1);
    expect(c.fetchOffsets('simple', null).map((o) => o.partition)).toEqual([1]);
    now += 500;
    expect(c.cleanupGroupMetadata()).toBe(1);
    expect(c.listGroups()).toEqual([]);
  });

  it('counts from when a consumer group became empty, and keeps offsets of topics a stable group subscribes to', async () => {
    let now = 1_000_000;
    const c = coordinator({ now: () => now, offsetsRetentionMs: 1000 });
    const m = await stableMember(c);
    simpleCommit(c, 'g', [entry('t', 0, 1), entry('u', 0, 1)], { generationId: m.generationId, memberId: m.memberId });
    now += 1000;
    // Stable, subscribed to t only: u expires, t stays however old.
    expect(c.cleanupGroupMetadata()).toBe(1);
    now += 5000;
    expect(c.cleanupGroupMetadata()).toBe(0);
    expect(c.fetchOffsets('g', null).map((o) => o.topic)).toEqual(['t']);

    c.leaveGroup({ groupId: 'g', members: [{ memberId: m.memberId, groupInstanceId: null }] });
    now += 999;
    expect(c.cleanupGroupMetadata()).toBe(0);
    now += 1;
    expect(c.cleanupGroupMetadata()).toBe(1);
    expect(c.describeGroup('g').state).toBe('Dead');
  });

  it('runs the sweep on its own timer', async () => {
    const c = coordinator({ offsetsRetentionMs: 30, offsetsRetentionCheckIntervalMs: 20 });
    simpleCommit(c, 'g', [entry('t', 0, 1)]);
    expect(c.listGroups()).toHaveLength(1);
    const deadline = Date.now() + 3000;
    while (c.listGroups().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(c.listGroups()).toEqual([]);
    c.close();
    const reopened = new OffsetStore({ dir });
    expect(reopened.groupIds()).toEqual([]);
    reopened.close();
  });
});

function joinOf(m: JoinGroupResult): JoinGroupRequest {
  return {
    groupId: 'g',
    memberId: m.memberId,
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 5000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('t') }],
    requireKnownMemberId: false,
  };
}
