// The lean producer's public API.
export { LeanProducer, type LeanProducerOptions } from './producer.js';
export type { ProducerRecord, RecordAck } from './types.js';
export type { SaslMechanism, SaslOptions } from './session.js';
export { KafkaConnectionError, KafkaProtocolError, KafkaSaslError } from './errors.js';
export { murmur2, toPositive } from './murmur2.js';
// The lean consumer's public API.
export { LeanConsumer, type LeanConsumerOptions, type ConsumerHandlers } from './consumer.js';
export type { ConsumedBatch, ConsumedRecord, OffsetToCommit, TopicPartition } from './consumer-types.js';
export type { ProtocolName } from './group-client.js';
export { rangeAssign, roundRobinAssign, type AssignorMember, type AssignorName } from './assignor.js';
