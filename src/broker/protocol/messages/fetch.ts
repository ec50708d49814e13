// Fetch (key 1), v4-11. Non-flexible throughout (flexible starts at 12). v7 adds fetch sessions
// (we always answer sessionId 0), v9 the leader epoch, v11 rack id / preferred read replica.
import type { RecordsValue } from '../codec.js';
import { array, field, structs, type MessageSpec } from '../schema.js';

export const Fetch: MessageSpec = {
  apiKey: 1,
  name: 'Fetch',
  validVersions: { min: 4, max: 11 },
  request: [
    field('replicaId', 'int32', '0-14', { default: -1 }),
    field('maxWaitMs', 'int32', '0+'),
    field('minBytes', 'int32', '0+'),
    field('maxBytes', 'int32', '3+', { default: 0x7fffffff }),
    field('isolationLevel', 'int8', '4+', { default: 0 }),
    field('sessionId', 'int32', '7+', { default: 0 }),
    field('sessionEpoch', 'int32', '7+', { default: -1 }),
    structs('topics', '0+', [
      field('topic', 'string', '0-12'),
      structs('partitions', '0+', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '9+', { default: -1 }),
        field('fetchOffset', 'int64', '0+'),
        field('logStartOffset', 'int64', '5+', { default: -1 }),
        field('partitionMaxBytes', 'int32', '0+'),
      ]),
    ]),
    structs('forgottenTopicsData', '7+', [
      field('topic', 'string', '7-12'),
      array('partitions', 'int32', '7+'),
    ]),
    field('rackId', 'string', '11+', { default: '' }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '7+'),
    field('sessionId', 'int32', '7+', { default: 0 }),
    structs('responses', '0+', [
      field('topic', 'string', '0-12'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('highWatermark', 'int64', '0+'),
        field('lastStableOffset', 'int64', '4+', { default: -1 }),
        field('logStartOffset', 'int64', '5+', { default: -1 }),
        structs(
          'abortedTransactions',
          '4+',
          [field('producerId', 'int64', '4+'), field('firstOffset', 'int64', '4+')],
          { nullable: '4+' },
        ),
        field('preferredReadReplica', 'int32', '11+', { default: -1 }),
        field('records', 'records', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
};

export interface FetchPartition {
  partition: number;
  currentLeaderEpoch: number;
  fetchOffset: number;
  logStartOffset: number;
  partitionMaxBytes: number;
}

export interface FetchTopic {
  topic: string;
  partitions: FetchPartition[];
}

export interface ForgottenTopic {
  topic: string;
  partitions: number[];
}

export interface FetchRequest {
  replicaId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  sessionId: number;
  sessionEpoch: number;
  topics: FetchTopic[];
  forgottenTopicsData: ForgottenTopic[];
  rackId: string;
}

export interface AbortedTransaction {
  producerId: number;
  firstOffset: number;
}

export interface FetchPartitionData {
  partitionIndex: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset?: number;
  logStartOffset?: number;
  /** Send an empty array (or omit) when there is nothing to report. */
  abortedTransactions?: AbortedTransaction[] | null;
  preferredReadReplica?: number;
  /** One buffer, several chunks served from disk without copying, or null. */
  records: RecordsValue;
}

export interface FetchableTopicResponse {
  topic: string;
  partitions: FetchPartitionData[];
}

export interface FetchResponse {
  throttleTimeMs?: number;
  errorCode?: number;
  sessionId?: number;
  responses: FetchableTopicResponse[];
}
