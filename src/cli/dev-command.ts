/**
 * `npm start`: the zero-setup development stack in one process: the embedded broker, the embedded
 * Schema Registry and a standalone worker with its REST API, plus a demo pipeline that copies an
 * Apache access log through Kafka into a file.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBroker } from '../broker/broker.js';
import { startStandalone } from '../runtime/standalone.js';
import { startSchemaRegistry } from '../schema-registry/schema-registry.js';
import { createLogger } from '../util/logger.js';
import { onShutdownSignal } from './signals.js';

const HELP = `Usage: sluice dev [options]

Starts the embedded Kafka-compatible broker, the embedded Schema Registry and a standalone
worker (REST API on :8083), then a demo pipeline (FileStream source -> topic access-log ->
FileStream sink). Data lives in .sluice/ under the working directory; a second start resumes.

Options:
  --no-demo             Start the stack without the demo connectors
  --data-dir DIR        Default .sluice
  --broker-port N       Default 9092
  --registry-port N     Default 8081
  --rest-port N         Default 8083
`;

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
const DEMO_LOG = join(REPO_ROOT, 'examples', 'access-log', 'access.log');

export async function runDevCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'no-demo': { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.sluice' },
      'broker-port': { type: 'string', default: '9092' },
      'registry-port': { type: 'string', default: '8081' },
      'rest-port': { type: 'string', default: '8083' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const dataDir = resolve(values['data-dir']);
  const outDir = join(dataDir, 'out');
  mkdirSync(outDir, { recursive: true });
  const logger = createLogger('sluice', process.env.SLUICE_LOG_LEVEL ?? 'warn');

  const broker = await startBroker({ port: Number(values['broker-port']), dataDir: join(dataDir, 'broker'), logger: logger.child({ name: 'sluice.broker' }) });
  const registry = await startSchemaRegistry({ port: Number(values['registry-port']), bootstrapServers: broker.bootstrapServers, logger: logger.child({ name: 'sluice.schema-registry' }) });
  const demo = !values['no-demo'];
  const sinkFile = join(outDir, 'access-log.txt');
  let worker;
  try {
    worker = await startStandalone({
      workerProps: {
        'bootstrap.servers': broker.bootstrapServers,
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'offset.storage.file.filename': join(dataDir, 'connect.offsets'),
        'offset.flush.interval.ms': '1000',
        listeners: `http://127.0.0.1:${values['rest-port']}`,
      },
      logger,
      connectors: demo
        ? [
            { name: 'access-log-source', config: { 'connector.class': 'FileStreamSource', file: DEMO_LOG, topic: 'access-log' } },
            { name: 'access-log-sink', config: { 'connector.class': 'FileStreamSink', file: sinkFile, topics: 'access-log' } },
          ]
        : [],
    });
  } catch (err) {
    await registry.close();
    await broker.close();
    throw err;
  }
  const rest = worker.restUrl.replace(/\/$/, '');
  console.log(
    [
      '',
      'Sluice is running:',
      `  Kafka-compatible broker   ${broker.bootstrapServers}   (data in ${join(dataDir, 'broker')})`,
      `  Schema Registry           ${registry.url}`,
      `  Connect REST API          ${rest}`,
      ...(demo
        ? [
            '',
            'Demo pipeline: examples/access-log/access.log -> topic "access-log" -> file',
            `  output: ${sinkFile}`,
          ]
        : []),
      '',
      'Try:',
      `  curl -s ${rest}/connectors?expand=status`,
      `  curl -s ${rest}/connector-plugins`,
      demo ? `  curl -s -X PUT ${rest}/connectors/access-log-sink/pause` : `  curl -s ${rest}/`,
      '',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
  await onShutdownSignal();
  console.log('Stopping...');
  await worker.close();
  await registry.close();
  await broker.close();
}
