import { createLogger, type Logger } from '../../src/util/logger.js';

let packageLogger: Logger | undefined;

/**
 * The logger the file connectors use unless given one. The connector API hands connectors no
 * logger yet, so this is the package's own, created on first use (pino opens its stderr
 * destination then, not at import).
 */
export function fileConnectorLogger(): Logger {
  packageLogger ??= createLogger('org.apache.kafka.connect.file');
  return packageLogger;
}
