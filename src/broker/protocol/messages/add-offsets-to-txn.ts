// AddOffsetsToTxn (key 25), v0-1 (v1 identical on the wire).
import { field, type MessageSpec } from '../schema.js';

export const AddOffsetsToTxn: MessageSpec = {
  apiKey: 25,
  name: 'AddOffsetsToTxn',
  validVersions: { min: 0, max: 1 },
  request: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('groupId', 'string', '0+'),
  ],
  response: [field('throttleTimeMs', 'int32', '0+'), field('errorCode', 'int16', '0+')],
};

export interface AddOffsetsToTxnRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  groupId: string;
}

export interface AddOffsetsToTxnResponse {
  throttleTimeMs?: number;
  errorCode: number;
}
