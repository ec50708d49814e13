/** Names of a partition's files and synchronous positional I/O that never stops short. */
import { closeSync, fsyncSync, openSync, readSync, writeSync, writevSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** A compaction output still being written; deleted on recovery. */
export const CLEANED_SUFFIX = '.cleaned';
/** A finished compaction output that replaces the segments it overlaps; completed on recovery. */
export const SWAP_SUFFIX = '.swap';

const OFFSET_DIGITS = 20;

/** Kafka's naming: the segment's base offset, zero-padded to 20 digits. */
export function segmentFileName(baseOffset: number, suffix: string): string {
  return `${String(baseOffset).padStart(OFFSET_DIGITS, '0')}${suffix}`;
}

export function segmentPath(dir: string, baseOffset: number, suffix: string): string {
  return join(dir, segmentFileName(baseOffset, suffix));
}

/** Base offset encoded in a segment file name, or null when the name is not one of ours. */
export function parseSegmentFileName(name: string, suffix: string): number | null {
  if (!name.endsWith(suffix)) return null;
  const stem = name.slice(0, -suffix.length);
  if (stem.length !== OFFSET_DIGITS || !/^\d+$/.test(stem)) return null;
  return Number(stem);
}

/** Reads exactly buf.length bytes at `position` unless the file ends first; returns the count read. */
export function readFully(fd: number, buf: Buffer, position: number, length = buf.length): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export function writeFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

/** One writev for several buffers (a produce burst), finishing any short write piecewise. */
export function writeAllAt(fd: number, bufs: readonly Buffer[], position: number): void {
  if (bufs.length === 1) return writeFully(fd, bufs[0], position);
  let total = 0;
  for (const b of bufs) total += b.length;
  const written = writevSync(fd, bufs as Buffer[], position);
  if (written === total) return;
  let skip = written;
  let at = position + written;
  for (const b of bufs) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    const rest = b.subarray(skip);
    writeFully(fd, rest, at);
    at += rest.length;
    skip = 0;
  }
}

/** Makes renames and unlinks in `dir` durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
