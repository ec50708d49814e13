import { createLogger, type Logger } from '../../../src/util/logger.js';

let packageLogger: Logger | undefined;

/**
 * The JDBC sink's logger unless one is given: the connector API hands connectors no logger, so
 * this is the package's own, created on first use.
 */
export function jdbcSinkLogger(): Logger {
  packageLogger ??= createLogger('io.confluent.connect.jdbc.sink');
  return packageLogger;
}
