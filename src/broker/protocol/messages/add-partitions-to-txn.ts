// AddPartitionsToTxn (key 24), v0-1 (v1 identical on the wire). Field names follow Kafka's current
// definition, where the pre-v4 single-transaction layout is prefixed "v3AndBelow".
import { array, field, structs, type MessageSpec } from '../schema.js';

export const AddPartitionsToTxn: MessageSpec = {
  apiKey: 24,
  name: 'AddPartitionsToTxn',
  validVersions: { min: 0, max: 1 },
  request: [
    field('v3AndBelowTransactionalId', 'string', '0-3'),
    field('v3AndBelowProducerId', 'int64', '0-3'),
    field('v3AndBelowProducerEpoch', 'int16', '0-3'),
    structs('v3AndBelowTopics', '0-3', [field('name', 'string', '0+'), array('partitions', 'int32', '0+')]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('resultsByTopicV3AndBelow', '0-3', [
      field('name', 'string', '0+'),
      structs('resultsByPartition', '0+', [
        field('partitionIndex', 'int32', '0+'),
        field('partitionErrorCode', 'int16', '0+'),
      ]),
    ]),
  ],
};

export interface AddPartitionsToTxnTopic {
  name: string;
  partitions: number[];
}

export interface AddPartitionsToTxnRequest {
  v3AndBelowTransactionalId: string;
  v3AndBelowProducerId: number;
  v3AndBelowProducerEpoch: number;
  v3AndBelowTopics: AddPartitionsToTxnTopic[];
}

export interface AddPartitionsToTxnPartitionResult {
  partitionIndex: number;
  partitionErrorCode: number;
}

export interface AddPartitionsToTxnTopicResult {
  name: string;
  resultsByPartition: AddPartitionsToTxnPartitionResult[];
}

export interface AddPartitionsToTxnResponse {
  throttleTimeMs?: number;
  resultsByTopicV3AndBelow: AddPartitionsToTxnTopicResult[];
}
