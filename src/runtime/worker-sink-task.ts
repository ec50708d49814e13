/**
 * Runs one sink task: a consumer in group `connect-<name>` → converters → transforms → put,
 * committing offsets after flush/preCommit (Kafka Connect's WorkerSinkTask).
 */
import type { ConsumedBatch, ConsumedRecord, LeanConsumer } from '../kafka-client/index.js';
import type { PartitionOffsets, SinkTask, TopicPartition } from '../connect/connector.js';
import { ConnectHeaders, SinkRecord, type SchemaAndValue } from '../data/index.js';
import { ConnectError, RetriableError } from './errors.js';
import type { ProcessingFailure, RawRecord, Stage } from './errors/processing-context.js';
import { SKIPPED } from './errors/retry-with-tolerance.js';
import { tpKey, type SinkTaskContextImpl } from './task-contexts.js';
import { taskName, WorkerTask, type RecordPipelineDeps } from './worker-task.js';
import { SerialQueue } from '../util/serial-queue.js';

export interface SinkTaskSettings {
  offsetFlushIntervalMs: number;
  offsetFlushTimeoutMs: number;
}

export interface SinkSubscription {
  topics?: string[];
  topicsRegex?: RegExp;
  fromBeginning: boolean;
}

export interface WorkerSinkTaskDeps extends RecordPipelineDeps {
  task: SinkTask;
  context: SinkTaskContextImpl;
  /** Creates the task's consumer (group `connect-<name>`) when the task starts. */
  createConsumer: () => LeanConsumer;
  subscription: SinkSubscription;
  settings: SinkTaskSettings;
  onTopicSeen(topic: string): void;
}

const RETRY_BACKOFF_MS = 1000;

export class WorkerSinkTask extends WorkerTask {
  /** Next offset to commit per partition: one past the last record given to put(). */
  private readonly consumed: PartitionOffsets = new Map();
  private readonly committed = new Map<string, number>();
  private assignment = new Map<string, TopicPartition>();
  private readonly queue = new SerialQueue();
  private commitTimer: NodeJS.Timeout | undefined;
  private stopSignal!: () => void;
  private failure: unknown = null;
  private consumerInstance: LeanConsumer | null = null;
  /** The consumed bytes behind each record handed to put(), for the errant record reporter. */
  private readonly rawRecords = new WeakMap<SinkRecord, RawRecord>();
  /** Errant-record reports in flight: offsets are committed only once they are written. */
  private readonly pendingReports = new Set<Promise<void>>();

  constructor(private readonly deps: WorkerSinkTaskDeps) {
    super(deps.id, deps.initialState, deps.listener, deps.logger);
  }

  protected async initializeAndStart(): Promise<void> {
    this.deps.task.initialize(this.deps.context);
    await this.deps.task.start(this.deps.taskConfig);
  }

  private get consumer(): LeanConsumer {
    if (this.consumerInstance === null) throw new ConnectError('the sink consumer is not created yet');
    return this.consumerInstance;
  }

  protected async execute(): Promise<void> {
    const { subscription } = this.deps;
    const consumer = (this.consumerInstance = this.deps.createConsumer());
    const stopped = new Promise<void>((resolve) => (this.stopSignal = resolve));
    consumer.subscribe(subscription.topicsRegex ?? subscription.topics ?? []);
    await consumer.run({
      // Anything escaping a batch fails the task.
      onBatch: (batch) =>
        this.runExclusive(() => this.onBatch(batch)).catch((err: unknown) => {
          this.fail(err);
          throw err;
        }),
      onAssigned: (partitions) => this.runExclusive(() => this.onAssigned(partitions)),
      onRevoked: (partitions) => this.runExclusive(() => this.onRevoked(partitions)),
      onError: (err) => this.fail(err),
    });
    this.commitTimer = setInterval(() => this.enqueue(() => this.commit(false)), this.deps.settings.offsetFlushIntervalMs);
    if (this.isPaused()) this.onPauseRequested();
    await stopped;
    if (this.failure !== null) throw this.failure;
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    this.stopSignal?.();
  }

  /** put(), commits and rebalance callbacks never overlap. */
  private runExclusive(fn: () => Promise<void>): Promise<void> {
    return this.queue.run(fn);
  }

  private enqueue(fn: () => Promise<void>): void {
    this.runExclusive(fn).catch((err: unknown) => this.fail(err));
  }

  private async onBatch(batch: ConsumedBatch): Promise<void> {
    if (this.stopping || this.failure !== null) throw new ConnectError('task is stopping');
    const records: SinkRecord[] = [];
    this.deps.onTopicSeen(batch.topic);
    const trackRaw = this.deps.context.errantRecordReporter() !== null;
    // The common case stays synchronous; only a failure takes the (async) error-handling path.
    for (const message of batch.records) {
      const progress = { stage: 'HEADER_CONVERTER' as Stage };
      let record: SinkRecord | null;
      try {
        const converted = this.toSinkRecord(batch.topic, batch.partition, message, progress);
        record = converted instanceof Promise ? await converted : converted;
      } catch (error) {
        record = await this.convertFailed(batch.topic, batch.partition, message, progress, error);
      }
      if (record === null) continue;
      let transformed: SinkRecord | null;
      try {
        transformed = this.deps.transforms.apply(record);
      } catch (error) {
        transformed = await this.transformFailed(record, rawRecord(batch.topic, batch.partition, message), error);
      }
      if (transformed === null) continue;
      if (trackRaw) this.rawRecords.set(transformed, rawRecord(batch.topic, batch.partition, message));
      records.push(transformed);
    }
    this.deps.metrics.recordRead(this.id.connector, this.id.task, batch.records.length);
    // A RetriableError from put() redelivers the same batch after a backoff, keeping membership.
    for (;;) {
      try {
        await this.deps.task.put(records);
        break;
      } catch (err) {
        if (!(err instanceof RetriableError) || this.stopping) {
          throw new ConnectError('Exiting WorkerSinkTask due to unrecoverable exception.', 500, { cause: err });
        }
        this.log.warn({ err, task: taskName(this.id) }, 'put() failed with a retriable error; redelivering the batch');
        const wait = this.deps.context.timeoutMs > 0 ? this.deps.context.timeoutMs : RETRY_BACKOFF_MS;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    this.deps.metrics.recordPut(this.id.connector, this.id.task, records.length);
    const last = batch.records.at(-1);
    if (last !== undefined) {
      const tp = { topic: batch.topic, partition: batch.partition };
      this.consumed.set(tpKey(tp), { partition: tp, offset: last.offset + 1 });
    }
    await this.applyContextRequests();
  }

  /** A conversion failed: retry, tolerate (null = skipped) or fail, per the error handler. */
  private async convertFailed(topic: string, partition: number, message: ConsumedRecord, progress: { stage: Stage }, error: unknown): Promise<SinkRecord | null> {
    const raw = rawRecord(topic, partition, message);
    const result = await this.deps.errors.handle(this.failureAt(progress.stage, error, raw), () => this.toSinkRecord(topic, partition, message, progress));
    return result === SKIPPED ? null : result;
  }

  private async transformFailed(record: SinkRecord, raw: RawRecord, error: unknown): Promise<SinkRecord | null> {
    const result = await this.deps.errors.handle(this.failureAt('TRANSFORMATION', error, raw), () => this.deps.transforms.apply(record));
    return result === SKIPPED ? null : result;
  }

  private failureAt(stage: Stage, error: unknown, record: RawRecord): ProcessingFailure {
    const c = this.deps.classNames;
    const executingClass =
      stage === 'KEY_CONVERTER' ? c.keyConverter : stage === 'VALUE_CONVERTER' ? c.valueConverter : stage === 'HEADER_CONVERTER' ? c.headerConverter : stage === 'TRANSFORMATION' ? ((error as { transformationClass?: string }).transformationClass ?? 'transformation') : c.task;
    return { stage, executingClass, error, record };
  }

  /** The errant record reporter a sink task gets (SinkTaskContext.errantRecordReporter). */
  reportErrant(record: SinkRecord, error: Error): Promise<void> {
    const raw = this.rawRecords.get(record) ?? {
      topic: record.topic(),
      partition: record.kafkaPartition(),
      offset: record.kafkaOffset(),
      key: null,
      value: null,
      headers: [],
      timestamp: record.timestamp(),
    };
    const reported = this.deps.errors
      .handle(this.failureAt('TASK_PUT', error, raw), () => {
        throw error;
      })
      .then(() => undefined);
    this.pendingReports.add(reported);
    void reported.catch(() => undefined).finally(() => this.pendingReports.delete(reported));
    return reported;
  }

  /**
   * Converts a message; synchronous unless a converter must wait (e.g. fetching an Avro schema
   * for a new id), then a Promise. `progress.stage` tells a failure's stage either way.
   */
  private toSinkRecord(topic: string, partition: number, message: ConsumedRecord, progress: { stage: Stage }): SinkRecord | Promise<SinkRecord> {
    progress.stage = 'HEADER_CONVERTER';
    const headers = this.toConnectHeaders(topic, message.headers);
    progress.stage = 'KEY_CONVERTER';
    const key = this.deps.keyConverter.toConnectData(topic, headers, message.key);
    if (key instanceof Promise) return key.then((k) => this.withValue(topic, partition, message, headers, k, progress));
    return this.withValue(topic, partition, message, headers, key, progress);
  }

  private withValue(topic: string, partition: number, message: ConsumedRecord, headers: ConnectHeaders, key: SchemaAndValue, progress: { stage: Stage }): SinkRecord | Promise<SinkRecord> {
    progress.stage = 'VALUE_CONVERTER';
    const value = this.deps.valueConverter.toConnectData(topic, headers, message.value);
    if (value instanceof Promise) return value.then((v) => sinkRecord(topic, partition, message, headers, key, v));
    return sinkRecord(topic, partition, message, headers, key, value);
  }

  private toConnectHeaders(topic: string, raw: [string, Buffer | null][]): ConnectHeaders {
    const headers = new ConnectHeaders();
    for (const [key, bytes] of raw) headers.addSchemaAndValue(key, this.deps.headerConverter.toConnectHeader(topic, key, bytes));
    return headers;
  }

  private async applyContextRequests(): Promise<void> {
    const ctx = this.deps.context;
    for (const { partition, offset } of ctx.seeks.values()) {
      this.consumer.seek(partition, offset);
    }
    ctx.seeks.clear();
    if (ctx.commitRequested) {
      ctx.commitRequested = false;
      await this.commit(false);
    }
  }

  /** The consumer revokes every partition before a rebalance and on stop: commit, then close. */
  private async onRevoked(revoked: TopicPartition[]): Promise<void> {
    if (this.failure === null && !this.cancelled) await this.commit(true).catch((err: unknown) => this.log.warn({ err, task: taskName(this.id) }, 'commit on revocation failed'));
    if (revoked.length > 0) await this.deps.task.close?.(revoked);
    for (const tp of revoked) {
      this.assignment.delete(tpKey(tp));
      this.consumed.delete(tpKey(tp));
      this.committed.delete(tpKey(tp));
    }
    this.deps.context.setAssignment([...this.assignment.values()]);
  }

  private async onAssigned(assigned: TopicPartition[]): Promise<void> {
    for (const tp of assigned) this.assignment.set(tpKey(tp), tp);
    this.deps.context.setAssignment([...this.assignment.values()]);
    if (assigned.length > 0) await this.deps.task.open?.(assigned);
    if (this.isPaused()) this.pausePartitions(assigned);
    else if (this.deps.context.pausedByTask.size > 0) this.pausePartitions([...this.deps.context.pausedByTask.values()]);
  }

  /** Flush through preCommit and commit what the task says is safe; skips when nothing moved. */
  private async commit(closing: boolean): Promise<void> {
    // Records sent to the errant record reporter count as handled only once the DLQ has them.
    if (this.pendingReports.size > 0) await Promise.all(this.pendingReports);
    const offsets: PartitionOffsets = new Map(this.consumed);
    const started = Date.now();
    let safe: PartitionOffsets;
    try {
      safe = this.deps.task.preCommit ? await this.deps.task.preCommit(offsets) : (await this.deps.task.flush?.(offsets), offsets);
    } catch (err) {
      this.log.error({ err, task: taskName(this.id) }, 'preCommit/flush failed; offsets not committed');
      this.deps.metrics.recordOffsetCommit(this.id.connector, this.id.task, false, Date.now() - started);
      if (closing) throw err;
      return;
    }
    const toCommit = [...safe.entries()].filter(([k, v]) => this.assignment.has(k) && this.committed.get(k) !== v.offset && v.offset <= (this.consumed.get(k)?.offset ?? -1));
    if (toCommit.length === 0) return;
    try {
      await this.consumer.commit(toCommit.map(([, v]) => ({ topic: v.partition.topic, partition: v.partition.partition, offset: v.offset })));
      for (const [k, v] of toCommit) this.committed.set(k, v.offset);
      this.deps.metrics.recordOffsetCommit(this.id.connector, this.id.task, true, Date.now() - started);
    } catch (err) {
      this.deps.metrics.recordOffsetCommit(this.id.connector, this.id.task, false, Date.now() - started);
      this.log.warn({ err, task: taskName(this.id) }, 'offset commit failed');
      if (closing) throw err;
    }
  }

  private pausePartitions(partitions: TopicPartition[]): void {
    this.consumerInstance?.pause(partitions); // before the consumer exists, execute() applies the target state
  }

  private resumePartitions(partitions: TopicPartition[]): void {
    this.consumerInstance?.resume(partitions);
  }

  /** Called by the context when the task pauses/resumes partitions itself. */
  applyTaskPause(pause: TopicPartition[], resume: TopicPartition[]): void {
    if (pause.length > 0) this.pausePartitions(pause);
    if (resume.length > 0 && !this.isPaused()) this.resumePartitions(resume);
  }

  protected override onPauseRequested(): void {
    this.pausePartitions([...this.assignment.values()]);
    this.deps.context.requestCommit();
  }

  protected override onResumeRequested(): void {
    const pausedByTask = this.deps.context.pausedByTask;
    this.resumePartitions([...this.assignment.entries()].filter(([k]) => !pausedByTask.has(k)).map(([, tp]) => tp));
  }

  protected onStopRequested(): void {
    this.stopSignal?.();
  }

  protected async cleanup(): Promise<void> {
    clearInterval(this.commitTimer);
    // Stopping the consumer revokes its partitions: the final commit (unless failed) and close().
    await this.consumerInstance?.stop().catch((err: unknown) => this.log.warn({ err, task: taskName(this.id) }, 'error stopping the consumer'));
    await this.deps.onClose().catch(() => undefined);
    await Promise.resolve(this.deps.task.stop());
    this.deps.transforms.close();
  }
}

function rawRecord(topic: string, partition: number, message: ConsumedRecord): RawRecord {
  return {
    topic,
    partition,
    offset: BigInt(message.offset),
    key: message.key,
    value: message.value,
    headers: message.headers,
    timestamp: message.timestamp,
  };
}

function sinkRecord(topic: string, partition: number, message: ConsumedRecord, headers: ConnectHeaders, key: SchemaAndValue, value: SchemaAndValue): SinkRecord {
  return new SinkRecord({
    topic,
    kafkaPartition: partition,
    kafkaOffset: BigInt(message.offset),
    keySchema: key.schema,
    key: key.value,
    valueSchema: value.schema,
    value: value.value,
    timestamp: message.timestamp,
    timestampType: 'CreateTime',
    headers,
  });
}
