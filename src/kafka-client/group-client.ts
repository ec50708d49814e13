/**
 * The member side of the classic group protocol for protocol type "consumer": coordinator lookup,
 * JoinGroup (with the MEMBER_ID_REQUIRED round trip) and SyncGroup (computing the assignment when
 * this member is the leader), Heartbeat, LeaveGroup, OffsetCommit and OffsetFetch.
 */
import type { Logger } from 'pino';
import { FindCoordinator, type FindCoordinatorResponse } from '../broker/protocol/messages/find-coordinator.js';
import { Heartbeat, type HeartbeatResponse } from '../broker/protocol/messages/heartbeat.js';
import { JoinGroup, type JoinGroupResponse } from '../broker/protocol/messages/join-group.js';
import { LeaveGroup, type LeaveGroupResponse } from '../broker/protocol/messages/leave-group.js';
import { OffsetCommit, type OffsetCommitResponse } from '../broker/protocol/messages/offset-commit.js';
import { OffsetFetch, type OffsetFetchResponse } from '../broker/protocol/messages/offset-fetch.js';
import { SyncGroup, type SyncGroupResponse } from '../broker/protocol/messages/sync-group.js';
import { ASSIGNORS, type AssignorMember, type AssignorName, type PartitionCounts } from './assignor.js';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, type TopicAssignment } from './assignor-protocol.js';
import type { BrokerSession, ConsumerBrokers } from './consumer-brokers.js';
import type { OffsetToCommit, TopicPartition } from './consumer-types.js';
import { versionFor } from './consumer-versions.js';
import { KafkaConnectionError, KafkaProtocolError } from './errors.js';

export const ErrorCodes = {
  OFFSET_OUT_OF_RANGE: 1,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  MEMBER_ID_REQUIRED: 79,
} as const;

const COORDINATOR_ERRORS: ReadonlySet<number> = new Set([14, 15, 16]);
/** Errors meaning this member's generation is over: rejoin. */
export const REJOIN_ERRORS: ReadonlySet<number> = new Set([22, 25, 27]);

/** Protocol names offered, and the assignor each stands for. "RoundRobinAssigner" is kafkajs's name. */
export type ProtocolName = AssignorName | 'RoundRobinAssigner';
const ASSIGNOR_OF: Readonly<Record<ProtocolName, AssignorName>> = { range: 'range', roundrobin: 'roundrobin', RoundRobinAssigner: 'roundrobin' };

export interface GroupClientOptions {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** In preference order. */
  protocols: readonly ProtocolName[];
  logger: Logger;
  isStopped(): boolean;
}

export interface Generation {
  generationId: number;
  memberId: string;
  protocol: string;
  leader: boolean;
  assignment: TopicAssignment;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function isCoordinatorError(err: unknown): boolean {
  return err instanceof KafkaConnectionError || (err instanceof KafkaProtocolError && COORDINATOR_ERRORS.has(err.errorCode));
}

export class GroupClient {
  memberId = '';
  generationId = -1;
  private coordinatorSession: Promise<BrokerSession> | null = null;

  constructor(
    private readonly brokers: ConsumerBrokers,
    private readonly options: GroupClientOptions,
  ) {}

  /** The coordinator's session, looked up once and again after coordinator errors. */
  coordinator(): Promise<BrokerSession> {
    if (this.coordinatorSession === null) {
      const lookup = this.findCoordinator();
      this.coordinatorSession = lookup;
      lookup.catch(() => {
        if (this.coordinatorSession === lookup) this.coordinatorSession = null;
      });
    }
    return this.coordinatorSession.then((bs) => {
      if (bs.session.connection.isOpen) return bs;
      this.coordinatorSession = null;
      return this.coordinator();
    });
  }

  /** Forget the coordinator (after NOT_COORDINATOR and friends, or a connection failure). */
  markCoordinatorDead(): void {
    this.coordinatorSession = null;
  }

  private async findCoordinator(): Promise<BrokerSession> {
    let backoff = 100;
    for (;;) {
      const bs = await this.brokers.any();
      const version = versionFor(bs.versions, 'findCoordinator', bs.session.connection.address);
      const res = await bs.session.connection.request<FindCoordinatorResponse>(FindCoordinator, version, { key: this.options.groupId, keyType: 0 });
      if (res.errorCode === 0) return this.brokers.coordinator(res.host, res.port);
      if (!COORDINATOR_ERRORS.has(res.errorCode) || this.options.isStopped()) {
        throw new KafkaProtocolError(res.errorCode, undefined, undefined, `FindCoordinator for group ${this.options.groupId}`);
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 1000);
    }
  }

  /**
   * Joins (or rejoins) the group and syncs; returns this member's assignment. Retries coordinator
   * errors and rebalances in progress until it succeeds or the consumer stops; other errors throw.
   */
  async join(topics: readonly string[], partitionCounts: (topics: string[]) => Promise<PartitionCounts>): Promise<Generation> {
    const metadata = encodeSubscription(topics);
    const protocols = this.options.protocols.map((name) => ({ name, metadata }));
    let backoff = 100;
    for (;;) {
      if (this.options.isStopped()) throw new KafkaConnectionError('consumer is stopped');
      try {
        const generation = await this.joinOnce(protocols, partitionCounts);
        if (generation !== null) return generation;
        backoff = 100;
      } catch (err) {
        if (!isCoordinatorError(err)) throw err;
        this.options.logger.debug({ group: this.options.groupId, err: (err as Error).message }, 'group coordinator error; rediscovering');
        this.markCoordinatorDead();
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1000);
      }
    }
  }

  /** One JoinGroup + SyncGroup round; null when it has to be retried at once. */
  private async joinOnce(protocols: { name: string; metadata: Buffer }[], partitionCounts: (topics: string[]) => Promise<PartitionCounts>): Promise<Generation | null> {
    const { groupId, sessionTimeoutMs, rebalanceTimeoutMs } = this.options;
    const bs = await this.coordinator();
    const conn = bs.session.connection;
    const join = await conn.request<JoinGroupResponse>(JoinGroup, versionFor(bs.versions, 'joinGroup', conn.address), {
      groupId,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      memberId: this.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols,
    });
    switch (join.errorCode) {
      case 0:
        break;
      case ErrorCodes.MEMBER_ID_REQUIRED:
        this.memberId = join.memberId;
        return null;
      case ErrorCodes.UNKNOWN_MEMBER_ID:
        this.memberId = '';
        return null;
      case ErrorCodes.REBALANCE_IN_PROGRESS:
        return null;
      default:
        throw new KafkaProtocolError(join.errorCode, undefined, undefined, `JoinGroup of group ${groupId}`);
    }
    this.memberId = join.memberId;
    this.generationId = join.generationId;
    const leader = join.leader === join.memberId;
    let assignments: { memberId: string; assignment: Buffer }[] = [];
    if (leader) assignments = await this.assign(join, partitionCounts);
    const sync = await conn.request<SyncGroupResponse>(SyncGroup, versionFor(bs.versions, 'syncGroup', conn.address), {
      groupId,
      generationId: join.generationId,
      memberId: join.memberId,
      groupInstanceId: null,
      assignments,
    });
    if (sync.errorCode === ErrorCodes.UNKNOWN_MEMBER_ID) this.memberId = '';
    if (REJOIN_ERRORS.has(sync.errorCode)) return null;
    if (sync.errorCode !== 0) throw new KafkaProtocolError(sync.errorCode, undefined, undefined, `SyncGroup of group ${groupId}`);
    this.options.logger.debug({ group: groupId, generation: join.generationId, memberId: join.memberId, leader, protocol: join.protocolName }, 'joined group');
    return { generationId: join.generationId, memberId: join.memberId, protocol: join.protocolName, leader, assignment: decodeAssignment(sync.assignment ?? Buffer.alloc(0)) };
  }

  private async assign(join: JoinGroupResponse, partitionCounts: (topics: string[]) => Promise<PartitionCounts>): Promise<{ memberId: string; assignment: Buffer }[]> {
    const assignorName = ASSIGNOR_OF[join.protocolName as ProtocolName];
    if (assignorName === undefined) throw new KafkaProtocolError(23, undefined, undefined, `group chose protocol ${join.protocolName}, which this client does not implement`);
    const members: AssignorMember[] = join.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId ?? null,
      topics: decodeSubscription(m.metadata) ?? [],
    }));
    const allTopics = [...new Set(members.flatMap((m) => m.topics))];
    const counts = await partitionCounts(allTopics);
    const result = ASSIGNORS[assignorName](members, counts);
    return members.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment(result.get(m.memberId) ?? new Map()) }));
  }

  /** One heartbeat; returns the error code (0 when the generation is still current). */
  async heartbeat(): Promise<number> {
    const bs = await this.coordinator();
    const conn = bs.session.connection;
    const res = await conn.request<HeartbeatResponse>(Heartbeat, versionFor(bs.versions, 'heartbeat', conn.address), {
      groupId: this.options.groupId,
      generationId: this.generationId,
      memberId: this.memberId,
      groupInstanceId: null,
    });
    return res.errorCode;
  }

  /** Leaves the group (best effort) and forgets the member id. */
  async leave(): Promise<void> {
    if (this.memberId === '') return;
    const memberId = this.memberId;
    this.memberId = '';
    this.generationId = -1;
    const bs = await this.coordinator();
    const conn = bs.session.connection;
    const version = versionFor(bs.versions, 'leaveGroup', conn.address);
    const res = await conn.request<LeaveGroupResponse>(LeaveGroup, version, {
      groupId: this.options.groupId,
      memberId: version < 3 ? memberId : '',
      members: version < 3 ? [] : [{ memberId, groupInstanceId: null }],
    });
    if (res.errorCode !== 0) this.options.logger.debug({ group: this.options.groupId, errorCode: res.errorCode }, 'LeaveGroup failed');
  }

  /** OffsetCommit with the current generation; throws the first per-partition error. */
  async commit(offsets: readonly OffsetToCommit[]): Promise<void> {
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; committedMetadata: string | null }[]>();
    for (const o of offsets) {
      let list = byTopic.get(o.topic);
      if (list === undefined) byTopic.set(o.topic, (list = []));
      list.push({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: '' });
    }
    const bs = await this.coordinator();
    const conn = bs.session.connection;
    const res = await conn.request<OffsetCommitResponse>(OffsetCommit, versionFor(bs.versions, 'offsetCommit', conn.address), {
      groupId: this.options.groupId,
      generationIdOrMemberEpoch: this.generationId,
      memberId: this.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
    });
    for (const t of res.topics) {
      for (const p of t.partitions) if (p.errorCode !== 0) throw new KafkaProtocolError(p.errorCode, t.name, p.partitionIndex, 'OffsetCommit');
    }
  }

  /** Committed offsets of the partitions; -1 where nothing is committed. */
  async committed(tps: readonly TopicPartition[]): Promise<Map<string, number>> {
    const byTopic = new Map<string, number[]>();
    for (const tp of tps) {
      let list = byTopic.get(tp.topic);
      if (list === undefined) byTopic.set(tp.topic, (list = []));
      list.push(tp.partition);
    }
    const bs = await this.coordinator();
    const conn = bs.session.connection;
    const res = await conn.request<OffsetFetchResponse>(OffsetFetch, versionFor(bs.versions, 'offsetFetch', conn.address), {
      groupId: this.options.groupId,
      topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
      requireStable: false,
    });
    if (res.errorCode !== undefined && res.errorCode !== 0) throw new KafkaProtocolError(res.errorCode, undefined, undefined, 'OffsetFetch');
    const out = new Map<string, number>();
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== 0) throw new KafkaProtocolError(p.errorCode, t.name, p.partitionIndex, 'OffsetFetch');
        out.set(`${t.name}\u0000${p.partitionIndex}`, p.committedOffset);
      }
    }
    return out;
  }
}

export function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
