import { validateProducedBatches } from '../records/batch.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { ProducePartitionResponse, ProduceRequest, ProduceResponse } from '../protocol/messages/produce.js';
import type { RequestContext } from '../server/router.js';
import { partitionKey, type BrokerContext } from './context.js';

const ZSTD = 4;

/**
 * Produce: validate each partition's batch (magic 2, CRC, sizes), apply idempotence checks, append,
 * wake waiting fetches. acks=0 gets no response at all: clients do not expect one.
 */
export function produceHandler(broker: BrokerContext) {
  return (req: ProduceRequest, ctx: RequestContext): ProduceResponse | null => {
    const version = ctx.header.apiVersion;
    const fail = (errorCode: number) => (index: number): ProducePartitionResponse => ({
      index,
      errorCode,
      baseOffset: -1,
      logAppendTimeMs: -1,
      logStartOffset: -1,
    });
    // Record format v2 needs Produce v3+; older versions are advertised only for librdkafka's
    // feature probe (as Kafka 4.0 does) and refused.
    const refuse = version < 3 ? ErrorCode.UNSUPPORTED_VERSION : req.acks !== 0 && req.acks !== 1 && req.acks !== -1 ? ErrorCode.INVALID_REQUIRED_ACKS : 0;
    const responses = req.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p) =>
        refuse !== 0 ? fail(refuse)(p.index) : appendPartition(broker, t.name, p.index, p.records, version, fail),
      ),
    }));
    if (req.acks === 0) return null;
    return { responses, throttleTimeMs: 0 };
  };
}

function appendPartition(
  broker: BrokerContext,
  topicName: string,
  index: number,
  records: Buffer | null,
  version: number,
  fail: (code: number) => (index: number) => ProducePartitionResponse,
): ProducePartitionResponse {
  const topic = broker.topics.get(topicName);
  const log = topic?.partitions[index];
  if (topic === undefined || log === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)(index);
  if (records === null || records.length === 0) return fail(ErrorCode.INVALID_RECORD)(index);
  const validated = validateProducedBatches(records);
  if (!validated.ok) return fail(validated.errorCode)(index);
  if (validated.batches.length !== 1) return fail(ErrorCode.INVALID_RECORD)(index);
  const batch = validated.batches[0];
  if (records.length > topic.logConfig.maxMessageBytes) return fail(ErrorCode.MESSAGE_TOO_LARGE)(index);
  if (batch.compression === ZSTD && version < 7) return fail(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)(index);
  if (batch.isTransactional) return fail(ErrorCode.INVALID_RECORD)(index);

  const key = partitionKey(topicName, index);
  const verdict = broker.producers.check(key, batch);
  if (verdict.kind === 'reject') return fail(verdict.errorCode)(index);
  if (verdict.kind === 'duplicate') {
    return { index, errorCode: ErrorCode.NONE, baseOffset: verdict.baseOffset, logAppendTimeMs: -1, logStartOffset: log.logStartOffset };
  }
  const logAppendTimeMs = topic.logConfig.messageTimestampType === 'LogAppendTime' ? Date.now() : undefined;
  const { baseOffset } = log.append(records, { logAppendTimeMs });
  broker.producers.appended(key, batch, baseOffset);
  broker.appends.notify(key);
  return { index, errorCode: ErrorCode.NONE, baseOffset, logAppendTimeMs: logAppendTimeMs ?? -1, logStartOffset: log.logStartOffset };
}
