// ApiVersions (key 18). Request v3 carries the client software name/version; response header is
// always v0 (handled by the codec). v3 is the only flexible version.
import { field, structs, type MessageSpec } from '../schema.js';

export const ApiVersions: MessageSpec = {
  apiKey: 18,
  name: 'ApiVersions',
  validVersions: { min: 0, max: 3 },
  flexibleFrom: 3,
  request: [
    field('clientSoftwareName', 'string', '3+'),
    field('clientSoftwareVersion', 'string', '3+'),
  ],
  response: [
    field('errorCode', 'int16', '0+'),
    structs('apiKeys', '0+', [
      field('apiKey', 'int16', '0+'),
      field('minVersion', 'int16', '0+'),
      field('maxVersion', 'int16', '0+'),
    ]),
    field('throttleTimeMs', 'int32', '1+'),
  ],
};

export interface ApiVersionsRequest {
  clientSoftwareName: string;
  clientSoftwareVersion: string;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
  throttleTimeMs?: number;
}
