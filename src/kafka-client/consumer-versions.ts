/**
 * The API versions the consumer speaks, negotiated per broker from an ApiVersions answer: for each
 * API the highest version both sides implement (the broker specs in src/broker/protocol/messages
 * bound ours).
 */
import type { ApiVersionsResponse } from '../broker/protocol/messages/api-versions.js';
import { ApiVersions } from '../broker/protocol/messages/api-versions.js';
import { KafkaProtocolError } from './errors.js';
import type { Session } from './session.js';

const CONSUMER_RANGES = {
  fetch: { apiKey: 1, min: 4, max: 11 },
  listOffsets: { apiKey: 2, min: 1, max: 3 },
  offsetCommit: { apiKey: 8, min: 2, max: 7 },
  offsetFetch: { apiKey: 9, min: 1, max: 7 },
  findCoordinator: { apiKey: 10, min: 0, max: 2 },
  joinGroup: { apiKey: 11, min: 0, max: 5 },
  heartbeat: { apiKey: 12, min: 0, max: 3 },
  leaveGroup: { apiKey: 13, min: 0, max: 3 },
  syncGroup: { apiKey: 14, min: 0, max: 3 },
} as const;

export type ConsumerApi = keyof typeof CONSUMER_RANGES;

/** Negotiated version per API; -1 when the broker offers none we speak. */
export type ConsumerVersions = Record<ConsumerApi, number>;

export function negotiateConsumerVersions(response: ApiVersionsResponse): ConsumerVersions {
  const out = {} as ConsumerVersions;
  for (const name of Object.keys(CONSUMER_RANGES) as ConsumerApi[]) {
    const ours = CONSUMER_RANGES[name];
    const theirs = response.apiKeys.find((k) => k.apiKey === ours.apiKey);
    const version = theirs === undefined ? -1 : Math.min(ours.max, theirs.maxVersion);
    out[name] = theirs !== undefined && version >= ours.min && version >= theirs.minVersion ? version : -1;
  }
  return out;
}

/** Asks an open session's broker for its versions (openSession keeps only the producer's). */
export async function consumerVersions(session: Session): Promise<ConsumerVersions> {
  const response = await session.connection.request<ApiVersionsResponse>(ApiVersions, 0, {});
  if (response.errorCode !== 0) throw new KafkaProtocolError(response.errorCode, undefined, undefined, `ApiVersions from ${session.connection.address}`);
  return negotiateConsumerVersions(response);
}

/** The version to use for an API, or an UNSUPPORTED_VERSION error naming the broker. */
export function versionFor(versions: ConsumerVersions, api: ConsumerApi, address: string): number {
  const v = versions[api];
  if (v < 0) {
    const r = CONSUMER_RANGES[api];
    throw new KafkaProtocolError(35, undefined, undefined, `broker ${address} offers no ${api} version in ${r.min}-${r.max}`);
  }
  return v;
}
