/**
 * Connector and task statuses and active topics, as Kafka Connect's StatusBackingStore. Standalone
 * mode keeps them in memory; distributed mode will keep them in the status topic.
 */
import type { ConnectorStateName, TaskStateName } from './herder.js';

export interface ConnectorStatus {
  connector: string;
  state: ConnectorStateName;
  workerId: string;
  trace?: string;
  restartAttempts?: number;
}

export interface TaskStatus {
  connector: string;
  task: number;
  state: TaskStateName;
  workerId: string;
  trace?: string;
  restartAttempts?: number;
}

export interface StatusBackingStore {
  putConnector(status: ConnectorStatus): void;
  putTask(status: TaskStatus): void;
  connector(name: string): ConnectorStatus | undefined;
  task(connector: string, task: number): TaskStatus | undefined;
  tasks(connector: string): TaskStatus[];
  removeConnector(name: string): void;
  removeTask(connector: string, task: number): void;
  /** KIP-558: a topic a connector's tasks produced to or consumed from. */
  addTopic(connector: string, topic: string): void;
  topics(connector: string): string[];
  resetTopics(connector: string): void;
}

export class MemoryStatusBackingStore implements StatusBackingStore {
  private readonly connectors = new Map<string, ConnectorStatus>();
  private readonly taskStatuses = new Map<string, Map<number, TaskStatus>>();
  private readonly activeTopics = new Map<string, Set<string>>();

  putConnector(status: ConnectorStatus): void {
    this.connectors.set(status.connector, status);
  }

  putTask(status: TaskStatus): void {
    let tasks = this.taskStatuses.get(status.connector);
    if (tasks === undefined) this.taskStatuses.set(status.connector, (tasks = new Map()));
    tasks.set(status.task, status);
  }

  connector(name: string): ConnectorStatus | undefined {
    return this.connectors.get(name);
  }

  task(connector: string, task: number): TaskStatus | undefined {
    return this.taskStatuses.get(connector)?.get(task);
  }

  tasks(connector: string): TaskStatus[] {
    return [...(this.taskStatuses.get(connector)?.values() ?? [])].sort((a, b) => a.task - b.task);
  }

  removeConnector(name: string): void {
    this.connectors.delete(name);
    this.taskStatuses.delete(name);
    this.activeTopics.delete(name);
  }

  removeTask(connector: string, task: number): void {
    this.taskStatuses.get(connector)?.delete(task);
  }

  addTopic(connector: string, topic: string): void {
    let topics = this.activeTopics.get(connector);
    if (topics === undefined) this.activeTopics.set(connector, (topics = new Set()));
    topics.add(topic);
  }

  topics(connector: string): string[] {
    return [...(this.activeTopics.get(connector) ?? [])].sort();
  }

  resetTopics(connector: string): void {
    this.activeTopics.delete(connector);
  }
}
