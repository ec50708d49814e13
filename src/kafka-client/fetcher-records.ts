/**
 * Turns one partition's fetched record set into records: whole v2 batches only (a trailing partial
 * batch is left for the next fetch), records below the fetch offset dropped, control batches
 * skipped, and for read_committed the batches of aborted transactions skipped (as Java's
 * CompletedFetch does, from the response's aborted-transaction list).
 */
import { LOG_OVERHEAD, BATCH_HEADER_BYTES, controlTypeOf, readBatchHeader, readRecords } from '../broker/records/batch.js';
import type { ConsumedRecord } from './consumer-types.js';

export interface AbortedTxn {
  producerId: number;
  firstOffset: number;
}

export interface DecodedRecords {
  records: ConsumedRecord[];
  /** Where the next fetch starts: after the last whole batch, or fetchOffset when there was none. */
  nextOffset: number;
}

export class UnsupportedBatchError extends Error {}

export function decodeFetchedRecords(
  data: Buffer | null,
  fetchOffset: number,
  readCommitted: boolean,
  aborted: readonly AbortedTxn[] | null | undefined,
): DecodedRecords {
  const records: ConsumedRecord[] = [];
  let nextOffset = fetchOffset;
  if (data === null || data.length === 0) return { records, nextOffset };
  const pendingAborts = readCommitted && aborted ? [...aborted].sort((a, b) => a.firstOffset - b.firstOffset) : [];
  let abortIndex = 0;
  const abortedProducers = new Set<number>();
  let at = 0;
  while (data.length - at >= LOG_OVERHEAD) {
    const size = LOG_OVERHEAD + data.readInt32BE(at + 8);
    if (at + size > data.length || size < BATCH_HEADER_BYTES) break;
    const magic = data.readInt8(at + 16);
    if (magic !== 2) throw new UnsupportedBatchError(`message format v${magic} at offset ${nextOffset} is not supported (only v2)`);
    const batch = data.subarray(at, at + size);
    at += size;
    const header = readBatchHeader(batch);
    const lastOffset = header.baseOffset + header.lastOffsetDelta;
    if (lastOffset < fetchOffset) continue;
    nextOffset = lastOffset + 1;
    if (readCommitted && header.producerId >= 0) {
      while (abortIndex < pendingAborts.length && pendingAborts[abortIndex].firstOffset <= lastOffset) {
        abortedProducers.add(pendingAborts[abortIndex++].producerId);
      }
      if (header.isControl) {
        for (const r of readRecords(batch)) if (controlTypeOf(r.key) === 'abort') abortedProducers.delete(header.producerId);
        continue;
      }
      if (header.isTransactional && abortedProducers.has(header.producerId)) continue;
    }
    if (header.isControl) continue;
    for (const r of readRecords(batch)) {
      if (r.offset < fetchOffset) continue;
      const headers: [string, Buffer | null][] = new Array(r.headers.length);
      for (let i = 0; i < r.headers.length; i++) headers[i] = [r.headers[i].key, r.headers[i].value];
      records.push({ offset: r.offset, timestamp: r.timestamp, key: r.key, value: r.value, headers });
    }
  }
  return { records, nextOffset };
}
