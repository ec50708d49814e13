// DescribeGroups (key 15), v0-4. Throttle time from v1, authorizedOperations from v3 (INT32_MIN
// when not requested), member groupInstanceId from v4.
import { array, field, structs, type MessageSpec } from '../schema.js';

/** Kafka's "authorized operations not requested" marker. */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const DescribeGroups: MessageSpec = {
  apiKey: 15,
  name: 'DescribeGroups',
  validVersions: { min: 0, max: 4 },
  request: [array('groups', 'string', '0+'), field('includeAuthorizedOperations', 'bool', '3+')],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    structs('groups', '0+', [
      field('errorCode', 'int16', '0+'),
      field('groupId', 'string', '0+'),
      field('groupState', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('protocolData', 'string', '0+'),
      structs('members', '0+', [
        field('memberId', 'string', '0+'),
        field('groupInstanceId', 'string', '4+', { nullable: '4+', default: null }),
        field('clientId', 'string', '0+'),
        field('clientHost', 'string', '0+'),
        field('memberMetadata', 'bytes', '0+'),
        field('memberAssignment', 'bytes', '0+'),
      ]),
      field('authorizedOperations', 'int32', '3+', { default: AUTHORIZED_OPERATIONS_OMITTED }),
    ]),
  ],
};

export interface DescribeGroupsRequest {
  groups: string[];
  includeAuthorizedOperations: boolean;
}

export interface DescribedGroupMember {
  memberId: string;
  groupInstanceId?: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: DescribedGroupMember[];
  authorizedOperations?: number;
}

export interface DescribeGroupsResponse {
  throttleTimeMs?: number;
  groups: DescribedGroup[];
}
