/** Shared fixtures for the log tests: temp directories, configs and batches. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBatch, lastOffsetAt, readRecords, type BatchRecordInput, type LogRecord } from '../records/batch.js';
import type { CompressionCodec } from '../records/compression.js';
import { parseTopicConfig, type LogConfig } from './config.js';
import type { PartitionLog } from './partition-log.js';

export class TempDirs {
  private dirs: string[] = [];

  make(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-log-'));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
    this.dirs = [];
  }
}

export function logConfig(entries: Record<string, string> = {}): LogConfig {
  const parsed = parseTopicConfig(entries);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.config;
}

/** A client-style batch (base offset 0) of `count` records with values `${prefix}-${i}`. */
export function clientBatch(count: number, options: { prefix?: string; timestamp?: number; compression?: CompressionCodec; valueBytes?: number } = {}): Buffer {
  const prefix = options.prefix ?? 'v';
  const records: BatchRecordInput[] = Array.from({ length: count }, (_, i) => ({
    timestamp: (options.timestamp ?? 1_700_000_000_000) + i,
    key: `k${i}`,
    value: options.valueBytes === undefined ? `${prefix}-${i}` : `${prefix}-${i}-`.padEnd(options.valueBytes, 'x'),
  }));
  return buildBatch({ records, compression: options.compression, partitionLeaderEpoch: -1 });
}

export function keyedBatch(records: { key: string; value: string | null; timestamp?: number }[], compression?: CompressionCodec): Buffer {
  return buildBatch({ records: records.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp ?? 1_700_000_000_000 })), compression });
}

/** Every record readable from `from` to the end, reading in chunks of `maxBytes`. */
export function readAll(log: PartitionLog, from = log.logStartOffset, maxBytes = 64 * 1024): LogRecord[] {
  const out: LogRecord[] = [];
  let offset = from;
  while (offset < log.logEndOffset) {
    const { chunks } = log.read(offset, maxBytes, { minOneBatch: true });
    if (chunks.length === 0) throw new Error(`no data at offset ${offset} below end ${log.logEndOffset}`);
    let last = offset - 1;
    for (const batch of splitBatches(chunks)) {
      for (const r of readRecords(batch)) {
        if (r.offset >= offset) out.push(r);
        last = Math.max(last, r.offset);
      }
      last = Math.max(last, lastOffsetAt(batch));
    }
    offset = last + 1;
  }
  return out;
}

/** Splits read chunks back into single batches. */
export function splitBatches(chunks: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    let at = 0;
    while (at < chunk.length) {
      const size = 12 + chunk.readInt32BE(at + 8);
      out.push(chunk.subarray(at, at + size));
      at += size;
    }
  }
  return out;
}
