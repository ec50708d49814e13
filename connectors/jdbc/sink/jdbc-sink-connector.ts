/**
 * io.confluent.connect.jdbc.JdbcSinkConnector: every task gets the connector's config; validate()
 * adds the delete.enabled / pk.mode rule and a connection check reported on `connection.url`
 * (Confluent's JdbcSinkConnectorValidation).
 */
import type { SinkConnector, TaskClass, TaskConfig } from '../../../src/connect/index.js';
import type { ConfigDef, ConfigValue } from '../../../src/config/index.js';
import { SLUICE_VERSION } from '../../../src/runtime/version.js';
import type { Logger } from '../../../src/util/logger.js';
import { openSession } from '../common/connect.js';
import { JdbcSinkTask } from './jdbc-sink-task.js';
import type { SessionOpener } from './jdbc-writer.js';
import { CONNECTION_URL, DELETE_ENABLED, parseSinkConfig, PK_MODE, SINK_CONFIG_DEF } from './sink-config.js';
import { jdbcSinkLogger } from './sink-logger.js';

export interface JdbcSinkConnectorOptions {
  /** Opens database sessions for the connection check and the tasks. */
  openSession?: SessionOpener;
  logger?: Logger;
}

export class JdbcSinkConnector implements SinkConnector {
  static readonly CLASS_NAME = 'io.confluent.connect.jdbc.JdbcSinkConnector';
  readonly kind = 'sink';
  #config: Record<string, string> = {};

  constructor(private readonly options: JdbcSinkConnectorOptions = {}) {}

  version(): string {
    return SLUICE_VERSION;
  }

  config(): ConfigDef {
    return SINK_CONFIG_DEF;
  }

  async validate(config: Record<string, string>): Promise<ConfigValue[]> {
    const values = SINK_CONFIG_DEF.validateAll(config);
    const deleteEnabled = values.get(DELETE_ENABLED);
    const pkMode = values.get(PK_MODE);
    if (deleteEnabled?.value === true && pkMode !== undefined && deleteEnabled.errorMessages.length === 0 && pkMode.errorMessages.length === 0) {
      if (pkMode.value !== 'record_key' && pkMode.value !== 'RECORD_KEY') {
        const conflict = 'Deletes are only supported for pk.mode record_key';
        pkMode.addErrorMessage(conflict);
        deleteEnabled.addErrorMessage(conflict);
      }
    }
    if ([...values.values()].every((v) => v.errorMessages.length === 0)) {
      const problem = await this.#connectionProblem(config);
      if (problem !== null) values.get(CONNECTION_URL)?.addErrorMessage(`Could not connect to database. ${problem}`);
    }
    return [...values.values()];
  }

  start(config: Record<string, string>): void {
    this.#config = { ...config };
  }

  taskClass(): TaskClass<JdbcSinkTask> {
    return { className: JdbcSinkTask.CLASS_NAME, create: () => new JdbcSinkTask({ ...this.options }) };
  }

  taskConfigs(maxTasks: number): TaskConfig[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.#config }));
  }

  stop(): void {}

  /** Offsets live only in the consumer group. */
  alterOffsets(_config: Record<string, string>, _offsets: Map<Record<string, unknown>, Record<string, unknown> | null>): boolean {
    return true;
  }

  /** One connection attempt, as Confluent's validation opens a single connection. */
  async #connectionProblem(config: Record<string, string>): Promise<string | null> {
    try {
      const settings = parseSinkConfig(config);
      const open = this.options.openSession ?? openSession;
      const session = await open({ ...settings.connection, attempts: 1 });
      await session.close().catch(() => undefined);
      return null;
    } catch (err) {
      (this.options.logger ?? jdbcSinkLogger()).warn({ error: (err as Error).message }, 'Connection check failed during validation');
      return (err as Error).message;
    }
  }
}
