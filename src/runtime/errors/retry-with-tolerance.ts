/**
 * Kafka Connect's RetryWithToleranceOperator: retries retriable failures within
 * `errors.retry.timeout`, then either skips the record (`errors.tolerance=all`) or fails the task,
 * reporting the failure to the log and the dead letter queue either way.
 */
import type { ConnectMetrics } from '../../metrics/connect-metrics.js';
import { ConnectError, RetriableError } from '../errors.js';
import type { ConnectorTaskId } from '../herder.js';
import type { ErrorHandlingConfig } from './error-handling-config.js';
import type { ProcessingFailure } from './processing-context.js';
import type { ErrorReporter } from './reporters.js';

export const SKIPPED: unique symbol = Symbol('skipped');
export type Skipped = typeof SKIPPED;

const INITIAL_BACKOFF_MS = 300;

export class RetryWithToleranceOperator {
  constructor(
    private readonly id: ConnectorTaskId,
    private readonly config: ErrorHandlingConfig,
    private readonly reporters: readonly ErrorReporter[],
    private readonly metrics: ConnectMetrics,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get toleratesAll(): boolean {
    return this.config.tolerance === 'all';
  }

  /**
   * Called after `attempt` failed once with `failure.error`. Returns the value of a successful
   * retry, SKIPPED when the failure is tolerated, or throws when it is not.
   */
  async handle<T>(failure: ProcessingFailure, attempt: () => T | Promise<T>): Promise<T | Skipped> {
    let error = failure.error;
    const deadline = this.config.retryTimeoutMs < 0 ? Infinity : Date.now() + this.config.retryTimeoutMs;
    for (let n = 1; error instanceof RetriableError && Date.now() < deadline; n++) {
      await this.sleep(Math.min(this.backoff(n), Math.max(0, deadline - Date.now())));
      try {
        return await attempt();
      } catch (err) {
        error = err;
      }
    }
    const final: ProcessingFailure = { ...failure, error };
    this.metrics.recordError(this.id.connector, this.id.task, failure.stage);
    for (const r of this.reporters) await r.report(final);
    if (this.config.tolerance === 'all') {
      this.metrics.recordSkipped(this.id.connector, this.id.task);
      return SKIPPED;
    }
    const r = failure.record;
    const where = r.offset === null ? `topic '${r.topic}'` : `topic '${r.topic}', partition ${r.partition}, offset ${r.offset}`;
    // Kafka's message, plus where it happened so the status trace points at the record.
    throw new ConnectError(`Tolerance exceeded in error handler (stage ${failure.stage}, ${where})`, 500, { cause: error });
  }

  /** 300 ms doubling per attempt; past the cap, a random delay below it (Kafka's jitter). */
  private backoff(attempt: number): number {
    const delay = INITIAL_BACKOFF_MS * 2 ** (attempt - 1);
    return delay <= this.config.retryDelayMaxMs ? delay : Math.random() * this.config.retryDelayMaxMs;
  }
}
