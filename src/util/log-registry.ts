import type { Logger } from 'pino';

/** The levels Kafka Connect's /admin/loggers accepts (log4j's names). */
export type KafkaLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'OFF' | 'ALL';

/** One entry of GET /admin/loggers: `last_modified` is epoch ms of the last change made through the API. */
export interface LoggerLevel {
  level: KafkaLogLevel;
  last_modified: number | null;
}

export const ROOT_LOGGER = 'root';

const PINO_LEVEL: Record<KafkaLogLevel, string> = {
  ALL: 'trace',
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
  FATAL: 'fatal',
  OFF: 'silent',
};

const KAFKA_LEVEL: Record<string, KafkaLogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'FATAL',
  silent: 'OFF',
};

/** Kafka's level name for a string given in any case, or undefined if it is not one. */
export function parseLogLevel(level: string): KafkaLogLevel | undefined {
  const upper = level.toUpperCase();
  return Object.hasOwn(PINO_LEVEL, upper) ? (upper as KafkaLogLevel) : undefined;
}

interface LoggerEntry {
  /** Set through the API (or the root's configured level); null means inherited from the nearest ancestor. */
  level: KafkaLogLevel | null;
  lastModified: number | null;
  instance?: Logger;
}

/**
 * Named loggers whose levels /admin/loggers can change at runtime, as log4j's hierarchy does for Kafka
 * Connect: names are dot-separated namespaces (`sluice.runtime.worker`), a logger without its own level
 * takes its nearest ancestor's, and `root` always exists.
 */
export class LogRegistry {
  private readonly entries = new Map<string, LoggerEntry>();
  private readonly root: LoggerEntry;

  constructor(
    rootLogger: Logger,
    private readonly clock: () => number = Date.now,
  ) {
    this.root = { level: KAFKA_LEVEL[rootLogger.level] ?? 'INFO', lastModified: null, instance: rootLogger };
  }

  /** The logger for a module, created on first use with the level its namespace currently has. */
  logger(name: string): Logger {
    if (isRoot(name)) return this.root.instance as Logger;
    let entry = this.entries.get(name);
    if (entry === undefined) {
      entry = { level: null, lastModified: null };
      this.entries.set(name, entry);
    }
    if (entry.instance === undefined) {
      const root = this.root.instance as Logger;
      entry.instance = root.child({ name }, { level: PINO_LEVEL[this.effectiveLevel(name)] });
    }
    return entry.instance;
  }

  /** Loggers with a level of their own, plus root, sorted by name (Kafka answers from a TreeMap). */
  levels(): Record<string, LoggerLevel> {
    const result: Record<string, LoggerLevel> = {};
    const names = [...this.entries.keys()].filter((n) => this.entries.get(n)?.level !== null);
    names.push(ROOT_LOGGER);
    for (const name of names.sort()) result[name] = this.level(name) as LoggerLevel;
    return result;
  }

  /** A known logger's own level, or its effective level when it has none; undefined for unknown names. */
  level(name: string): LoggerLevel | undefined {
    if (isRoot(name)) return { level: this.root.level as KafkaLogLevel, last_modified: this.root.lastModified };
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    return { level: entry.level ?? this.effectiveLevel(name), last_modified: entry.lastModified };
  }

  /**
   * Sets the level of a namespace and of every existing logger under it (`root`: every logger), creating
   * the namespace's own logger if needed, as log4j does. Returns the names set, sorted.
   */
  setLevel(namespace: string, level: string): string[] {
    const parsed = parseLogLevel(level);
    if (parsed === undefined) throw new RangeError(`invalid log level '${level}'.`);
    const now = this.clock();
    const changed: string[] = [];
    const apply = (name: string, entry: LoggerEntry): void => {
      entry.level = parsed;
      entry.lastModified = now;
      if (entry.instance !== undefined) entry.instance.level = PINO_LEVEL[parsed];
      changed.push(name);
    };
    if (isRoot(namespace)) {
      apply(ROOT_LOGGER, this.root);
      for (const [name, entry] of this.entries) apply(name, entry);
    } else {
      if (!this.entries.has(namespace)) this.entries.set(namespace, { level: null, lastModified: null });
      const prefix = `${namespace}.`;
      for (const [name, entry] of this.entries) {
        if (name === namespace || name.startsWith(prefix)) apply(name, entry);
      }
    }
    return changed.sort();
  }

  private effectiveLevel(name: string): KafkaLogLevel {
    for (let ns = name; ns !== ''; ns = ns.includes('.') ? ns.slice(0, ns.lastIndexOf('.')) : '') {
      const level = this.entries.get(ns)?.level;
      if (level !== null && level !== undefined) return level;
    }
    return this.root.level as KafkaLogLevel;
  }
}

function isRoot(name: string): boolean {
  return name.toLowerCase() === ROOT_LOGGER;
}
