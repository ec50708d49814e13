/**
 * The REST entities as sent: each builder copies the fields of one Kafka Connect entity in the order
 * Jackson writes them, so responses are plain JSON.stringify output whatever order a Herder built
 * its objects in, and fields outside the entities never leak out. Optional fields left undefined are
 * omitted by JSON.stringify.
 */
import type {
  ConfigInfo,
  ConfigInfos,
  ConfigKeyInfo,
  ConfigValueInfo,
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorState,
  ConnectorStateInfo,
  ConnectorTaskId,
  HealthStatus,
  PluginInfo,
  TaskInfo,
  TaskState,
  WorkerInfo,
} from '../runtime/herder.js';

/**
 * Config values are strings in Kafka Connect; task configs from plugins written in JavaScript may
 * still hold numbers or booleans, which are sent as their text (null as "").
 */
export function configMap(config: ConnectorConfig): ConnectorConfig {
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (value !== undefined) entries.push([key, typeof value === 'string' ? value : String(value ?? '')]);
  }
  // fromEntries defines own properties, so a key named __proto__ stays a key.
  return Object.fromEntries(entries);
}

function taskId(id: ConnectorTaskId): ConnectorTaskId {
  return { connector: id.connector, task: id.task };
}

export function connectorInfo(info: ConnectorInfo): ConnectorInfo {
  return { name: info.name, config: configMap(info.config), tasks: info.tasks.map(taskId), type: info.type };
}

export function taskInfo(task: TaskInfo): TaskInfo {
  return { id: taskId(task.id), config: configMap(task.config) };
}

function connectorState(s: ConnectorState): ConnectorState {
  return { state: s.state, worker_id: s.worker_id, trace: s.trace, restart_attempts: s.restart_attempts };
}

export function taskState(s: TaskState): TaskState {
  return { id: s.id, state: s.state, worker_id: s.worker_id, trace: s.trace, restart_attempts: s.restart_attempts };
}

export function connectorStateInfo(s: ConnectorStateInfo): ConnectorStateInfo {
  return { name: s.name, connector: connectorState(s.connector), tasks: s.tasks.map(taskState), type: s.type };
}

/** Partitions and offsets are the connector's own maps, sent as they are. */
export function connectorOffsets(o: ConnectorOffsets): ConnectorOffsets {
  return { offsets: o.offsets.map((entry) => ({ partition: entry.partition, offset: entry.offset })) };
}

export function pluginInfo(p: PluginInfo): PluginInfo {
  return { class: p.class, type: p.type, version: p.version };
}

export function configKeyInfo(k: ConfigKeyInfo): ConfigKeyInfo {
  return {
    name: k.name,
    type: k.type,
    required: k.required,
    default_value: k.default_value,
    importance: k.importance,
    documentation: k.documentation,
    group: k.group,
    width: k.width,
    display_name: k.display_name,
    dependents: k.dependents,
    order: k.order,
  };
}

function configValueInfo(v: ConfigValueInfo): ConfigValueInfo {
  return { name: v.name, value: v.value, recommended_values: v.recommended_values, errors: v.errors, visible: v.visible };
}

function configInfo(c: ConfigInfo): ConfigInfo {
  return {
    definition: c.definition === null ? null : configKeyInfo(c.definition),
    value: c.value === null ? null : configValueInfo(c.value),
  };
}

export function configInfos(c: ConfigInfos): ConfigInfos {
  return { name: c.name, error_count: c.error_count, groups: c.groups, configs: c.configs.map(configInfo) };
}

export function workerInfo(w: WorkerInfo): WorkerInfo {
  return { version: w.version, commit: w.commit, kafka_cluster_id: w.kafka_cluster_id };
}

export function health(h: HealthStatus): HealthStatus {
  return { status: h.status, message: h.message };
}
