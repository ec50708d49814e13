import type { ConnectorStateName, TaskStateName } from '../runtime/herder.js';
import { Counter, Gauge, Histogram, Registry, loadCollectDefaultMetrics } from './prom-client.js';

const CONNECTOR_STATES: readonly ConnectorStateName[] = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RESTARTING'];
const TASK_STATES: readonly TaskStateName[] = ['UNASSIGNED', 'RUNNING', 'PAUSED', 'FAILED', 'RESTARTING'];

type TaskLabel = 'connector' | 'task';

export interface ConnectMetricsOptions {
  /** Node process metrics (CPU, memory, event loop, GC), from the first render() on; on by default. */
  processMetrics?: boolean;
}

/** A little longer than the event loop delay monitor's interval (prom-client's default, 10 ms). */
const DELAY_SAMPLE_WAIT_MS = 15;

/**
 * Kafka Connect's connector and task metrics (which Kafka exposes only through JMX) as Prometheus
 * families named `sluice_connect_*`, labelled by connector and task, in a registry of their own so that
 * several workers in one process (tests, embedded use) do not share counters.
 */
export class ConnectMetrics {
  private readonly registry = new Registry();
  private readonly withProcessMetrics: boolean;
  /** Set by the first render() when process metrics are on. */
  private processMetricsStarted: Promise<void> | undefined;

  private readonly sourcePolled: Counter<TaskLabel>;
  private readonly sourceWritten: Counter<TaskLabel>;
  private readonly sinkRead: Counter<TaskLabel>;
  private readonly sinkPut: Counter<TaskLabel>;
  private readonly batchSize: Histogram<TaskLabel>;
  private readonly commitSuccess: Counter<TaskLabel>;
  private readonly commitFailure: Counter<TaskLabel>;
  private readonly commitSeconds: Histogram<TaskLabel>;
  private readonly taskStatus: Gauge<TaskLabel | 'state'>;
  private readonly connectorStatus: Gauge<'connector' | 'state'>;
  private readonly recordErrors: Counter<TaskLabel | 'stage'>;
  private readonly recordsSkipped: Counter<TaskLabel>;
  private readonly dlqRequests: Counter<TaskLabel>;
  private readonly dlqFailures: Counter<TaskLabel>;
  /** Error stages seen, so removeTask can drop every series of a task without scanning the registry. */
  private readonly stages = new Set<string>();

  constructor(options: ConnectMetricsOptions = {}) {
    const registers = [this.registry];
    const taskLabels: TaskLabel[] = ['connector', 'task'];
    const counter = (name: string, help: string): Counter<TaskLabel> =>
      new Counter({ name, help, labelNames: taskLabels, registers });

    this.sourcePolled = counter(
      'sluice_connect_source_record_poll_total',
      'Records returned by source task poll(), before transformations (Kafka: source-record-poll-total).',
    );
    this.sourceWritten = counter(
      'sluice_connect_source_record_write_total',
      'Records written to Kafka by source tasks after transformations (Kafka: source-record-write-total).',
    );
    this.sinkRead = counter(
      'sluice_connect_sink_record_read_total',
      'Records read from Kafka by sink tasks, before transformations (Kafka: sink-record-read-total).',
    );
    this.sinkPut = counter(
      'sluice_connect_sink_record_put_total',
      'Records passed to sink task put() after transformations (Kafka: sink-record-send-total).',
    );
    this.batchSize = new Histogram({
      name: 'sluice_connect_batch_size_records',
      help: 'Records per source poll() or sink put() batch (Kafka: batch-size-avg, batch-size-max).',
      labelNames: taskLabels,
      buckets: [1, 10, 50, 100, 500, 1000, 5000, 10000],
      registers,
    });
    this.commitSuccess = counter(
      'sluice_connect_offset_commit_success_total',
      'Offset commits that completed (Kafka: offset-commit-completion-total).',
    );
    this.commitFailure = counter(
      'sluice_connect_offset_commit_failure_total',
      'Offset commits that failed or timed out (Kafka: offset-commit-failure-percentage).',
    );
    this.commitSeconds = new Histogram({
      name: 'sluice_connect_offset_commit_duration_seconds',
      help: 'Time taken by offset commits (Kafka: offset-commit-avg-time-ms, offset-commit-max-time-ms).',
      labelNames: taskLabels,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
      registers,
    });
    this.taskStatus = new Gauge({
      name: 'sluice_connect_task_status',
      help: 'Task state: 1 for the current state, 0 for the others (Kafka: connector-task-metrics status).',
      labelNames: ['connector', 'task', 'state'],
      registers,
    });
    this.connectorStatus = new Gauge({
      name: 'sluice_connect_connector_status',
      help: 'Connector state: 1 for the current state, 0 for the others (Kafka: connector-metrics status).',
      labelNames: ['connector', 'state'],
      registers,
    });
    this.recordErrors = new Counter({
      name: 'sluice_connect_record_errors_total',
      help: 'Records that failed in a stage of the pipeline, after retries (Kafka: total-record-errors).',
      labelNames: ['connector', 'task', 'stage'],
      registers,
    });
    this.recordsSkipped = counter(
      'sluice_connect_records_skipped_total',
      'Records skipped because of errors tolerated by errors.tolerance=all (Kafka: total-records-skipped).',
    );
    this.dlqRequests = counter(
      'sluice_connect_deadletterqueue_produce_requests_total',
      'Records sent to the dead letter queue topic (Kafka: deadletterqueue-produce-requests).',
    );
    this.dlqFailures = counter(
      'sluice_connect_deadletterqueue_produce_failures_total',
      'Failed writes to the dead letter queue topic (Kafka: deadletterqueue-produce-failures).',
    );
    this.withProcessMetrics = options.processMetrics !== false;
  }

  /** The Content-Type of render()'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** A source task's poll() returned `records` records. */
  recordPoll(connector: string, task: number, records: number): void {
    const labels = taskLabels(connector, task);
    this.sourcePolled.inc(labels, records);
    this.batchSize.observe(labels, records);
  }

  /** A source task's records were acknowledged by Kafka. */
  recordWrite(connector: string, task: number, records: number): void {
    this.sourceWritten.inc(taskLabels(connector, task), records);
  }

  /** A sink task's consumer returned `records` records. */
  recordRead(connector: string, task: number, records: number): void {
    this.sinkRead.inc(taskLabels(connector, task), records);
  }

  /** A sink task's put() was called with `records` records. */
  recordPut(connector: string, task: number, records: number): void {
    const labels = taskLabels(connector, task);
    this.sinkPut.inc(labels, records);
    this.batchSize.observe(labels, records);
  }

  recordOffsetCommit(connector: string, task: number, ok: boolean, durationMs: number): void {
    const labels = taskLabels(connector, task);
    (ok ? this.commitSuccess : this.commitFailure).inc(labels);
    this.commitSeconds.observe(labels, durationMs / 1000);
  }

  setTaskState(connector: string, task: number, state: TaskStateName): void {
    for (const s of TASK_STATES) this.taskStatus.set({ ...taskLabels(connector, task), state: s }, s === state ? 1 : 0);
  }

  setConnectorState(connector: string, state: ConnectorStateName): void {
    for (const s of CONNECTOR_STATES) this.connectorStatus.set({ connector, state: s }, s === state ? 1 : 0);
  }

  /** A record failed in `stage` (Kafka's stage names: KEY_CONVERTER, TRANSFORMATION, TASK_PUT, ...). */
  recordError(connector: string, task: number, stage: string): void {
    this.stages.add(stage);
    this.recordErrors.inc({ ...taskLabels(connector, task), stage });
  }

  recordSkipped(connector: string, task: number, records = 1): void {
    this.recordsSkipped.inc(taskLabels(connector, task), records);
  }

  recordDeadLetterQueueProduce(connector: string, task: number, ok: boolean): void {
    const labels = taskLabels(connector, task);
    this.dlqRequests.inc(labels);
    if (!ok) this.dlqFailures.inc(labels);
  }

  /** Drops every series of a task that was stopped for good (deleted, or its connector reconfigured). */
  removeTask(connector: string, task: number): void {
    const labels = taskLabels(connector, task);
    for (const metric of [
      this.sourcePolled,
      this.sourceWritten,
      this.sinkRead,
      this.sinkPut,
      this.batchSize,
      this.commitSuccess,
      this.commitFailure,
      this.commitSeconds,
      this.recordsSkipped,
      this.dlqRequests,
      this.dlqFailures,
    ]) {
      metric.remove(labels);
    }
    for (const state of TASK_STATES) this.taskStatus.remove({ ...labels, state });
    for (const stage of this.stages) this.recordErrors.remove({ ...labels, stage });
  }

  removeConnector(connector: string): void {
    for (const state of CONNECTOR_STATES) this.connectorStatus.remove({ connector, state });
  }

  /** The Prometheus text exposition of every family, for GET /metrics. */
  async render(): Promise<string> {
    if (this.withProcessMetrics) await (this.processMetricsStarted ??= this.startProcessMetrics());
    return this.registry.metrics();
  }

  /**
   * prom-client's default metrics, registered by the first scrape rather than at start-up: their
   * modules are ~9 MiB of RSS that a worker nobody scrapes does not need. prom-client counts CPU from
   * registration and samples event loop delay between scrapes, so the CPU counters get the time used
   * before, and this first scrape waits for a few delay samples.
   */
  private async startProcessMetrics(): Promise<void> {
    const collectDefaultMetrics = loadCollectDefaultMetrics();
    const before = process.cpuUsage();
    collectDefaultMetrics({ register: this.registry });
    const cpu = (name: string, micros: number) => (this.registry.getSingleMetric(name) as Counter | undefined)?.inc(micros / 1e6);
    cpu('process_cpu_user_seconds_total', before.user);
    cpu('process_cpu_system_seconds_total', before.system);
    cpu('process_cpu_seconds_total', before.user + before.system);
    // The monitor records a delay from its second tick on; two waits longer than its interval make
    // sure it ticked twice, however late this process gets to run.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, DELAY_SAMPLE_WAIT_MS));
  }
}

function taskLabels(connector: string, task: number): Record<TaskLabel, string> {
  return { connector, task: String(task) };
}
