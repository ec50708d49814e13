/**
 * The lifecycle shared by source and sink task runners (Kafka Connect's WorkerTask): start,
 * run the record loop, pause/resume by target state, stop with a bounded wait, report status.
 * A task that throws fails alone; a task that hangs is abandoned after the graceful timeout.
 */
import type { Logger } from 'pino';
import type { Converter, HeaderConverter } from '../converters/converter.js';
import type { ConnectMetrics } from '../metrics/connect-metrics.js';
import type { RetryWithToleranceOperator } from './errors/retry-with-tolerance.js';
import type { ConnectorTaskId, TargetState } from './herder.js';
import type { TransformationChain } from './transformation-chain.js';

export interface TaskStatusListener {
  onStartup(id: ConnectorTaskId): void;
  onPause(id: ConnectorTaskId): void;
  onResume(id: ConnectorTaskId): void;
  onFailure(id: ConnectorTaskId, error: unknown): void;
  onShutdown(id: ConnectorTaskId): void;
}

/** What both task runners get: the record pipeline (converters, transforms, error handling) and reporting. */
export interface RecordPipelineDeps {
  id: ConnectorTaskId;
  taskConfig: Record<string, string>;
  keyConverter: Converter;
  valueConverter: Converter;
  headerConverter: HeaderConverter;
  transforms: TransformationChain;
  errors: RetryWithToleranceOperator;
  /** Releases error-handling resources (the DLQ producer) at shutdown. */
  onClose: () => Promise<void>;
  /** Class names for error context (`__connect.errors.class.name`). */
  classNames: { keyConverter: string; valueConverter: string; headerConverter: string; task: string };
  initialState: TargetState;
  listener: TaskStatusListener;
  metrics: ConnectMetrics;
  logger: Logger;
}

export abstract class WorkerTask {
  protected stopping = false;
  protected cancelled = false;
  private targetState: TargetState;
  private resumeWaiters: (() => void)[] = [];
  private finished!: Promise<void>;

  constructor(
    readonly id: ConnectorTaskId,
    initialState: TargetState,
    protected readonly listener: TaskStatusListener,
    protected readonly log: Logger,
  ) {
    this.targetState = initialState;
  }

  /** Starts the task's own flow; never throws (failures become status). */
  run(): void {
    this.finished = this.doRun();
  }

  private async doRun(): Promise<void> {
    try {
      await this.initializeAndStart();
      if (this.stopping) return;
      if (this.isPaused()) this.listener.onPause(this.id);
      else this.listener.onStartup(this.id);
      await this.execute();
    } catch (err) {
      if (this.stopping || this.cancelled) {
        this.log.warn({ err, task: taskName(this.id) }, 'task threw after shutdown was requested; ignoring');
      } else {
        this.log.error({ err, task: taskName(this.id) }, 'task failed');
        this.listener.onFailure(this.id, err);
        await this.safely(() => this.cleanup(true));
        return;
      }
    }
    await this.safely(() => this.cleanup(false));
    if (!this.cancelled) this.listener.onShutdown(this.id);
  }

  /** Calls the connector's task start(). */
  protected abstract initializeAndStart(): Promise<void>;
  /** The record loop; returns when `stopping` is set. */
  protected abstract execute(): Promise<void>;
  /** Final commit and resource release; `failed` is true after a failure. */
  protected abstract cleanup(failed: boolean): Promise<void>;
  /** Called when stop is requested, to interrupt blocking calls (poll, put). */
  protected abstract onStopRequested(): void;

  isPaused(): boolean {
    return this.targetState === 'PAUSED';
  }

  transitionTo(state: TargetState): void {
    if (state === this.targetState) return;
    this.targetState = state;
    if (state === 'PAUSED') {
      this.listener.onPause(this.id);
      this.onPauseRequested();
    } else if (state === 'STARTED') {
      this.listener.onResume(this.id);
      for (const w of this.resumeWaiters.splice(0)) w();
      this.onResumeRequested();
    }
  }

  protected onPauseRequested(): void {}
  protected onResumeRequested(): void {}

  /** Resolves when resumed or stopping. */
  protected awaitResume(): Promise<void> {
    if (!this.isPaused() || this.stopping) return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const w of this.resumeWaiters.splice(0)) w();
    try {
      this.onStopRequested();
    } catch (err) {
      this.log.warn({ err, task: taskName(this.id) }, 'error while requesting task stop');
    }
  }

  /** Waits for the task to finish; false if it did not within `timeoutMs`. */
  async awaitStop(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = this.finished.then(() => true);
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Abandons a task that did not stop in time: its later output and status are ignored. */
  cancel(): void {
    this.cancelled = true;
  }

  protected async safely(fn: () => Promise<void> | void): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.log.warn({ err, task: taskName(this.id) }, 'error during task cleanup');
    }
  }
}

export function taskName(id: ConnectorTaskId): string {
  return `${id.connector}-${id.task}`;
}
