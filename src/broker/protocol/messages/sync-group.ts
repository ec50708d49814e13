// SyncGroup (key 14), v0-3. Throttle time from v1, groupInstanceId from v3.
import { field, structs, type MessageSpec } from '../schema.js';

export const SyncGroup: MessageSpec = {
  apiKey: 14,
  name: 'SyncGroup',
  validVersions: { min: 0, max: 3 },
  request: [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    structs('assignments', '0+', [field('memberId', 'string', '0+'), field('assignment', 'bytes', '0+')]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
    field('assignment', 'bytes', '0+'),
  ],
};

export interface SyncGroupRequestAssignment {
  memberId: string;
  assignment: Buffer;
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** Only the leader sends assignments. */
  assignments: SyncGroupRequestAssignment[];
}

export interface SyncGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  assignment: Buffer;
}
