import type { SinkConnector, TaskClass, TaskConfig } from '../../src/connect/index.js';
import type { ConfigDef } from '../../src/config/index.js';
import type { Logger } from '../../src/util/logger.js';
import { fileConnectorLogger } from './file-connector-logger.js';
import { parseSinkConfig, SINK_CONFIG_DEF } from './file-stream-sink-config.js';
import { FileStreamSinkTask } from './file-stream-sink-task.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

/** Writes record values to a file, or standard output, one per line (Kafka's FileStreamSinkConnector). */
export class FileStreamSinkConnector implements SinkConnector {
  static readonly CLASS_NAME = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
  readonly kind = 'sink';
  #config: Record<string, string> = {};

  constructor(private readonly logger: Logger = fileConnectorLogger()) {}

  version(): string {
    return SLUICE_VERSION;
  }

  config(): ConfigDef {
    return SINK_CONFIG_DEF;
  }

  start(config: Record<string, string>): void {
    const { file } = parseSinkConfig(config);
    this.#config = { ...config };
    this.logger.info(`Starting file sink connector writing to ${file ?? 'standard output'}`);
  }

  taskClass(): TaskClass<FileStreamSinkTask> {
    return { className: FileStreamSinkTask.CLASS_NAME, create: () => new FileStreamSinkTask() };
  }

  /** Every task appends to the same file, as in Kafka. */
  taskConfigs(maxTasks: number): TaskConfig[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.#config }));
  }

  stop(): void {}

  /** Offsets live only in the consumer group; nothing to check or change here. */
  alterOffsets(_config: Record<string, string>, _offsets: Map<Record<string, unknown>, Record<string, unknown> | null>): boolean {
    return true;
  }
}
