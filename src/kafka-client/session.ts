/**
 * Opening a usable broker connection: connect, ApiVersions (v0, which every broker answers),
 * pick per API the highest version both sides speak, then SASL when configured
 * (SaslHandshake v1 + SaslAuthenticate v0-v1).
 */
import { ApiVersions, type ApiVersionsResponse } from '../broker/protocol/messages/api-versions.js';
import { BrokerConnection, type ConnectionOptions } from './connection.js';
import { KafkaProtocolError, KafkaSaslError } from './errors.js';
import { plainToken, ScramClient } from './scram.js';
import { SaslAuthenticate, SaslHandshake, type SaslAuthenticateResponse, type SaslHandshakeResponse } from './specs.js';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface SaslOptions {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** The versions this client implements, per API key. */
const CLIENT_RANGES = {
  produce: { apiKey: 0, min: 3, max: 7 },
  metadata: { apiKey: 3, min: 1, max: 8 },
  saslHandshake: { apiKey: 17, min: 1, max: 1 },
  saslAuthenticate: { apiKey: 36, min: 0, max: 1 },
} as const;

export type NegotiatedApi = keyof typeof CLIENT_RANGES;

/** Negotiated version per API; -1 when the broker does not offer a version we speak. */
export type NegotiatedVersions = Record<NegotiatedApi, number>;

export interface Session {
  connection: BrokerConnection;
  versions: NegotiatedVersions;
}

export function negotiateVersions(response: ApiVersionsResponse): NegotiatedVersions {
  const out = {} as NegotiatedVersions;
  for (const name of Object.keys(CLIENT_RANGES) as NegotiatedApi[]) {
    const ours = CLIENT_RANGES[name];
    const theirs = response.apiKeys.find((k) => k.apiKey === ours.apiKey);
    const version = theirs === undefined ? -1 : Math.min(ours.max, theirs.maxVersion);
    out[name] = theirs !== undefined && version >= ours.min && version >= theirs.minVersion ? version : -1;
  }
  return out;
}

export async function openSession(options: ConnectionOptions & { sasl?: SaslOptions }): Promise<Session> {
  const connection = await BrokerConnection.connect(options);
  try {
    const apiVersions = await connection.request<ApiVersionsResponse>(ApiVersions, 0, {});
    if (apiVersions.errorCode !== 0) throw new KafkaProtocolError(apiVersions.errorCode, undefined, undefined, `ApiVersions from ${connection.address}`);
    const versions = negotiateVersions(apiVersions);
    for (const api of ['produce', 'metadata'] as const) {
      if (versions[api] < 0) {
        throw new KafkaProtocolError(35, undefined, undefined, `broker ${connection.address} offers no ${api} version in ${CLIENT_RANGES[api].min}-${CLIENT_RANGES[api].max}`);
      }
    }
    if (options.sasl !== undefined) await authenticate(connection, versions, options.sasl);
    return { connection, versions };
  } catch (err) {
    await connection.close();
    throw err;
  }
}

async function authenticate(connection: BrokerConnection, versions: NegotiatedVersions, sasl: SaslOptions): Promise<void> {
  if (versions.saslHandshake < 0 || versions.saslAuthenticate < 0) {
    throw new KafkaSaslError(`broker ${connection.address} does not offer SaslHandshake v1 and SaslAuthenticate v0-v1`);
  }
  const mechanism = sasl.mechanism.toUpperCase();
  const handshake = await connection.request<SaslHandshakeResponse>(SaslHandshake, versions.saslHandshake, { mechanism });
  if (handshake.errorCode !== 0) {
    throw new KafkaSaslError(`SASL mechanism ${mechanism} refused by ${connection.address} (offers ${handshake.mechanisms.join(', ')})`);
  }
  const exchange = async (token: Buffer): Promise<Buffer> => {
    const res = await connection.request<SaslAuthenticateResponse>(SaslAuthenticate, versions.saslAuthenticate, { authBytes: token });
    if (res.errorCode !== 0) {
      throw new KafkaSaslError(`SASL ${mechanism} authentication with ${connection.address} failed: ${res.errorMessage ?? `error ${res.errorCode}`}`);
    }
    return res.authBytes;
  };
  if (sasl.mechanism === 'plain') {
    await exchange(plainToken(sasl.username, sasl.password));
    return;
  }
  const scram = new ScramClient(sasl.mechanism === 'scram-sha-256' ? 'sha256' : 'sha512', sasl.username, sasl.password);
  const serverFirst = await exchange(scram.clientFirst());
  const serverFinal = await exchange(scram.clientFinal(serverFirst));
  scram.verifyServerFinal(serverFinal);
}
