// ListOffsets (key 2), v1-3. v0 (offsets array reply) is not implemented; v2 adds the isolation
// level and throttle time, v3 changes nothing on the wire.
import { field, structs, type MessageSpec } from '../schema.js';

export const ListOffsets: MessageSpec = {
  apiKey: 2,
  name: 'ListOffsets',
  validVersions: { min: 1, max: 3 },
  request: [
    field('replicaId', 'int32', '0+'),
    field('isolationLevel', 'int8', '2+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        // -1 latest, -2 earliest, otherwise a timestamp in ms.
        field('timestamp', 'int64', '0+'),
      ]),
    ]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+'),
    structs('topics', '0+', [
      field('name', 'string', '0+'),
      structs('partitions', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('timestamp', 'int64', '1+', { default: -1 }),
        field('offset', 'int64', '1+', { default: -1 }),
      ]),
    ]),
  ],
};

export interface ListOffsetsPartition {
  partitionIndex: number;
  timestamp: number;
}

export interface ListOffsetsTopic {
  name: string;
  partitions: ListOffsetsPartition[];
}

export interface ListOffsetsRequest {
  replicaId: number;
  isolationLevel: number;
  topics: ListOffsetsTopic[];
}

export interface ListOffsetsPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  timestamp?: number;
  offset: number;
}

export interface ListOffsetsTopicResponse {
  name: string;
  partitions: ListOffsetsPartitionResponse[];
}

export interface ListOffsetsResponse {
  throttleTimeMs?: number;
  topics: ListOffsetsTopicResponse[];
}
