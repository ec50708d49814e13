/**
 * Topic-level log configs: Kafka's keys, types, defaults and validators, and the typed LogConfig a
 * PartitionLog runs with. Every key a Kafka 3.x broker accepts on a topic is accepted here so that
 * tools and Kafka Connect's topic creation do not fail; `enforced` says which ones the embedded
 * broker acts on (the others are stored and described only).
 */
import type { TimestampType } from '../records/batch.js';

export type ConfigType = 'boolean' | 'string' | 'int' | 'long' | 'double' | 'list';

export interface TopicConfigDef {
  key: string;
  type: ConfigType;
  /** Kafka's default, as DescribeConfigs reports it. */
  default: string;
  /** Inclusive numeric bounds (int, long, double). */
  min?: number;
  max?: number;
  /** Allowed values (string) or allowed items (list). */
  oneOf?: readonly string[];
  /** Whether the embedded broker applies this setting (the others are accepted and stored). */
  enforced: boolean;
  doc: string;
}

const LONG_MAX = '9223372036854775807';

export const TOPIC_CONFIG_DEFS: readonly TopicConfigDef[] = [
  { key: 'cleanup.policy', type: 'list', default: 'delete', oneOf: ['compact', 'delete'], enforced: true, doc: 'delete (retention), compact (keep the last record per key), or both' },
  { key: 'compression.type', type: 'string', default: 'producer', oneOf: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'], enforced: false, doc: 'batches are always stored as produced' },
  { key: 'compression.gzip.level', type: 'int', default: '-1', min: -1, max: 9, enforced: false, doc: 'gzip level for broker-side recompression' },
  { key: 'compression.lz4.level', type: 'int', default: '9', min: 1, max: 17, enforced: false, doc: 'lz4 level for broker-side recompression' },
  { key: 'compression.zstd.level', type: 'int', default: '3', min: -131072, max: 22, enforced: false, doc: 'zstd level for broker-side recompression' },
  { key: 'delete.retention.ms', type: 'long', default: '86400000', min: 0, enforced: true, doc: 'how long tombstones survive after compaction first saw them' },
  { key: 'file.delete.delay.ms', type: 'long', default: '60000', min: 0, enforced: false, doc: 'segments are deleted immediately' },
  { key: 'flush.messages', type: 'long', default: LONG_MAX, min: 1, enforced: false, doc: 'writes reach the OS page cache at once; fsync only on flush()' },
  { key: 'flush.ms', type: 'long', default: LONG_MAX, min: 0, enforced: false, doc: 'see flush.messages' },
  { key: 'follower.replication.throttled.replicas', type: 'list', default: '', enforced: false, doc: 'single node: no replication' },
  { key: 'index.interval.bytes', type: 'int', default: '4096', min: 0, enforced: true, doc: 'bytes between offset index entries' },
  { key: 'leader.replication.throttled.replicas', type: 'list', default: '', enforced: false, doc: 'single node: no replication' },
  { key: 'local.retention.bytes', type: 'long', default: '-2', min: -2, enforced: false, doc: 'tiered storage is not supported' },
  { key: 'local.retention.ms', type: 'long', default: '-2', min: -2, enforced: false, doc: 'tiered storage is not supported' },
  { key: 'max.compaction.lag.ms', type: 'long', default: LONG_MAX, min: 1, enforced: true, doc: 'a dirty segment older than this is compacted whatever the dirty ratio' },
  { key: 'max.message.bytes', type: 'int', default: '1048588', min: 0, enforced: true, doc: 'largest batch accepted' },
  { key: 'message.downconversion.enable', type: 'boolean', default: 'true', enforced: false, doc: 'only format v2 is served' },
  { key: 'message.format.version', type: 'string', default: '3.0-IV1', enforced: false, doc: 'only format v2 is stored' },
  { key: 'message.timestamp.after.max.ms', type: 'long', default: LONG_MAX, min: 0, enforced: false, doc: 'timestamps are not range-checked' },
  { key: 'message.timestamp.before.max.ms', type: 'long', default: LONG_MAX, min: 0, enforced: false, doc: 'timestamps are not range-checked' },
  { key: 'message.timestamp.difference.max.ms', type: 'long', default: LONG_MAX, min: 0, enforced: false, doc: 'timestamps are not range-checked' },
  { key: 'message.timestamp.type', type: 'string', default: 'CreateTime', oneOf: ['CreateTime', 'LogAppendTime'], enforced: true, doc: 'LogAppendTime stamps batches with the broker clock' },
  { key: 'min.cleanable.dirty.ratio', type: 'double', default: '0.5', min: 0, max: 1, enforced: true, doc: 'dirty share of the cleanable log that triggers compaction' },
  { key: 'min.compaction.lag.ms', type: 'long', default: '0', min: 0, enforced: true, doc: 'records younger than this are not compacted' },
  { key: 'min.insync.replicas', type: 'int', default: '1', min: 1, enforced: false, doc: 'single node' },
  { key: 'preallocate', type: 'boolean', default: 'false', enforced: false, doc: 'segments grow as written' },
  { key: 'remote.storage.enable', type: 'boolean', default: 'false', enforced: false, doc: 'tiered storage is not supported' },
  { key: 'retention.bytes', type: 'long', default: '-1', enforced: true, doc: 'size cap of the log before old segments are deleted (-1: none)' },
  { key: 'retention.ms', type: 'long', default: '604800000', min: -1, enforced: true, doc: 'age after which whole segments are deleted (-1: forever)' },
  { key: 'segment.bytes', type: 'int', default: '1073741824', min: 14, enforced: true, doc: 'segment size before rolling' },
  { key: 'segment.index.bytes', type: 'int', default: '10485760', min: 4, enforced: false, doc: 'indexes grow as needed' },
  { key: 'segment.jitter.ms', type: 'long', default: '0', min: 0, enforced: false, doc: 'no jitter on time-based rolls' },
  { key: 'segment.ms', type: 'long', default: '604800000', min: 1, enforced: true, doc: 'age of a segment before rolling' },
  { key: 'unclean.leader.election.enable', type: 'boolean', default: 'false', enforced: false, doc: 'single node' },
];

const DEFS_BY_KEY: ReadonlyMap<string, TopicConfigDef> = new Map(TOPIC_CONFIG_DEFS.map((d) => [d.key, d]));

export function topicConfigDef(key: string): TopicConfigDef | undefined {
  return DEFS_BY_KEY.get(key);
}

export interface CleanupPolicy {
  delete: boolean;
  compact: boolean;
}

export interface LogConfig {
  cleanupPolicy: CleanupPolicy;
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  indexIntervalBytes: number;
  deleteRetentionMs: number;
  minCompactionLagMs: number;
  maxCompactionLagMs: number;
  minCleanableDirtyRatio: number;
  maxMessageBytes: number;
  messageTimestampType: TimestampType;
}

export interface ConfigError {
  key: string;
  message: string;
}

export type ParsedTopicConfig = { ok: true; config: LogConfig } | { ok: false; errors: ConfigError[] };

type ParsedValue = number | boolean | string | string[];

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX_BIG = 2n ** 63n - 1n;

/** Parses one value by its definition, with Kafka's ConfigException wording on failure. */
function parseValue(def: TopicConfigDef, raw: string): ParsedValue | ConfigError {
  const fail = (reason: string): ConfigError => ({ key: def.key, message: `Invalid value ${raw} for configuration ${def.key}: ${reason}` });
  const text = raw.trim();
  let value: ParsedValue;
  switch (def.type) {
    case 'boolean':
      if (text.toLowerCase() !== 'true' && text.toLowerCase() !== 'false') return fail('Expected value to be either true or false');
      return text.toLowerCase() === 'true';
    case 'int':
    case 'long': {
      if (!/^[+-]?\d+$/.test(text)) return fail(`Not a number of type ${def.type.toUpperCase()}`);
      const big = BigInt(text);
      const [lo, hi] = def.type === 'int' ? [BigInt(INT_MIN), BigInt(INT_MAX)] : [LONG_MIN, LONG_MAX_BIG];
      if (big < lo || big > hi) return fail(`Not a number of type ${def.type.toUpperCase()}`);
      value = Number(big);
      break;
    }
    case 'double':
      if (text === '' || !Number.isFinite(Number(text))) return fail('Not a number of type DOUBLE');
      value = Number(text);
      break;
    case 'string':
      value = text;
      if (def.oneOf !== undefined && !def.oneOf.includes(text)) return fail(`String must be one of: ${def.oneOf.join(', ')}`);
      return value;
    case 'list': {
      const items = text === '' ? [] : text.split(',').map((s) => s.trim());
      if (def.oneOf !== undefined) {
        const bad = items.find((i) => !def.oneOf?.includes(i));
        if (bad !== undefined) return fail(`String must be one of: ${def.oneOf.join(', ')}`);
      }
      return items;
    }
  }
  if (def.min !== undefined && value < def.min) return fail(`Value must be at least ${def.min}`);
  if (def.max !== undefined && value > def.max) return fail(`Value must be no more than ${def.max}`);
  return value;
}

function isError(v: ParsedValue | ConfigError): v is ConfigError {
  return typeof v === 'object' && !Array.isArray(v);
}

/**
 * Validates topic config overrides (CreateTopics, AlterConfigs) over the defaults, optionally over
 * broker-level defaults given with the same topic keys. Unknown keys are errors, as in Kafka.
 */
export function parseTopicConfig(entries: Readonly<Record<string, string>>, brokerDefaults: Readonly<Record<string, string>> = {}): ParsedTopicConfig {
  const errors: ConfigError[] = [];
  const values = new Map<string, ParsedValue>();
  for (const key of Object.keys(entries)) {
    if (!DEFS_BY_KEY.has(key)) errors.push({ key, message: `Unknown topic config name: ${key}` });
  }
  for (const def of TOPIC_CONFIG_DEFS) {
    const raw = entries[def.key] ?? brokerDefaults[def.key] ?? def.default;
    const parsed = parseValue(def, raw);
    if (isError(parsed)) errors.push(parsed);
    else values.set(def.key, parsed);
  }
  if (errors.length > 0) return { ok: false, errors };

  const num = (key: string): number => values.get(key) as number;
  const policy = values.get('cleanup.policy') as string[];
  const config: LogConfig = {
    cleanupPolicy: { delete: policy.includes('delete'), compact: policy.includes('compact') },
    retentionMs: num('retention.ms'),
    retentionBytes: num('retention.bytes'),
    segmentBytes: num('segment.bytes'),
    segmentMs: num('segment.ms'),
    indexIntervalBytes: num('index.interval.bytes'),
    deleteRetentionMs: num('delete.retention.ms'),
    minCompactionLagMs: num('min.compaction.lag.ms'),
    maxCompactionLagMs: num('max.compaction.lag.ms'),
    minCleanableDirtyRatio: num('min.cleanable.dirty.ratio'),
    maxMessageBytes: num('max.message.bytes'),
    messageTimestampType: values.get('message.timestamp.type') as TimestampType,
  };
  if (config.minCompactionLagMs > config.maxCompactionLagMs) {
    return {
      ok: false,
      errors: [
        {
          key: 'min.compaction.lag.ms',
          message: `conflict topic config setting min.compaction.lag.ms (${config.minCompactionLagMs}) > max.compaction.lag.ms (${config.maxCompactionLagMs})`,
        },
      ],
    };
  }
  return { ok: true, config };
}

function defaultLogConfig(): LogConfig {
  const parsed = parseTopicConfig({});
  if (!parsed.ok) throw new Error(`built-in topic config defaults are invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.config;
}

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = defaultLogConfig();
