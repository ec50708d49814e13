// AlterConfigs (key 33), v0-1 (v1 identical on the wire). Replaces the whole config set of each
// resource (see IncrementalAlterConfigs for per-key operations).
import { field, structs, type MessageSpec } from '../schema.js';

export const AlterConfigs: MessageSpec = {
  apiKey: 33,
  name: 'AlterConfigs',
  validVersions: { min: 0, max: 1 },
  request: [
    structs('resources', '0+', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      structs('configs', '0+', [field('name', 'string', '0+'), field('value', 'string', '0+', { nullable: '0+' })]),
    ]),
    field('validateOnly', 'bool', '0+'),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('responses', '0+', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
    ]),
  ],
};

export interface AlterableConfig {
  name: string;
  value: string | null;
}

export interface AlterConfigsResource {
  resourceType: number;
  resourceName: string;
  configs: AlterableConfig[];
}

export interface AlterConfigsRequest {
  resources: AlterConfigsResource[];
  validateOnly: boolean;
}

export interface AlterConfigsResourceResponse {
  errorCode: number;
  errorMessage?: string | null;
  resourceType: number;
  resourceName: string;
}

export interface AlterConfigsResponse {
  throttleTimeMs?: number;
  responses: AlterConfigsResourceResponse[];
}
