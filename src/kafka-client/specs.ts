/**
 * Message specs the producer speaks that the embedded broker's table lacks: Metadata up to v8 (the
 * last non-flexible version; the broker serves up to v6) and the SASL pair.
 */
import { array, field, type MessageSpec } from '../broker/protocol/schema.js';
import { Metadata } from '../broker/protocol/messages/metadata.js';

/** Metadata (key 3) v1-v8, client side: the broker's spec (same fields) with the versions clients use. */
export const ClientMetadata: MessageSpec = { ...Metadata, validVersions: { min: 1, max: 8 } };

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
