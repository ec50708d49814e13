/**
 * A lean, non-idempotent Kafka producer: one record batch per partition per request, written
 * straight into one buffer; requests pipelined per broker; leaders from Metadata, refreshed and
 * retried (bounded by requestTimeoutMs, with backoff) on leadership and connection errors.
 */
import type tls from 'node:tls';
import type { Logger } from 'pino';
import { Produce, type ProduceResponse } from '../broker/protocol/messages/produce.js';
import type { CompressionCodec } from '../broker/records/compression.js';
import { silentLogger } from '../util/logger.js';
import { writeBatch } from './batch-writer.js';
import { ClusterMetadata, type TopicLayout } from './cluster.js';
import { KafkaConnectionError, KafkaProtocolError, METADATA_ERRORS, isRetriable } from './errors.js';
import { Partitioner } from './partitioner.js';
import { packRequests, planBatches, PER_PARTITION_OVERHEAD, requestOverhead } from './plan.js';
import { openSession, type SaslOptions, type Session } from './session.js';
import { ClientMetadata, type ClientMetadataResponse } from './specs.js';
import type { ProducerRecord, RecordAck } from './types.js';

export interface LeanProducerOptions {
  /** "host:port" entries. */
  bootstrapServers: string[];
  clientId: string;
  /** 0: no answer; 1: leader; -1: all in-sync replicas. */
  acks: -1 | 0 | 1;
  /** 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  compression: CompressionCodec;
  /** Per request, and the bound on a send()'s retries. Default 30 s. */
  requestTimeoutMs?: number;
  ssl?: tls.ConnectionOptions;
  sasl?: SaslOptions;
  /** Largest Produce request; bigger sends are split. Default 1 MiB (Java's max.request.size). */
  maxRequestBytes?: number;
  logger?: Logger;
}

interface Batch {
  partition: number;
  from: number;
  to: number;
  bytes: Buffer;
}

interface BatchFailure {
  batch: Batch;
  error: Error;
}

const RETRY_BACKOFF_MS = 100;
const MAX_RETRY_BACKOFF_MS = 1000;
const NONE = -2;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function parseAddress(server: string): { host: string; port: number } {
  const colon = server.lastIndexOf(':');
  if (colon < 0) return { host: server, port: 9092 };
  const host = server.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(server.slice(colon + 1)) };
}

export class LeanProducer {
  private readonly requestTimeoutMs: number;
  private readonly maxRequestBytes: number;
  private readonly logger: Logger;
  private readonly cluster = new ClusterMetadata();
  private readonly partitioner = new Partitioner();
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly refreshes = new Map<string, Promise<void>>();
  private connected = false;
  private closed = false;

  constructor(private readonly options: LeanProducerOptions) {
    if (options.bootstrapServers.length === 0) throw new Error('bootstrapServers is empty');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.maxRequestBytes = options.maxRequestBytes ?? 1024 * 1024;
    this.logger = options.logger ?? silentLogger();
  }

  /** Connects to a bootstrap server and learns the cluster's brokers. */
  async connect(): Promise<void> {
    if (this.closed) throw new Error('producer is disconnected');
    const { session } = await this.anySession();
    const metadata = await session.connection.request<ClientMetadataResponse>(ClientMetadata, session.versions.metadata, {
      topics: [],
      allowAutoTopicCreation: false,
    });
    this.cluster.update(metadata);
    this.connected = true;
  }

  /** The cluster id learned at connect() (Kafka Connect reports it as kafka_cluster_id). */
  clusterId(): string | null {
    return this.cluster.clusterId;
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.then((x) => x.connection.close(), () => undefined)));
  }

  /** Sends records to a topic; resolves with one ack per record, in order. */
  async send(topic: string, records: ProducerRecord[]): Promise<RecordAck[]> {
    if (this.closed) throw new Error('producer is disconnected');
    if (!this.connected) throw new Error('producer is not connected: call connect() first');
    if (records.length === 0) return [];
    const deadline = Date.now() + this.requestTimeoutMs;
    const layout = await this.partitionsFor(topic, records, deadline);
    const partitionCount = layout.leaders.length;

    const assignment = new Int32Array(records.length);
    this.partitioner.assign(topic, records, partitionCount, layout.available, assignment);
    const overhead = requestOverhead(this.options.clientId, topic);
    const budget = Math.max(1, this.maxRequestBytes - overhead);
    const plan = planBatches(records, assignment, partitionCount, budget - PER_PARTITION_OVERHEAD);
    const now = Date.now();
    const batches: Batch[] = plan.slices.map((s) => ({
      ...s,
      bytes: writeBatch(records, plan.order, s.from, s.to, now, this.options.compression),
    }));

    const baseOffsets = new Map<Batch, number>();
    let pending = batches;
    let backoff = RETRY_BACKOFF_MS;
    for (;;) {
      const failures = await this.dispatch(topic, pending, budget, baseOffsets);
      if (failures.length === 0) break;
      if (this.closed) throw failures[0].error;
      const fatal = failures.find((f) => !this.isRetriable(f.error));
      if (fatal !== undefined) throw fatal.error;
      if (Date.now() + backoff >= deadline) throw failures[0].error;
      this.logger.debug({ topic, failed: failures.length, err: failures[0].error.message }, 'retrying produce');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MS);
      if (failures.some((f) => f.error instanceof KafkaConnectionError || (f.error instanceof KafkaProtocolError && METADATA_ERRORS.has(f.error.errorCode)))) {
        await this.refresh(topic).catch((err: Error) => this.logger.debug({ topic, err: err.message }, 'metadata refresh failed'));
      }
      pending = failures.map((f) => f.batch);
    }

    const acks: RecordAck[] = new Array(records.length);
    for (const b of batches) {
      const base = baseOffsets.get(b) ?? -1;
      for (let k = b.from; k < b.to; k++) {
        acks[plan.order[k]] = { partition: b.partition, offset: base < 0 ? -1n : BigInt(base + (k - b.from)) };
      }
    }
    return acks;
  }

  private isRetriable(err: Error): boolean {
    if (err instanceof KafkaConnectionError) return true;
    return err instanceof KafkaProtocolError && isRetriable(err.errorCode);
  }

  /** The topic's layout once it has partitions, checking explicit partitions exist. */
  private async partitionsFor(topic: string, records: readonly ProducerRecord[], deadline: number): Promise<TopicLayout> {
    let maxExplicit = -1;
    for (const r of records) {
      if (r.partition === undefined) continue;
      if (!Number.isInteger(r.partition) || r.partition < 0) {
        throw new KafkaProtocolError(3, topic, r.partition, `invalid partition ${r.partition}`);
      }
      if (r.partition > maxExplicit) maxExplicit = r.partition;
    }
    let refreshed = false;
    let backoff = RETRY_BACKOFF_MS;
    for (;;) {
      const layout = this.cluster.topic(topic);
      if (layout !== undefined && layout.errorCode === 0 && layout.leaders.length > 0) {
        if (maxExplicit < layout.leaders.length) return layout;
        if (refreshed) {
          throw new KafkaProtocolError(3, topic, maxExplicit, `partition ${maxExplicit} does not exist: the topic has ${layout.leaders.length} partitions`);
        }
      } else if (layout !== undefined && layout.errorCode !== 0 && !isRetriable(layout.errorCode)) {
        throw new KafkaProtocolError(layout.errorCode, topic, undefined);
      } else if (refreshed) {
        if (Date.now() + backoff >= deadline) throw new KafkaProtocolError(layout?.errorCode || 3, topic, undefined, 'no partitions in metadata');
        await sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MS);
      }
      await this.refresh(topic);
      refreshed = true;
    }
  }

  /** Fetches metadata for the topic (auto-creating it where the broker allows); concurrent calls share one request. */
  private refresh(topic: string): Promise<void> {
    let inflight = this.refreshes.get(topic);
    if (inflight === undefined) {
      inflight = (async () => {
        try {
          const { session } = await this.anySession();
          const response = await session.connection.request<ClientMetadataResponse>(ClientMetadata, session.versions.metadata, {
            topics: [{ name: topic }],
            allowAutoTopicCreation: true,
          });
          this.cluster.update(response);
        } finally {
          this.refreshes.delete(topic);
        }
      })();
      this.refreshes.set(topic, inflight);
    }
    return inflight;
  }

  /** Sends batches to their leaders; returns those that failed. Successful base offsets go to `offsets`. */
  private async dispatch(topic: string, batches: readonly Batch[], budget: number, offsets: Map<Batch, number>): Promise<BatchFailure[]> {
    const layout = this.cluster.topic(topic);
    const byLeader = new Map<number, Batch[]>();
    const failures: BatchFailure[] = [];
    for (const b of batches) {
      const leader = layout !== undefined && b.partition < layout.leaders.length ? layout.leaders[b.partition] : -1;
      if (leader < 0 || !this.cluster.brokers.has(leader)) {
        failures.push({ batch: b, error: new KafkaProtocolError(5, topic, b.partition) });
        continue;
      }
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(b);
    }
    const sends: Promise<void>[] = [];
    for (const [leader, list] of byLeader) {
      for (const request of packRequests(list, budget)) {
        sends.push(this.produce(leader, topic, request, offsets, failures));
      }
    }
    await Promise.all(sends);
    return failures;
  }

  private async produce(leader: number, topic: string, batches: Batch[], offsets: Map<Batch, number>, failures: BatchFailure[]): Promise<void> {
    const body = {
      transactionalId: null,
      acks: this.options.acks,
      timeoutMs: this.requestTimeoutMs,
      topicData: [{ name: topic, partitionData: batches.map((b) => ({ index: b.partition, records: b.bytes })) }],
    };
    try {
      const session = await this.sessionFor(leader);
      const version = session.versions.produce;
      if (this.options.acks === 0) {
        await session.connection.send(Produce, version, body);
        for (const b of batches) offsets.set(b, NONE);
        return;
      }
      const response = await session.connection.request<ProduceResponse>(Produce, version, body);
      const byPartition = new Map<number, { errorCode: number; baseOffset: number }>();
      for (const t of response.responses) {
        if (t.name !== topic) continue;
        for (const p of t.partitionResponses) byPartition.set(p.index, p);
      }
      for (const b of batches) {
        const p = byPartition.get(b.partition);
        if (p === undefined) failures.push({ batch: b, error: new KafkaConnectionError(`Produce response lacks ${topic}-${b.partition}`) });
        else if (p.errorCode !== 0) failures.push({ batch: b, error: new KafkaProtocolError(p.errorCode, topic, b.partition) });
        else offsets.set(b, p.baseOffset);
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const b of batches) failures.push({ batch: b, error });
    }
  }

  private sessionFor(nodeId: number): Promise<Session> {
    const address = this.cluster.brokers.get(nodeId);
    if (address === undefined) return Promise.reject(new KafkaProtocolError(5, undefined, undefined, `broker ${nodeId} is not in metadata`));
    return this.session(address.host, address.port);
  }

  /** An open session to any broker: known brokers first, then the bootstrap list. */
  private async anySession(): Promise<{ session: Session }> {
    for (const s of this.sessions.values()) {
      const session = await s.catch(() => null);
      if (session !== null && session.connection.isOpen) return { session };
    }
    let lastError: unknown = new KafkaConnectionError('no bootstrap server reachable');
    const candidates = [...this.cluster.brokers.values(), ...this.options.bootstrapServers.map(parseAddress)];
    for (const { host, port } of candidates) {
      try {
        return { session: await this.session(host, port) };
      } catch (err) {
        if (!(err instanceof KafkaConnectionError)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  private session(host: string, port: number): Promise<Session> {
    if (this.closed) return Promise.reject(new KafkaConnectionError('producer is disconnected'));
    const key = `${host}:${port}`;
    const existing = this.sessions.get(key);
    if (existing !== undefined) {
      return existing.then((s) => (s.connection.isOpen ? s : this.reopen(key, host, port, existing)));
    }
    return this.reopen(key, host, port, undefined);
  }

  private reopen(key: string, host: string, port: number, stale: Promise<Session> | undefined): Promise<Session> {
    const current = this.sessions.get(key);
    if (current !== undefined && current !== stale) return current;
    const opening = openSession({
      host,
      port,
      clientId: this.options.clientId,
      requestTimeoutMs: this.requestTimeoutMs,
      ssl: this.options.ssl,
      sasl: this.options.sasl,
      logger: this.logger,
    });
    this.sessions.set(key, opening);
    opening.catch(() => {
      if (this.sessions.get(key) === opening) this.sessions.delete(key);
    });
    return opening;
  }
}
