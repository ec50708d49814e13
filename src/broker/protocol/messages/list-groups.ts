// ListGroups (key 16), v0-2. Empty request body; throttle time from v1.
import { field, structs, type MessageSpec } from '../schema.js';

export const ListGroups: MessageSpec = {
  apiKey: 16,
  name: 'ListGroups',
  validVersions: { min: 0, max: 2 },
  request: [],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
    structs('groups', '0+', [field('groupId', 'string', '0+'), field('protocolType', 'string', '0+')]),
  ],
};

export type ListGroupsRequest = Record<string, never>;

export interface ListedGroup {
  groupId: string;
  protocolType: string;
}

export interface ListGroupsResponse {
  throttleTimeMs?: number;
  errorCode: number;
  groups: ListedGroup[];
}
