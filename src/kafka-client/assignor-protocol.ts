/**
 * The "consumer" protocol's member metadata (Subscription) and Assignment bytes, version 0, as
 * Java's ConsumerProtocol, librdkafka and kafkajs write them: int16 version, then an array of
 * topics (Subscription) or of (topic, int32 partitions) (Assignment), then user-data bytes.
 * Readers ignore what follows (later versions append owned partitions, generation, rack).
 */
import { subscriptionTopics } from '../broker/groups/consumer-protocol.js';

/** Partitions per topic. */
export type TopicAssignment = Map<string, number[]>;

export function encodeSubscription(topics: readonly string[]): Buffer {
  const names = topics.map((t) => Buffer.from(t, 'utf8'));
  let size = 2 + 4 + 4;
  for (const n of names) size += 2 + n.length;
  const out = Buffer.alloc(size);
  let at = out.writeInt16BE(0, 0);
  at = out.writeInt32BE(names.length, at);
  for (const n of names) {
    at = out.writeInt16BE(n.length, at);
    at += n.copy(out, at);
  }
  out.writeInt32BE(0, at); // empty user data
  return out;
}

/** The subscribed topics, or undefined when the bytes do not parse. */
export function decodeSubscription(metadata: Buffer): string[] | undefined {
  return subscriptionTopics(metadata);
}

export function encodeAssignment(assignment: TopicAssignment): Buffer {
  const entries = [...assignment].map(([topic, partitions]) => ({ name: Buffer.from(topic, 'utf8'), partitions }));
  let size = 2 + 4 + 4;
  for (const e of entries) size += 2 + e.name.length + 4 + 4 * e.partitions.length;
  const out = Buffer.alloc(size);
  let at = out.writeInt16BE(0, 0);
  at = out.writeInt32BE(entries.length, at);
  for (const e of entries) {
    at = out.writeInt16BE(e.name.length, at);
    at += e.name.copy(out, at);
    at = out.writeInt32BE(e.partitions.length, at);
    for (const p of e.partitions) at = out.writeInt32BE(p, at);
  }
  out.writeInt32BE(0, at);
  return out;
}

export class AssignmentFormatError extends Error {}

/** Decodes Assignment bytes (any version); empty bytes mean no partitions. */
export function decodeAssignment(bytes: Buffer): TopicAssignment {
  const out: TopicAssignment = new Map();
  if (bytes.length === 0) return out;
  const need = (at: number, n: number): void => {
    if (at + n > bytes.length) throw new AssignmentFormatError('assignment truncated');
  };
  need(0, 6);
  if (bytes.readInt16BE(0) < 0) throw new AssignmentFormatError(`assignment version ${bytes.readInt16BE(0)}`);
  const topicCount = bytes.readInt32BE(2);
  let at = 6;
  for (let i = 0; i < topicCount; i++) {
    need(at, 2);
    const len = bytes.readInt16BE(at);
    at += 2;
    need(at, len + 4);
    const topic = bytes.toString('utf8', at, at + len);
    at += len;
    const count = bytes.readInt32BE(at);
    at += 4;
    need(at, 4 * Math.max(0, count));
    const partitions: number[] = [];
    for (let k = 0; k < count; k++, at += 4) partitions.push(bytes.readInt32BE(at));
    out.set(topic, [...(out.get(topic) ?? []), ...partitions]);
  }
  return out;
}
