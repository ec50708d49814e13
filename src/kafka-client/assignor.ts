/**
 * Java-compatible partition assignors for the classic "consumer" protocol: RangeAssignor ("range")
 * and RoundRobinAssignor ("roundrobin"), without rack awareness. Members are ordered as Java's
 * MemberInfo orders them (static members by group instance id first, then by member id); string
 * comparison is by UTF-16 code unit, as Java's String.compareTo.
 */
import type { TopicAssignment } from './assignor-protocol.js';

export interface AssignorMember {
  memberId: string;
  groupInstanceId: string | null;
  topics: readonly string[];
}

/** Partition count per topic; topics absent here (unknown to metadata) are not assigned. */
export type PartitionCounts = ReadonlyMap<string, number>;

export type AssignorName = 'range' | 'roundrobin';

export type Assignor = (members: readonly AssignorMember[], partitions: PartitionCounts) => Map<string, TopicAssignment>;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMembers(a: AssignorMember, b: AssignorMember): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return compareStrings(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

function emptyAssignments(members: readonly AssignorMember[]): Map<string, TopicAssignment> {
  const out = new Map<string, TopicAssignment>();
  for (const m of members) out.set(m.memberId, new Map());
  return out;
}

function give(out: Map<string, TopicAssignment>, memberId: string, topic: string, partition: number): void {
  const mine = out.get(memberId) as TopicAssignment;
  let list = mine.get(topic);
  if (list === undefined) mine.set(topic, (list = []));
  list.push(partition);
}

/** Per topic, consecutive ranges of partitions; the first (n mod members) members get one extra. */
export const rangeAssign: Assignor = (members, partitions) => {
  const out = emptyAssignments(members);
  const topics = new Set<string>();
  for (const m of members) for (const t of m.topics) topics.add(t);
  for (const topic of [...topics].sort(compareStrings)) {
    const count = partitions.get(topic);
    if (count === undefined) continue;
    const consumers = members.filter((m) => m.topics.includes(topic)).sort(compareMembers);
    const per = Math.floor(count / consumers.length);
    const extra = count % consumers.length;
    consumers.forEach((m, i) => {
      const start = per * i + Math.min(i, extra);
      const length = per + (i + 1 > extra ? 0 : 1);
      for (let p = start; p < start + length; p++) give(out, m.memberId, topic, p);
    });
  }
  return out;
};

/** Every partition of the sorted topics in turn to the next member (in sorted order) subscribed to its topic. */
export const roundRobinAssign: Assignor = (members, partitions) => {
  const out = emptyAssignments(members);
  const sorted = [...members].sort(compareMembers);
  if (sorted.length === 0) return out;
  const topics = new Set<string>();
  for (const m of members) for (const t of m.topics) topics.add(t);
  let next = 0;
  for (const topic of [...topics].sort(compareStrings)) {
    const count = partitions.get(topic);
    if (count === undefined) continue;
    for (let p = 0; p < count; p++) {
      while (!sorted[next].topics.includes(topic)) next = (next + 1) % sorted.length;
      give(out, sorted[next].memberId, topic, p);
      next = (next + 1) % sorted.length;
    }
  }
  return out;
};

export const ASSIGNORS: Readonly<Record<AssignorName, Assignor>> = { range: rangeAssign, roundrobin: roundRobinAssign };
