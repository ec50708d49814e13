// DeleteTopics (key 20), v0-3. Throttle time from v1; v2-v3 change nothing on the wire.
import { array, field, structs, type MessageSpec } from '../schema.js';

export const DeleteTopics: MessageSpec = {
  apiKey: 20,
  name: 'DeleteTopics',
  validVersions: { min: 0, max: 3 },
  request: [array('topicNames', 'string', '0-5'), field('timeoutMs', 'int32', '0+')],
  response: [
    field('throttleTimeMs', 'int32', '1+'),
    structs('responses', '0+', [field('name', 'string', '0+', { nullable: '6+' }), field('errorCode', 'int16', '0+')]),
  ],
};

export interface DeleteTopicsRequest {
  topicNames: string[];
  timeoutMs: number;
}

export interface DeletableTopicResult {
  name: string;
  errorCode: number;
}

export interface DeleteTopicsResponse {
  throttleTimeMs?: number;
  responses: DeletableTopicResult[];
}
