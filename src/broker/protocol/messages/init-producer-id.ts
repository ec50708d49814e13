// InitProducerId (key 22), v0-1 (v1 identical on the wire). A null transactional id asks for an
// idempotent-only producer id.
import { field, type MessageSpec } from '../schema.js';

export const InitProducerId: MessageSpec = {
  apiKey: 22,
  name: 'InitProducerId',
  validVersions: { min: 0, max: 1 },
  request: [
    field('transactionalId', 'string', '0+', { nullable: '0+', default: null }),
    field('transactionTimeoutMs', 'int32', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('producerId', 'int64', '0+', { default: -1 }),
    field('producerEpoch', 'int16', '0+'),
  ],
};

export interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  throttleTimeMs?: number;
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}
