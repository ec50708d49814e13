import {
  AlreadyExistsError,
  BadRequestError,
  ConnectError,
  NotFoundError,
} from '../../runtime/errors.js';
import type {
  ConfigInfo,
  ConfigInfos,
  ConfigKeyInfo,
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorStateInfo,
  ConnectorStateName,
  ConnectorType,
  HealthStatus,
  Herder,
  PluginInfo,
  RestartRequest,
  TargetState,
  TaskInfo,
  TaskState,
  TaskStateName,
  WorkerInfo,
} from '../../runtime/herder.js';
import { invalidConfigMessage, javaMapText } from '../config-body.js';

/** A connector plugin the test herder knows, with the keys it requires. */
interface TestPlugin {
  info: PluginInfo;
  alias: string;
  taskClass: string;
  keys: ConfigKeyInfo[];
  /** The key naming the topic(s) a connector of this plugin uses. */
  topicKey: string;
}

interface StoredConnector {
  config: ConnectorConfig;
  target: TargetState;
  plugin: TestPlugin;
  state: ConnectorStateName;
  trace?: string;
  tasks: Array<{ config: ConnectorConfig; state: TaskStateName; trace?: string }>;
  offsets: ConnectorOffset[];
  topics: string[];
}

const WORKER_ID = '127.0.0.1:8083';

function key(name: string, type: ConfigKeyInfo['type'], documentation: string, order: number, required = true): ConfigKeyInfo {
  return {
    name,
    type,
    required,
    default_value: required ? null : '',
    importance: 'HIGH',
    documentation,
    group: 'Common',
    width: 'NONE',
    display_name: name,
    dependents: [],
    order,
  };
}

const PLUGINS: TestPlugin[] = [
  {
    info: { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '3.9.0' },
    alias: 'FileStreamSink',
    taskClass: 'org.apache.kafka.connect.file.FileStreamSinkTask',
    keys: [key('file', 'STRING', 'Destination filename.', 1, false), key('topics', 'LIST', 'Topics to consume.', 2)],
    topicKey: 'topics',
  },
  {
    info: { class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'source', version: '3.9.0' },
    alias: 'FileStreamSource',
    taskClass: 'org.apache.kafka.connect.file.FileStreamSourceTask',
    keys: [
      key('file', 'STRING', 'Source filename.', 1, false),
      key('topic', 'STRING', 'The topic to publish data to.', 2),
      key('db.password', 'PASSWORD', 'A secret, to show masking.', 3, false),
    ],
    topicKey: 'topic',
  },
];

const OTHER_PLUGINS: PluginInfo[] = [
  { class: 'org.apache.kafka.connect.transforms.Cast$Value', type: 'transformation', version: '3.9.0' },
  { class: 'org.apache.kafka.connect.json.JsonConverter', type: 'converter' },
];

/**
 * A small, honest Herder for REST tests: connectors live in memory, "start" at once, and answer with
 * Kafka Connect's errors. `hold` makes mutating calls wait, to exercise request timeouts.
 */
export class InMemoryHerder implements Herder {
  private readonly connectorsByName = new Map<string, StoredConnector>();
  hold: Promise<void> | undefined;
  healthAnswer: () => Promise<HealthStatus> = async () => ({
    status: 'healthy',
    message: 'Worker has completed startup and is ready to handle requests.',
  });

  workerInfo(): WorkerInfo {
    return { version: '0.1.0', commit: 'c0ffee', kafka_cluster_id: 'test-cluster' };
  }

  health(): Promise<HealthStatus> {
    return this.healthAnswer();
  }

  connectors(): string[] {
    return [...this.connectorsByName.keys()];
  }

  connectorInfo(name: string): ConnectorInfo {
    const c = this.stored(name, `Connector ${name} not found`);
    return {
      name,
      config: { ...c.config },
      tasks: c.tasks.map((_, task) => ({ connector: name, task })),
      type: c.plugin.info.type as ConnectorType,
    };
  }

  connectorConfig(name: string): ConnectorConfig {
    return { ...this.stored(name, `Connector ${name} not found`).config };
  }

  async putConnectorConfig(
    name: string,
    config: ConnectorConfig,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    await this.hold;
    const validation = await this.validateConnectorConfig(config);
    if (validation.error_count > 0) {
      throw new BadRequestError(invalidConfigMessage(validation.configs.flatMap((c) => c.value?.errors ?? [])));
    }
    const existing = this.connectorsByName.get(name);
    if (existing !== undefined && !options.allowReplace) throw new AlreadyExistsError(`Connector ${name} already exists`);
    const plugin = this.plugin(config['connector.class'] as string);
    const target = existing?.target ?? options.initialState ?? 'STARTED';
    const stored: StoredConnector = {
      config,
      target,
      plugin,
      state: 'RUNNING',
      tasks: [],
      offsets: existing?.offsets ?? [],
      topics: existing?.topics ?? [],
    };
    this.connectorsByName.set(name, stored);
    this.applyTarget(name, stored);
    return { created: existing === undefined, info: this.connectorInfo(name) };
  }

  async patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo> {
    const config = this.connectorConfig(name);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete config[k];
      else config[k] = v;
    }
    return (await this.putConnectorConfig(name, config, { allowReplace: true })).info;
  }

  async deleteConnector(name: string): Promise<void> {
    await this.hold;
    this.stored(name, `Connector ${name} not found`);
    this.connectorsByName.delete(name);
  }

  connectorStatus(name: string): ConnectorStateInfo {
    const c = this.stored(name, `No status found for connector ${name}`);
    return {
      name,
      connector: { state: c.state, worker_id: WORKER_ID, ...(c.trace === undefined ? {} : { trace: c.trace }) },
      tasks: c.tasks.map((t, id) => this.taskState(t, id)),
      type: c.plugin.info.type as ConnectorType,
    };
  }

  taskStatus(connector: string, task: number): TaskState {
    const t = this.connectorsByName.get(connector)?.tasks[task];
    if (t === undefined) throw new NotFoundError(`No status found for task ${connector}-${task}`);
    return this.taskState(t, task);
  }

  taskConfigs(name: string): TaskInfo[] {
    return this.stored(name, `Connector ${name} not found`).tasks.map((t, task) => ({
      id: { connector: name, task },
      config: { ...t.config },
    }));
  }

  async restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null> {
    await this.hold;
    const c = this.stored(name, `Unknown connector: ${name}`);
    if (!request.includeTasks && !request.onlyFailed) {
      c.state = 'RUNNING';
      delete c.trace;
      return null;
    }
    const restartConnector = !request.onlyFailed || c.state === 'FAILED';
    const restartTask = (state: TaskStateName): boolean => request.includeTasks && (!request.onlyFailed || state === 'FAILED');
    const answer = this.connectorStatus(name);
    if (restartConnector) answer.connector = { state: 'RESTARTING', worker_id: WORKER_ID };
    answer.tasks = answer.tasks.map((t) => (restartTask(t.state) ? { id: t.id, state: 'RESTARTING', worker_id: WORKER_ID } : t));
    if (restartConnector) {
      c.state = 'RUNNING';
      delete c.trace;
    }
    for (const t of c.tasks) {
      if (restartTask(t.state)) {
        t.state = 'RUNNING';
        delete t.trace;
      }
    }
    return answer;
  }

  async restartTask(connector: string, task: number): Promise<void> {
    await this.hold;
    const c = this.stored(connector, `Unknown connector: ${connector}`);
    const t = c.tasks[task];
    if (t === undefined) throw new NotFoundError(`Unknown task: ${connector}-${task}`);
    t.state = 'RUNNING';
    delete t.trace;
  }

  async pauseConnector(name: string): Promise<void> {
    await this.setTarget(name, 'PAUSED');
  }

  async resumeConnector(name: string): Promise<void> {
    await this.setTarget(name, 'STARTED');
  }

  async stopConnector(name: string): Promise<void> {
    await this.setTarget(name, 'STOPPED');
  }

  connectorActiveTopics(name: string): string[] {
    return [...(this.connectorsByName.get(name)?.topics ?? [])];
  }

  async resetConnectorActiveTopics(name: string): Promise<void> {
    const c = this.connectorsByName.get(name);
    if (c !== undefined) c.topics = [];
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    await this.hold;
    return { offsets: this.stored(name, `Connector ${name} not found`).offsets.map((o) => ({ ...o })) };
  }

  async alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    const c = this.stoppedForOffsets(name);
    for (const change of offsets.offsets) {
      const same = (o: ConnectorOffset): boolean => JSON.stringify(o.partition) === JSON.stringify(change.partition);
      c.offsets = c.offsets.filter((o) => !same(o));
      if (change.offset !== null) c.offsets.push(change);
    }
    return 'The offsets for this connector have been altered successfully';
  }

  async resetConnectorOffsets(name: string): Promise<string> {
    this.stoppedForOffsets(name).offsets = [];
    return 'The offsets for this connector have been reset successfully';
  }

  plugins(connectorsOnly: boolean): PluginInfo[] {
    const connectors = PLUGINS.map((p) => p.info);
    return connectorsOnly ? connectors : [...connectors, ...OTHER_PLUGINS];
  }

  async connectorPluginConfig(plugin: string): Promise<ConfigKeyInfo[]> {
    const found = PLUGINS.find((p) => p.info.class === plugin || p.alias === plugin || `${p.alias}Connector` === plugin);
    if (found === undefined) throw new NotFoundError(`Unknown plugin ${plugin}.`);
    return found.keys;
  }

  async validateConnectorConfig(config: ConnectorConfig): Promise<ConfigInfos> {
    await this.hold;
    const connectorClass = config['connector.class'];
    if (connectorClass === undefined) throw new BadRequestError(`Connector config ${javaMapText(config)} contains no connector type`);
    const plugin = this.plugin(connectorClass);
    const configs: ConfigInfo[] = plugin.keys.map((definition) => {
      const value = config[definition.name] ?? null;
      const errors = definition.required && value === null ? [`Missing required configuration "${definition.name}" which has no default value.`] : [];
      const shown = definition.type === 'PASSWORD' && value !== null ? '[hidden]' : value;
      return { definition, value: { name: definition.name, value: shown, recommended_values: [], errors, visible: true } };
    });
    return {
      name: connectorClass,
      error_count: configs.reduce((n, c) => n + (c.value?.errors.length ?? 0), 0),
      groups: ['Common'],
      configs,
    };
  }

  /** Test hook: marks a task (or, with no task, the connector) FAILED with a trace. */
  fail(name: string, task?: number): void {
    const c = this.stored(name, `Connector ${name} not found`);
    const target = task === undefined ? c : c.tasks[task];
    if (target === undefined) throw new Error(`no task ${task}`);
    target.state = 'FAILED';
    target.trace = 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat test';
  }

  /** Test hook: offsets as a task would have committed them. */
  commitOffsets(name: string, offsets: ConnectorOffset[]): void {
    this.stored(name, `Connector ${name} not found`).offsets.push(...offsets);
  }

  private plugin(connectorClass: string): TestPlugin {
    const found = PLUGINS.find((p) => p.info.class === connectorClass || p.alias === connectorClass || `${p.alias}Connector` === connectorClass);
    if (found === undefined) {
      throw new ConnectError(
        `Failed to find any class that implements Connector and which name matches ${connectorClass}, available connectors are: ${PLUGINS.map((p) => p.info.class).join(', ')}`,
      );
    }
    return found;
  }

  private stored(name: string, notFound: string): StoredConnector {
    const c = this.connectorsByName.get(name);
    if (c === undefined) throw new NotFoundError(notFound);
    return c;
  }

  private stoppedForOffsets(name: string): StoredConnector {
    const c = this.stored(name, `Connector ${name} not found`);
    if (c.target !== 'STOPPED') {
      throw new BadRequestError(
        `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    }
    return c;
  }

  private async setTarget(name: string, target: TargetState): Promise<void> {
    await this.hold;
    const c = this.stored(name, `Unknown connector ${name}`);
    c.target = target;
    this.applyTarget(name, c);
  }

  private applyTarget(name: string, c: StoredConnector): void {
    if (c.target === 'STOPPED') {
      c.state = 'STOPPED';
      c.tasks = [];
      return;
    }
    const state = c.target === 'PAUSED' ? 'PAUSED' : 'RUNNING';
    c.state = state;
    const count = Number(c.config['tasks.max'] ?? '1');
    c.tasks = Array.from({ length: count }, (_, task) => ({
      config: { 'task.class': c.plugin.taskClass, ...this.taskKeys(c.config), 'task.id': `${name}-${task}` },
      state,
    }));
    const topic = c.config[c.plugin.topicKey];
    if (topic !== undefined) c.topics = topic.split(',').map((t) => t.trim());
  }

  private taskKeys(config: ConnectorConfig): ConnectorConfig {
    const { 'connector.class': _class, name: _name, 'tasks.max': _max, ...rest } = config;
    return rest;
  }

  private taskState(t: { state: TaskStateName; trace?: string }, id: number): TaskState {
    return { id, state: t.state, worker_id: WORKER_ID, ...(t.trace === undefined ? {} : { trace: t.trace }) };
  }
}
