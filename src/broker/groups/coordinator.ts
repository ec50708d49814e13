import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { ErrorCode } from './errors.js';
import { Group, joinError, syncError } from './group.js';
import { GroupMember, type JoinWaiter, type SyncWaiter } from './member.js';
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

const EMPTY = Buffer.alloc(0);
const NONE = ErrorCode.NONE;

/**
 * Kafka's classic group coordinator for a single broker: group membership (join/sync/heartbeat/leave with
 * its timers) and committed offsets, independent of protocol versions. Follows GroupCoordinator.scala.
 * Group membership is held in memory only; committed offsets are durable in the OffsetStore.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly offsets: OffsetStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly initialRebalanceDelayMs: number;
  private readonly minSessionTimeoutMs: number;
  private readonly maxSessionTimeoutMs: number;
  private readonly maxGroupSize: number;
  private readonly newMemberJoinTimeoutMs: number;
  private readonly offsetsRetentionMs: number;
  private readonly maxOffsetMetadataBytes: number;
  private readonly cleanupTimer: NodeJS.Timeout;
  private active = true;

  constructor(options: GroupCoordinatorOptions) {
    this.offsets = options.offsets;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = options.now ?? Date.now;
    this.initialRebalanceDelayMs = options.initialRebalanceDelayMs ?? 3000;
    this.minSessionTimeoutMs = options.minSessionTimeoutMs ?? 6000;
    this.maxSessionTimeoutMs = options.maxSessionTimeoutMs ?? 1_800_000;
    this.maxGroupSize = options.maxGroupSize ?? Number.MAX_SAFE_INTEGER;
    this.newMemberJoinTimeoutMs = options.newMemberJoinTimeoutMs ?? 300_000;
    this.offsetsRetentionMs = options.offsetsRetentionMs ?? 7 * 24 * 3600 * 1000;
    this.maxOffsetMetadataBytes = options.maxOffsetMetadataBytes ?? 4096;
    // Groups known only from their committed offsets exist, Empty, as in Kafka after loading __consumer_offsets.
    for (const groupId of this.offsets.groupIds()) this.addGroup(groupId);
    this.cleanupTimer = setInterval(() => this.guarded(() => this.cleanupGroupMetadata()), options.offsetsRetentionCheckIntervalMs ?? 600_000);
    this.cleanupTimer.unref();
  }

  // ---------------------------------------------------------------- JoinGroup

  /** Resolves when the join round completes (or at once for errors and MEMBER_ID_REQUIRED). */
  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    return new Promise((resolve) => this.handleJoin(req, resolve));
  }

  private handleJoin(req: JoinGroupRequest, respond: JoinWaiter): void {
    const status = this.groupStatus(req.groupId, false);
    if (status !== NONE) return respond(joinError(req.memberId, status));
    if (req.sessionTimeoutMs < this.minSessionTimeoutMs || req.sessionTimeoutMs > this.maxSessionTimeoutMs) {
      return respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isNewMember = req.memberId === '';
    let group = this.groups.get(req.groupId);
    if (!group) {
      if (!isNewMember) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.addGroup(req.groupId);
    }
    if (!this.acceptJoiningMember(group, req.memberId)) {
      group.remove(req.memberId);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isNewMember) {
      this.joinNewMember(group, req, respond);
    } else {
      this.joinKnownMember(group, req, respond);
    }
    if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
  }

  /** Counting awaiting members while preparing lets a shrunken group.max.size kick the last rejoiners. */
  private acceptJoiningMember(group: Group, memberId: string): boolean {
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance':
        return group.get(memberId)?.awaitingJoin === true || group.awaitingJoinCount() < this.maxGroupSize;
      case 'CompletingRebalance':
      case 'Stable':
        return group.has(memberId) || group.size < this.maxGroupSize;
    }
  }

  private joinNewMember(group: Group, req: JoinGroupRequest, respond: JoinWaiter): void {
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const newMemberId = `${req.groupInstanceId ?? req.clientId}-${randomUUID()}`;
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId !== undefined) this.replaceStaticMember(group, req.groupInstanceId, oldMemberId, newMemberId, req, respond);
      else this.addMemberAndRebalance(group, newMemberId, req, respond);
    } else if (req.requireKnownMemberId) {
      // KIP-394: hand out the id first so a client that times out and retries cannot leave ghost members.
      group.addPending(newMemberId, this.schedule(req.sessionTimeoutMs, () => this.onPendingMemberExpired(group, newMemberId)));
      respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberAndRebalance(group, newMemberId, req, respond);
    }
  }

  private joinKnownMember(group: Group, req: JoinGroupRequest, respond: JoinWaiter): void {
    if (!group.supportsProtocols(req.protocolType, req.protocols.map((p) => p.name))) {
      return respond(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.isPending(req.memberId)) {
      if (req.groupInstanceId !== null) {
        // Pending ids are only issued to dynamic members; make the client start over with its instance id.
        group.removePending(req.memberId);
        return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      }
      return this.addMemberAndRebalance(group, req.memberId, req, respond);
    }
    const error = this.validateMember(group, req.memberId, req.groupInstanceId);
    if (error !== NONE) return respond(joinError(req.memberId, error));
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req, respond, 'member rejoining');
      case 'CompletingRebalance':
        // Same metadata: it most likely lost the JoinGroup response, so repeat it.
        if (!member.matches(req.protocols)) return this.updateMemberAndRebalance(group, member, req, respond, 'member metadata changed');
        this.touch(group, member);
        return respond(group.joinResult(member));
      case 'Stable':
        // A leader rejoining asks for a rebalance (e.g. topic metadata changed without member metadata changing).
        if (group.isLeader(member.memberId)) return this.updateMemberAndRebalance(group, member, req, respond, 'leader rejoining');
        if (!member.matches(req.protocols)) return this.updateMemberAndRebalance(group, member, req, respond, 'member metadata changed');
        this.touch(group, member);
        return respond(group.joinResult(member));
      case 'Empty':
      case 'Dead':
        return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private addMemberAndRebalance(group: Group, memberId: string, req: JoinGroupRequest, respond: JoinWaiter): void {
    const member = new GroupMember(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      rebalanceTimeout(req),
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    // A new member cannot heartbeat yet; bound its wait instead, in case its client went away.
    this.touch(group, member, this.newMemberJoinTimeoutMs);
    this.logger.info({ groupId: group.groupId, memberId, groupInstanceId: req.groupInstanceId, clientId: req.clientId }, 'member joined group');
    this.maybePrepareRebalance(group, `adding member ${memberId}`);
  }

  private updateMemberAndRebalance(group: Group, member: GroupMember, req: JoinGroupRequest, respond: JoinWaiter, reason: string): void {
    group.updateMember(member, req.protocols, rebalanceTimeout(req), req.sessionTimeoutMs, respond);
    this.maybePrepareRebalance(group, `${reason}: ${member.memberId}`);
  }

  /** A known group.instance.id rejoined without its member id (a restarted static member). */
  private replaceStaticMember(group: Group, instanceId: string, oldMemberId: string, newMemberId: string, req: JoinGroupRequest, respond: JoinWaiter): void {
    const previousLeader = group.leaderId;
    const member = group.replaceStaticMember(instanceId, oldMemberId, newMemberId);
    group.updateMember(member, req.protocols, rebalanceTimeout(req), req.sessionTimeoutMs, respond);
    this.touch(group, member);
    this.logger.info({ groupId: group.groupId, groupInstanceId: instanceId, oldMemberId, newMemberId }, 'static member rejoined with a new member id');
    switch (group.state) {
      case 'Stable':
        if (group.selectProtocol() === group.protocolName) {
          // Report the previous leader id so a returning static leader does not run a pointless assignment
          // (a Stable group would not distribute it); it syncs like a follower and gets its old assignment.
          member.answerJoin(group.joinResult(member, previousLeader));
        } else {
          this.maybePrepareRebalance(group, `static member ${instanceId} changed the selected protocol`);
        }
        return;
      case 'CompletingRebalance':
        // The leader may be assigning to the old member id: start over.
        this.prepareRebalance(group, `static member ${instanceId} rejoined during CompletingRebalance`);
        return;
      default:
        return;
    }
  }

  private onPendingMemberExpired(group: Group, memberId: string): void {
    if (group.removePending(memberId) && group.is('PreparingRebalance')) this.tryCompleteJoin(group);
  }

  // ---------------------------------------------------------------- rebalance phases

  private maybePrepareRebalance(group: Group, reason: string): void {
    if (group.canRebalance()) this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    this.cancelSyncExpiration(group);
    const fromEmpty = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.now());
    this.logger.info({ groupId: group.groupId, generationId: group.generationId, reason }, 'preparing to rebalance group');
    if (fromEmpty) {
      const delay = this.initialRebalanceDelayMs;
      this.scheduleInitialJoin(group, delay, Math.max(group.rebalanceTimeoutMs() - delay, 0));
    } else {
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      this.tryCompleteJoin(group);
    }
  }

  private scheduleJoin(group: Group, delayMs: number): void {
    this.clearJoinTimer(group);
    group.joinTimer = this.schedule(delayMs, () => {
      group.joinTimer = null;
      this.completeJoin(group);
    });
  }

  private scheduleInitialJoin(group: Group, delayMs: number, remainingMs: number): void {
    this.clearJoinTimer(group);
    group.initialDelay = { delayMs, remainingMs };
    group.joinTimer = this.schedule(delayMs, () => this.onInitialDelayExpired(group));
  }

  private onInitialDelayExpired(group: Group): void {
    const delay = group.initialDelay;
    group.joinTimer = null;
    group.initialDelay = null;
    if (!delay || !group.is('PreparingRebalance')) return;
    if (group.newMemberAdded && delay.remainingMs !== 0) {
      group.newMemberAdded = false;
      this.scheduleInitialJoin(group, Math.min(this.initialRebalanceDelayMs, delay.remainingMs), Math.max(delay.remainingMs - delay.delayMs, 0));
    } else {
      this.completeJoin(group);
    }
  }

  private clearJoinTimer(group: Group): void {
    if (group.joinTimer) clearTimeout(group.joinTimer);
    group.joinTimer = null;
    group.initialDelay = null;
  }

  private tryCompleteJoin(group: Group): void {
    if (group.is('PreparingRebalance') && group.initialDelay === null && group.hasAllMembersJoined()) this.completeJoin(group);
  }

  /** Ends the join phase: drop dynamic members that did not rejoin, start the next generation, answer the joiners. */
  private completeJoin(group: Group): void {
    if (!group.is('PreparingRebalance')) return;
    this.clearJoinTimer(group);
    // Static members stay until their session expires: they are expected to come back with the same instance id.
    const dropped = group.notYetRejoined().filter((m) => !m.isStatic);
    for (const m of dropped) group.remove(m.memberId);
    if (dropped.length > 0) {
      this.logger.info({ groupId: group.groupId, members: dropped.map((m) => m.memberId) }, 'removed members that did not rejoin in time');
    }
    if (!group.electJoinedLeader() && group.size > 0) {
      this.logger.warn({ groupId: group.groupId }, 'no member rejoined; waiting another rebalance timeout');
      this.scheduleJoin(group, group.rebalanceTimeoutMs());
      return;
    }
    group.initNextGeneration(this.now());
    if (group.is('Empty')) {
      this.logger.info({ groupId: group.groupId, generationId: group.generationId }, 'group is now empty');
      return;
    }
    this.logger.info(
      { groupId: group.groupId, generationId: group.generationId, protocol: group.protocolName, members: group.size, leader: group.leaderId },
      'group completed join phase',
    );
    for (const m of group.members.values()) {
      m.answerJoin(group.joinResult(m));
      this.touch(group, m);
      m.isNew = false;
      group.addPendingSync(m.memberId);
    }
    this.schedulePendingSync(group);
  }

  /** Members that joined but never send SyncGroup are removed after the rebalance timeout. */
  private schedulePendingSync(group: Group): void {
    const generation = group.generationId;
    if (group.syncTimer) clearTimeout(group.syncTimer);
    group.syncTimer = this.schedule(group.rebalanceTimeoutMs(), () => {
      group.syncTimer = null;
      if (generation !== group.generationId || !(group.is('CompletingRebalance') || group.is('Stable'))) return;
      const missing = group.pendingSync;
      if (missing.length === 0) return;
      for (const id of missing) group.remove(id);
      this.logger.info({ groupId: group.groupId, members: missing }, 'removed members that did not sync in time');
      this.prepareRebalance(group, 'members did not send SyncGroup');
    });
  }

  private removePendingSync(group: Group, memberId: string): void {
    if (group.removePendingSync(memberId) && group.syncTimer) {
      clearTimeout(group.syncTimer);
      group.syncTimer = null;
    }
  }

  private cancelSyncExpiration(group: Group): void {
    group.clearPendingSync();
    if (group.syncTimer) clearTimeout(group.syncTimer);
    group.syncTimer = null;
  }

  // ---------------------------------------------------------------- SyncGroup

  /** Followers' promises resolve once the leader's assignment arrives. */
  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    return new Promise((resolve) => this.handleSync(req, resolve));
  }

  private handleSync(req: SyncGroupRequest, respond: SyncWaiter): void {
    const status = this.groupStatus(req.groupId, false);
    if (status !== NONE) return respond(syncError(status));
    const group = this.groups.get(req.groupId);
    if (!group) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    let error = this.validateMember(group, req.memberId, req.groupInstanceId);
    if (error === NONE && req.generationId !== group.generationId) error = ErrorCode.ILLEGAL_GENERATION;
    if (error === NONE && req.protocolType != null && req.protocolType !== group.protocolType) error = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    if (error === NONE && req.protocolName != null && req.protocolName !== group.protocolName) error = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    if (error !== NONE) return respond(syncError(error));
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case 'PreparingRebalance':
        return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case 'CompletingRebalance': {
        member.syncWaiters.push(respond);
        this.removePendingSync(group, member.memberId);
        if (!group.isLeader(member.memberId)) return;
        const assignments = new Map(req.assignments.map((a) => [a.memberId, a.assignment]));
        const missing: string[] = [];
        for (const m of group.members.values()) {
          const assignment = assignments.get(m.memberId);
          if (!assignment) missing.push(m.memberId);
          m.assignment = assignment ?? EMPTY;
        }
        if (missing.length > 0) this.logger.warn({ groupId: group.groupId, members: missing }, 'leader sent no assignment for some members; they get an empty one');
        this.propagateAssignment(group, NONE);
        group.transitionTo('Stable', this.now());
        this.logger.info({ groupId: group.groupId, generationId: group.generationId }, 'group is stable');
        return;
      }
      case 'Stable':
        this.removePendingSync(group, member.memberId);
        this.touch(group, member);
        return respond({ errorCode: NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
    }
  }

  private propagateAssignment(group: Group, error: number): void {
    for (const m of group.members.values()) {
      const result =
        error === NONE ? { errorCode: NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: m.assignment } : syncError(error);
      // Members may have outlived their session while waiting on the leader; restart their clock now.
      if (m.answerSync(result)) this.touch(group, m);
    }
  }

  private resetAndPropagateAssignmentError(group: Group, error: number): void {
    for (const m of group.members.values()) m.assignment = EMPTY;
    this.propagateAssignment(group, error);
  }

  // ---------------------------------------------------------------- Heartbeat / LeaveGroup

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    const status = this.groupStatus(req.groupId, false);
    if (status !== NONE) return { errorCode: status };
    const group = this.groups.get(req.groupId);
    if (!group) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
    let error = this.validateMember(group, req.memberId, req.groupInstanceId);
    if (error === NONE && req.generationId !== group.generationId) error = ErrorCode.ILLEGAL_GENERATION;
    if (error !== NONE) return { errorCode: error };
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
      case 'PreparingRebalance':
        this.touch(group, member);
        return { errorCode: ErrorCode.REBALANCE_IN_PROGRESS };
      case 'CompletingRebalance':
      case 'Stable':
        this.touch(group, member);
        return { errorCode: NONE };
    }
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResult {
    const status = this.groupStatus(req.groupId, false);
    if (status !== NONE) return { errorCode: status, members: [] };
    const group = this.groups.get(req.groupId);
    const members = req.members.map((identity) => {
      const errorCode = group ? this.leaveOne(group, identity.memberId, identity.groupInstanceId) : ErrorCode.UNKNOWN_MEMBER_ID;
      return { memberId: identity.memberId, groupInstanceId: identity.groupInstanceId, errorCode };
    });
    return { errorCode: NONE, members };
  }

  private leaveOne(group: Group, memberId: string, groupInstanceId: string | null): number {
    // An empty member id with an instance id is an administrative removal of that static member.
    if (memberId === '') {
      const current = groupInstanceId !== null ? group.staticMemberId(groupInstanceId) : undefined;
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.removeMemberAndUpdateGroup(group, group.get(current)!, 'left the group (by instance id)');
      return NONE;
    }
    if (group.isPending(memberId)) {
      group.removePending(memberId);
      if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
      return NONE;
    }
    const error = this.validateMember(group, memberId, groupInstanceId);
    if (error !== NONE) return error;
    this.removeMemberAndUpdateGroup(group, group.get(memberId)!, 'left the group');
    return NONE;
  }

  private removeMemberAndUpdateGroup(group: Group, member: GroupMember, reason: string): void {
    // A removed member that is still waiting must hear about it, so its client rejoins if it is alive.
    member.answerJoin(joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    member.answerSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    group.remove(member.memberId);
    this.logger.info({ groupId: group.groupId, memberId: member.memberId, reason }, 'member removed from group');
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group, `member ${member.memberId} ${reason}`);
        return;
      case 'PreparingRebalance':
        this.tryCompleteJoin(group);
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- sessions

  /** (Re)starts the member's session clock (Kafka's completeAndScheduleNextHeartbeatExpiration). */
  private touch(group: Group, member: GroupMember, timeoutMs = member.sessionTimeoutMs): void {
    member.clearSessionTimer();
    member.sessionTimer = this.schedule(timeoutMs, () => this.onSessionExpired(group, member));
  }

  private onSessionExpired(group: Group, member: GroupMember): void {
    member.sessionTimer = null;
    if (group.is('Dead') || group.get(member.memberId) !== member) return;
    // A member parked in a join or sync round is alive by definition; completing the round restarts its clock.
    if (!member.isNew && (member.awaitingJoin || member.awaitingSync)) return;
    this.removeMemberAndUpdateGroup(group, member, member.isNew ? 'new member did not complete its join in time' : 'session timed out');
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
    if (member && !group.is('Empty')) this.touch(group, member);

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
      const error = this.validateMember(group, req.memberId, req.groupInstanceId);
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

  /** Offset and admin APIs accept the empty group id (Kafka keeps it for old clients); membership APIs do not. */
  private groupStatus(groupId: string, allowEmptyId: boolean): number {
    if (!allowEmptyId && groupId === '') return ErrorCode.INVALID_GROUP_ID;
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    return NONE;
  }

  /** With an instance id, that id must map to this member id (else the caller is a fenced zombie). */
  private validateMember(group: Group, memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return group.has(memberId) ? NONE : ErrorCode.UNKNOWN_MEMBER_ID;
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

function rebalanceTimeout(req: JoinGroupRequest): number {
  return req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
}

function deadGroup(groupId: string): DescribedGroup {
  return { errorCode: NONE, groupId, state: 'Dead', protocolType: '', protocolData: '', members: [] };
}
