/**
 * The broker's topics: their partitions' logs and their configs, persisted as one small JSON file
 * per topic so names, partition counts and configs survive restarts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ErrorCode } from './protocol/error-codes.js';
import { parseTopicConfig, type LogConfig } from './log/config.js';
import { PartitionLog } from './log/partition-log.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { topicNameError } from './topic-names.js';

export interface TopicState {
  name: string;
  topicId: string;
  /** Configs set explicitly on the topic (the rest are defaults). */
  configs: Record<string, string>;
  logConfig: LogConfig;
  partitions: PartitionLog[];
}

interface TopicFile {
  name: string;
  topicId: string;
  partitions: number;
  configs: Record<string, string>;
}

export class TopicError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const { INVALID_TOPIC_EXCEPTION, TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_CONFIG, UNKNOWN_TOPIC_OR_PARTITION } = ErrorCode;

export class TopicRegistry {
  private readonly topics = new Map<string, TopicState>();
  private readonly metaDir: string;

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.metaDir = join(dataDir, '__meta', 'topics');
    mkdirSync(this.metaDir, { recursive: true });
    for (const file of readdirSync(this.metaDir)) {
      if (!file.endsWith('.json')) continue;
      const meta = JSON.parse(readFileSync(join(this.metaDir, file), 'utf8')) as TopicFile;
      const parsed = parseTopicConfig(meta.configs);
      if (!parsed.ok) throw new Error(`topic ${meta.name}: stored config is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
      const partitions = Array.from({ length: meta.partitions }, (_, i) => this.openPartition(meta.name, i, parsed.config));
      this.topics.set(meta.name, { name: meta.name, topicId: meta.topicId, configs: meta.configs, logConfig: parsed.config, partitions });
    }
  }

  get(name: string): TopicState | undefined {
    return this.topics.get(name);
  }

  list(): TopicState[] {
    return [...this.topics.values()];
  }

  partition(name: string, index: number): PartitionLog | undefined {
    return this.topics.get(name)?.partitions[index];
  }

  /** Validates and (unless validateOnly) creates a topic. Throws TopicError with Kafka's code. */
  create(name: string, numPartitions: number, configs: Record<string, string>, validateOnly = false): TopicState | null {
    const bad = topicNameError(name);
    if (bad !== null) throw new TopicError(INVALID_TOPIC_EXCEPTION, bad);
    if (this.topics.has(name)) throw new TopicError(TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    if (!Number.isInteger(numPartitions) || numPartitions < 1) {
      throw new TopicError(INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    }
    const logConfig = this.parseConfigs(configs);
    if (validateOnly) return null;
    const partitions = Array.from({ length: numPartitions }, (_, i) => this.openPartition(name, i, logConfig));
    const topic: TopicState = { name, topicId: randomUUID().replace(/-/g, ''), configs: { ...configs }, logConfig, partitions };
    this.topics.set(name, topic);
    this.persist(topic);
    this.logger.info({ topic: name, partitions: numPartitions }, 'created topic');
    return topic;
  }

  delete(name: string): void {
    const topic = this.require(name);
    this.topics.delete(name);
    rmSync(this.metaFile(name), { force: true });
    for (const p of topic.partitions) p.deleteFiles();
    this.logger.info({ topic: name }, 'deleted topic');
  }

  addPartitions(name: string, count: number, validateOnly = false): void {
    const topic = this.require(name);
    if (!Number.isInteger(count) || count <= topic.partitions.length) {
      throw new TopicError(
        INVALID_PARTITIONS,
        `Topic currently has ${topic.partitions.length} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (validateOnly) return;
    for (let i = topic.partitions.length; i < count; i++) topic.partitions.push(this.openPartition(name, i, topic.logConfig));
    this.persist(topic);
  }

  /** Replaces the topic's explicit configs (AlterConfigs semantics). */
  setConfigs(name: string, configs: Record<string, string>, validateOnly = false): void {
    const topic = this.require(name);
    const logConfig = this.parseConfigs(configs);
    if (validateOnly) return;
    topic.configs = { ...configs };
    topic.logConfig = logConfig;
    for (const p of topic.partitions) p.updateConfig(logConfig);
    this.persist(topic);
  }

  close(): void {
    for (const t of this.topics.values()) for (const p of t.partitions) p.close();
    this.topics.clear();
  }

  private require(name: string): TopicState {
    const topic = this.topics.get(name);
    if (topic === undefined) throw new TopicError(UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
    return topic;
  }

  private parseConfigs(configs: Record<string, string>): LogConfig {
    const parsed = parseTopicConfig(configs);
    if (!parsed.ok) throw new TopicError(INVALID_CONFIG, parsed.errors.map((e) => e.message).join('; '));
    return parsed.config;
  }

  private openPartition(topic: string, index: number, config: LogConfig): PartitionLog {
    return PartitionLog.open(join(this.dataDir, `${topic}-${index}`), config, this.logger);
  }

  private metaFile(name: string): string {
    return join(this.metaDir, `${name}.json`);
  }

  private persist(topic: TopicState): void {
    const file: TopicFile = { name: topic.name, topicId: topic.topicId, partitions: topic.partitions.length, configs: topic.configs };
    writeFileAtomic(this.metaFile(topic.name), JSON.stringify(file));
  }
}
