/**
 * Connector configs, task configs and target states, as Kafka Connect's ConfigBackingStore.
 * Standalone keeps them for the life of the process (as Kafka Connect does); distributed mode
 * will keep them in the config topic.
 */
import type { ConnectorConfig, TargetState } from './herder.js';

export interface ConnectorConfigState {
  config: ConnectorConfig;
  targetState: TargetState;
  taskConfigs: ConnectorConfig[];
}

export interface ConfigBackingStore {
  connectors(): string[];
  get(name: string): ConnectorConfigState | undefined;
  putConnectorConfig(name: string, config: ConnectorConfig, targetState?: TargetState): void;
  removeConnectorConfig(name: string): void;
  putTaskConfigs(name: string, configs: ConnectorConfig[]): void;
  putTargetState(name: string, state: TargetState): void;
}

export class MemoryConfigBackingStore implements ConfigBackingStore {
  private readonly states = new Map<string, ConnectorConfigState>();

  connectors(): string[] {
    return [...this.states.keys()];
  }

  get(name: string): ConnectorConfigState | undefined {
    return this.states.get(name);
  }

  putConnectorConfig(name: string, config: ConnectorConfig, targetState?: TargetState): void {
    const existing = this.states.get(name);
    this.states.set(name, {
      config: { ...config },
      targetState: targetState ?? existing?.targetState ?? 'STARTED',
      taskConfigs: existing?.taskConfigs ?? [],
    });
  }

  removeConnectorConfig(name: string): void {
    this.states.delete(name);
  }

  putTaskConfigs(name: string, configs: ConnectorConfig[]): void {
    const state = this.states.get(name);
    if (state !== undefined) state.taskConfigs = configs.map((c) => ({ ...c }));
  }

  putTargetState(name: string, state: TargetState): void {
    const existing = this.states.get(name);
    if (existing !== undefined) existing.targetState = state;
  }
}
