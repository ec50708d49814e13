// JoinGroup (key 11), v0-5. v1 adds the rebalance timeout (v0 uses the session timeout), v2 the
// throttle time, v4 MEMBER_ID_REQUIRED semantics, v5 static membership (groupInstanceId).
import { field, structs, type MessageSpec } from '../schema.js';

export const JoinGroup: MessageSpec = {
  apiKey: 11,
  name: 'JoinGroup',
  validVersions: { min: 0, max: 5 },
  request: [
    field('groupId', 'string', '0+'),
    field('sessionTimeoutMs', 'int32', '0+'),
    field('rebalanceTimeoutMs', 'int32', '1+', { default: -1 }),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '5+', { nullable: '5+', default: null }),
    field('protocolType', 'string', '0+'),
    structs('protocols', '0+', [field('name', 'string', '0+'), field('metadata', 'bytes', '0+')]),
  ],
  response: [
    field('throttleTimeMs', 'int32', '2+'),
    field('errorCode', 'int16', '0+'),
    field('generationId', 'int32', '0+', { default: -1 }),
    field('protocolName', 'string', '0+', { nullable: '7+' }),
    field('leader', 'string', '0+'),
    field('memberId', 'string', '0+'),
    structs('members', '0+', [
      field('memberId', 'string', '0+'),
      field('groupInstanceId', 'string', '5+', { nullable: '5+', default: null }),
      field('metadata', 'bytes', '0+'),
    ]),
  ],
};

export interface JoinGroupRequestProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  /** -1 when absent (v0): use the session timeout. */
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: JoinGroupRequestProtocol[];
}

export interface JoinGroupResponseMember {
  memberId: string;
  groupInstanceId?: string | null;
  metadata: Buffer;
}

export interface JoinGroupResponse {
  throttleTimeMs?: number;
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  members: JoinGroupResponseMember[];
}
