/**
 * The Herder owns connector lifecycle and answers the REST API, as in Kafka Connect. Standalone
 * and (later) distributed mode implement this one interface; the REST layer knows nothing else.
 * Shapes below are Kafka Connect's REST entities (snake_case where the JSON is).
 */
import type { ConfigInfos, ConfigKeyInfo } from '../config/index.js';
import type { PreviewRequest, PreviewResult } from './transform-preview.js';

export type { ConfigInfo, ConfigInfos, ConfigKeyInfo, ConfigValueInfo } from '../config/index.js';
export type ConnectorType = 'source' | 'sink' | 'unknown';
export type ConnectorStateName = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'RESTARTING';
export type TaskStateName = Exclude<ConnectorStateName, 'STOPPED'>;
/** Target states as stored: STARTED (shown as RUNNING on create), PAUSED, STOPPED. */
export type TargetState = 'STARTED' | 'PAUSED' | 'STOPPED';

export type ConnectorConfig = Record<string, string>;

export interface ConnectorTaskId {
  connector: string;
  task: number;
}

export interface ConnectorInfo {
  name: string;
  config: ConnectorConfig;
  tasks: ConnectorTaskId[];
  type: ConnectorType;
}

export interface TaskInfo {
  id: ConnectorTaskId;
  config: ConnectorConfig;
}

export interface ConnectorState {
  state: ConnectorStateName;
  worker_id: string;
  trace?: string;
  /** Sluice extension (issue 6): automatic restarts so far. */
  restart_attempts?: number;
}

export interface TaskState {
  id: number;
  state: TaskStateName;
  worker_id: string;
  trace?: string;
  restart_attempts?: number;
}

export interface ConnectorStateInfo {
  name: string;
  connector: ConnectorState;
  tasks: TaskState[];
  type: ConnectorType;
}

export interface RestartRequest {
  includeTasks: boolean;
  onlyFailed: boolean;
}

export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

export interface ConnectorOffsets {
  offsets: ConnectorOffset[];
}

export interface PluginInfo {
  class: string;
  type: 'source' | 'sink' | 'transformation' | 'predicate' | 'converter' | 'header_converter';
  version?: string;
}

export interface WorkerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string;
}

export type HealthStatus =
  | { status: 'healthy'; message: string }
  | { status: 'starting'; message: string }
  | { status: 'unhealthy'; message: string };

export interface Herder {
  workerInfo(): WorkerInfo;
  health(): Promise<HealthStatus>;

  connectors(): string[];
  connectorInfo(name: string): ConnectorInfo;
  connectorConfig(name: string): ConnectorConfig;
  /** Creates or replaces. `allowReplace` false answers 409 for an existing name (POST). */
  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<{ created: boolean; info: ConnectorInfo }>;
  /** Merges: a null value removes the key (KIP-477). */
  patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo>;
  deleteConnector(name: string): Promise<void>;

  connectorStatus(name: string): ConnectorStateInfo;
  taskStatus(connector: string, task: number): TaskState;
  taskConfigs(name: string): TaskInfo[];

  /** Returns null when only the connector was restarted synchronously (204), else the 202 body. */
  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null>;
  restartTask(connector: string, task: number): Promise<void>;
  pauseConnector(name: string): Promise<void>;
  resumeConnector(name: string): Promise<void>;
  stopConnector(name: string): Promise<void>;

  connectorActiveTopics(name: string): string[];
  resetConnectorActiveTopics(name: string): Promise<void>;

  connectorOffsets(name: string): Promise<ConnectorOffsets>;
  /** Returns the success message Kafka Connect answers with. */
  alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string>;
  resetConnectorOffsets(name: string): Promise<string>;

  plugins(connectorsOnly: boolean): PluginInfo[];
  connectorPluginConfig(plugin: string): Promise<ConfigKeyInfo[]>;
  validateConnectorConfig(config: ConnectorConfig): Promise<ConfigInfos>;
  /** Sluice extension: run sample records through a transform chain without a connector. */
  previewTransforms?(request: PreviewRequest): Promise<PreviewResult[]>;
}
