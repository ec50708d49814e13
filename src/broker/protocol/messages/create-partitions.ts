// CreatePartitions (key 37), v0-1 (v1 identical on the wire). count is the new total.
import { array, field, structs, type MessageSpec } from '../schema.js';

export const CreatePartitions: MessageSpec = {
  apiKey: 37,
  name: 'CreatePartitions',
  validVersions: { min: 0, max: 1 },
  request: [
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      field('count', 'int32', '0+'),
      structs('assignments', '0+', [array('brokerIds', 'int32', '0+')], { nullable: '0+', default: null }),
    ]),
    field('timeoutMs', 'int32', '0+'),
    field('validateOnly', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('results', '0+', [
      field('name', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
    ]),
  ],
};

export interface CreatePartitionsAssignment {
  brokerIds: number[];
}

export interface CreatePartitionsTopic {
  name: string;
  /** The new total number of partitions. */
  count: number;
  /** null = let the broker place the new partitions. */
  assignments: CreatePartitionsAssignment[] | null;
}

export interface CreatePartitionsRequest {
  topics: CreatePartitionsTopic[];
  timeoutMs: number;
  validateOnly: boolean;
}

export interface CreatePartitionsTopicResult {
  name: string;
  errorCode: number;
  errorMessage?: string | null;
}

export interface CreatePartitionsResponse {
  throttleTimeMs?: number;
  results: CreatePartitionsTopicResult[];
}
