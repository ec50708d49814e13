/** Topic administration: CreateTopics, DeleteTopics, CreatePartitions, DeleteRecords. */
import { ErrorCode } from '../protocol/error-codes.js';
import type { CreatePartitionsRequest, CreatePartitionsResponse } from '../protocol/messages/create-partitions.js';
import type { CreatableTopic, CreatableTopicResult, CreateTopicsRequest, CreateTopicsResponse } from '../protocol/messages/create-topics.js';
import type { DeleteRecordsRequest, DeleteRecordsResponse } from '../protocol/messages/delete-records.js';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../protocol/messages/delete-topics.js';
import { TopicError } from '../topics.js';
import { partitionKey, type BrokerContext } from './context.js';

/** Runs an admin action, turning TopicError into Kafka's (code, message). */
function attempt(action: () => void): { errorCode: number; errorMessage: string | null } {
  try {
    action();
    return { errorCode: ErrorCode.NONE, errorMessage: null };
  } catch (err) {
    if (err instanceof TopicError) return { errorCode: err.errorCode, errorMessage: err.message };
    throw err;
  }
}

export function createTopicsHandler(broker: BrokerContext) {
  return (req: CreateTopicsRequest): CreateTopicsResponse => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, ...createOne(broker, t, req.validateOnly) })),
  });
}

function createOne(broker: BrokerContext, t: CreatableTopic, validateOnly: boolean): Omit<CreatableTopicResult, 'name'> {
  const { nodeId, defaultPartitions } = broker.settings;
  const hasAssignments = t.assignments.length > 0;
  if (hasAssignments && (t.numPartitions !== -1 || t.replicationFactor !== -1)) {
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.' };
  }
  const replicationFactor = t.replicationFactor === -1 ? 1 : t.replicationFactor;
  if (replicationFactor > 1 || replicationFactor < 1) {
    return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, errorMessage: `Replication factor: ${replicationFactor} larger than available brokers: 1.` };
  }
  if (hasAssignments && t.assignments.some((a) => a.brokerIds.some((id) => id !== nodeId))) {
    return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: `Unknown broker in replica assignment; the only broker is ${nodeId}.` };
  }
  const partitions = hasAssignments ? t.assignments.length : t.numPartitions === -1 ? defaultPartitions : t.numPartitions;
  const configs: Record<string, string> = {};
  for (const c of t.configs) if (c.value !== null) configs[c.name] = c.value;
  return attempt(() => broker.topics.create(t.name, partitions, configs, validateOnly));
}

export function deleteTopicsHandler(broker: BrokerContext) {
  return (req: DeleteTopicsRequest): DeleteTopicsResponse => ({
    throttleTimeMs: 0,
    responses: req.topicNames.map((name) => {
      const partitions = broker.topics.get(name)?.partitions.length ?? 0;
      const { errorCode } = attempt(() => broker.topics.delete(name));
      if (errorCode === ErrorCode.NONE) {
        broker.groups.deleteTopic(name);
        for (let i = 0; i < partitions; i++) broker.producers.forgetPartition(partitionKey(name, i));
      }
      return { name, errorCode };
    }),
  });
}

export function createPartitionsHandler(broker: BrokerContext) {
  return (req: CreatePartitionsRequest): CreatePartitionsResponse => ({
    throttleTimeMs: 0,
    results: req.topics.map((t) => ({ name: t.name, ...attempt(() => broker.topics.addPartitions(t.name, t.count, req.validateOnly)) })),
  });
}

export function deleteRecordsHandler(broker: BrokerContext) {
  return (req: DeleteRecordsRequest): DeleteRecordsResponse => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const log = broker.topics.partition(t.name, p.partitionIndex);
        if (log === undefined) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        // -1 means "up to the high watermark".
        const offset = p.offset === -1 ? log.logEndOffset : p.offset;
        if (offset < 0 || offset > log.logEndOffset) {
          return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
        }
        const lowWatermark = log.deleteRecordsBefore(offset);
        return { partitionIndex: p.partitionIndex, lowWatermark, errorCode: ErrorCode.NONE };
      }),
    })),
  });
}
