// OffsetCommit (key 8), v2-7. retentionTimeMs exists only in v2-4; v3 adds throttle time, v6 the
// leader epoch, v7 the static member id. Non-flexible in range (flexible from 8).
import { field, structs, type MessageSpec } from '../schema.js';

export const OffsetCommit: MessageSpec = {
  apiKey: 8,
  name: 'OffsetCommit',
  validVersions: { min: 2, max: 7 },
  request: [
    field('groupId', 'string', '0+'),
    field('generationIdOrMemberEpoch', 'int32', '1+', { default: -1 }),
    field('memberId', 'string', '1+'),
    field('groupInstanceId', 'string', '7+', { nullable: '7+', default: null }),
    field('retentionTimeMs', 'int64', '2-4', { default: -1 }),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '6+', { default: -1 }),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [field('partitionIndex', 'int32', '0+'), field('errorCode', 'int16', '0+')]),
    ]),
  ],
};

export interface OffsetCommitRequestPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  committedMetadata: string | null;
}

export interface OffsetCommitRequestTopic {
  name: string;
  partitions: OffsetCommitRequestPartition[];
}

export interface OffsetCommitRequest {
  groupId: string;
  /** The generation id (classic groups). */
  generationIdOrMemberEpoch: number;
  memberId: string;
  groupInstanceId: string | null;
  /** -1 = broker default; only sent in v2-4. */
  retentionTimeMs: number;
  topics: OffsetCommitRequestTopic[];
}

export interface PartitionErrorCode {
  partitionIndex: number;
  errorCode: number;
}

export interface OffsetCommitResponseTopic {
  name: string;
  partitions: PartitionErrorCode[];
}

export interface OffsetCommitResponse {
  throttleTimeMs?: number;
  topics: OffsetCommitResponseTopic[];
}
