import { pino, type Logger } from 'pino';
import { ErrorCode } from '../protocol/error-codes.js';
import { Group, joinError, syncError } from './group.js';
import { GroupMembership } from './membership.js';
import type { OffsetStore, OffsetToStore } from './offset-store.js';
import type {
  DeleteGroupResult,
  DescribedGroup,
  FetchedOffset,
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupRequest,
  LeaveGroupResult,
  ListedGroup,
  OffsetCommitRequest,
  PartitionResult,
  SyncGroupRequest,
  SyncGroupResult,
  TopicPartition,
} from './types.js';

export interface GroupCoordinatorOptions {
  offsets: OffsetStore;
  /** group.initial.rebalance.delay.ms: how long a rebalance out of Empty waits for more joiners. */
  initialRebalanceDelayMs?: number;
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
  /** group.max.size. */
  maxGroupSize?: number;
  /** How long a new member may wait in a join round before it is dropped (Kafka: 5 minutes). */
  newMemberJoinTimeoutMs?: number;
  /** offsets.retention.minutes, in ms. */
  offsetsRetentionMs?: number;
  /** offsets.retention.check.interval.ms: also how often Empty groups without offsets are dropped. */
  offsetsRetentionCheckIntervalMs?: number;
  /** offset.metadata.max.bytes. */
  maxOffsetMetadataBytes?: number;
  logger?: Logger;
  now?: () => number;
}

const NONE = ErrorCode.NONE;

/**
 * Kafka's classic group coordinator for a single broker, independent of protocol versions (follows
 * GroupCoordinator.scala): the group registry, request validation, committed offsets and their expiry,
 * and the admin APIs. The rebalance protocol itself lives in GroupMembership. Membership is held in
 * memory only; committed offsets are durable in the OffsetStore.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly offsets: OffsetStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly minSessionTimeoutMs: number;
  private readonly maxSessionTimeoutMs: number;
  private readonly offsetsRetentionMs: number;
  private readonly maxOffsetMetadataBytes: number;
  private readonly membership: GroupMembership;
  private readonly cleanupTimer: NodeJS.Timeout;
  private active = true;

  constructor(options: GroupCoordinatorOptions) {
    this.offsets = options.offsets;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = options.now ?? Date.now;
    this.minSessionTimeoutMs = options.minSessionTimeoutMs ?? 6000;
    this.maxSessionTimeoutMs = options.maxSessionTimeoutMs ?? 1_800_000;
    this.membership = new GroupMembership({
      initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 3000,
      maxGroupSize: options.maxGroupSize ?? Number.MAX_SAFE_INTEGER,
      newMemberJoinTimeoutMs: options.newMemberJoinTimeoutMs ?? 300_000,
      logger: this.logger,
      now: this.now,
      schedule: (delayMs, fn) => this.schedule(delayMs, fn),
    });
    this.offsetsRetentionMs = options.offsetsRetentionMs ?? 7 * 24 * 3600 * 1000;
    this.maxOffsetMetadataBytes = options.maxOffsetMetadataBytes ?? 4096;
    // Groups known only from their committed offsets exist, Empty, as in Kafka after loading __consumer_offsets.
    for (const groupId of this.offsets.groupIds()) this.addGroup(groupId);
    this.cleanupTimer = setInterval(() => this.guarded(() => this.cleanupGroupMetadata()), options.offsetsRetentionCheckIntervalMs ?? 600_000);
    this.cleanupTimer.unref();
  }

  // ---------------------------------------------------------------- membership

  /** Resolves when the join round completes (or at once for errors and MEMBER_ID_REQUIRED). */
  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    return new Promise((resolve) => {
      const status = this.groupStatus(req.groupId);
      if (status !== NONE) return resolve(joinError(req.memberId, status));
      if (req.sessionTimeoutMs < this.minSessionTimeoutMs || req.sessionTimeoutMs > this.maxSessionTimeoutMs) {
        return resolve(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
      }
      let group = this.groups.get(req.groupId);
      if (!group) {
        // Only a member without an id may create a group; a known id for an unknown group is stale.
        if (req.memberId !== '') return resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        group = this.addGroup(req.groupId);
      }
      this.membership.join(group, req, resolve);
    });
  }

  /** Followers' promises resolve once the leader's assignment arrives. */
  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    return new Promise((resolve) => {
      const status = this.groupStatus(req.groupId);
      if (status !== NONE) return resolve(syncError(status));
      const group = this.groups.get(req.groupId);
      if (!group) return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      this.membership.sync(group, req, resolve);
    });
  }

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    const status = this.groupStatus(req.groupId);
    if (status !== NONE) return { errorCode: status };
    const group = this.groups.get(req.groupId);
    return { errorCode: group ? this.membership.heartbeat(group, req) : ErrorCode.UNKNOWN_MEMBER_ID };
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResult {
    const status = this.groupStatus(req.groupId);
    if (status !== NONE) return { errorCode: status, members: [] };
    const group = this.groups.get(req.groupId);
    const members = req.members.map((identity) => {
      const errorCode = group ? this.membership.leave(group, identity.memberId, identity.groupInstanceId) : ErrorCode.UNKNOWN_MEMBER_ID;
      return { memberId: identity.memberId, groupInstanceId: identity.groupInstanceId, errorCode };
    });
    return { errorCode: NONE, members };
  }

  // ---------------------------------------------------------------- offsets

  commitOffsets(req: OffsetCommitRequest, partitionExists: (topic: string, partition: number) => boolean): PartitionResult[] {
    const all = (errorCode: number): PartitionResult[] => req.offsets.map((o) => ({ topic: o.topic, partition: o.partition, errorCode }));
    if (!this.active) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    let group = this.groups.get(req.groupId);
    if (!group) {
      // A stale generation for a group we do not know; only "simple" commits (generation < 0) create it.
      if (req.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      group = this.addGroup(req.groupId);
    }
    const error = this.validateCommit(group, req);
    if (error !== NONE) return all(error);
    // The member has its new generation but no assignment yet; committing now would race the rebalance.
    if (group.is('CompletingRebalance')) return all(ErrorCode.REBALANCE_IN_PROGRESS);
    const member = group.get(req.memberId);
    if (member && !group.is('Empty')) this.membership.touch(group, member);

    const results: PartitionResult[] = [];
    const accepted: OffsetToStore[] = [];
    for (const o of req.offsets) {
      let errorCode: number = NONE;
      if (!partitionExists(o.topic, o.partition)) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      else if (o.metadata !== null && Buffer.byteLength(o.metadata, 'utf8') > this.maxOffsetMetadataBytes) errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
      else accepted.push({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata ?? '' });
      results.push({ topic: o.topic, partition: o.partition, errorCode });
    }
    try {
      this.offsets.commit(group.groupId, accepted, this.now());
    } catch (err) {
      this.logger.error({ err, groupId: group.groupId }, 'storing committed offsets failed');
      for (const r of results) if (r.errorCode === NONE) r.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    return results;
  }

  private validateCommit(group: Group, req: OffsetCommitRequest): number {
    // Generation -1 comes from the admin client or a consumer without group management: fine while Empty.
    if (req.generationId < 0 && group.is('Empty')) return NONE;
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      const error = this.membership.validateMember(group, req.memberId, req.groupInstanceId);
      if (error !== NONE) return error;
      return req.generationId === group.generationId ? NONE : ErrorCode.ILLEGAL_GENERATION;
    }
    return group.is('Empty') ? NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /** Stored offsets, or -1 for partitions without one (also for unknown groups); null = everything stored. */
  fetchOffsets(groupId: string, partitions: readonly TopicPartition[] | null): FetchedOffset[] {
    if (!this.active) {
      return (partitions ?? []).map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: -1, leaderEpoch: -1, metadata: '', errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }));
    }
    if (partitions === null) {
      return this.offsets.list(groupId).map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: NONE }));
    }
    return partitions.map((tp) => {
      const o = this.offsets.get(groupId, tp.topic, tp.partition);
      return o
        ? { topic: tp.topic, partition: tp.partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: NONE }
        : { topic: tp.topic, partition: tp.partition, offset: -1, leaderEpoch: -1, metadata: '', errorCode: NONE };
    });
  }

  /** Drops a deleted topic's offsets everywhere; groups left Empty with no offsets go away. */
  deleteTopic(topic: string): void {
    try {
      this.offsets.deleteTopic(topic);
    } catch (err) {
      this.logger.error({ err, topic }, 'removing offsets of a deleted topic failed');
    }
    for (const group of [...this.groups.values()]) this.removeIfUnused(group);
  }

  /**
   * The periodic sweep (offsets.retention.check.interval.ms): expires offsets past retention and removes
   * Empty groups without offsets. Returns how many offsets were removed.
   */
  cleanupGroupMetadata(): number {
    if (!this.active) return 0;
    const now = this.now();
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      const expired = this.expiredOffsets(group, now);
      if (expired.length > 0) {
        try {
          removed += this.offsets.deleteOffsets(group.groupId, expired);
        } catch (err) {
          this.logger.error({ err, groupId: group.groupId }, 'expiring offsets failed');
        }
      }
      this.removeIfUnused(group);
    }
    if (removed > 0) this.logger.info({ offsets: removed }, 'expired committed offsets');
    return removed;
  }

  private expiredOffsets(group: Group, now: number): TopicPartition[] {
    const retention = this.offsetsRetentionMs;
    const stored = this.offsets.list(group.groupId);
    if (group.is('Empty')) {
      // Kafka counts from when the group became Empty; we also count from each offset's own commit, so a
      // commit made while Empty (admin setOffsets) is kept a full retention period. Groups that never had
      // members here (loaded or simple) count from the commit only, so a restart does not extend retention.
      const emptySince = group.protocolType !== null ? group.stateTimestamp : 0;
      return stored.filter((o) => now - Math.max(o.commitTimestamp, emptySince) >= retention);
    }
    const subscribed = group.subscribedTopics;
    if (group.is('Stable') && subscribed) {
      // KIP-211: an active consumer group keeps offsets of the topics it subscribes to.
      return stored.filter((o) => !subscribed.has(o.topic) && now - o.commitTimestamp >= retention);
    }
    return [];
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): DescribedGroup {
    if (!this.active) return { ...deadGroup(groupId), errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
    return this.groups.get(groupId)?.describe() ?? deadGroup(groupId);
  }

  listGroups(): ListedGroup[] {
    if (!this.active) return [];
    return [...this.groups.values()].map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.state }));
  }

  deleteGroups(groupIds: readonly string[]): DeleteGroupResult[] {
    return [...new Set(groupIds)].map((groupId) => ({ groupId, errorCode: this.deleteOne(groupId) }));
  }

  private deleteOne(groupId: string): number {
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (!group.is('Empty')) return ErrorCode.NON_EMPTY_GROUP;
    try {
      this.offsets.deleteGroup(groupId);
    } catch (err) {
      this.logger.error({ err, groupId }, 'deleting group offsets failed');
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
    this.removeGroup(group);
    this.logger.info({ groupId }, 'group deleted');
    return NONE;
  }

  /**
   * Answers every waiting request with COORDINATOR_NOT_AVAILABLE, stops all timers and closes the OffsetStore.
   * Idempotent; every later call answers COORDINATOR_NOT_AVAILABLE.
   */
  close(): void {
    if (!this.active) return;
    this.active = false;
    clearInterval(this.cleanupTimer);
    for (const group of this.groups.values()) {
      for (const m of group.members.values()) {
        m.answerJoin(joinError(m.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
        m.answerSync(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      }
      group.clearTimers();
    }
    this.offsets.close();
  }

  // ---------------------------------------------------------------- registry and helpers

  private addGroup(groupId: string): Group {
    const group = new Group(groupId, this.now());
    this.groups.set(groupId, group);
    return group;
  }

  private removeGroup(group: Group): void {
    group.clearTimers();
    group.transitionTo('Dead', this.now());
    this.groups.delete(group.groupId);
  }

  /** Kafka drops an Empty group once it has no offsets; we also wait for ids handed out with MEMBER_ID_REQUIRED. */
  private removeIfUnused(group: Group): void {
    if (group.is('Empty') && group.pendingCount === 0 && !this.offsets.hasOffsets(group.groupId)) this.removeGroup(group);
  }

  /** For the membership APIs. Offset and admin APIs accept the empty group id (Kafka keeps it for old clients). */
  private groupStatus(groupId: string): number {
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    return NONE;
  }

  private schedule(delayMs: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => this.guarded(fn), Math.max(0, delayMs));
    timer.unref();
    return timer;
  }

  /** A bug in a timer callback must not take the whole broker down. */
  private guarded(fn: () => void): void {
    if (!this.active) return;
    try {
      fn();
    } catch (err) {
      this.logger.error({ err }, 'group coordinator timer failed');
    }
  }
}

function deadGroup(groupId: string): DescribedGroup {
  return { errorCode: NONE, groupId, state: 'Dead', protocolType: '', protocolData: '', members: [] };
}
