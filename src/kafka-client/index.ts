// The lean producer's public API.
export { LeanProducer, type LeanProducerOptions } from './producer.js';
export type { ProducerRecord, RecordAck } from './types.js';
export type { SaslMechanism, SaslOptions } from './session.js';
export { KafkaConnectionError, KafkaProtocolError, KafkaSaslError } from './errors.js';
export { murmur2, toPositive } from './murmur2.js';
