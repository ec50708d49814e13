// IncrementalAlterConfigs (key 44), v0-1; v1 is the flexible (compact) encoding of v0.
import { field, structs, type MessageSpec } from '../schema.js';

export const IncrementalAlterConfigs: MessageSpec = {
  apiKey: 44,
  name: 'IncrementalAlterConfigs',
  validVersions: { min: 0, max: 1 },
  flexibleFrom: 1,
  request: [
    structs('resources', '0+', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      structs('configs', '0+', [
        field('name', 'string', '0+'),
        field('configOperation', 'int8', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ]),
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

/** configOperation values. */
export const ConfigOperation = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface IncrementalAlterableConfig {
  name: string;
  configOperation: number;
  value: string | null;
}

export interface IncrementalAlterConfigsResource {
  resourceType: number;
  resourceName: string;
  configs: IncrementalAlterableConfig[];
}

export interface IncrementalAlterConfigsRequest {
  resources: IncrementalAlterConfigsResource[];
  validateOnly: boolean;
}

export interface IncrementalAlterConfigsResourceResponse {
  errorCode: number;
  errorMessage?: string | null;
  resourceType: number;
  resourceName: string;
}

export interface IncrementalAlterConfigsResponse {
  throttleTimeMs?: number;
  responses: IncrementalAlterConfigsResourceResponse[];
}
