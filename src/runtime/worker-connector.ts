/**
 * One connector instance on this worker (Kafka Connect's WorkerConnector): start, stop and target
 * state changes, each bounded so a connector that hangs cannot block the worker.
 */
import type { Logger } from 'pino';
import type { Connector } from '../connect/connector.js';
import { bounded } from './bounded.js';
import type { TargetState } from './herder.js';
import type { ConnectorContextImpl } from './task-contexts.js';

export interface ConnectorStatusListener {
  onStartup(connector: string): void;
  onPause(connector: string): void;
  onStop(connector: string): void;
  onFailure(connector: string, error: unknown): void;
  onShutdown(connector: string): void;
}

type State = 'INIT' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED';

export class WorkerConnector {
  private state: State = 'INIT';

  constructor(
    readonly name: string,
    readonly connector: Connector,
    private readonly config: Record<string, string>,
    private readonly context: ConnectorContextImpl,
    private readonly listener: ConnectorStatusListener,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  isRunning(): boolean {
    return this.state === 'RUNNING';
  }

  isFailed(): boolean {
    return this.state === 'FAILED';
  }

  async initialize(): Promise<void> {
    try {
      this.connector.initialize?.(this.context as never);
    } catch (err) {
      this.fail(err);
    }
  }

  /** Applies a target state; FAILED connectors only honour STOPPED. */
  async transitionTo(target: TargetState): Promise<void> {
    if (this.state === 'FAILED' && target !== 'STOPPED') return;
    if (target === 'STARTED') {
      if (this.state === 'RUNNING') return;
      try {
        await bounded(`Connector ${this.name} start()`, this.timeoutMs, () => this.connector.start(this.config));
        this.state = 'RUNNING';
        this.listener.onStartup(this.name);
      } catch (err) {
        this.fail(err);
      }
      return;
    }
    if (this.state === 'RUNNING') await this.stopConnector();
    this.state = target === 'PAUSED' ? 'PAUSED' : 'STOPPED';
    if (target === 'PAUSED') this.listener.onPause(this.name);
    else this.listener.onStop(this.name);
  }

  fail(err: unknown): void {
    if (this.state === 'FAILED') return;
    this.log.error({ err, connector: this.name }, 'connector failed');
    this.state = 'FAILED';
    this.listener.onFailure(this.name, err);
  }

  async shutdown(): Promise<void> {
    if (this.state === 'RUNNING') await this.stopConnector();
    if (this.state !== 'FAILED') this.listener.onShutdown(this.name);
  }

  private async stopConnector(): Promise<void> {
    try {
      await bounded(`Connector ${this.name} stop()`, this.timeoutMs, () => this.connector.stop());
    } catch (err) {
      this.log.warn({ err, connector: this.name }, 'connector stop() failed');
    }
  }
}
