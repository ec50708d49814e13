import { createLogger, type Logger } from '../../../src/util/logger.js';

let packageLogger: Logger | undefined;

/**
 * The logger the JDBC source uses unless given one; the connector API hands connectors no logger
 * yet. Created on first use, so importing the module opens nothing.
 */
export function jdbcSourceLogger(): Logger {
  packageLogger ??= createLogger('io.confluent.connect.jdbc.source');
  return packageLogger;
}
