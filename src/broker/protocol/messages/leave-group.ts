// LeaveGroup (key 13), v0-3. v0-2 carry a single memberId; v3 (KIP-345) a members array with
// per-member errors in the response.
import { field, structs, type MessageSpec } from '../schema.js';

export const LeaveGroup: MessageSpec = {
  apiKey: 13,
  name: 'LeaveGroup',
  validVersions: { min: 0, max: 3 },
  request: [
    field('groupId', 'string', '0+'),
    field('memberId', 'string', '0-2'),
    structs('members', '3+', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    ]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
    structs('members', '3+', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
      field('errorCode', 'int16', '3+'),
    ]),
  ],
};

export interface MemberIdentity {
  memberId: string;
  groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  groupId: string;
  /** v0-2 only ('' in v3). */
  memberId: string;
  /** v3 only ([] in v0-2). */
  members: MemberIdentity[];
}

export interface LeaveGroupMemberResponse {
  memberId: string;
  groupInstanceId: string | null;
  errorCode: number;
}

export interface LeaveGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  members?: LeaveGroupMemberResponse[];
}
