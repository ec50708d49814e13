import { ErrorCode } from '../protocol/error-codes.js';
import type { InitProducerIdRequest, InitProducerIdResponse } from '../protocol/messages/init-producer-id.js';
import type { BrokerContext } from './context.js';

/**
 * InitProducerId for idempotent producers: a fresh, never reused id with epoch 0. Transactional ids
 * are refused until the broker implements transactions.
 */
export function initProducerIdHandler(broker: BrokerContext) {
  return (req: InitProducerIdRequest): InitProducerIdResponse => {
    if (req.transactionalId !== null) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 };
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: broker.producers.allocateProducerId(), producerEpoch: 0 };
  };
}
