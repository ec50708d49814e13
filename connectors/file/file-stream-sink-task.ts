import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { ConnectError, type PartitionOffsets, type SinkTask, type SinkTaskContext } from '../../src/connect/index.js';
import { javaToString, type SinkRecord } from '../../src/data/index.js';
import { AppendWriter, FileDestination, StreamDestination } from './append-writer.js';
import { parseSinkConfig } from './file-stream-sink-config.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

export interface FileStreamSinkTaskOptions {
  /** Written to when `file` is unset, instead of process.stdout. */
  stdout?: Writable;
}

/**
 * Appends each record's value as Java's String.valueOf prints it, one per line, to a file or
 * stdout (Kafka's FileStreamSinkTask). Keys, headers and topics are ignored.
 *
 * Each put() is turned into one string and queued; writes run one at a time in the background,
 * so the file follows put() closely without a syscall or promise per line. flush() returns once
 * everything put so far has been written to the OS (no fsync, as Kafka's PrintStream.flush()).
 */
export class FileStreamSinkTask implements SinkTask {
  static readonly CLASS_NAME = 'org.apache.kafka.connect.file.FileStreamSinkTask';

  readonly #stdout: Writable | undefined;
  #writer: AppendWriter | null = null;

  constructor(options: FileStreamSinkTaskOptions = {}) {
    this.#stdout = options.stdout;
  }

  version(): string {
    return SLUICE_VERSION;
  }

  initialize(_context: SinkTaskContext): void {}

  async start(config: Record<string, string>): Promise<void> {
    const { file } = parseSinkConfig(config);
    if (file === null) {
      this.#writer = new AppendWriter(new StreamDestination(this.#stdout ?? process.stdout));
      return;
    }
    try {
      this.#writer = new AppendWriter(new FileDestination(await open(file, 'a')));
    } catch (err) {
      throw new ConnectError(`Couldn't find or create file '${file}' for FileStreamSinkTask`, 500, { cause: err });
    }
  }

  async put(records: SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    let text = '';
    for (const record of records) text += `${javaToString(record.value(), record.valueSchema())}\n`;
    await this.#started().append(text);
  }

  async flush(_offsets?: PartitionOffsets): Promise<void> {
    await this.#started().flush();
  }

  async stop(): Promise<void> {
    const writer = this.#writer;
    this.#writer = null;
    await writer?.close();
  }

  #started(): AppendWriter {
    if (this.#writer === null) throw new ConnectError('FileStreamSinkTask used before start() or after stop()');
    return this.#writer;
  }
}
