// TxnOffsetCommit (key 28), v0-1 (v1 identical on the wire; leader epoch arrives in v2).
import { field, structs, type MessageSpec } from '../schema.js';

export const TxnOffsetCommit: MessageSpec = {
  apiKey: 28,
  name: 'TxnOffsetCommit',
  validVersions: { min: 0, max: 1 },
  request: [
    field('transactionalId', 'string', '0+'),
    field('groupId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [field('partitionIndex', 'int32', '0+'), field('errorCode', 'int16', '0+')]),
    ]),
  ],
};

export interface TxnOffsetCommitRequestPartition {
  partitionIndex: number;
  committedOffset: number;
  committedMetadata: string | null;
}

export interface TxnOffsetCommitRequestTopic {
  name: string;
  partitions: TxnOffsetCommitRequestPartition[];
}

export interface TxnOffsetCommitRequest {
  transactionalId: string;
  groupId: string;
  producerId: number;
  producerEpoch: number;
  topics: TxnOffsetCommitRequestTopic[];
}

export interface TxnOffsetCommitResponsePartition {
  partitionIndex: number;
  errorCode: number;
}

export interface TxnOffsetCommitResponseTopic {
  name: string;
  partitions: TxnOffsetCommitResponsePartition[];
}

export interface TxnOffsetCommitResponse {
  throttleTimeMs?: number;
  topics: TxnOffsetCommitResponseTopic[];
}
