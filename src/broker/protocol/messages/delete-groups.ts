// DeleteGroups (key 42), v0-1 (v1 identical on the wire).
import { array, field, structs, type MessageSpec } from '../schema.js';

export const DeleteGroups: MessageSpec = {
  apiKey: 42,
  name: 'DeleteGroups',
  validVersions: { min: 0, max: 1 },
  request: [array('groupsNames', 'string', '0+')],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('results', '0+', [field('groupId', 'string', '0+'), field('errorCode', 'int16', '0+')]),
  ],
};

export interface DeleteGroupsRequest {
  groupsNames: string[];
}

export interface DeletableGroupResult {
  groupId: string;
  errorCode: number;
}

export interface DeleteGroupsResponse {
  throttleTimeMs?: number;
  results: DeletableGroupResult[];
}
