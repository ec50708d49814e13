/**
 * Sluice extension: FAILED connectors and tasks restart themselves with exponential backoff, up
 * to `sluice.restart.max.attempts` (default 0 = off, so configs behave as in Kafka Connect).
 * The attempt count shows in status as `restart_attempts`.
 */
export const RESTART_MAX_ATTEMPTS = 'sluice.restart.max.attempts';
export const RESTART_BACKOFF_INITIAL_MS = 'sluice.restart.backoff.initial.ms';
export const RESTART_BACKOFF_MAX_MS = 'sluice.restart.backoff.max.ms';

export interface RestartPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export function restartPolicy(config: Readonly<Record<string, string>>): RestartPolicy {
  const num = (key: string, fallback: number): number => {
    const n = Number(config[key] ?? fallback);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    maxAttempts: num(RESTART_MAX_ATTEMPTS, 0),
    initialBackoffMs: num(RESTART_BACKOFF_INITIAL_MS, 1000),
    maxBackoffMs: num(RESTART_BACKOFF_MAX_MS, 60_000),
  };
}

/** Delay before restart number `attempt` (1-based): initial × 2^(attempt-1), capped. */
export function restartDelay(policy: RestartPolicy, attempt: number): number {
  return Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
}

/** Schedules restarts; one pending timer per connector or task. */
export class AutoRestarter {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(key: string, delayMs: number, restart: () => void): void {
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      restart();
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  cancel(prefix: string): void {
    for (const [key, timer] of this.timers) {
      if (key === prefix || key.startsWith(`${prefix}\u0000`)) {
        clearTimeout(timer);
        this.timers.delete(key);
      }
    }
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
