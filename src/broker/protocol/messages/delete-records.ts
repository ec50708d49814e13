// DeleteRecords (key 21), v0-1 (kafkajs deleteTopicRecords). v1 changes nothing on the wire.
import { field, structs, type MessageSpec } from '../schema.js';

export const DeleteRecords: MessageSpec = {
  apiKey: 21,
  name: 'DeleteRecords',
  validVersions: { min: 0, max: 1 },
  request: [
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      // offset -1 means "up to the high watermark".
      structs('partitions', '0+', [field('partitionIndex', 'int32', '0+'), field('offset', 'int64', '0+')]),
    ]),
    field('timeoutMs', 'int32', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('lowWatermark', 'int64', '0+'),
        field('errorCode', 'int16', '0+'),
      ]),
    ]),
  ],
};

export interface DeleteRecordsPartition {
  partitionIndex: number;
  offset: number;
}

export interface DeleteRecordsTopic {
  name: string;
  partitions: DeleteRecordsPartition[];
}

export interface DeleteRecordsRequest {
  topics: DeleteRecordsTopic[];
  timeoutMs: number;
}

export interface DeleteRecordsPartitionResult {
  partitionIndex: number;
  lowWatermark: number;
  errorCode: number;
}

export interface DeleteRecordsTopicResult {
  name: string;
  partitions: DeleteRecordsPartitionResult[];
}

export interface DeleteRecordsResponse {
  throttleTimeMs?: number;
  topics: DeleteRecordsTopicResult[];
}
