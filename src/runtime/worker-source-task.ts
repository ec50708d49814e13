/**
 * Runs one source task: poll → transforms → converters → producer, then flushes the offsets of
 * acknowledged records every `offset.flush.interval.ms` (Kafka Connect's WorkerSourceTask).
 */
import type { LeanProducer, ProducerRecord, RecordAck } from '../kafka-client/index.js';
import type { RecordMetadata, SourceTask } from '../connect/connector.js';
import type { SourceRecord } from '../data/index.js';
import type { OffsetStorageWriter } from './offset-storage.js';
import type { SourceTaskContextImpl } from './task-contexts.js';
import { SubmittedRecords, type SubmittedRecord } from './submitted-records.js';
import { taskName, WorkerTask, type RecordPipelineDeps } from './worker-task.js';
import { ConnectError } from './errors.js';
import { javaToString } from '../data/index.js';
import type { ProcessingFailure, RawRecord, Stage } from './errors/processing-context.js';
import { SKIPPED } from './errors/retry-with-tolerance.js';
import { SerialQueue } from '../util/serial-queue.js';

export interface SourceTaskSettings {
  offsetFlushIntervalMs: number;
  offsetFlushTimeoutMs: number;
  /** Batches sent concurrently before poll waits for acknowledgements. */
  maxInFlightBatches?: number;
}

export interface WorkerSourceTaskDeps extends RecordPipelineDeps {
  task: SourceTask;
  context: SourceTaskContextImpl;
  producer: LeanProducer;
  offsetWriter: OffsetStorageWriter;
  settings: SourceTaskSettings;
  /** KIP-558 topic tracking and KIP-158 topic creation, before the first send to a topic. */
  beforeFirstSend(topic: string): Promise<void>;
}

interface Pending {
  /** The record as the task returned it, for commitRecord (null when the task has none). */
  record: SourceRecord | null;
  submitted: SubmittedRecord | null;
  message: ProducerRecord;
}

export class WorkerSourceTask extends WorkerTask {
  private readonly submitted = new SubmittedRecords();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly acknowledgements = new SerialQueue();
  private readonly seenTopics = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | null = null;
  private sendFailure: unknown = null;

  constructor(private readonly deps: WorkerSourceTaskDeps) {
    super(deps.id, deps.initialState, deps.listener, deps.logger);
  }

  protected async initializeAndStart(): Promise<void> {
    await this.deps.producer.connect();
    this.deps.task.initialize(this.deps.context);
    await this.deps.task.start(this.deps.taskConfig);
  }

  protected async execute(): Promise<void> {
    const { offsetFlushIntervalMs } = this.deps.settings;
    this.flushTimer = setInterval(() => void this.commitOffsets(), offsetFlushIntervalMs);
    const maxInFlight = this.deps.settings.maxInFlightBatches ?? 8;
    while (!this.stopping) {
      if (this.sendFailure !== null) throw new ConnectError('Unrecoverable exception from producer send callback', 500, { cause: this.sendFailure });
      if (this.isPaused()) {
        await this.awaitResume();
        continue;
      }
      const records = await this.deps.task.poll();
      if (this.stopping) break;
      if (records === null || records.length === 0) {
        // A task that returns at once with nothing must not starve the event loop.
        await new Promise((r) => setImmediate(r));
        continue;
      }
      this.deps.metrics.recordPoll(this.id.connector, this.id.task, records.length);
      await this.send(records);
      while (this.inFlight.size >= maxInFlight) await Promise.race(this.inFlight);
    }
  }

  private async send(records: SourceRecord[]): Promise<void> {
    const byTopic = new Map<string, Pending[]>();
    // Without commitRecord nothing needs a task's record once it is transformed (its source
    // partition and offset are kept by every copy): the chain may change it instead of copying it.
    const keepsRecords = this.deps.task.commitRecord !== undefined;
    for (const record of records) {
      // Synchronous unless something fails: the error handler's path is the only async one.
      let transformed: SourceRecord | null;
      try {
        transformed = keepsRecords ? this.deps.transforms.apply(record) : this.deps.transforms.applyConsuming(record);
      } catch (error) {
        transformed = await this.transformFailed(record, error);
      }
      let message: ProducerRecord | null = null;
      if (transformed !== null) {
        const progress = { stage: 'KEY_CONVERTER' as Stage };
        try {
          const converted = this.toMessage(transformed, progress);
          message = converted instanceof Promise ? await converted : converted;
        } catch (error) {
          message = await this.convertFailed(transformed, progress, error);
        }
      }
      if (transformed === null || message === null) {
        await this.deps.task.commitRecord?.(record, null);
        continue;
      }
      const submitted = this.submitted.submit(record.sourcePartition(), record.sourceOffset());
      const topic = transformed.topic();
      let group = byTopic.get(topic);
      if (group === undefined) byTopic.set(topic, (group = []));
      group.push({ record: keepsRecords ? record : null, submitted, message });
    }
    for (const [topic, batch] of byTopic) {
      if (!this.seenTopics.has(topic)) {
        await this.deps.beforeFirstSend(topic);
        this.seenTopics.add(topic);
      }
      const sending = this.deps.producer
        .send(topic, batch.map((p) => p.message))
        // One batch's acknowledgements at a time, in the order they came: commitRecord calls
        // (which a task may await) never interleave, as Kafka makes them in acknowledgement order.
        .then((acks) => this.acknowledgements.run(() => this.onAcked(topic, batch, acks)))
        .catch((err: unknown) => {
          this.sendFailure ??= err;
        });
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    }
  }

  private async transformFailed(record: SourceRecord, error: unknown): Promise<SourceRecord | null> {
    const result = await this.deps.errors.handle(this.failureAt('TRANSFORMATION', error, record), () => this.deps.transforms.apply(record));
    return result === SKIPPED ? null : result;
  }

  private async convertFailed(record: SourceRecord, progress: { stage: Stage }, error: unknown): Promise<ProducerRecord | null> {
    const result = await this.deps.errors.handle(this.failureAt(progress.stage, error, record), () => this.toMessage(record, progress));
    return result === SKIPPED ? null : result;
  }

  /**
   * A failed source record has no bytes yet; for the (Sluice-only) source dead letter queue its key
   * and value are written as their Java-style text.
   */
  private failureAt(stage: Stage, error: unknown, record: SourceRecord): ProcessingFailure {
    const c = this.deps.classNames;
    const executingClass =
      stage === 'KEY_CONVERTER' ? c.keyConverter : stage === 'VALUE_CONVERTER' ? c.valueConverter : stage === 'HEADER_CONVERTER' ? c.headerConverter : ((error as { transformationClass?: string }).transformationClass ?? c.task);
    const text = (v: unknown): Buffer | null => (v === null || v === undefined ? null : Buffer.from(javaToString(v)));
    const raw: RawRecord = {
      topic: record.topic(),
      partition: record.kafkaPartition(),
      offset: null,
      key: text(record.key()),
      value: text(record.value()),
      headers: [...record.headers()].map((h) => [h.key(), text(h.value())]),
      timestamp: record.timestamp(),
    };
    return { stage, executingClass, error, record: raw, describeRecord: () => record.toString() };
  }

  /** Converts a record; synchronous unless a converter must wait (e.g. registering a new Avro schema). */
  private toMessage(record: SourceRecord, progress: { stage: Stage }): ProducerRecord | Promise<ProducerRecord> {
    const topic = record.topic();
    progress.stage = 'KEY_CONVERTER';
    const key = this.deps.keyConverter.fromConnectData(topic, record.headers(), record.keySchema(), record.key());
    if (key instanceof Promise) return key.then((k) => this.withValue(record, k, progress));
    return this.withValue(record, key, progress);
  }

  private withValue(record: SourceRecord, key: Buffer | null, progress: { stage: Stage }): ProducerRecord | Promise<ProducerRecord> {
    progress.stage = 'VALUE_CONVERTER';
    const value = this.deps.valueConverter.fromConnectData(record.topic(), record.headers(), record.valueSchema(), record.value());
    if (value instanceof Promise) return value.then((v) => this.withHeaders(record, key, v, progress));
    return this.withHeaders(record, key, value, progress);
  }

  private withHeaders(record: SourceRecord, key: Buffer | null, value: Buffer | null, progress: { stage: Stage }): ProducerRecord {
    progress.stage = 'HEADER_CONVERTER';
    const message: ProducerRecord = { key, value };
    const partition = record.kafkaPartition();
    if (partition !== null) message.partition = partition;
    const timestamp = record.timestamp();
    if (timestamp !== null && timestamp >= 0) message.timestamp = timestamp;
    const headers = record.headers();
    if (!headers.isEmpty()) {
      const topic = record.topic();
      message.headers = [...headers].map((h): [string, Buffer | null] => [h.key(), this.deps.headerConverter.fromConnectHeader(topic, h.key(), h.schema(), h.value())]);
    }
    return message;
  }

  private async onAcked(topic: string, batch: Pending[], acks: RecordAck[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i];
      this.submitted.ack(p.submitted);
      // Kept only for a task with commitRecord.
      if (p.record === null) continue;
      const ack = acks[i];
      const metadata: RecordMetadata = {
        topic,
        partition: ack?.partition ?? -1,
        offset: String(ack?.offset ?? -1n),
        timestamp: p.message.timestamp ?? Date.now(),
      };
      try {
        await this.deps.task.commitRecord?.(p.record, metadata);
      } catch (err) {
        this.log.warn({ err, task: taskName(this.id) }, 'commitRecord threw; continuing');
      }
    }
    this.deps.metrics.recordWrite(this.id.connector, this.id.task, batch.length);
  }

  /** Writes the offsets of every acknowledged prefix; one flush at a time. */
  private commitOffsets(): Promise<void> {
    if (this.flushing !== null) return this.flushing;
    this.flushing = this.doCommitOffsets().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doCommitOffsets(): Promise<void> {
    const started = Date.now();
    const { offsets } = this.submitted.committableOffsets();
    for (const { partition, offset } of offsets.values()) this.deps.offsetWriter.offset(partition, offset);
    if (!this.deps.offsetWriter.hasPending()) return;
    try {
      await this.deps.offsetWriter.flush();
      this.deps.metrics.recordOffsetCommit(this.id.connector, this.id.task, true, Date.now() - started);
      await this.deps.task.commit?.();
    } catch (err) {
      this.deps.metrics.recordOffsetCommit(this.id.connector, this.id.task, false, Date.now() - started);
      this.log.error({ err, task: taskName(this.id) }, 'offset commit failed; will retry at the next flush');
    }
  }

  protected onStopRequested(): void {
    void Promise.resolve(this.deps.task.stop()).catch((err: unknown) => this.log.warn({ err, task: taskName(this.id) }, 'task stop() threw'));
  }

  protected async cleanup(failed: boolean): Promise<void> {
    clearInterval(this.flushTimer);
    if (failed) await this.safely(() => this.deps.task.stop());
    // A final flush of whatever was acknowledged, waiting a bounded time for outstanding sends.
    await this.submitted.awaitAllAcked(this.deps.settings.offsetFlushTimeoutMs);
    await this.commitOffsets();
    await this.safely(() => this.deps.producer.disconnect());
    await this.safely(() => this.deps.onClose());
    this.deps.transforms.close();
  }
}
