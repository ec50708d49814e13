import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from './types.js';

const EMPTY = Buffer.alloc(0);

export type JoinWaiter = (result: JoinGroupResult) => void;
export type SyncWaiter = (result: SyncGroupResult) => void;

/** One member of a classic group (Kafka's MemberMetadata). */
export class GroupMember {
  assignment: Buffer = EMPTY;
  /**
   * Pending JoinGroup/SyncGroup responses. Kafka keeps one callback and silently drops a superseded one
   * (a client retrying after its request timeout); we answer every waiting request with the same result.
   */
  joinWaiters: JoinWaiter[] = [];
  syncWaiters: SyncWaiter[] = [];
  /** Joined but has not yet completed a join round: its liveness is bounded by the new-member timeout. */
  isNew = false;
  sessionTimer: NodeJS.Timeout | null = null;

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public protocols: GroupProtocol[],
  ) {}

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  get awaitingJoin(): boolean {
    return this.joinWaiters.length > 0;
  }

  get awaitingSync(): boolean {
    return this.syncWaiters.length > 0;
  }

  supports(protocol: string): boolean {
    return this.protocols.some((p) => p.name === protocol);
  }

  metadataFor(protocol: string): Buffer {
    const found = this.protocols.find((p) => p.name === protocol);
    if (!found) throw new Error(`member ${this.memberId} does not support protocol ${protocol}`);
    return found.metadata;
  }

  /** Same protocol names, order and metadata bytes. */
  matches(protocols: GroupProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => p.name === this.protocols[i]!.name && p.metadata.equals(this.protocols[i]!.metadata));
  }

  /** The member's most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (!choice) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return choice.name;
  }

  answerJoin(result: JoinGroupResult): boolean {
    if (this.joinWaiters.length === 0) return false;
    const waiters = this.joinWaiters;
    this.joinWaiters = [];
    for (const w of waiters) w(result);
    return true;
  }

  answerSync(result: SyncGroupResult): boolean {
    if (this.syncWaiters.length === 0) return false;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w(result);
    return true;
  }

  clearSessionTimer(): void {
    if (this.sessionTimer) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
  }
}
