import { runBrokerCommand } from './broker-command.js';

const USAGE = `Usage: sluice <command> [options]

Commands:
  broker     Run the embedded Kafka-compatible broker (development and tests)
  dev        Zero-setup development mode (embedded broker; more with later releases)

Run "sluice <command> --help" for the options of a command.`;

type Command = (args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  broker: runBrokerCommand,
  dev: runBrokerCommand,
};

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  await command(rest);
}
