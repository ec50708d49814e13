/** Committed group offsets: OffsetCommit and OffsetFetch. */
import { ErrorCode } from '../protocol/error-codes.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../protocol/messages/offset-commit.js';
import type { OffsetFetchRequest, OffsetFetchResponse, OffsetFetchResponseTopic } from '../protocol/messages/offset-fetch.js';
import type { BrokerContext } from './context.js';

export function offsetCommitHandler(broker: BrokerContext) {
  return (req: OffsetCommitRequest): OffsetCommitResponse => {
    const offsets = req.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata: p.committedMetadata,
      })),
    );
    const results = broker.groups.commitOffsets(
      { groupId: req.groupId, generationId: req.generationIdOrMemberEpoch, memberId: req.memberId, groupInstanceId: req.groupInstanceId, offsets },
      (topic, partition) => broker.topics.partition(topic, partition) !== undefined,
    );
    const byTopic = new Map<string, { partitionIndex: number; errorCode: number }[]>();
    for (const r of results) {
      let list = byTopic.get(r.topic);
      if (list === undefined) byTopic.set(r.topic, (list = []));
      list.push({ partitionIndex: r.partition, errorCode: r.errorCode });
    }
    return { throttleTimeMs: 0, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
  };
}

export function offsetFetchHandler(broker: BrokerContext) {
  return (req: OffsetFetchRequest): OffsetFetchResponse => {
    const wanted = req.topics === null ? null : req.topics.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition })));
    const found = broker.groups.fetchOffsets(req.groupId, wanted);
    const byTopic = new Map<string, OffsetFetchResponseTopic>();
    for (const o of found) {
      let topic = byTopic.get(o.topic);
      if (topic === undefined) byTopic.set(o.topic, (topic = { name: o.topic, partitions: [] }));
      topic.partitions.push({
        partitionIndex: o.partition,
        committedOffset: o.offset,
        committedLeaderEpoch: o.leaderEpoch,
        metadata: o.metadata,
        errorCode: o.errorCode,
      });
    }
    return { throttleTimeMs: 0, topics: [...byTopic.values()], errorCode: ErrorCode.NONE };
  };
}
