/**
 * The `_schemas` topic as the registry's log: one partition, compacted, read from the start on
 * open. A write counts only once this process has read it back (and applied it), which is what
 * lets several registry processes share one topic and agree on every id.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { decodeRecord, encodeRecord, type StoreRecord } from './store-records.js';

export interface KafkaStoreOptions {
  bootstrapServers: string;
  topic: string;
  logger: Logger;
  /** Applies a record read from the topic; returns false when the record was ignored. */
  apply: (record: StoreRecord) => boolean;
  /** How long a write may wait to be read back. Default 30 s. */
  timeoutMs?: number;
}

export class StoreTimeoutError extends Error {}

interface Waiter {
  offset: number;
  resolve: () => void;
}

export class KafkaStore {
  private nextOffset = 0;
  private waiters: Waiter[] = [];
  private writesInFlight = 0;
  // Outcomes of records read while a write is in flight: the producer's acknowledgement can
  // arrive after the consumer has already applied the record.
  private readonly outcomes = new Map<number, boolean>();
  private closed = false;

  private constructor(
    private readonly options: KafkaStoreOptions,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly consumer: Consumer,
  ) {}

  static async open(options: KafkaStoreOptions): Promise<KafkaStore> {
    const kafka = new Kafka({
      clientId: 'sluice-schema-registry',
      brokers: options.bootstrapServers.split(',').map((b) => b.trim()).filter((b) => b !== ''),
      logCreator: kafkaLogCreator(options.logger),
      retry: { retries: 5 },
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    // A group of its own with no commits: every process reads the whole topic itself.
    const consumer = kafka.consumer({ groupId: `sluice-schema-registry-${randomUUID()}`, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
    const store = new KafkaStore(options, admin, producer, consumer);
    try {
      await admin.connect();
      await store.ensureTopic();
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => store.consumed(Number(message.offset), message.key, message.value) });
      await store.sync();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  /** Writes a record and waits until it is read back; false when it was ignored on apply. */
  async write(record: StoreRecord): Promise<boolean> {
    const { key, value } = encodeRecord(record);
    this.writesInFlight++;
    try {
      const [metadata] = await this.producer.send({ topic: this.options.topic, acks: -1, messages: [{ partition: 0, key, value }] });
      const offset = Number(metadata?.baseOffset ?? metadata?.offset);
      if (!Number.isInteger(offset)) throw new Error('the broker returned no offset for the write');
      await this.readPast(offset);
      return this.outcomes.get(offset) ?? true;
    } finally {
      if (--this.writesInFlight === 0) this.outcomes.clear();
    }
  }

  /** Waits until everything written to the topic before this call has been applied. */
  async sync(): Promise<void> {
    await this.write({ type: 'noop' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const client of [this.consumer, this.producer, this.admin]) {
      try {
        await client.disconnect();
      } catch (err) {
        this.options.logger.warn({ err }, 'schema registry store: disconnect failed');
      }
    }
  }

  private consumed(offset: number, key: Buffer | null, value: Buffer | null): void {
    let applied = true;
    if (key !== null) {
      try {
        applied = this.options.apply(decodeRecord(key, value));
      } catch (err) {
        applied = false;
        this.options.logger.warn({ err, offset }, 'schema registry store: skipping a record that is not a registry record');
      }
    }
    if (this.writesInFlight > 0) this.outcomes.set(offset, applied);
    this.nextOffset = Math.max(this.nextOffset, offset + 1);
    const ready = this.waiters.filter((w) => w.offset < this.nextOffset);
    this.waiters = this.waiters.filter((w) => w.offset >= this.nextOffset);
    for (const waiter of ready) waiter.resolve();
  }

  private readPast(offset: number): Promise<void> {
    if (offset < this.nextOffset) return Promise.resolve();
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        offset,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new StoreTimeoutError(`the registry did not read back offset ${offset} of ${this.options.topic} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async ensureTopic(): Promise<void> {
    const { topic, logger } = this.options;
    const existing = await this.admin.listTopics();
    if (!existing.includes(topic)) {
      const brokers = (await this.admin.describeCluster()).brokers.length;
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: 1, replicationFactor: Math.min(3, brokers), configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        });
        logger.info({ topic }, 'created the schema registry topic');
      } catch (err) {
        // Another registry process may have created it at the same moment.
        if (!(await this.admin.listTopics()).includes(topic)) throw err;
      }
    }
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata.topics[0]?.partitions.length ?? 0;
    if (partitions !== 1) {
      throw new Error(`The schema registry topic ${topic} must have exactly 1 partition, it has ${partitions}`);
    }
  }
}

function kafkaLogCreator(logger: Logger): (level: logLevel) => (entry: LogEntry) => void {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      if (level === logLevel.ERROR) logger.error(extra, `kafkajs: ${message}`);
      else if (level === logLevel.WARN) logger.warn(extra, `kafkajs: ${message}`);
      else logger.debug(extra, `kafkajs: ${message}`);
    };
}
