import { subscriptionTopics } from './consumer-protocol.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { GroupMember, JoinWaiter } from './member.js';
import type { DescribedGroup, GroupProtocol, GroupState, JoinGroupMember, JoinGroupResult, SyncGroupResult } from './types.js';

const EMPTY = Buffer.alloc(0);

const VALID_PREVIOUS: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export function joinError(memberId: string, errorCode: number): JoinGroupResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] };
}

export function syncError(errorCode: number): SyncGroupResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY };
}

/**
 * One classic group's membership and state (Kafka's GroupMetadata). Pure bookkeeping: the coordinator
 * owns the timers stored here and decides when transitions happen.
 */
export class Group {
  state: GroupState = 'Empty';
  /** When the group entered its current state (drives offset expiry of Empty groups). */
  stateTimestamp: number;
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Kafka extends the initial rebalance delay only while generation 0 keeps gaining members. */
  newMemberAdded = false;
  /** Topics the members subscribe to (consumer protocol only); undefined = unknown. */
  subscribedTopics: ReadonlySet<string> | undefined;

  /** Insertion order decides the fallback leader, so the first member to join leads. */
  readonly members = new Map<string, GroupMember>();
  private readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED and not used yet, with their expiry timers. */
  private readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  private readonly pendingSyncMembers = new Set<string>();
  private readonly protocolVotes = new Map<string, number>();

  joinTimer: NodeJS.Timeout | null = null;
  /** Set while the join is held by the initial rebalance delay, which no early completion may cut short. */
  initialDelay: { delayMs: number; remainingMs: number } | null = null;
  syncTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly groupId: string,
    now: number,
  ) {
    this.stateTimestamp = now;
  }

  is(state: GroupState): boolean {
    return this.state === state;
  }

  get size(): number {
    return this.members.size;
  }

  get(memberId: string): GroupMember | undefined {
    return this.members.get(memberId);
  }

  has(memberId: string): boolean {
    return this.members.has(memberId);
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  transitionTo(state: GroupState, now: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.state} -> ${state}`);
    }
    this.state = state;
    this.stateTimestamp = now;
  }

  canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
  }

  add(member: GroupMember, waiter: JoinWaiter | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) {
        throw new Error(`group ${this.groupId}: static member ${member.groupInstanceId} already present`);
      }
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countVotes(member.protocols, 1);
    if (waiter) member.joinWaiters.push(waiter);
    this.removePending(member.memberId);
  }

  /** Removes the member (and its session timer); the caller answers any waiting requests first. */
  remove(memberId: string): GroupMember | undefined {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.countVotes(member.protocols, -1);
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
      member.clearSessionTimer();
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.removePending(memberId);
    this.pendingSyncMembers.delete(memberId);
    return member;
  }

  updateMember(member: GroupMember, protocols: GroupProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, waiter: JoinWaiter | null): void {
    this.countVotes(member.protocols, -1);
    member.protocols = protocols;
    this.countVotes(protocols, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (waiter) member.joinWaiters.push(waiter);
  }

  /** Moves a static member to a new member id; requests still waiting under the old id are fenced. */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): GroupMember {
    const member = this.members.get(oldMemberId);
    if (!member) throw new Error(`group ${this.groupId}: cannot replace unknown member ${oldMemberId}`);
    member.answerJoin(joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    member.answerSync(syncError(ErrorCode.FENCED_INSTANCE_ID));
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
    this.staticMembers.set(groupInstanceId, newMemberId);
    return member;
  }

  staticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  addPending(memberId: string, expiry: NodeJS.Timeout): void {
    this.pendingMembers.set(memberId, expiry);
  }

  isPending(memberId: string): boolean {
    return this.pendingMembers.has(memberId);
  }

  get pendingCount(): number {
    return this.pendingMembers.size;
  }

  removePending(memberId: string): boolean {
    const timer = this.pendingMembers.get(memberId);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.pendingMembers.delete(memberId);
    return true;
  }

  addPendingSync(memberId: string): void {
    this.pendingSyncMembers.add(memberId);
  }

  /** True when this removal completed the set. */
  removePendingSync(memberId: string): boolean {
    return this.pendingSyncMembers.delete(memberId) && this.pendingSyncMembers.size === 0;
  }

  clearPendingSync(): void {
    this.pendingSyncMembers.clear();
  }

  get pendingSync(): string[] {
    return [...this.pendingSyncMembers];
  }

  hasAllMembersJoined(): boolean {
    if (this.pendingMembers.size > 0) return false;
    for (const m of this.members.values()) if (!m.awaitingJoin) return false;
    return true;
  }

  notYetRejoined(): GroupMember[] {
    return [...this.members.values()].filter((m) => !m.awaitingJoin);
  }

  awaitingJoinCount(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.awaitingJoin) n++;
    return n;
  }

  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** Keeps the leader if it rejoined, else promotes any rejoined member; false when nobody rejoined. */
  electJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    if (this.members.get(this.leaderId)?.awaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.awaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  supportsProtocols(protocolType: string, names: readonly string[]): boolean {
    if (this.is('Empty') || this.members.size === 0) return protocolType !== '' && names.length > 0;
    return this.protocolType === protocolType && names.some((n) => this.protocolVotes.get(n) === this.members.size);
  }

  /** The protocol all members support that most members rank first (ties: the leader's preference). */
  selectProtocol(): string {
    const candidates = new Set<string>();
    for (const [name, count] of this.protocolVotes) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    const preference = (this.leaderId !== null ? this.members.get(this.leaderId) : undefined) ?? this.members.values().next().value;
    let best: string | undefined;
    let bestVotes = -1;
    for (const p of preference?.protocols ?? []) {
      const n = votes.get(p.name) ?? -1;
      if (n > bestVotes) {
        best = p.name;
        bestVotes = n;
      }
    }
    if (best === undefined) throw new Error(`group ${this.groupId}: no protocol to select`);
    return best;
  }

  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transitionTo('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.subscribedTopics = this.protocolType === 'consumer' ? new Set() : undefined;
      this.transitionTo('Empty', now);
    }
    this.clearPendingSync();
  }

  currentMemberMetadata(): JoinGroupMember[] {
    const protocol = this.protocolName;
    if (protocol === null) throw new Error(`group ${this.groupId}: no protocol selected`);
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(protocol) }));
  }

  /** The JoinGroup answer for the current generation (member list for the leader only). */
  joinResult(member: GroupMember, leader: string | null = this.leaderId): JoinGroupResult {
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName,
      leader: leader ?? '',
      memberId: member.memberId,
      members: leader === member.memberId ? this.currentMemberMetadata() : [],
    };
  }

  describe(): DescribedGroup {
    const stable = this.is('Stable') && this.protocolName !== null;
    const protocol = this.protocolName ?? '';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      state: this.state,
      protocolType: this.protocolType ?? '',
      protocolData: stable ? protocol : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(protocol) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** Cancels every timer this group holds (group removal or coordinator shutdown). */
  clearTimers(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.joinTimer = null;
    this.syncTimer = null;
    this.initialDelay = null;
    for (const t of this.pendingMembers.values()) clearTimeout(t);
    this.pendingMembers.clear();
    for (const m of this.members.values()) m.clearSessionTimer();
  }

  private countVotes(protocols: GroupProtocol[], delta: number): void {
    for (const name of new Set(protocols.map((p) => p.name))) {
      const n = (this.protocolVotes.get(name) ?? 0) + delta;
      if (n === 0) this.protocolVotes.delete(name);
      else this.protocolVotes.set(name, n);
    }
  }

  private computeSubscribedTopics(): ReadonlySet<string> | undefined {
    if (this.protocolType !== 'consumer' || this.protocolName === null) return undefined;
    const topics = new Set<string>();
    for (const m of this.members.values()) {
      const parsed = subscriptionTopics(m.metadataFor(this.protocolName));
      if (!parsed) return undefined;
      for (const t of parsed) topics.add(t);
    }
    return topics;
  }
}
