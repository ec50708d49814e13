// OffsetFetch (key 9), v1-7. Topics become nullable (null = all committed) in v2, the top-level
// errorCode (v2+) comes after the topics array, v5 adds the leader epoch, v6 is the first flexible
// version (librdkafka uses it), v7 adds requireStable.
import { array, field, structs, type MessageSpec } from '../schema.js';

export const OffsetFetch: MessageSpec = {
  apiKey: 9,
  name: 'OffsetFetch',
  validVersions: { min: 1, max: 7 },
  flexibleFrom: 6,
  request: [
    field('groupId', 'string', '0-7'),
    structs(
      'topics',
      '0-7',
      [field('name', 'string', '0-7'), array('partitionIndexes', 'int32', '0-7')],
      { nullable: '2-7' },
    ),
    field('requireStable', 'bool', '7+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+'),
    structs('topics', '0-7', [
      field('name', 'string', '0-7'),
      structs('partitions', '0-7', [
        field('partitionIndex', 'int32', '0-7'),
        field('committedOffset', 'int64', '0-7'),
        field('committedLeaderEpoch', 'int32', '5-7', { default: -1 }),
        field('metadata', 'string', '0-7', { nullable: '0-7' }),
        field('errorCode', 'int16', '0-7'),
      ]),
    ]),
    field('errorCode', 'int16', '2-7', { default: 0 }),
  ],
};

export interface OffsetFetchRequestTopic {
  name: string;
  partitionIndexes: number[];
}

export interface OffsetFetchRequest {
  groupId: string;
  /** null (v2+) = every partition with a committed offset. */
  topics: OffsetFetchRequestTopic[] | null;
  requireStable: boolean;
}

export interface OffsetFetchResponsePartition {
  partitionIndex: number;
  /** -1 when nothing is committed. */
  committedOffset: number;
  committedLeaderEpoch?: number;
  metadata: string | null;
  errorCode: number;
}

export interface OffsetFetchResponseTopic {
  name: string;
  partitions: OffsetFetchResponsePartition[];
}

export interface OffsetFetchResponse {
  throttleTimeMs?: number;
  topics: OffsetFetchResponseTopic[];
  errorCode?: number;
}
