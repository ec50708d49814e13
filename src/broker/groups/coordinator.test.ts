import { afterEach, describe, expect, it } from 'vitest';
import { GroupCoordinator, type GroupCoordinatorOptions } from './coordinator.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { OffsetStore } from './offset-store.js';
import type { GroupProtocol, JoinGroupRequest, JoinGroupResult, SyncGroupResult } from './types.js';

const coordinators: GroupCoordinator[] = [];

function coordinator(options: Partial<GroupCoordinatorOptions> = {}): GroupCoordinator {
  const c = new GroupCoordinator({ offsets: new OffsetStore(), initialRebalanceDelayMs: 0, minSessionTimeoutMs: 10, ...options });
  coordinators.push(c);
  return c;
}

afterEach(() => {
  for (const c of coordinators.splice(0)) c.close();
});

const proto = (name = 'range', metadata = name): GroupProtocol => ({ name, metadata: Buffer.from(metadata) });

function join(over: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 5000,
    rebalanceTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [proto()],
    requireKnownMemberId: false,
    ...over,
  };
}

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Whether a promise has settled by the time queued callbacks and short timers have run. */
async function settled(p: Promise<unknown>, ms = 20): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, ms));
  return done;
}

const sync = (c: GroupCoordinator, r: JoinGroupResult, assignments: Record<string, string> = {}, groupId = 'g'): Promise<SyncGroupResult> =>
  c.syncGroup({
    groupId,
    generationId: r.generationId,
    memberId: r.memberId,
    groupInstanceId: null,
    assignments: Object.entries(assignments).map(([memberId, a]) => ({ memberId, assignment: Buffer.from(a) })),
  });

const beat = (c: GroupCoordinator, r: { memberId: string; generationId: number }, groupInstanceId: string | null = null): number =>
  c.heartbeat({ groupId: 'g', generationId: r.generationId, memberId: r.memberId, groupInstanceId }).errorCode;

/** Three members join together (v0-v3 style), the leader assigns "a-<n>" to each; returns the join results. */
async function stableGroupOfThree(c: GroupCoordinator, over: Partial<JoinGroupRequest> = {}): Promise<JoinGroupResult[]> {
  const joins = await Promise.all(['a', 'b', 'c'].map((id) => c.joinGroup(join({ clientId: id, protocols: [proto('range', id)], ...over }))));
  const leader = joins.find((j) => j.memberId === j.leader)!;
  const assignments = Object.fromEntries(joins.map((j) => [j.memberId, `assigned-${j.memberId}`]));
  await Promise.all(joins.map((j) => sync(c, j, j === leader ? assignments : {})));
  return joins;
}

describe('GroupCoordinator: join and sync', () => {
  it('lets a single member join and sync (v0-v3 path)', async () => {
    const c = coordinator();
    const r = await c.joinGroup(join());
    expect(r.errorCode).toBe(ErrorCode.NONE);
    expect(r.memberId).toMatch(/^client-[0-9a-f-]{36}$/);
    expect(r).toMatchObject({ generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: r.memberId });
    expect(r.members).toEqual([{ memberId: r.memberId, groupInstanceId: null, metadata: Buffer.from('range') }]);
    expect(c.describeGroup('g').state).toBe('CompletingRebalance');

    const s = await sync(c, r, { [r.memberId]: 'mine' });
    expect(s).toEqual({ errorCode: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'range', assignment: Buffer.from('mine') });
    const d = c.describeGroup('g');
    expect(d).toMatchObject({ state: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(d.members).toEqual([
      { memberId: r.memberId, groupInstanceId: null, clientId: 'client', clientHost: '/127.0.0.1', metadata: Buffer.from('range'), assignment: Buffer.from('mine') },
    ]);
    expect(beat(c, r)).toBe(ErrorCode.NONE);
  });

  it('asks v4+ joiners to come back with a generated member id', async () => {
    const c = coordinator();
    const first = await c.joinGroup(join({ requireKnownMemberId: true }));
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.memberId).toMatch(/^client-[0-9a-f-]{36}$/);
    expect(c.describeGroup('g')).toMatchObject({ state: 'Empty', members: [] });

    const second = await c.joinGroup(join({ requireKnownMemberId: true, memberId: first.memberId }));
    expect(second).toMatchObject({ errorCode: ErrorCode.NONE, memberId: first.memberId, leader: first.memberId, generationId: 1 });

    const stranger = await c.joinGroup(join({ requireKnownMemberId: true, memberId: 'made-up' }));
    expect(stranger.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await c.joinGroup(join({ groupId: 'other', memberId: 'made-up' }))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('forgets a pending member id that is not used within the session timeout', async () => {
    const c = coordinator();
    const first = await c.joinGroup(join({ requireKnownMemberId: true, sessionTimeoutMs: 50 }));
    await new Promise((r) => setTimeout(r, 120));
    const late = await c.joinGroup(join({ requireKnownMemberId: true, memberId: first.memberId, sessionTimeoutMs: 50 }));
    expect(late.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('holds the first rebalance for the initial delay, gives the leader all metadata and followers none', async () => {
    const c = coordinator({ initialRebalanceDelayMs: 100 });
    const started = Date.now();
    const a = c.joinGroup(join({ clientId: 'a', protocols: [proto('range', 'meta-a')] }));
    const b = c.joinGroup(join({ clientId: 'b', protocols: [proto('range', 'meta-b')] }));
    await new Promise((r) => setTimeout(r, 40));
    const cc = c.joinGroup(join({ clientId: 'c', protocols: [proto('range', 'meta-c')] }));
    const [ra, rb, rc] = await Promise.all([a, b, cc]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    for (const r of [ra, rb, rc]) expect(r).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: ra!.memberId, protocolName: 'range' });
    expect(ra!.members.map((m) => [m.memberId, m.metadata.toString()])).toEqual([
      [ra!.memberId, 'meta-a'],
      [rb!.memberId, 'meta-b'],
      [rc!.memberId, 'meta-c'],
    ]);
    expect(rb!.members).toEqual([]);
    expect(rc!.members).toEqual([]);

    // Followers wait for the leader's SyncGroup.
    const sb = sync(c, rb!);
    const sc = sync(c, rc!);
    expect(await settled(sb)).toBe(false);
    const sa = sync(c, ra!, { [ra!.memberId]: 'p0', [rb!.memberId]: 'p1' });
    const [xa, xb, xc] = await Promise.all([sa, sb, sc]);
    expect(xa!.assignment.toString()).toBe('p0');
    expect(xb!.assignment.toString()).toBe('p1');
    expect(xc).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.alloc(0) });
    expect(c.describeGroup('g').state).toBe('Stable');
  });

  it('rebalances when a fourth member joins a stable group; existing members learn it from heartbeats', async () => {
    const c = coordinator();
    const [a, b, cc] = await stableGroupOfThree(c);
    const d = c.joinGroup(join({ clientId: 'd', protocols: [proto('range', 'd')] }));
    expect(c.describeGroup('g').state).toBe('PreparingRebalance');
    for (const m of [a!, b!, cc!]) expect(beat(c, m)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(await settled(d)).toBe(false);

    const rejoined = await Promise.all([a!, b!, cc!].map((m) => c.joinGroup(join({ memberId: m.memberId, clientId: 'x', protocols: [proto('range', 'x')] }))));
    const rd = await d;
    for (const r of [...rejoined, rd]) expect(r).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: a!.memberId });
    expect(rejoined[0]!.members).toHaveLength(4);
    expect(rd.members).toEqual([]);
    // The old generation is now stale.
    expect(beat(c, a!)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(beat(c, rejoined[0]!)).toBe(ErrorCode.NONE);
  });

  it('rebalances when a member leaves, and goes Empty when the last one leaves', async () => {
    const c = coordinator();
    const [a, b, cc] = await stableGroupOfThree(c);
    const left = c.leaveGroup({ groupId: 'g', members: [{ memberId: b!.memberId, groupInstanceId: null }] });
    expect(left).toEqual({ errorCode: ErrorCode.NONE, members: [{ memberId: b!.memberId, groupInstanceId: null, errorCode: ErrorCode.NONE }] });
    expect(beat(c, a!)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(beat(c, b!)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const [ra, rc] = await Promise.all([a!, cc!].map((m) => c.joinGroup(join({ memberId: m.memberId, protocols: [proto()] }))));
    expect(ra).toMatchObject({ generationId: 2, leader: a!.memberId });
    expect(ra!.members.map((m) => m.memberId)).toEqual([a!.memberId, cc!.memberId]);
    await Promise.all([sync(c, ra!, {}), sync(c, rc!)]);

    const v3 = c.leaveGroup({
      groupId: 'g',
      members: [
        { memberId: a!.memberId, groupInstanceId: null },
        { memberId: cc!.memberId, groupInstanceId: null },
        { memberId: 'ghost', groupInstanceId: null },
      ],
    });
    expect(v3.members.map((m) => m.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(c.describeGroup('g')).toMatchObject({ state: 'Empty', members: [], protocolType: 'consumer' });
    expect(c.leaveGroup({ groupId: 'nope', members: [{ memberId: 'x', groupInstanceId: null }] }).members[0]!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes a member whose session expires, and empties the group when the last one goes silent', async () => {
    const c = coordinator();
    const a = await c.joinGroup(join({ clientId: 'a', sessionTimeoutMs: 2000 }));
    const bJoin = c.joinGroup(join({ clientId: 'b', sessionTimeoutMs: 150 }));
    expect(beat(c, a)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const [ra, rb] = await Promise.all([c.joinGroup(join({ memberId: a.memberId, sessionTimeoutMs: 2000 })), bJoin]);
    await Promise.all([sync(c, ra!, {}), sync(c, rb!)]);

    // a keeps heartbeating, b goes silent.
    await waitFor(() => beat(c, ra!) === ErrorCode.REBALANCE_IN_PROGRESS);
    expect(c.describeGroup('g').members.map((m) => m.memberId)).toEqual([a.memberId]);
    const again = await c.joinGroup(join({ memberId: a.memberId, sessionTimeoutMs: 100 }));
    expect(again).toMatchObject({ generationId: 3, members: [{ memberId: a.memberId }] });
    await sync(c, again, {});

    await waitFor(() => c.describeGroup('g').state === 'Empty');
    expect(beat(c, again)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('drops members that do not rejoin within the rebalance timeout', async () => {
    const c = coordinator();
    const [a, b, cc] = await stableGroupOfThree(c, { rebalanceTimeoutMs: 200, sessionTimeoutMs: 10_000 });
    const started = Date.now();
    const d = c.joinGroup(join({ clientId: 'd', rebalanceTimeoutMs: 200, sessionTimeoutMs: 10_000 }));
    const ra = c.joinGroup(join({ memberId: a!.memberId, rebalanceTimeoutMs: 200, sessionTimeoutMs: 10_000 }));
    const [rd, rra] = await Promise.all([d, ra]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(rra).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: a!.memberId });
    expect(rra.members.map((m) => m.memberId).sort()).toEqual([a!.memberId, rd.memberId].sort());
    expect(beat(c, b!)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(beat(c, cc!)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('hands leadership to a rejoined member when the leader does not come back', async () => {
    const c = coordinator();
    const [a, b] = await stableGroupOfThree(c, { rebalanceTimeoutMs: 150 });
    c.leaveGroup({ groupId: 'g', members: [{ memberId: b!.memberId, groupInstanceId: null }] });
    const third = c.describeGroup('g').members[1]!.memberId;
    const rc = await c.joinGroup(join({ memberId: third, rebalanceTimeoutMs: 150 }));
    expect(rc.leader).toBe(rc.memberId);
    expect(rc.members.map((m) => m.memberId)).toEqual([rc.memberId]);
    expect(beat(c, a!)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes members that join but never send SyncGroup', async () => {
    const c = coordinator();
    const a = c.joinGroup(join({ clientId: 'a', rebalanceTimeoutMs: 150 }));
    const b = c.joinGroup(join({ clientId: 'b', rebalanceTimeoutMs: 150 }));
    const [ra, rb] = await Promise.all([a, b]);
    const sa = sync(c, ra, {});
    expect(await settled(sa)).toBe(true);
    await waitFor(() => c.describeGroup('g').state === 'PreparingRebalance');
    expect(beat(c, rb)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(beat(c, ra)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('rebalances when the leader rejoins a stable group, but not for a follower with unchanged metadata', async () => {
    const c = coordinator();
    const [a, b] = await stableGroupOfThree(c);
    const follower = await c.joinGroup(join({ memberId: b!.memberId, protocols: [proto('range', 'b')] }));
    expect(follower).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: a!.memberId, members: [] });
    expect(c.describeGroup('g').state).toBe('Stable');

    const changed = c.joinGroup(join({ memberId: b!.memberId, protocols: [proto('range', 'b2')] }));
    expect(c.describeGroup('g').state).toBe('PreparingRebalance');
    const leader = c.joinGroup(join({ memberId: a!.memberId, protocols: [proto('range', 'a')] }));
    const third = c.joinGroup(join({ memberId: c.describeGroup('g').members[2]!.memberId, protocols: [proto('range', 'c')] }));
    const results = await Promise.all([changed, leader, third]);
    expect(results.map((r) => r.generationId)).toEqual([2, 2, 2]);
    expect(results[1]!.members.find((m) => m.memberId === b!.memberId)!.metadata.toString()).toBe('b2');
  });

  it('picks the protocol every member supports that most members prefer', async () => {
    const c = coordinator();
    const results = await Promise.all([
      c.joinGroup(join({ clientId: 'a', protocols: [proto('range'), proto('roundrobin'), proto('sticky')] })),
      c.joinGroup(join({ clientId: 'b', protocols: [proto('roundrobin'), proto('range')] })),
      c.joinGroup(join({ clientId: 'c', protocols: [proto('roundrobin'), proto('range')] })),
    ]);
    expect(results.map((r) => r.protocolName)).toEqual(['roundrobin', 'roundrobin', 'roundrobin']);
    expect(results[0]!.members.every((m) => m.metadata.toString() === 'roundrobin')).toBe(true);
  });

  it('rejects inconsistent protocol types and names', async () => {
    const c = coordinator();
    const a = await c.joinGroup(join({ protocols: [proto('range'), proto('roundrobin')] }));
    expect((await c.joinGroup(join({ protocolType: 'connect' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.joinGroup(join({ protocols: [proto('sticky')] }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.joinGroup(join({ memberId: a.memberId, protocolType: 'connect' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.joinGroup(join({ groupId: 'fresh', protocolType: '' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await c.joinGroup(join({ groupId: 'fresh', protocols: [] }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const s = await c.syncGroup({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolName: 'roundrobin', assignments: [] });
    expect(s.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('validates group ids, session timeouts and group size', async () => {
    const c = coordinator({ maxSessionTimeoutMs: 1000, maxGroupSize: 1 });
    expect((await c.joinGroup(join({ groupId: '' }))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await c.joinGroup(join({ sessionTimeoutMs: 5 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await c.joinGroup(join({ sessionTimeoutMs: 1001 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect(beat(c, { memberId: 'x', generationId: 1 })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(c.heartbeat({ groupId: '', generationId: 1, memberId: 'x', groupInstanceId: null }).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    const a = await c.joinGroup(join({ sessionTimeoutMs: 1000 }));
    await sync(c, a, {});
    expect((await c.joinGroup(join({ sessionTimeoutMs: 1000 }))).errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
  });

  it('answers sync and heartbeat with ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID and REBALANCE_IN_PROGRESS', async () => {
    const c = coordinator();
    const [a, b] = await stableGroupOfThree(c);
    const stale = { ...a!, generationId: 0 };
    expect(beat(c, stale)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await sync(c, stale)).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(beat(c, { ...a!, memberId: 'nobody' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await sync(c, { ...a!, memberId: 'nobody' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await sync(c, a!, {}, 'no-such-group')).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // A stable group repeats the current assignment.
    expect((await sync(c, b!)).assignment.toString()).toBe(`assigned-${b!.memberId}`);

    void c.joinGroup(join({ clientId: 'late' }));
    expect((await sync(c, b!)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('sends REBALANCE_IN_PROGRESS to members waiting in SyncGroup when a rebalance starts', async () => {
    const c = coordinator();
    const [ra, rb] = await Promise.all([c.joinGroup(join({ clientId: 'a' })), c.joinGroup(join({ clientId: 'b' }))]);
    const waiting = sync(c, rb!);
    void c.joinGroup(join({ clientId: 'c' }));
    expect((await waiting).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect((await sync(c, ra!, {})).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });
});

describe('GroupCoordinator: static membership', () => {
  it('lets a restarted static member take over its assignment without a rebalance and fences the old id', async () => {
    const c = coordinator();
    const staticJoin = (memberId = '') => join({ memberId, groupInstanceId: 'instance-1', clientId: 's', protocols: [proto('range', 's')] });
    const s1 = c.joinGroup(staticJoin());
    const d1 = c.joinGroup(join({ clientId: 'd', protocols: [proto('range', 'd')] }));
    const [rs, rd] = await Promise.all([s1, d1]);
    expect(rs!.memberId).toMatch(/^instance-1-/);
    expect(rs!.leader).toBe(rs!.memberId);
    expect(rs!.members.find((m) => m.memberId === rs!.memberId)!.groupInstanceId).toBe('instance-1');
    await Promise.all([
      c.syncGroup({ groupId: 'g', generationId: 1, memberId: rs!.memberId, groupInstanceId: 'instance-1', assignments: [{ memberId: rs!.memberId, assignment: Buffer.from('S') }, { memberId: rd!.memberId, assignment: Buffer.from('D') }] }),
      sync(c, rd!),
    ]);

    // The static member restarts: it knows its instance id, not its member id.
    const back = await c.joinGroup(staticJoin());
    expect(back.errorCode).toBe(ErrorCode.NONE);
    expect(back.memberId).not.toBe(rs!.memberId);
    expect(back.generationId).toBe(1);
    // The old leader id is reported, so the returning leader just syncs for its existing assignment.
    expect(back.leader).toBe(rs!.memberId);
    expect(back.members).toEqual([]);
    expect(c.describeGroup('g').state).toBe('Stable');
    const s = await c.syncGroup({ groupId: 'g', generationId: 1, memberId: back.memberId, groupInstanceId: 'instance-1', assignments: [] });
    expect(s.assignment.toString()).toBe('S');

    expect(beat(c, rs!, 'instance-1')).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect((await c.joinGroup(staticJoin(rs!.memberId))).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(c.commitOffsets({ groupId: 'g', generationId: 1, memberId: rs!.memberId, groupInstanceId: 'instance-1', offsets: [{ topic: 't', partition: 0, offset: 1, leaderEpoch: -1, metadata: null }] }, () => true)[0]!.errorCode).toBe(
      ErrorCode.FENCED_INSTANCE_ID,
    );
    expect(beat(c, back, 'instance-1')).toBe(ErrorCode.NONE);
    expect(beat(c, rd!)).toBe(ErrorCode.NONE);
    expect(beat(c, { memberId: back.memberId, generationId: 1 }, 'instance-2')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('rebalances when a returning static member changes the selected protocol', async () => {
    const c = coordinator();
    const r = await c.joinGroup(join({ groupInstanceId: 'i', protocols: [proto('range'), proto('roundrobin')] }));
    await c.syncGroup({ groupId: 'g', generationId: 1, memberId: r.memberId, groupInstanceId: 'i', assignments: [] });
    const back = await c.joinGroup(join({ groupInstanceId: 'i', protocols: [proto('roundrobin'), proto('range')] }));
    expect(back).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, protocolName: 'roundrobin', leader: back.memberId });
  });

  it('keeps a static member that misses a rebalance until its session expires, and removes it by instance id', async () => {
    const c = coordinator();
    const [rs, rd] = await Promise.all([
      c.joinGroup(join({ groupInstanceId: 'i', clientId: 's', rebalanceTimeoutMs: 100 })),
      c.joinGroup(join({ clientId: 'd', rebalanceTimeoutMs: 100 })),
    ]);
    await Promise.all([c.syncGroup({ groupId: 'g', generationId: 1, memberId: rs!.memberId, groupInstanceId: 'i', assignments: [] }), sync(c, rd!)]);
    // A newcomer triggers a rebalance; the static leader does not rejoin in time, the dynamic member does.
    const [re, rd2] = await Promise.all([
      c.joinGroup(join({ clientId: 'e', rebalanceTimeoutMs: 100 })),
      c.joinGroup(join({ memberId: rd!.memberId, rebalanceTimeoutMs: 100 })),
    ]);
    expect(rd2!).toMatchObject({ generationId: 2, leader: rd!.memberId });
    expect(rd2!.members.map((m) => m.memberId)).toEqual([rs!.memberId, rd!.memberId, re!.memberId]);
    expect(c.describeGroup('g').members.map((m) => m.groupInstanceId)).toEqual(['i', null, null]);

    const left = c.leaveGroup({ groupId: 'g', members: [{ memberId: '', groupInstanceId: 'i' }, { memberId: '', groupInstanceId: 'unknown' }] });
    expect(left.members.map((m) => m.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(c.describeGroup('g').members.map((m) => m.groupInstanceId)).toEqual([null, null]);
  });
});

describe('GroupCoordinator: shutdown', () => {
  it('answers waiting joins and syncs with COORDINATOR_NOT_AVAILABLE on close', async () => {
    const c = coordinator();
    const [, rb] = await Promise.all([c.joinGroup(join({ clientId: 'a' })), c.joinGroup(join({ clientId: 'b' }))]);
    const waitingSync = sync(c, rb!);
    const first = await c.joinGroup(join({ groupId: 'h' }));
    await sync(c, first, {}, 'h');
    const waitingJoin = c.joinGroup(join({ groupId: 'h', clientId: 'other' }));
    expect(await settled(waitingJoin)).toBe(false);
    c.close();
    expect((await waitingJoin).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await waitingSync).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(beat(c, first)).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await c.joinGroup(join())).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(c.listGroups()).toEqual([]);
  });
});
