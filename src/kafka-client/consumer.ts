/**
 * LeanConsumer: a group consumer (classic protocol, protocol type "consumer", eager rebalancing)
 * that hands each fetched batch of a partition to an async handler. Joins with the standard
 * ConsumerProtocol bytes and the Java-compatible "range"/"roundrobin" assignors, so it can share a
 * group with Java, librdkafka and kcat members using those assignors.
 */
import type tls from 'node:tls';
import type { Logger } from 'pino';
import { silentLogger } from '../util/logger.js';
import type { PartitionCounts } from './assignor.js';
import { ConsumerBrokers, type MetadataTopic } from './consumer-brokers.js';
import type { ConsumedBatch, OffsetToCommit, TopicPartition } from './consumer-types.js';
import { KafkaConnectionError, KafkaProtocolError } from './errors.js';
import { Fetcher } from './fetcher.js';
import { GroupClient, isCoordinatorError, REJOIN_ERRORS, tpKey, type Generation, type ProtocolName } from './group-client.js';
import type { SaslOptions } from './session.js';

export interface LeanConsumerOptions {
  /** "host:port" entries. */
  bootstrapServers: string[];
  clientId: string;
  groupId: string;
  /** Default 45 s (Java's session.timeout.ms). */
  sessionTimeoutMs?: number;
  /** Default 300 s (max.poll.interval.ms): how long the group waits for members to rejoin. */
  rebalanceTimeoutMs?: number;
  /** Default 3 s. */
  heartbeatIntervalMs?: number;
  /** Default 500 ms. */
  fetchMaxWaitMs?: number;
  /** Default 1. */
  fetchMinBytes?: number;
  /** Default 50 MiB. */
  fetchMaxBytes?: number;
  /** Default 1 MiB. */
  maxPartitionFetchBytes?: number;
  /** Where to start without a committed offset, and after OFFSET_OUT_OF_RANGE. */
  autoOffsetReset: 'earliest' | 'latest';
  /** Default read_uncommitted. */
  isolationLevel?: 'read_uncommitted' | 'read_committed';
  /**
   * Protocols offered to the group, in preference order. Default ['range', 'roundrobin'] (Java's
   * and librdkafka's names). Add 'RoundRobinAssigner' (round-robin under kafkajs's protocol name)
   * to share a group with kafkajs consumers.
   */
  assignors?: ProtocolName[];
  /** How often metadata is refreshed (regex subscriptions, partition changes). Default 300 s. */
  metadataMaxAgeMs?: number;
  /** Timeout of requests other than JoinGroup (which gets the rebalance timeout + 5 s). Default 30 s. */
  requestTimeoutMs?: number;
  ssl?: tls.ConnectionOptions;
  sasl?: SaslOptions;
  logger?: Logger;
}

export interface ConsumerHandlers {
  /** Each fetched batch of one partition, in offset order; the partition's next fetch waits for it. */
  onBatch(batch: ConsumedBatch): Promise<void>;
  /** After each join, before fetching; seek() works here. */
  onAssigned?(partitions: TopicPartition[]): Promise<void>;
  /** Before rejoining and on stop, once running onBatch calls have resolved: commit here. */
  onRevoked?(partitions: TopicPartition[]): Promise<void>;
  /**
   * The consumer stopped on an error after run() resolved (a handler threw, or the group refused
   * this member). Logged when absent.
   */
  onError?(err: Error): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class LeanConsumer {
  private readonly logger: Logger;
  private readonly brokers: ConsumerBrokers;
  private readonly group: GroupClient;
  private readonly fetcher: Fetcher;
  private subscription: string[] | RegExp | null = null;
  private handlers: ConsumerHandlers | null = null;
  private lifecycle: Promise<void> | null = null;
  private stopping = false;
  private fatal: Error | null = null;
  private rejoinRequested = false;
  private signal: (() => void) | null = null;
  /** Subscribed topics and their partition counts at the last join. */
  private joinedSnapshot = '';
  private lastTopics: string[] = [];
  private generation: Generation | null = null;
  private metadataTimer: NodeJS.Timeout | null = null;
  private heartbeatWake: (() => void) | null = null;

  constructor(private readonly options: LeanConsumerOptions) {
    if (options.bootstrapServers.length === 0) throw new Error('bootstrapServers is empty');
    if (options.groupId === '') throw new Error('groupId is empty');
    this.logger = options.logger ?? silentLogger();
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    const rebalanceTimeoutMs = options.rebalanceTimeoutMs ?? 300_000;
    const fetchMaxWaitMs = options.fetchMaxWaitMs ?? 500;
    this.brokers = new ConsumerBrokers({
      bootstrapServers: options.bootstrapServers,
      clientId: options.clientId,
      requestTimeoutMs: requestTimeoutMs + fetchMaxWaitMs,
      coordinatorTimeoutMs: Math.max(requestTimeoutMs, rebalanceTimeoutMs + 5000),
      ssl: options.ssl,
      sasl: options.sasl,
      logger: this.logger,
    });
    this.group = new GroupClient(this.brokers, {
      groupId: options.groupId,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 45_000,
      rebalanceTimeoutMs,
      protocols: options.assignors ?? ['range', 'roundrobin'],
      logger: this.logger,
      isStopped: () => this.stopping,
    });
    this.fetcher = new Fetcher(
      this.brokers,
      {
        maxWaitMs: fetchMaxWaitMs,
        minBytes: options.fetchMinBytes ?? 1,
        maxBytes: options.fetchMaxBytes ?? 52_428_800,
        maxPartitionBytes: options.maxPartitionFetchBytes ?? 1_048_576,
        readCommitted: options.isolationLevel === 'read_committed',
        autoOffsetReset: options.autoOffsetReset,
        logger: this.logger,
      },
      {
        onBatch: (batch) => (this.handlers as ConsumerHandlers).onBatch(batch),
        onFatal: (err) => this.crash(err),
        refreshMetadata: () => this.refreshMetadata(),
      },
    );
  }

  /** Topics by name, or every (non-internal) topic whose name matches the pattern. */
  subscribe(topics: string[] | RegExp): void {
    if (this.lifecycle !== null) throw new Error('subscribe() must come before run()');
    if (Array.isArray(topics) && topics.length === 0) throw new Error('no topics to subscribe to');
    this.subscription = Array.isArray(topics) ? [...new Set(topics)] : new RegExp(topics.source, topics.flags.replace('g', ''));
  }

  /**
   * Joins the group and starts fetching; resolves once the first assignment is in place (after
   * onAssigned) and rejects when that first join fails. Later failures go to onError.
   */
  run(handlers: ConsumerHandlers): Promise<void> {
    if (this.subscription === null) return Promise.reject(new Error('call subscribe() before run()'));
    if (this.lifecycle !== null) return Promise.reject(new Error('run() was already called'));
    if (this.stopping) return Promise.reject(new Error('consumer is stopped'));
    this.handlers = handlers;
    return new Promise((resolve, reject) => {
      let started = false;
      this.lifecycle = this.live(() => {
        started = true;
        resolve();
      }).then(
        () => {
          if (!started) reject(this.fatal ?? new KafkaConnectionError('consumer stopped before joining'));
          else if (this.fatal !== null) this.report(this.fatal);
        },
        (err: unknown) => {
          const error = err instanceof Error ? err : new Error(String(err));
          if (!started) reject(error);
          else this.report(error);
        },
      );
    });
  }

  /** Commits offsets (the next offset to read) with the current generation. */
  async commit(offsets: OffsetToCommit[]): Promise<void> {
    if (offsets.length === 0) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.group.commit(offsets);
        return;
      } catch (err) {
        if (err instanceof KafkaProtocolError && REJOIN_ERRORS.has(err.errorCode)) this.requestRejoin();
        if (!isCoordinatorError(err) || attempt >= 3 || this.stopping) throw err;
        this.group.markCoordinatorDead();
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  /** The next fetch of the partition starts at offset (also from inside onAssigned / onBatch). */
  seek(tp: TopicPartition, offset: number): void {
    this.fetcher.seek(tp, offset);
  }

  /** Stops fetching the partitions until resume(); kept across rebalances. */
  pause(tps: TopicPartition[]): void {
    this.fetcher.pause(tps);
  }

  resume(tps: TopicPartition[]): void {
    this.fetcher.resume(tps);
  }

  /** Partitions currently assigned to this member. */
  assignment(): TopicPartition[] {
    return this.fetcher.assigned();
  }

  /** Finishes running handlers, calls onRevoked, leaves the group and closes connections. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeLifecycle();
    if (this.lifecycle !== null) await this.lifecycle;
    else await this.brokers.close();
  }

  private report(err: Error): void {
    if (this.handlers?.onError !== undefined) this.handlers.onError(err);
    else this.logger.error({ err: err.message, group: this.options.groupId }, 'lean consumer stopped on an error');
  }

  private crash(err: Error): void {
    if (this.fatal === null) this.fatal = err;
    this.stopping = true;
    this.wakeLifecycle();
  }

  private requestRejoin(): void {
    this.rejoinRequested = true;
    this.wakeLifecycle();
  }

  private wakeLifecycle(): void {
    const s = this.signal;
    this.signal = null;
    s?.();
  }

  private stopHeartbeats(): void {
    const w = this.heartbeatWake;
    this.heartbeatWake = null;
    w?.();
  }

  /** join → assign → fetch until a rebalance or stop → revoke, until stopped; then leave. */
  private async live(started: () => void): Promise<void> {
    const handlers = this.handlers as ConsumerHandlers;
    let first = true;
    try {
      while (!this.stopping) {
        const generation = await this.joinWithRetry();
        if (generation === null) break;
        const tps: TopicPartition[] = [];
        for (const [topic, partitions] of generation.assignment) for (const partition of partitions) tps.push({ topic, partition });
        const committed = tps.length === 0 ? new Map<string, number>() : await this.committedWithRetry(tps);
        if (committed === null) break;
        this.fetcher.assign(tps.map((tp) => ({ ...tp, position: Math.max(-1, committed.get(tpKey(tp.topic, tp.partition)) ?? -1) })));
        this.generation = generation;
        this.logger.info({ group: this.options.groupId, generation: generation.generationId, partitions: tps.length }, 'lean consumer assigned');
        await handlers.onAssigned?.(tps);
        this.fetcher.start();
        if (first) {
          first = false;
          started();
        }
        const heartbeats = this.heartbeat(generation);
        this.scheduleMetadataRefresh();
        while (!this.stopping && !this.rejoinRequested) await new Promise<void>((resolve) => (this.signal = resolve));
        this.rejoinRequested = false;
        await this.fetcher.stop();
        try {
          await handlers.onRevoked?.(tps);
        } catch (err) {
          // A commit in onRevoked after the generation ended (session expired) cannot succeed: carry on and rejoin.
          if (this.stopping || !(err instanceof KafkaProtocolError && REJOIN_ERRORS.has(err.errorCode))) throw err;
          this.logger.warn({ group: this.options.groupId, err: err.message }, 'onRevoked failed: the generation had already ended');
        } finally {
          this.generation = null;
          this.stopHeartbeats();
          await heartbeats;
        }
      }
    } catch (err) {
      if (this.fatal === null) this.fatal = err instanceof Error ? err : new Error(String(err));
      this.stopping = true;
      await this.fetcher.stop();
    } finally {
      this.stopping = true;
      if (this.metadataTimer !== null) clearTimeout(this.metadataTimer);
      await this.group.leave().catch((err: Error) => this.logger.debug({ err: err.message }, 'LeaveGroup failed'));
      await this.brokers.close();
    }
    if (this.fatal !== null) throw this.fatal;
  }

  /** Joins, retrying connection failures; null once stopped. */
  private async joinWithRetry(): Promise<Generation | null> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        const topics = await this.subscribedTopics();
        const generation = await this.group.join(topics, (all) => this.partitionCounts(all));
        this.joinedSnapshot = await this.snapshot(topics).catch(() => '');
        return generation;
      } catch (err) {
        if (this.stopping) return null;
        if (!(err instanceof KafkaConnectionError) && !(err instanceof KafkaProtocolError && err.retriable)) throw err;
        this.logger.debug({ err: (err as Error).message }, 'join failed; retrying');
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1000);
      }
    }
    return null;
  }

  private async committedWithRetry(tps: TopicPartition[]): Promise<Map<string, number> | null> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        return await this.group.committed(tps);
      } catch (err) {
        if (!isCoordinatorError(err)) throw err;
        this.group.markCoordinatorDead();
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1000);
      }
    }
    return null;
  }

  private async heartbeat(generation: Generation): Promise<void> {
    const interval = this.options.heartbeatIntervalMs ?? 3000;
    while (this.generation === generation && !this.stopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.heartbeatWake = null;
          resolve();
        }, interval);
        this.heartbeatWake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.generation !== generation || this.stopping) return;
      try {
        const code = await this.group.heartbeat();
        if (REJOIN_ERRORS.has(code)) {
          this.logger.info({ group: this.options.groupId, errorCode: code }, 'group rebalancing; rejoining');
          if (code === 25) this.group.memberId = '';
          this.requestRejoin();
          return;
        }
        if (code === 14 || code === 15 || code === 16) this.group.markCoordinatorDead();
        else if (code !== 0) this.logger.warn({ group: this.options.groupId, errorCode: code }, 'heartbeat failed');
      } catch (err) {
        this.logger.debug({ err: (err as Error).message }, 'heartbeat failed');
        if (isCoordinatorError(err)) this.group.markCoordinatorDead();
      }
    }
  }

  private scheduleMetadataRefresh(): void {
    if (this.metadataTimer !== null) clearTimeout(this.metadataTimer);
    this.metadataTimer = setTimeout(() => {
      this.metadataTimer = null;
      if (this.stopping) return;
      this.refreshMetadata()
        .catch((err: Error) => this.logger.debug({ err: err.message }, 'metadata refresh failed'))
        .finally(() => {
          if (!this.stopping) this.scheduleMetadataRefresh();
        });
    }, this.options.metadataMaxAgeMs ?? 300_000);
  }

  /** Refreshes metadata; a changed subscription (regex matches, partition counts) triggers a rejoin. */
  private async refreshMetadata(): Promise<void> {
    const topics = await this.subscribedTopics();
    const snapshot = await this.snapshot(topics);
    if (this.generation !== null && snapshot !== this.joinedSnapshot) {
      this.logger.info({ group: this.options.groupId, topics }, 'subscribed topics or partition counts changed; rejoining');
      this.requestRejoin();
    }
    this.fetcher.wake();
  }

  /** The topics the subscription covers now (regex: matched against all topics in metadata). */
  private async subscribedTopics(): Promise<string[]> {
    const sub = this.subscription as string[] | RegExp;
    if (Array.isArray(sub)) {
      this.lastTopics = sub;
      await this.brokers.metadata(sub, true);
      return sub;
    }
    const all = await this.brokers.metadata(null, false);
    this.lastTopics = all.filter((t) => t.errorCode === 0 && t.isInternal !== true && sub.test(t.name)).map((t) => t.name).sort();
    return this.lastTopics;
  }

  private async snapshot(topics: readonly string[]): Promise<string> {
    const counts = await this.partitionCounts(topics, false);
    return JSON.stringify(topics.map((t) => [t, counts.get(t) ?? 0]));
  }

  private async partitionCounts(topics: readonly string[], fetch = true): Promise<PartitionCounts> {
    const counts = new Map<string, number>();
    let layouts: MetadataTopic[] | null = null;
    if (fetch && topics.length > 0) layouts = await this.brokers.metadata(topics, false);
    for (const t of topics) {
      if (layouts !== null) {
        const m = layouts.find((x) => x.name === t);
        if (m !== undefined && m.errorCode === 0 && m.partitions.length > 0) counts.set(t, m.partitions.length);
      } else {
        const layout = this.brokers.cluster.topic(t);
        if (layout !== undefined && layout.errorCode === 0 && layout.leaders.length > 0) counts.set(t, layout.leaders.length);
      }
    }
    return counts;
  }
}
