import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ErrorCode } from '../protocol/error-codes.js';
import { type Group, joinError, syncError } from './group.js';
import { GroupMember, type JoinWaiter, type SyncWaiter } from './member.js';
import type { HeartbeatRequest, JoinGroupRequest, SyncGroupRequest } from './types.js';

const EMPTY = Buffer.alloc(0);
const NONE = ErrorCode.NONE;

export interface MembershipSettings {
  initialRebalanceDelayMs: number;
  maxGroupSize: number;
  newMemberJoinTimeoutMs: number;
  logger: Logger;
  now: () => number;
  /** Runs fn after delayMs on an unref'd timer (the coordinator guards it and stops it on close). */
  schedule: (delayMs: number, fn: () => void) => NodeJS.Timeout;
}

/**
 * The classic rebalance protocol on one group: JoinGroup/SyncGroup/Heartbeat/LeaveGroup, member sessions,
 * and the join and sync phase timers (GroupCoordinator.scala's membership half). The caller has already
 * validated the group id and looked the group up.
 */
export class GroupMembership {
  private readonly initialRebalanceDelayMs: number;
  private readonly maxGroupSize: number;
  private readonly newMemberJoinTimeoutMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly schedule: (delayMs: number, fn: () => void) => NodeJS.Timeout;

  constructor(settings: MembershipSettings) {
    this.initialRebalanceDelayMs = settings.initialRebalanceDelayMs;
    this.maxGroupSize = settings.maxGroupSize;
    this.newMemberJoinTimeoutMs = settings.newMemberJoinTimeoutMs;
    this.logger = settings.logger;
    this.now = settings.now;
    this.schedule = settings.schedule;
  }

  // ---------------------------------------------------------------- JoinGroup

  /** `respond` is called once the join round completes (or at once for errors and MEMBER_ID_REQUIRED). */
  join(group: Group, req: JoinGroupRequest, respond: JoinWaiter): void {
    if (!this.acceptJoiningMember(group, req.memberId)) {
      group.remove(req.memberId);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (req.memberId === '') {
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

  /** Followers are answered once the leader's assignment arrives. */
  sync(group: Group, req: SyncGroupRequest, respond: SyncWaiter): void {
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

  heartbeat(group: Group, req: HeartbeatRequest): number {
    let error = this.validateMember(group, req.memberId, req.groupInstanceId);
    if (error === NONE && req.generationId !== group.generationId) error = ErrorCode.ILLEGAL_GENERATION;
    if (error !== NONE) return error;
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.touch(group, member);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'CompletingRebalance':
      case 'Stable':
        this.touch(group, member);
        return NONE;
    }
  }

  /** Removes one member (or pending id, or static member by instance id); returns its error code. */
  leave(group: Group, memberId: string, groupInstanceId: string | null): number {
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
  touch(group: Group, member: GroupMember, timeoutMs = member.sessionTimeoutMs): void {
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

  /** With an instance id, that id must map to this member id (else the caller is a fenced zombie). */
  validateMember(group: Group, memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const current = group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return group.has(memberId) ? NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }
}

function rebalanceTimeout(req: JoinGroupRequest): number {
  return req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
}
