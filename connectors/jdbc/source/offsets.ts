/**
 * Source partitions and offsets in Confluent's format (OffsetProtocols, TimestampIncrementingOffset),
 * so offsets written by a Java worker are read here and the other way round.
 */
import { ConnectError } from '../../../src/connect/index.js';
import type { SourceMap } from '../../../src/data/index.js';
import { instantOf, type Instant } from './temporal-text.js';

export const INCREMENTING_FIELD = 'incrementing';
export const TIMESTAMP_FIELD = 'timestamp';
export const TIMESTAMP_NANOS_FIELD = 'timestamp_nanos';

/**
 * Protocol 1 partition of a table in incremental modes: the unquoted qualified name. Keys in the
 * order a Java HashMap iterates them, which is how a Java worker's offsets topic keys read.
 */
export function tablePartitionV1(fqn: string): SourceMap {
  return { protocol: '1', table: fqn };
}

/** The protocol 0 partition (before the qualified name), still looked up on start; bulk mode's partition. */
export function tablePartitionV0(tableName: string): SourceMap {
  return { table: tableName };
}

export function queryPartition(): SourceMap {
  return { query: 'query' };
}

/** The last timestamp (epoch ms + nanos) and incrementing value of a querier. */
export class TimestampIncrementingOffset {
  static readonly EMPTY = new TimestampIncrementingOffset(null, null);

  constructor(
    readonly timestamp: Instant | null,
    readonly incrementing: bigint | null,
  ) {}

  /** -1 when there is none, so that `id > -1` reads every row. */
  incrementingOrInitial(): bigint {
    return this.incrementing ?? -1n;
  }

  /** The epoch when there is none. */
  timestampOrInitial(): Instant {
    return this.timestamp ?? { millis: 0, nanos: 0 };
  }

  /** Only the present keys; in the order a Java HashMap iterates them. */
  toMap(): SourceMap {
    const map: SourceMap = {};
    if (this.timestamp !== null) map[TIMESTAMP_NANOS_FIELD] = this.timestamp.nanos;
    if (this.incrementing !== null) map[INCREMENTING_FIELD] = longToJson(this.incrementing);
    if (this.timestamp !== null) map[TIMESTAMP_FIELD] = this.timestamp.millis;
    return map;
  }

  static fromMap(map: Readonly<Record<string, unknown>> | null | undefined): TimestampIncrementingOffset {
    if (map === null || map === undefined) return TimestampIncrementingOffset.EMPTY;
    const incrementing = readLong(map, INCREMENTING_FIELD);
    const millis = readLong(map, TIMESTAMP_FIELD);
    const nanos = readLong(map, TIMESTAMP_NANOS_FIELD);
    const timestamp = millis === null ? null : instantOf(Number(millis), nanos === null ? null : Number(nanos));
    return new TimestampIncrementingOffset(timestamp, incrementing);
  }
}

function readLong(map: Readonly<Record<string, unknown>>, key: string): bigint | null {
  const value = map[key];
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new ConnectError(`Offset ${key} must be a whole number, found ${JSON.stringify(value)}`);
}

/**
 * A number while it is exact as one, a bigint past 2^53: the runtime's offset store writes a bigint
 * as plain integer text (what a Java worker writes for a Long) and reads such text back as bigint.
 */
function longToJson(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}
