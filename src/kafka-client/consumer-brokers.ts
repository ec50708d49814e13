/**
 * The consumer's connections: one session per broker for fetches and offset lookups, a separate one
 * to the group coordinator (so a long-polling Fetch never delays heartbeats, and a JoinGroup that
 * waits for a rebalance gets a timeout above the rebalance timeout), and cluster metadata.
 */
import type tls from 'node:tls';
import type { Logger } from 'pino';
import { ClusterMetadata } from './cluster.js';
import { consumerVersions, type ConsumerVersions } from './consumer-versions.js';
import { KafkaConnectionError, KafkaProtocolError } from './errors.js';
import { openSession, type SaslOptions, type Session } from './session.js';
import { ClientMetadata, type ClientMetadataResponse } from './specs.js';

export interface BrokerSession {
  session: Session;
  versions: ConsumerVersions;
}

export interface ConsumerBrokersOptions {
  bootstrapServers: string[];
  clientId: string;
  /** Timeout of fetch-side requests (Fetch adds its max wait on top). */
  requestTimeoutMs: number;
  /** Timeout of coordinator requests (JoinGroup may wait for the whole rebalance). */
  coordinatorTimeoutMs: number;
  ssl?: tls.ConnectionOptions;
  sasl?: SaslOptions;
  logger: Logger;
}

/** Metadata topics as decoded (isInternal is in the spec but not in the producer's type). */
export interface MetadataTopic {
  errorCode: number;
  name: string;
  isInternal?: boolean;
  partitions: { errorCode: number; partitionIndex: number; leaderId: number }[];
}

export function parseAddress(server: string): { host: string; port: number } {
  const colon = server.lastIndexOf(':');
  if (colon < 0) return { host: server, port: 9092 };
  return { host: server.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(server.slice(colon + 1)) };
}

export class ConsumerBrokers {
  readonly cluster = new ClusterMetadata();
  private readonly sessions = new Map<string, Promise<BrokerSession>>();
  private closed = false;

  constructor(private readonly options: ConsumerBrokersOptions) {}

  /** Session for fetches / ListOffsets to a broker by node id. */
  forNode(nodeId: number): Promise<BrokerSession> {
    const address = this.cluster.brokers.get(nodeId);
    if (address === undefined) return Promise.reject(new KafkaProtocolError(5, undefined, undefined, `broker ${nodeId} is not in metadata`));
    return this.open('data', address.host, address.port, this.options.requestTimeoutMs);
  }

  /** The dedicated coordinator session. */
  coordinator(host: string, port: number): Promise<BrokerSession> {
    return this.open('coordinator', host, port, this.options.coordinatorTimeoutMs);
  }

  /** Any open session: known brokers first, then the bootstrap list. */
  async any(): Promise<BrokerSession> {
    for (const [key, s] of this.sessions) {
      if (!key.startsWith('data ')) continue;
      const bs = await s.catch(() => null);
      if (bs !== null && bs.session.connection.isOpen) return bs;
    }
    let lastError: unknown = new KafkaConnectionError('no bootstrap server reachable');
    for (const { host, port } of [...this.cluster.brokers.values(), ...this.options.bootstrapServers.map(parseAddress)]) {
      try {
        return await this.open('data', host, port, this.options.requestTimeoutMs);
      } catch (err) {
        if (!(err instanceof KafkaConnectionError)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  /** Metadata for the topics (null: all topics); updates the cluster view. */
  async metadata(topics: readonly string[] | null, allowAutoTopicCreation: boolean): Promise<MetadataTopic[]> {
    const { session } = await this.any();
    const response = await session.connection.request<ClientMetadataResponse>(ClientMetadata, session.versions.metadata, {
      topics: topics === null ? null : topics.map((name) => ({ name })),
      allowAutoTopicCreation,
    });
    this.cluster.update(response);
    return response.topics as MetadataTopic[];
  }

  /** Closes a session whose requests failed so the next use reconnects. */
  async drop(bs: BrokerSession): Promise<void> {
    for (const [key, s] of this.sessions) {
      if ((await s.catch(() => null)) === bs) this.sessions.delete(key);
    }
    await bs.session.connection.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.then((x) => x.session.connection.close(), () => undefined)));
  }

  private open(purpose: 'data' | 'coordinator', host: string, port: number, requestTimeoutMs: number): Promise<BrokerSession> {
    if (this.closed) return Promise.reject(new KafkaConnectionError('consumer is stopped'));
    const key = `${purpose} ${host}:${port}`;
    const existing = this.sessions.get(key);
    if (existing !== undefined) {
      return existing.then(
        (s) => (s.session.connection.isOpen ? s : this.reopen(key, host, port, requestTimeoutMs, existing)),
        () => this.reopen(key, host, port, requestTimeoutMs, existing),
      );
    }
    return this.reopen(key, host, port, requestTimeoutMs, undefined);
  }

  private reopen(key: string, host: string, port: number, requestTimeoutMs: number, stale: Promise<BrokerSession> | undefined): Promise<BrokerSession> {
    const current = this.sessions.get(key);
    if (current !== undefined && current !== stale) return current;
    if (this.closed) return Promise.reject(new KafkaConnectionError('consumer is stopped'));
    const { clientId, ssl, sasl, logger } = this.options;
    const opening = (async (): Promise<BrokerSession> => {
      const session = await openSession({ host, port, clientId, requestTimeoutMs, ssl, sasl, logger });
      try {
        return { session, versions: await consumerVersions(session) };
      } catch (err) {
        await session.connection.close();
        throw err;
      }
    })();
    this.sessions.set(key, opening);
    opening.catch(() => {
      if (this.sessions.get(key) === opening) this.sessions.delete(key);
    });
    return opening;
  }
}
