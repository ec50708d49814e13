// EndTxn (key 26), v0-1 (v1 identical on the wire). committed: true = commit, false = abort.
import { field, type MessageSpec } from '../schema.js';

export const EndTxn: MessageSpec = {
  apiKey: 26,
  name: 'EndTxn',
  validVersions: { min: 0, max: 1 },
  request: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('committed', 'bool', '0+'),
  ],
  response: [field('throttleTimeMs', 'int32', '0+'), field('errorCode', 'int16', '0+')],
};

export interface EndTxnRequest {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  committed: boolean;
}

export interface EndTxnResponse {
  throttleTimeMs?: number;
  errorCode: number;
}
