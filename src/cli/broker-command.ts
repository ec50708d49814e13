import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBroker } from '../broker/broker.js';
import { createLogger } from '../util/logger.js';
import { onShutdownSignal } from './signals.js';

const HELP = `Usage: sluice broker [options]

Runs the embedded, single-node, Kafka-compatible broker. For development and tests only:
production workers point bootstrap.servers at a real Kafka cluster.

Options:
  --port N              Port to listen on (default 9092; 0 picks a free port)
  --host H              Address to bind (default 127.0.0.1)
  --advertised-host H   Host name given to clients in metadata (default: --host)
  --data-dir DIR        Where logs, offsets and topic configs live (default .sluice/broker)
  --partitions N        Partitions of auto-created topics (default 1)
  --no-auto-create      Do not create topics named in metadata requests
  --log-maintenance-interval-ms N
                        How often retention and compaction run (default 10000)
`;

export async function runBrokerCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '9092' },
      host: { type: 'string', default: '127.0.0.1' },
      'advertised-host': { type: 'string' },
      'data-dir': { type: 'string', default: '.sluice/broker' },
      partitions: { type: 'string', default: '1' },
      'no-auto-create': { type: 'boolean', default: false },
      'log-maintenance-interval-ms': { type: 'string', default: '10000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parseInteger('--port', values.port, 0, 65535);
  const partitions = parseInteger('--partitions', values.partitions, 1, 100000);
  const logger = createLogger('broker');
  const broker = await startBroker({
    port,
    host: values.host,
    advertisedHost: values['advertised-host'],
    dataDir: resolve(values['data-dir']),
    defaultPartitions: partitions,
    autoCreateTopics: !values['no-auto-create'],
    logMaintenanceIntervalMs: parseInteger('--log-maintenance-interval-ms', values['log-maintenance-interval-ms'], 10, 86_400_000),
    logger,
  });
  logger.info({ port: broker.port, dataDir: broker.dataDir }, `broker listening on ${broker.host}:${broker.port}`);
  await onShutdownSignal();
  logger.info('shutting down');
  await broker.close();
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer between ${min} and ${max}, got "${text}"`);
  return n;
}
