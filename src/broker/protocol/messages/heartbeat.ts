// Heartbeat (key 12), v0-3. Throttle time from v1, groupInstanceId from v3.
import { field, type MessageSpec } from '../schema.js';

export const Heartbeat: MessageSpec = {
  apiKey: 12,
  name: 'Heartbeat',
  validVersions: { min: 0, max: 3 },
  request: [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
  ],
  response: [field('throttleTimeMs', 'int32', '1+'), field('errorCode', 'int16', '0+')],
};

export interface HeartbeatRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  throttleTimeMs?: number;
  errorCode: number;
}
