/**
 * The fetch loop: for the assigned partitions, one Fetch in flight per partition leader, records
 * handed to the batch handler one call per partition per fetch, and the next fetch to a leader sent
 * once the handlers of its previous answer have resolved (so a partition's batches arrive in order
 * and at most one is being handled at a time). Positions come from the caller (committed offsets) or
 * ListOffsets per the reset policy, also after OFFSET_OUT_OF_RANGE.
 */
import type { Logger } from 'pino';
import { Fetch, type FetchResponse } from '../broker/protocol/messages/fetch.js';
import { ListOffsets, type ListOffsetsResponse } from '../broker/protocol/messages/list-offsets.js';
import type { BrokerSession, ConsumerBrokers } from './consumer-brokers.js';
import type { ConsumedBatch, TopicPartition } from './consumer-types.js';
import { versionFor } from './consumer-versions.js';
import { KafkaConnectionError, KafkaProtocolError, METADATA_ERRORS } from './errors.js';
import { decodeFetchedRecords, type AbortedTxn } from './fetcher-records.js';

export interface FetcherOptions {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  maxPartitionBytes: number;
  readCommitted: boolean;
  autoOffsetReset: 'earliest' | 'latest';
  logger: Logger;
}

export interface FetcherHooks {
  onBatch(batch: ConsumedBatch): Promise<void>;
  /** A handler threw or a partition cannot be read: the consumer stops. */
  onFatal(err: Error): void;
  /** Refresh metadata (leaders moved or are unknown). */
  refreshMetadata(): Promise<void>;
}

class PartitionState {
  /** Next offset to fetch; -1 until known (reset per policy). */
  position = -1;
  busy = false;
  resetting = false;
  /** Bumped by seek and revocation: answers to requests sent before are dropped. */
  epoch = 0;
  retryAt = 0;
  /** The leader of the last fetch (the leader waits for this partition's handler). */
  fetchedFrom = -1;
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly key: string,
  ) {}
}

const OFFSET_OUT_OF_RANGE = 1;
const RETRY_BACKOFF_MS = 250;
const METADATA_BACKOFF_MS = 250;

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class Fetcher {
  private states = new Map<string, PartitionState>();
  private readonly paused = new Set<string>();
  private readonly inflight = new Set<number>();
  private readonly handlers = new Set<Promise<void>>();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private dirty = false;
  private refreshing = false;
  private lastRefresh = 0;

  constructor(
    private readonly brokers: ConsumerBrokers,
    private readonly options: FetcherOptions,
    private readonly hooks: FetcherHooks,
  ) {}

  /** Replaces the assignment (not yet fetching); position -1 means reset per policy. */
  assign(partitions: readonly (TopicPartition & { position: number })[]): void {
    this.states = new Map();
    for (const p of partitions) {
      const s = new PartitionState(p.topic, p.partition, key(p.topic, p.partition));
      s.position = p.position;
      this.states.set(s.key, s);
    }
  }

  assigned(): TopicPartition[] {
    return [...this.states.values()].map((s) => ({ topic: s.topic, partition: s.partition }));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops fetching, drops answers still in flight and waits for running handlers. */
  async stop(): Promise<void> {
    this.running = false;
    for (const s of this.states.values()) s.epoch++;
    this.wake();
    await this.loopDone;
    while (this.handlers.size > 0) await Promise.allSettled([...this.handlers]);
  }

  seek(tp: TopicPartition, offset: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid offset ${offset}`);
    const s = this.states.get(key(tp.topic, tp.partition));
    if (s === undefined) throw new Error(`cannot seek ${tp.topic}-${tp.partition}: not assigned to this consumer`);
    s.position = offset;
    s.epoch++;
    s.retryAt = 0;
    this.wake();
  }

  pause(tps: readonly TopicPartition[]): void {
    for (const tp of tps) this.paused.add(key(tp.topic, tp.partition));
  }

  resume(tps: readonly TopicPartition[]): void {
    for (const tp of tps) this.paused.delete(key(tp.topic, tp.partition));
    this.wake();
  }

  /** Called when metadata changed. */
  wake(): void {
    this.dirty = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.dirty = false;
      const now = Date.now();
      let nextRetry = Infinity;
      let unknownLeader = false;
      const cluster = this.brokers.cluster;
      const busyLeaders = new Set<number>();
      for (const s of this.states.values()) if (s.busy) busyLeaders.add(s.fetchedFrom);
      const toFetch = new Map<number, PartitionState[]>();
      const toReset = new Map<number, PartitionState[]>();
      for (const s of this.states.values()) {
        if (s.busy || s.resetting || this.paused.has(s.key)) continue;
        if (s.retryAt > now) {
          nextRetry = Math.min(nextRetry, s.retryAt);
          continue;
        }
        const layout = cluster.topic(s.topic);
        const leader = layout !== undefined && s.partition < layout.leaders.length ? layout.leaders[s.partition] : -1;
        if (leader < 0 || !cluster.brokers.has(leader)) {
          unknownLeader = true;
          continue;
        }
        const target = s.position < 0 ? toReset : toFetch;
        let list = target.get(leader);
        if (list === undefined) target.set(leader, (list = []));
        list.push(s);
      }
      for (const [leader, list] of toReset) void this.reset(leader, list);
      for (const [leader, list] of toFetch) {
        if (!this.inflight.has(leader) && !busyLeaders.has(leader)) void this.fetch(leader, list);
      }
      if (unknownLeader) {
        const due = this.lastRefresh + METADATA_BACKOFF_MS;
        if (!this.refreshing && due <= now) void this.refresh();
        else nextRetry = Math.min(nextRetry, due);
      }
      if (!this.running) break;
      if (!this.dirty) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          if (nextRetry !== Infinity) setTimeout(resolve, Math.max(1, nextRetry - Date.now()));
        });
        this.wakeUp = null;
      }
    }
  }

  private async refresh(): Promise<void> {
    this.refreshing = true;
    try {
      await this.hooks.refreshMetadata();
    } catch (err) {
      this.options.logger.debug({ err: (err as Error).message }, 'metadata refresh failed');
    } finally {
      this.refreshing = false;
      this.lastRefresh = Date.now();
      this.wake();
    }
  }

  private backoff(parts: readonly PartitionState[], err: Error): void {
    const retryAt = Date.now() + RETRY_BACKOFF_MS;
    for (const s of parts) s.retryAt = retryAt;
    if (err instanceof KafkaConnectionError || (err instanceof KafkaProtocolError && METADATA_ERRORS.has(err.errorCode))) {
      this.lastRefresh = 0;
      if (!this.refreshing) void this.refresh();
    }
  }

  private async fetch(leader: number, parts: PartitionState[]): Promise<void> {
    this.inflight.add(leader);
    const sent = parts.map((s) => ({ s, offset: s.position, epoch: s.epoch }));
    let bs: BrokerSession | undefined;
    try {
      bs = await this.brokers.forNode(leader);
      const conn = bs.session.connection;
      const byTopic = new Map<string, { partition: number; currentLeaderEpoch: number; fetchOffset: number; logStartOffset: number; partitionMaxBytes: number }[]>();
      for (const { s, offset } of sent) {
        let list = byTopic.get(s.topic);
        if (list === undefined) byTopic.set(s.topic, (list = []));
        list.push({ partition: s.partition, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: this.options.maxPartitionBytes });
      }
      const res = await conn.request<FetchResponse>(Fetch, versionFor(bs.versions, 'fetch', conn.address), {
        replicaId: -1,
        maxWaitMs: this.options.maxWaitMs,
        minBytes: this.options.minBytes,
        maxBytes: this.options.maxBytes,
        isolationLevel: this.options.readCommitted ? 1 : 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
        forgottenTopicsData: [],
        rackId: '',
      });
      if (res.errorCode !== undefined && res.errorCode !== 0) throw new KafkaProtocolError(res.errorCode, undefined, undefined, `Fetch from ${conn.address}`);
      const answers = new Map<string, FetchResponse['responses'][number]['partitions'][number]>();
      for (const t of res.responses) for (const p of t.partitions) answers.set(key(t.topic, p.partitionIndex), p);
      for (const { s, offset, epoch } of sent) {
        if (!this.running || s.epoch !== epoch || this.states.get(s.key) !== s || this.paused.has(s.key)) continue;
        const p = answers.get(s.key);
        if (p === undefined) continue;
        if (p.errorCode === OFFSET_OUT_OF_RANGE) {
          this.options.logger.info({ topic: s.topic, partition: s.partition, offset, reset: this.options.autoOffsetReset }, 'fetch offset out of range; resetting');
          s.position = -1;
          continue;
        }
        if (p.errorCode !== 0) {
          const err = new KafkaProtocolError(p.errorCode, s.topic, s.partition, 'Fetch');
          this.options.logger.debug({ err: err.message }, 'fetch error');
          this.backoff([s], err);
          continue;
        }
        const records = p.records as Buffer | null;
        const decoded = decodeFetchedRecords(records, offset, this.options.readCommitted, p.abortedTransactions as AbortedTxn[] | null | undefined);
        s.position = decoded.nextOffset;
        if (decoded.records.length > 0) this.dispatch(s, leader, { topic: s.topic, partition: s.partition, records: decoded.records });
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (!(error instanceof KafkaConnectionError) && !(error instanceof KafkaProtocolError)) {
        this.hooks.onFatal(error);
      } else {
        this.options.logger.debug({ leader, err: error.message }, 'fetch failed');
        if (error instanceof KafkaConnectionError && bs !== undefined) await this.brokers.drop(bs).catch(() => undefined);
        this.backoff(parts, error);
      }
    } finally {
      this.inflight.delete(leader);
      this.wake();
    }
  }

  private dispatch(s: PartitionState, leader: number, batch: ConsumedBatch): void {
    s.busy = true;
    s.fetchedFrom = leader;
    const handled: Promise<void> = Promise.resolve()
      .then(() => this.hooks.onBatch(batch))
      .catch((err: unknown) => this.hooks.onFatal(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        s.busy = false;
        this.handlers.delete(handled);
        this.wake();
      });
    this.handlers.add(handled);
  }

  /** Positions per the reset policy via ListOffsets (-2 earliest, -1 latest). */
  private async reset(leader: number, parts: PartitionState[]): Promise<void> {
    for (const s of parts) s.resetting = true;
    const sent = parts.map((s) => ({ s, epoch: s.epoch }));
    try {
      const bs = await this.brokers.forNode(leader);
      const conn = bs.session.connection;
      const timestamp = this.options.autoOffsetReset === 'earliest' ? -2 : -1;
      const byTopic = new Map<string, { partitionIndex: number; timestamp: number }[]>();
      for (const s of parts) {
        let list = byTopic.get(s.topic);
        if (list === undefined) byTopic.set(s.topic, (list = []));
        list.push({ partitionIndex: s.partition, timestamp });
      }
      const res = await conn.request<ListOffsetsResponse>(ListOffsets, versionFor(bs.versions, 'listOffsets', conn.address), {
        replicaId: -1,
        isolationLevel: this.options.readCommitted ? 1 : 0,
        topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
      });
      const answers = new Map<string, { errorCode: number; offset: number }>();
      for (const t of res.topics) for (const p of t.partitions) answers.set(key(t.name, p.partitionIndex), p);
      for (const { s, epoch } of sent) {
        if (s.epoch !== epoch || s.position >= 0) continue;
        const a = answers.get(s.key);
        if (a === undefined) continue;
        if (a.errorCode !== 0) this.backoff([s], new KafkaProtocolError(a.errorCode, s.topic, s.partition, 'ListOffsets'));
        else s.position = a.offset;
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.options.logger.debug({ leader, err: error.message }, 'ListOffsets failed');
      this.backoff(parts, error);
    } finally {
      for (const s of parts) s.resetting = false;
      this.wake();
    }
  }
}
