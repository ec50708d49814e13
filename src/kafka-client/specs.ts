/**
 * Message specs the producer speaks that the embedded broker's table lacks: Metadata up to v8 (the
 * last non-flexible version; the broker's spec stops at v6) and the SASL pair.
 */
import { array, field, structs, type MessageSpec } from '../broker/protocol/schema.js';

/** Metadata (key 3) v1-v8, client side. v7 adds leader epochs, v8 authorized operations. */
export const ClientMetadata: MessageSpec = {
  apiKey: 3,
  name: 'Metadata',
  validVersions: { min: 1, max: 8 },
  request: [
    structs('topics', '0+', [field('name', 'string', '0+')], { nullable: '1+' }),
    field('allowAutoTopicCreation', 'bool', '4+', { default: true }),
    field('includeClusterAuthorizedOperations', 'bool', '8-10', { default: false }),
    field('includeTopicAuthorizedOperations', 'bool', '8+', { default: false }),
  ],
  response: [
    field('throttleTimeMs', 'int32', '3+'),
    structs('brokers', '0+', [
      field('nodeId', 'int32', '0+'),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '1+', { nullable: '1+', default: null }),
    ]),
    field('clusterId', 'string', '2+', { nullable: '2+', default: null }),
    field('controllerId', 'int32', '1+', { default: -1 }),
    structs('topics', '0+', [
      field('errorCode', 'int16', '0+'),
      field('name', 'string', '0+'),
      field('isInternal', 'bool', '1+', { default: false }),
      structs('partitions', '0+', [
        field('errorCode', 'int16', '0+'),
        field('partitionIndex', 'int32', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '7+', { default: -1 }),
        array('replicaNodes', 'int32', '0+'),
        array('isrNodes', 'int32', '0+'),
        array('offlineReplicas', 'int32', '5+'),
      ]),
      field('topicAuthorizedOperations', 'int32', '8+', { default: -2147483648 }),
    ]),
    field('clusterAuthorizedOperations', 'int32', '8-10', { default: -2147483648 }),
  ],
};

export interface ClientMetadataResponse {
  brokers: { nodeId: number; host: string; port: number }[];
  clusterId?: string | null;
  controllerId: number;
  topics: {
    errorCode: number;
    name: string;
    partitions: { errorCode: number; partitionIndex: number; leaderId: number }[];
  }[];
}

/** SaslHandshake (key 17): v1 means the tokens then travel in SaslAuthenticate requests. */
export const SaslHandshake: MessageSpec = {
  apiKey: 17,
  name: 'SaslHandshake',
  validVersions: { min: 0, max: 1 },
  request: [field('mechanism', 'string', '0+')],
  response: [field('errorCode', 'int16', '0+'), array('mechanisms', 'string', '0+')],
};

export interface SaslHandshakeResponse {
  errorCode: number;
  mechanisms: string[];
}

/** SaslAuthenticate (key 36) v0-v1; v1 adds the session lifetime, v2 is flexible. */
export const SaslAuthenticate: MessageSpec = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  validVersions: { min: 0, max: 1 },
  request: [field('authBytes', 'bytes', '0+')],
  response: [
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
    field('authBytes', 'bytes', '0+'),
    field('sessionLifetimeMs', 'int64', '1+', { default: 0 }),
  ],
};

export interface SaslAuthenticateResponse {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  sessionLifetimeMs: number;
}
