// FindCoordinator (key 10), v0-2. v1 adds keyType (0 group, 1 transaction), throttle time and the
// error message; v2 changes nothing on the wire.
import { field, type MessageSpec } from '../schema.js';

export const FindCoordinator: MessageSpec = {
  apiKey: 10,
  name: 'FindCoordinator',
  validVersions: { min: 0, max: 2 },
  request: [field('key', 'string', '0-3'), field('keyType', 'int8', '1+', { default: 0 })],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0-3'),
    field('errorMessage', 'string', '1-3', { nullable: '1-3', default: null }),
    field('nodeId', 'int32', '0-3'),
    field('host', 'string', '0-3'),
    field('port', 'int32', '0-3'),
  ],
};

export interface FindCoordinatorRequest {
  key: string;
  keyType: number;
}

export interface FindCoordinatorResponse {
  throttleTimeMs?: number;
  errorCode: number;
  errorMessage?: string | null;
  nodeId: number;
  host: string;
  port: number;
}
