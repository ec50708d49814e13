import path from 'node:path';
import { pino, type Logger } from 'pino';
import { JsonLinesLog } from './json-lines-log.js';
import type { TopicPartition } from './types.js';

export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
}

export interface StoredOffset extends TopicPartition, CommittedOffset {}

export interface OffsetToStore extends TopicPartition {
  offset: number;
  leaderEpoch: number;
  metadata: string;
}

export interface OffsetStoreOptions {
  /** Directory holding the commit log; omit for a memory-only store. */
  dir?: string;
  /** Compact the log once it is larger than this and twice its last compacted size. Default 8 MiB. */
  compactThresholdBytes?: number;
  /** fsync each commit (power-loss durable). Default false: a write() already survives kill -9. */
  syncEveryCommit?: boolean;
  logger?: Logger;
}

export const OFFSETS_FILE = 'committed-offsets.jsonl';
const FORMAT_VERSION = 1;
const DEFAULT_COMPACT_THRESHOLD = 8 * 1024 * 1024;

/*
 * Log records (one JSON object per line):
 *   {"format":"sluice-offsets","version":1}                      header
 *   {"c":group,"t":timestamp,"o":[[topic,partition,offset,leaderEpoch,metadata],...]}   commit
 *   {"x":group,"p":[[topic,partition],...]}                       offsets removed (expiry)
 *   {"dg":group}                                                  group deleted
 *   {"dt":topic}                                                  topic deleted
 */
type Entry = [string, number, number, number, string];
type LogRecord =
  | { kind: 'header'; version: number }
  | { kind: 'commit'; group: string; timestamp: number; entries: Entry[] }
  | { kind: 'remove'; group: string; partitions: [string, number][] }
  | { kind: 'deleteGroup'; group: string }
  | { kind: 'deleteTopic'; topic: string };

/** group -> topic -> partition -> offset */
type OffsetTree = Map<string, Map<string, Map<number, CommittedOffset>>>;

/**
 * Committed consumer-group offsets, kept in memory and persisted as an append-only JSON-lines log that
 * is replayed on open and compacted when it grows. Every mutation is written before it returns.
 */
export class OffsetStore {
  private readonly groups: OffsetTree = new Map();
  private readonly log: JsonLinesLog | null;
  private readonly compactThreshold: number;
  private readonly logger: Logger;
  private compactedSize = 0;

  /** A string is the directory. Loads (replays) the log synchronously. */
  constructor(dirOrOptions: string | OffsetStoreOptions = {}) {
    const options = typeof dirOrOptions === 'string' ? { dir: dirOrOptions } : dirOrOptions;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.compactThreshold = options.compactThresholdBytes ?? DEFAULT_COMPACT_THRESHOLD;
    if (options.dir === undefined) {
      this.log = null;
      return;
    }
    const file = path.join(options.dir, OFFSETS_FILE);
    const opened = JsonLinesLog.open(file, { syncEveryAppend: options.syncEveryCommit ?? false });
    this.log = opened.log;
    let skipped = opened.badLines;
    for (const raw of opened.records) {
      const record = decode(raw);
      if (!record) skipped++;
      else if (record.kind === 'header' && record.version !== FORMAT_VERSION) {
        this.log.close();
        throw new Error(`${file}: unsupported offsets format version ${record.version}`);
      } else this.apply(record);
    }
    if (opened.tornBytes > 0) this.logger.warn({ file, bytes: opened.tornBytes }, 'dropped a torn record at the end of the offsets log');
    if (skipped > 0) this.logger.warn({ file, records: skipped }, 'skipped unreadable records in the offsets log');
    if (skipped > 0 || this.log.size === 0) this.compact();
    else {
      this.compactedSize = this.log.size;
      this.maybeCompact();
    }
  }

  commit(groupId: string, offsets: readonly OffsetToStore[], timestamp: number): void {
    if (offsets.length === 0) return;
    this.write({
      kind: 'commit',
      group: groupId,
      timestamp,
      entries: offsets.map((o): Entry => [o.topic, o.partition, o.offset, o.leaderEpoch, o.metadata]),
    });
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(groupId)?.get(topic)?.get(partition);
  }

  list(groupId: string): StoredOffset[] {
    const out: StoredOffset[] = [];
    for (const [topic, partitions] of this.groups.get(groupId) ?? []) {
      for (const [partition, o] of partitions) out.push({ topic, partition, ...o });
    }
    return out;
  }

  hasOffsets(groupId: string): boolean {
    return this.groups.has(groupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Returns how many offsets were removed. */
  deleteGroup(groupId: string): number {
    const n = this.list(groupId).length;
    if (n > 0) this.write({ kind: 'deleteGroup', group: groupId });
    return n;
  }

  deleteTopic(topic: string): number {
    let n = 0;
    for (const topics of this.groups.values()) n += topics.get(topic)?.size ?? 0;
    if (n > 0) this.write({ kind: 'deleteTopic', topic });
    return n;
  }

  deleteOffsets(groupId: string, partitions: readonly TopicPartition[]): number {
    const present = partitions.filter((tp) => this.get(groupId, tp.topic, tp.partition) !== undefined);
    if (present.length > 0) this.write({ kind: 'remove', group: groupId, partitions: present.map((tp): [string, number] => [tp.topic, tp.partition]) });
    return present.length;
  }

  /** Idempotent. */
  close(): void {
    this.log?.close();
  }

  private write(record: LogRecord): void {
    if (this.log) {
      this.log.append(encode(record));
    }
    this.apply(record);
    this.maybeCompact();
  }

  private apply(record: LogRecord): void {
    switch (record.kind) {
      case 'header':
        return;
      case 'commit': {
        let topics = this.groups.get(record.group);
        if (!topics) this.groups.set(record.group, (topics = new Map()));
        for (const [topic, partition, offset, leaderEpoch, metadata] of record.entries) {
          let partitions = topics.get(topic);
          if (!partitions) topics.set(topic, (partitions = new Map()));
          partitions.set(partition, { offset, leaderEpoch, metadata, commitTimestamp: record.timestamp });
        }
        return;
      }
      case 'remove': {
        const topics = this.groups.get(record.group);
        if (!topics) return;
        for (const [topic, partition] of record.partitions) {
          const partitions = topics.get(topic);
          partitions?.delete(partition);
          if (partitions?.size === 0) topics.delete(topic);
        }
        if (topics.size === 0) this.groups.delete(record.group);
        return;
      }
      case 'deleteGroup':
        this.groups.delete(record.group);
        return;
      case 'deleteTopic':
        for (const [group, topics] of this.groups) {
          topics.delete(record.topic);
          if (topics.size === 0) this.groups.delete(group);
        }
        return;
    }
  }

  private maybeCompact(): void {
    if (!this.log || this.log.size <= this.compactThreshold || this.log.size <= 2 * this.compactedSize) return;
    try {
      this.compact();
    } catch (err) {
      // The mutation itself is already durable in the uncompacted log; retry on a later write.
      this.compactedSize = this.log.size;
      this.logger.error({ err, file: this.log.file }, 'compacting the offsets log failed');
    }
  }

  private compact(): void {
    if (!this.log) return;
    const before = this.log.size;
    this.log.rewrite(this.snapshot());
    this.compactedSize = this.log.size;
    this.logger.debug({ file: this.log.file, before, after: this.compactedSize }, 'compacted the offsets log');
  }

  /** The live state as log records: one commit record per group and commit timestamp. */
  private *snapshot(): Generator<unknown> {
    yield encode({ kind: 'header', version: FORMAT_VERSION });
    for (const [group, topics] of this.groups) {
      const byTimestamp = new Map<number, Entry[]>();
      for (const [topic, partitions] of topics) {
        for (const [partition, o] of partitions) {
          let entries = byTimestamp.get(o.commitTimestamp);
          if (!entries) byTimestamp.set(o.commitTimestamp, (entries = []));
          entries.push([topic, partition, o.offset, o.leaderEpoch, o.metadata]);
        }
      }
      for (const [timestamp, entries] of byTimestamp) yield encode({ kind: 'commit', group, timestamp, entries });
    }
  }
}

function encode(record: LogRecord): unknown {
  switch (record.kind) {
    case 'header':
      return { format: 'sluice-offsets', version: record.version };
    case 'commit':
      return { c: record.group, t: record.timestamp, o: record.entries };
    case 'remove':
      return { x: record.group, p: record.partitions };
    case 'deleteGroup':
      return { dg: record.group };
    case 'deleteTopic':
      return { dt: record.topic };
  }
}

function decode(raw: unknown): LogRecord | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.format === 'sluice-offsets' && isInt(r.version)) return { kind: 'header', version: r.version };
  if (typeof r.c === 'string' && isInt(r.t) && Array.isArray(r.o) && r.o.every(isEntry)) {
    return { kind: 'commit', group: r.c, timestamp: r.t, entries: r.o };
  }
  if (typeof r.x === 'string' && Array.isArray(r.p) && r.p.every(isTopicPartition)) return { kind: 'remove', group: r.x, partitions: r.p };
  if (typeof r.dg === 'string') return { kind: 'deleteGroup', group: r.dg };
  if (typeof r.dt === 'string') return { kind: 'deleteTopic', topic: r.dt };
  return undefined;
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isEntry(v: unknown): v is Entry {
  return Array.isArray(v) && v.length === 5 && typeof v[0] === 'string' && isInt(v[1]) && isInt(v[2]) && isInt(v[3]) && typeof v[4] === 'string';
}

function isTopicPartition(v: unknown): v is [string, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isInt(v[1]);
}
