// DescribeConfigs (key 32), v0-2. v0 reports isDefault; v1 replaces it with configSource and adds
// synonyms and includeSynonyms; v2 changes nothing on the wire.
import { array, field, structs, type MessageSpec } from '../schema.js';

export const DescribeConfigs: MessageSpec = {
  apiKey: 32,
  name: 'DescribeConfigs',
  validVersions: { min: 0, max: 2 },
  request: [
    structs('resources', '0+', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      array('configurationKeys', 'string', '0+', { nullable: '0+', default: null }),
    ]),
    field('includeSynonyms', 'bool', '1+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '0+'),
    structs('results', '0+', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      structs('configs', '0+', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
        field('readOnly', 'bool', '0+'),
        field('isDefault', 'bool', '0'),
        field('configSource', 'int8', '1+', { default: -1 }),
        field('isSensitive', 'bool', '0+'),
        structs('synonyms', '1+', [
          field('name', 'string', '1+'),
          field('value', 'string', '1+', { nullable: '0+' }),
          field('source', 'int8', '1+'),
        ]),
      ]),
    ]),
  ],
};

/** Resource types used by the configs APIs. */
export const ConfigResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** configSource values (v1+). */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

export interface DescribeConfigsResource {
  resourceType: number;
  resourceName: string;
  /** null = every key. */
  configurationKeys: string[] | null;
}

export interface DescribeConfigsRequest {
  resources: DescribeConfigsResource[];
  includeSynonyms: boolean;
}

export interface DescribeConfigsSynonym {
  name: string;
  value: string | null;
  source: number;
}

export interface DescribeConfigsResourceResult {
  name: string;
  value: string | null;
  readOnly: boolean;
  /** v0 only. */
  isDefault?: boolean;
  /** v1+. */
  configSource?: number;
  isSensitive: boolean;
  synonyms?: DescribeConfigsSynonym[];
}

export interface DescribeConfigsResult {
  errorCode: number;
  errorMessage?: string | null;
  resourceType: number;
  resourceName: string;
  configs: DescribeConfigsResourceResult[];
}

export interface DescribeConfigsResponse {
  throttleTimeMs?: number;
  results: DescribeConfigsResult[];
}
