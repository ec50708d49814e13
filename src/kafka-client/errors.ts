/** Errors the lean producer raises, and which Kafka error codes are worth retrying. */
import { errorName } from '../broker/protocol/error-codes.js';

/** Codes the embedded broker never sends, so its table lacks their names. */
const EXTRA_NAMES: ReadonlyMap<number, string> = new Map([
  [13, 'NETWORK_EXCEPTION'],
  [19, 'NOT_ENOUGH_REPLICAS'],
  [20, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'],
  [29, 'TOPIC_AUTHORIZATION_FAILED'],
  [31, 'CLUSTER_AUTHORIZATION_FAILED'],
  [33, 'UNSUPPORTED_SASL_MECHANISM'],
  [34, 'ILLEGAL_SASL_STATE'],
  [56, 'KAFKA_STORAGE_ERROR'],
  [58, 'SASL_AUTHENTICATION_FAILED'],
  [89, 'THROTTLING_QUOTA_EXCEEDED'],
]);

export function kafkaErrorName(code: number): string {
  return EXTRA_NAMES.get(code) ?? errorName(code);
}

/** Errors after which the leader may have moved: refresh metadata before retrying. */
export const METADATA_ERRORS: ReadonlySet<number> = new Set([
  3, // UNKNOWN_TOPIC_OR_PARTITION
  5, // LEADER_NOT_AVAILABLE
  6, // NOT_LEADER_OR_FOLLOWER
  74, // FENCED_LEADER_EPOCH
  75, // UNKNOWN_LEADER_EPOCH
]);

/** Retriable per Kafka's Errors table (RetriableException subclasses) that a producer can see. */
const RETRIABLE: ReadonlySet<number> = new Set([
  ...METADATA_ERRORS,
  2, // CORRUPT_MESSAGE
  7, // REQUEST_TIMED_OUT
  13, // NETWORK_EXCEPTION
  19, // NOT_ENOUGH_REPLICAS
  20, // NOT_ENOUGH_REPLICAS_AFTER_APPEND
  56, // KAFKA_STORAGE_ERROR
  89, // THROTTLING_QUOTA_EXCEEDED
]);

export function isRetriable(code: number): boolean {
  return RETRIABLE.has(code);
}

/** A Kafka error code returned for one topic-partition (or for a whole request when partition is undefined). */
export class KafkaProtocolError extends Error {
  readonly errorName: string;

  constructor(
    readonly errorCode: number,
    readonly topic: string | undefined,
    readonly partition: number | undefined,
    detail?: string,
  ) {
    const name = kafkaErrorName(errorCode);
    const where = topic === undefined ? '' : partition === undefined ? ` for topic ${topic}` : ` for ${topic}-${partition}`;
    super(`${name}${where}${detail ? `: ${detail}` : ''}`);
    this.name = 'KafkaProtocolError';
    this.errorName = name;
  }

  get retriable(): boolean {
    return isRetriable(this.errorCode);
  }
}

/** The connection failed, closed or timed out; the request may or may not have been processed. */
export class KafkaConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaConnectionError';
  }
}

/** SASL authentication failed (wrong mechanism, credentials or server signature). */
export class KafkaSaslError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KafkaSaslError';
  }
}
