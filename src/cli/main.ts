const USAGE = `Usage: sluice <command> [options]

Commands:
  broker           Run the embedded Kafka-compatible broker (development and tests)
  dev              Zero-setup development stack: broker, Schema Registry, worker and a demo pipeline
  schema-registry  Run the embedded Confluent-compatible Schema Registry
  standalone       Run a standalone Connect worker (connect-standalone compatible)
  transforms       "transforms preview": try a transform chain on sample records offline

Run "sluice <command> --help" for the options of a command.`;

type Command = (args: string[]) => Promise<void>;

// Each command is imported only when run, so `sluice broker` never loads the worker's HTTP and
// client libraries (start-up time and idle memory).
const COMMANDS: Record<string, () => Promise<Command>> = {
  broker: async () => (await import('./broker-command.js')).runBrokerCommand,
  dev: async () => (await import('./dev-command.js')).runDevCommand,
  standalone: async () => (await import('./standalone-command.js')).runStandaloneCommand,
  transforms: async () => (await import('./transforms-command.js')).runTransformsCommand,
  'schema-registry': async () => (await import('./schema-registry-command.js')).runSchemaRegistryCommand,
};

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const command = await load();
  await command(rest);
}
