/**
 * io.confluent.connect.jdbc.JdbcSinkConnector: every task gets the connector's config; validate()
 * adds the delete.enabled / pk.mode rule and a connection check reported on `connection.url`
 * (Confluent's JdbcSinkConnectorValidation).
 */
import type { SinkConnector, TaskClass, TaskConfig } from '../../../src/connect/index.js';
import type { ConfigDef, ConfigValue } from '../../../src/config/index.js';
import { SLUICE_VERSION } from '../../../src/runtime/version.js';
import { checkConnection, type JdbcPluginOptions } from '../common/connect.js';
import { jdbcLogger } from '../common/package-logger.js';
import { CONNECTION_URL } from '../common/shared-config.js';
import { JdbcSinkTask } from './jdbc-sink-task.js';
import { DELETE_ENABLED, parseSinkConfig, PK_MODE, SINK_CONFIG_DEF } from './sink-config.js';

/** `openSession` opens the connection check's session and the tasks'. */
export type JdbcSinkConnectorOptions = JdbcPluginOptions;

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
    let problem: string | null;
    try {
      problem = await checkConnection(parseSinkConfig(config).connection, this.options.openSession);
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem !== null) (this.options.logger ?? jdbcLogger('sink')).warn({ error: problem }, 'Connection check failed during validation');
    return problem;
  }
}
