import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The process logger. Level from SLUICE_LOG_LEVEL (default info); JSON lines on stderr so stdout
 * stays free for command output (a FileStream sink may write records to stdout).
 */
export function createLogger(name: string, level = process.env.SLUICE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that discards everything, for tests and embedded use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
