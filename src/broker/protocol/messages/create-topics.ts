// CreateTopics (key 19), v0-4. validateOnly from v1, errorMessage from v1, throttle time from v2;
// v3-v4 change nothing on the wire. kafkajs sends -1 partitions/replication for broker defaults.
import { array, field, structs, type MessageSpec } from '../schema.js';

export const CreateTopics: MessageSpec = {
  apiKey: 19,
  name: 'CreateTopics',
  validVersions: { min: 0, max: 4 },
  request: [
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      field('numPartitions', 'int32', '0+'),
      field('replicationFactor', 'int16', '0+'),
      structs('assignments', '0+', [field('partitionIndex', 'int32', '0+'), array('brokerIds', 'int32', '0+')]),
      structs('configs', '0+', [field('name', 'string', '0+'), field('value', 'string', '0+', { nullable: '0+' })]),
    ]),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('validateOnly', 'bool', '1+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '1+', { nullable: '0+', default: null }),
    ]),
  ],
};

export interface CreatableReplicaAssignment {
  partitionIndex: number;
  brokerIds: number[];
}

export interface CreatableTopicConfig {
  name: string;
  value: string | null;
}

export interface CreatableTopic {
  name: string;
  /** -1 = broker default. */
  numPartitions: number;
  /** -1 = broker default. */
  replicationFactor: number;
  assignments: CreatableReplicaAssignment[];
  configs: CreatableTopicConfig[];
}

export interface CreateTopicsRequest {
  topics: CreatableTopic[];
  timeoutMs: number;
  validateOnly: boolean;
}

export interface CreatableTopicResult {
  name: string;
  errorCode: number;
  errorMessage?: string | null;
}

export interface CreateTopicsResponse {
  throttleTimeMs?: number;
  topics: CreatableTopicResult[];
}
