import { parseArgs } from 'node:util';
import { parseConfigFile } from '../config/config-file.js';
import { startStandalone } from '../runtime/standalone.js';
import { createLogger } from '../util/logger.js';
import { onShutdownSignal } from './signals.js';

const HELP = `Usage: sluice standalone worker.properties [connector1.properties|connector1.json ...]

Runs a standalone worker, as Kafka Connect's connect-standalone does: the worker config is a
.properties (or JSON) file; each connector file is .properties, a flat JSON object, or a
POST /connectors body ({"name", "config", "initial_state"}). The REST API listens on
"listeners" (default http://:8083); source offsets go to offset.storage.file.filename.
`;

export async function runStandaloneCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    if (positionals.length === 0 && !values.help) process.exitCode = 2;
    return;
  }
  const [workerFile, ...connectorFiles] = positionals;
  const logger = createLogger('sluice');
  const worker = (await parseConfigFile(workerFile)).config;
  const running = await startStandalone({ workerProps: worker, connectorFiles, logger });
  logger.info({ rest: running.restUrl }, `REST API at ${running.restUrl}`);
  await onShutdownSignal();
  logger.info('shutting down');
  await running.close();
}
