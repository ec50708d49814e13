// Metadata (key 3). v0: empty topic array means "all"; v1+: the array is nullable, null means
// "all" and empty means "none". Response throttle time moves to the front from v3; v7 adds leader
// epochs, v8 authorized operations. The broker serves v0-6; Sluice's clients ask for up to v8 (the
// last non-flexible version) with the same fields (kafka-client/specs.ts).
import { array, field, structs, type MessageSpec } from '../schema.js';

export const Metadata: MessageSpec = {
  apiKey: 3,
  name: 'Metadata',
  validVersions: { min: 0, max: 6 },
  request: [
    structs('topics', '0+', [field('name', 'string', '0+')], { nullable: '1+' }),
    field('allowAutoTopicCreation', 'bool', '4+', { default: true }),
    field('includeClusterAuthorizedOperations', 'bool', '8-10', { default: false }),
    field('includeTopicAuthorizedOperations', 'bool', '8+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+'),
    structs('brokers', '0+', [
      field('nodeId', 'int32', '0+'),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '1+', { nullable: '1+', default: null }),
    ]),
    field('clusterId', 'string', '2+', { nullable: '2+', default: null }),
    field('controllerId', 'int32', '1+', { default: -1 }),
    structs('topics', '0+', [
      field('errorCode', 'int16', '0+'),
      field('name', 'string', '0+'),
      field('isInternal', 'bool', '1+', { default: false }),
      structs('partitions', '0+', [
        field('errorCode', 'int16', '0+'),
        field('partitionIndex', 'int32', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '7+', { default: -1 }),
        array('replicaNodes', 'int32', '0+'),
        array('isrNodes', 'int32', '0+'),
        array('offlineReplicas', 'int32', '5+'),
      ]),
      field('topicAuthorizedOperations', 'int32', '8+', { default: -2147483648 }),
    ]),
    field('clusterAuthorizedOperations', 'int32', '8-10', { default: -2147483648 }),
  ],
};

export interface MetadataRequestTopic {
  name: string;
}

export interface MetadataRequest {
  /** null (v1+) = all topics; in v0 an empty array means all topics. */
  topics: MetadataRequestTopic[] | null;
  allowAutoTopicCreation: boolean;
  /** v8 (clients only; the broker serves up to v6). */
  includeClusterAuthorizedOperations?: boolean;
  includeTopicAuthorizedOperations?: boolean;
}

export interface MetadataResponseBroker {
  nodeId: number;
  host: string;
  port: number;
  rack?: string | null;
}

export interface MetadataResponsePartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  /** v7+ (clients only). */
  leaderEpoch?: number;
  replicaNodes: number[];
  isrNodes: number[];
  offlineReplicas?: number[];
}

export interface MetadataResponseTopic {
  errorCode: number;
  name: string;
  isInternal?: boolean;
  partitions: MetadataResponsePartition[];
  /** v8+ (clients only). */
  topicAuthorizedOperations?: number;
}

export interface MetadataResponse {
  throttleTimeMs?: number;
  brokers: MetadataResponseBroker[];
  clusterId?: string | null;
  controllerId?: number;
  topics: MetadataResponseTopic[];
  /** v8 (clients only). */
  clusterAuthorizedOperations?: number;
}
