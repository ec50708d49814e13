import { ErrorCode } from '../protocol/error-codes.js';
import type { ListOffsetsRequest, ListOffsetsResponse } from '../protocol/messages/list-offsets.js';
import type { BrokerContext } from './context.js';

const LATEST = -1;
const EARLIEST = -2;

/** ListOffsets: -1 latest (high watermark), -2 earliest (log start), else first offset at or after a timestamp. */
export function listOffsetsHandler(broker: BrokerContext) {
  return (req: ListOffsetsRequest): ListOffsetsResponse => ({
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const log = broker.topics.partition(t.name, p.partitionIndex);
        if (log === undefined) {
          return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
        }
        if (p.timestamp === LATEST) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1, offset: log.logEndOffset };
        if (p.timestamp === EARLIEST) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1, offset: log.logStartOffset };
        const found = log.offsetForTimestamp(p.timestamp);
        return {
          partitionIndex: p.partitionIndex,
          errorCode: ErrorCode.NONE,
          timestamp: found?.timestamp ?? -1,
          offset: found?.offset ?? -1,
        };
      }),
    })),
  });
}
