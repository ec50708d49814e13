import { ErrorCode } from '../protocol/error-codes.js';
import type { MetadataRequest, MetadataResponse, MetadataResponseTopic } from '../protocol/messages/metadata.js';
import type { RequestContext } from '../server/router.js';
import { topicNameError } from '../topic-names.js';
import type { TopicState } from '../topics.js';
import type { BrokerContext } from './context.js';

/**
 * Metadata: one broker (us), leader and controller of everything. Topics named in the request are
 * auto-created when enabled and the client allows it (v0-v3 have no flag; "all topics" never creates).
 */
export function metadataHandler(broker: BrokerContext) {
  return (req: MetadataRequest, ctx: RequestContext): MetadataResponse => {
    const { settings, topics } = broker;
    const version = ctx.header.apiVersion;
    const allTopics = req.topics === null || (version === 0 && req.topics.length === 0);
    const mayCreate = settings.autoCreateTopics && !allTopics && (version <= 3 || req.allowAutoTopicCreation);
    const answered: MetadataResponseTopic[] = [];
    if (allTopics) {
      for (const t of topics.list()) answered.push(describe(t, settings.nodeId));
    } else {
      for (const { name } of req.topics ?? []) {
        let topic = topics.get(name);
        if (topic === undefined && topicNameError(name) !== null) {
          answered.push({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, isInternal: false, partitions: [] });
          continue;
        }
        if (topic === undefined && mayCreate) topic = topics.create(name, settings.defaultPartitions, {}) ?? undefined;
        answered.push(
          topic === undefined
            ? { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, isInternal: false, partitions: [] }
            : describe(topic, settings.nodeId),
        );
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: settings.nodeId, host: settings.advertisedHost, port: settings.advertisedPort, rack: null }],
      clusterId: settings.clusterId,
      controllerId: settings.nodeId,
      topics: answered,
    };
  };
}

function describe(topic: TopicState, nodeId: number): MetadataResponseTopic {
  return {
    errorCode: ErrorCode.NONE,
    name: topic.name,
    isInternal: false,
    partitions: topic.partitions.map((_, i) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex: i,
      leaderId: nodeId,
      replicaNodes: [nodeId],
      isrNodes: [nodeId],
      offlineReplicas: [],
    })),
  };
}
