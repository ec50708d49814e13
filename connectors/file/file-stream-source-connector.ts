import { ConnectError, type SourceConnector, type TaskClass, type TaskConfig } from '../../src/connect/index.js';
import type { ConfigDef } from '../../src/config/index.js';
import type { Logger } from '../../src/util/logger.js';
import { fileConnectorLogger } from './file-connector-logger.js';
import { FILE_CONFIG, parseSourceConfig, SOURCE_CONFIG_DEF } from './file-stream-source-config.js';
import { FileStreamSourceTask, FILENAME_FIELD, POSITION_FIELD } from './file-stream-source-task.js';
import { SLUICE_VERSION } from '../../src/runtime/version.js';

/** Kafka's ExactlyOnceSupport (KIP-618). */
export type ExactlyOnceSupport = 'SUPPORTED' | 'UNSUPPORTED';

/** Reads a file, or standard input, line by line into one topic (Kafka's FileStreamSourceConnector). */
export class FileStreamSourceConnector implements SourceConnector {
  static readonly CLASS_NAME = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
  readonly kind = 'source';
  #config: Record<string, string> = {};

  constructor(private readonly logger: Logger = fileConnectorLogger()) {}

  version(): string {
    return SLUICE_VERSION;
  }

  config(): ConfigDef {
    return SOURCE_CONFIG_DEF;
  }

  start(config: Record<string, string>): void {
    const { file } = parseSourceConfig(config);
    this.#config = { ...config };
    this.logger.info(`Starting file source connector reading from ${file ?? 'standard input'}`);
  }

  taskClass(): TaskClass<FileStreamSourceTask> {
    return { className: FileStreamSourceTask.CLASS_NAME, create: () => new FileStreamSourceTask() };
  }

  /** Only one reader of a file (or stdin) makes sense, whatever tasks.max says. */
  taskConfigs(_maxTasks: number): TaskConfig[] {
    return [{ ...this.#config }];
  }

  stop(): void {}

  /** Exactly-once needs replayable positions, which stdin does not have. */
  exactlyOnceSupport(config: Record<string, string>): ExactlyOnceSupport {
    return parseSourceConfig(config).file === null ? 'UNSUPPORTED' : 'SUPPORTED';
  }

  /**
   * Kafka's checks: offsets can only be changed for a file; every non-null offset needs a
   * non-negative integral `position`, every partition a `filename`. Tombstones pass for any
   * partition so that garbage can always be cleaned up. JSON cannot tell `5.0` from `5`, so a
   * position Java would reject as a Double is accepted here when it is integral.
   */
  alterOffsets(config: Record<string, string>, offsets: Map<Record<string, unknown>, Record<string, unknown> | null>): boolean {
    if (parseSourceConfig(config).file === null) {
      throw new ConnectError(
        `Offsets cannot be modified if the '${FILE_CONFIG}' configuration is unspecified. This is because stdin is used for input and offsets are not tracked.`,
      );
    }
    for (const [partition, offset] of offsets) {
      if (offset === null) continue;
      if (!Object.hasOwn(offset, POSITION_FIELD)) {
        throw new ConnectError(`Offset objects should either be null or contain the key '${POSITION_FIELD}'`);
      }
      const position = offset[POSITION_FIELD];
      if (!(typeof position === 'bigint' || (typeof position === 'number' && Number.isInteger(position)))) {
        throw new ConnectError(`The value for the '${POSITION_FIELD}' key in the offset is expected to be a Long value`);
      }
      if (position < 0) throw new ConnectError(`The value for the '${POSITION_FIELD}' key in the offset should be a non-negative value`);
      if (partition === null) throw new ConnectError('Partition objects cannot be null');
      if (!Object.hasOwn(partition, FILENAME_FIELD)) throw new ConnectError(`Partition objects should contain the key '${FILENAME_FIELD}'`);
    }
    // The task checks on start whether the position fits the file.
    return true;
  }
}
