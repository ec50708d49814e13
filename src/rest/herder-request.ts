import { ConnectError } from '../runtime/errors.js';

/** Kafka Connect waits 90 s for the herder before answering 500 `Request timed out`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 90_000;

/** Waits for a herder operation, up to the REST request timeout. */
export type HerderRequest = <T>(operation: Promise<T>) => Promise<T>;

export function herderRequestWithin(timeoutMs: number): HerderRequest {
  return <T>(operation: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectError('Request timed out', 500)), timeoutMs);
    });
    // The operation goes on after a timeout, as in Kafka Connect; its late failure must not go unhandled.
    operation.catch(() => undefined);
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  };
}
