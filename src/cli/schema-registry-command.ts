import { parseArgs } from 'node:util';
import { startSchemaRegistry } from '../schema-registry/schema-registry.js';
import { createLogger, type Logger } from '../util/logger.js';
import { onShutdownSignal } from './signals.js';

const HELP = `Usage: sluice schema-registry [options]

Runs an embedded, Confluent-compatible Schema Registry (Avro) for development and tests.
Production workers point schema.registry.url at a Confluent Schema Registry.
Schemas live in a compacted Kafka topic in Confluent's format, so several registries (or a
Confluent one) can share it.

Options:
  --port N                  Port to listen on (default 8081; 0 picks a free port)
  --host H                  Address to bind (default 127.0.0.1)
  --bootstrap-servers LIST  Kafka bootstrap servers (default 127.0.0.1:9092)
  --topic NAME              Topic holding schemas and settings (default _schemas)
`;

export interface SchemaRegistryCommandHooks {
  /** Resolves when the registry should stop. Default: the first SIGINT or SIGTERM. */
  untilShutdown?: () => Promise<unknown>;
  logger?: Logger;
}

export async function runSchemaRegistryCommand(args: string[], hooks: SchemaRegistryCommandHooks = {}): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8081' },
      host: { type: 'string', default: '127.0.0.1' },
      'bootstrap-servers': { type: 'string', default: '127.0.0.1:9092' },
      topic: { type: 'string', default: '_schemas' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer between 0 and 65535, got "${values.port}"`);
  const logger = hooks.logger ?? createLogger('schema-registry');
  const registry = await startSchemaRegistry({
    port,
    host: values.host,
    bootstrapServers: values['bootstrap-servers'],
    topic: values.topic,
    logger,
  });
  await (hooks.untilShutdown ?? onShutdownSignal)();
  logger.info('shutting down');
  await registry.close();
}
