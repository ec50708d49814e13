import { createLogger, type Logger } from '../../../src/util/logger.js';

const loggers = new Map<string, Logger>();

/**
 * The logger of a JDBC package (`io.confluent.connect.jdbc.sink`, `...source`) for connectors and
 * tasks given none: the connector API hands them no logger. Created on first use, so importing
 * the module opens nothing.
 */
export function jdbcLogger(pkg: 'sink' | 'source'): Logger {
  let logger = loggers.get(pkg);
  if (logger === undefined) loggers.set(pkg, (logger = createLogger(`io.confluent.connect.jdbc.${pkg}`)));
  return logger;
}
