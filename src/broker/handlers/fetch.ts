import { ErrorCode } from '../protocol/error-codes.js';
import type { FetchPartitionData, FetchRequest, FetchResponse } from '../protocol/messages/fetch.js';
import { partitionKey, type BrokerContext } from './context.js';

/**
 * Fetch with long poll: answer at once when min_bytes are available or a partition has an error,
 * otherwise park until an append to one of the partitions or max_wait_ms. Whole stored batches are
 * served from disk by reference; the first non-empty partition always gets at least one batch so
 * a batch larger than the limits cannot stall a consumer.
 */
export function fetchHandler(broker: BrokerContext) {
  return async (req: FetchRequest): Promise<FetchResponse> => {
    const deadline = Date.now() + Math.max(0, req.maxWaitMs);
    const keys = req.topics.flatMap((t) => t.partitions.map((p) => partitionKey(t.topic, p.partition)));
    for (;;) {
      const { response, bytes, hasError } = readAll(broker, req);
      const remaining = deadline - Date.now();
      if (bytes >= req.minBytes || hasError || remaining <= 0 || keys.length === 0) return response;
      await broker.appends.waitForAppend(keys, remaining);
    }
  };
}

function readAll(broker: BrokerContext, req: FetchRequest): { response: FetchResponse; bytes: number; hasError: boolean } {
  let budget = req.maxBytes > 0 ? req.maxBytes : Number.MAX_SAFE_INTEGER;
  let total = 0;
  let hasError = false;
  const responses = req.topics.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p): FetchPartitionData => {
      const log = broker.topics.partition(t.topic, p.partition);
      if (log === undefined) {
        hasError = true;
        return emptyPartition(p.partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
      }
      const hw = log.logEndOffset;
      if (p.fetchOffset < log.logStartOffset || p.fetchOffset > hw) {
        hasError = true;
        return emptyPartition(p.partition, ErrorCode.OFFSET_OUT_OF_RANGE, hw, log.logStartOffset);
      }
      let records: Buffer[] = [];
      if (p.fetchOffset < hw && budget > 0) {
        const limit = Math.min(p.partitionMaxBytes, budget);
        const read = log.read(p.fetchOffset, limit, { minOneBatch: total === 0 });
        records = read.chunks;
        total += read.bytes;
        budget -= read.bytes;
      }
      return {
        partitionIndex: p.partition,
        errorCode: ErrorCode.NONE,
        highWatermark: hw,
        lastStableOffset: hw,
        logStartOffset: log.logStartOffset,
        abortedTransactions: [],
        preferredReadReplica: -1,
        records: records.length === 0 ? Buffer.alloc(0) : records,
      };
    }),
  }));
  return { response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses }, bytes: total, hasError };
}

function emptyPartition(partitionIndex: number, errorCode: number, highWatermark: number, logStartOffset: number): FetchPartitionData {
  return {
    partitionIndex,
    errorCode,
    highWatermark,
    lastStableOffset: highWatermark,
    logStartOffset,
    abortedTransactions: [],
    preferredReadReplica: -1,
    records: Buffer.alloc(0),
  };
}
