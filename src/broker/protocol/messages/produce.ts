// Produce (key 0), v0-7. v3 adds the transactional id, v2 the log-append time, v5 the log start
// offset; v6-v7 only change semantics (v7: zstd allowed). throttleTimeMs follows the topic array.
import { field, structs, type MessageSpec } from '../schema.js';

export const Produce: MessageSpec = {
  apiKey: 0,
  name: 'Produce',
  validVersions: { min: 0, max: 7 },
  request: [
    field('transactionalId', 'string', '3+', { nullable: '3+', default: null }),
    field('acks', 'int16', '0+'),
    field('timeoutMs', 'int32', '0+'),
    structs('topicData', '0+', [
      field('name', 'string', '0+'),
      structs('partitionData', '0+', [
        field('index', 'int32', '0+'),
        field('records', 'records', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
  response: [
    structs('responses', '0+', [
      field('name', 'string', '0+'),
      structs('partitionResponses', '0+', [
        field('index', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('baseOffset', 'int64', '0+'),
        field('logAppendTimeMs', 'int64', '2+', { default: -1 }),
        field('logStartOffset', 'int64', '5+', { default: -1 }),
      ]),
    ]),
    field('throttleTimeMs', 'int32', '1+'),
  ],
};

export interface ProducePartitionData {
  index: number;
  records: Buffer | null;
}

export interface ProduceTopicData {
  name: string;
  partitionData: ProducePartitionData[];
}

export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topicData: ProduceTopicData[];
}

export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: number;
  logAppendTimeMs?: number;
  logStartOffset?: number;
}

export interface ProduceTopicResponse {
  name: string;
  partitionResponses: ProducePartitionResponse[];
}

export interface ProduceResponse {
  responses: ProduceTopicResponse[];
  throttleTimeMs?: number;
}
