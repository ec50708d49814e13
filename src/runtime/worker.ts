/**
 * Starts and stops connectors and tasks on this process (Kafka Connect's Worker): builds each
 * task's converters, transforms and Kafka clients from the worker and connector configs, and
 * reports every state change to the status store and metrics.
 */
import { LeanConsumer, LeanProducer, type LeanProducerOptions } from '../kafka-client/index.js';
import { JavaPattern } from '../../transforms/java-regex.js';
import type { Logger } from 'pino';
import type { Connector, SinkConnector, SourceConnector, TaskConfig } from '../connect/connector.js';
import type { SinkRecord } from '../data/index.js';
import type { Converter, HeaderConverter } from '../converters/converter.js';
import type { ConnectMetrics } from '../metrics/connect-metrics.js';
import { clientConfig } from './client-configs.js';
import { ConnectError, traceOf } from './errors.js';
import type { ConnectorTaskId, TargetState } from './herder.js';
import { consumerConfig, kafkaConfig, loadKafkaJs, producerSettings } from './kafka-clients.js';
import type { OffsetBackingStore } from './offset-store.js';
import { OffsetStorageReader, OffsetStorageWriter } from './offset-storage.js';
import type { Plugins } from './plugins.js';
import type { StatusBackingStore } from './status-store.js';
import { ConnectorContextImpl, SinkTaskContextImpl, SourceTaskContextImpl } from './task-contexts.js';
import { topicCreationRequested, topicSettingsFor } from './topic-creation.js';
import { deadLetterQueueProducer, type DeadLetterQueueProducer } from './errors/dlq-producer.js';
import { errorHandlingConfig } from './errors/error-handling-config.js';
import { DeadLetterQueueReporter, LogReporter, type ErrorReporter } from './errors/reporters.js';
import { RetryWithToleranceOperator } from './errors/retry-with-tolerance.js';
import { buildTransformationChain, type TransformationChain } from './transformation-chain.js';
import { WorkerConnector, type ConnectorStatusListener } from './worker-connector.js';
import type { WorkerConfig } from './worker-config.js';
import { WorkerSinkTask } from './worker-sink-task.js';
import { WorkerSourceTask } from './worker-source-task.js';
import { taskName, type TaskStatusListener, type WorkerTask } from './worker-task.js';

export interface WorkerOptions {
  workerId: string;
  config: WorkerConfig;
  plugins: Plugins;
  offsetStore: OffsetBackingStore;
  statusStore: StatusBackingStore;
  metrics: ConnectMetrics;
  logger: Logger;
  /** Told about every connector or task failure (the herder's auto-restart listens). */
  onFailure?: (connector: string, task: number | null) => void;
}

type ConvertersModule = typeof import('../converters/configured-converters.js');
/**
 * The converter modules (Avro's and its Schema Registry client among them) are imported with the
 * first connector rather than at start-up, for the idle worker's memory.
 */
let convertersModule: ConvertersModule | undefined;
async function loadConverters(): Promise<void> {
  convertersModule ??= await import('../converters/configured-converters.js');
}

export interface ConnectorCallbacks {
  requestTaskReconfiguration(connector: string): void;
}

export class Worker {
  private readonly connectors = new Map<string, WorkerConnector>();
  private readonly tasks = new Map<string, WorkerTask>();

  constructor(private readonly opts: WorkerOptions) {}

  get workerId(): string {
    return this.opts.workerId;
  }

  /** Reads the Kafka cluster id (GET / reports it), which also proves the cluster is reachable. */
  async start(): Promise<string> {
    const props = clientConfig('admin', this.opts.config.originals, {}, 'All');
    const client = new LeanProducer(leanClientOptions(props, 'sluice-worker-admin', -1, 0, this.opts.logger));
    try {
      await client.connect();
      return client.clusterId() ?? '';
    } finally {
      await client.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.stopAndAwaitTasks([...this.tasks.values()].map((t) => t.id));
    for (const name of [...this.connectors.keys()]) await this.stopConnector(name);
  }

  connectorNames(): string[] {
    return [...this.connectors.keys()];
  }

  isRunning(connector: string): boolean {
    return this.connectors.get(connector)?.isRunning() ?? false;
  }

  taskIds(connector: string): ConnectorTaskId[] {
    return [...this.tasks.values()].map((t) => t.id).filter((id) => id.connector === connector);
  }

  createConnector(config: Record<string, string>): Connector {
    return this.opts.plugins.resolve(config['connector.class'] ?? '', ['source', 'sink']).create() as Connector;
  }

  async startConnector(name: string, config: Record<string, string>, target: TargetState, callbacks: ConnectorCallbacks): Promise<void> {
    await Promise.all([this.opts.plugins.prepare(config), loadConverters()]);
    if (this.connectors.has(name)) throw new ConnectError(`Connector ${name} is already running on this worker`, 500);
    const log = this.opts.logger;
    const reader = new OffsetStorageReader(name, this.opts.offsetStore);
    let wc: WorkerConnector | undefined;
    const context = new ConnectorContextImpl(
      {
        requestTaskReconfiguration: () => callbacks.requestTaskReconfiguration(name),
        raiseError: (err) => wc?.fail(err),
      },
      reader,
    );
    const connector = this.createConnector(config);
    wc = new WorkerConnector(name, connector, config, context, this.connectorListener(), this.opts.config.gracefulShutdownTimeoutMs, log);
    this.connectors.set(name, wc);
    await wc.initialize();
    await wc.transitionTo(target);
  }

  async setConnectorTargetState(name: string, target: TargetState): Promise<void> {
    await this.connectors.get(name)?.transitionTo(target);
    for (const task of this.tasks.values()) if (task.id.connector === name && target !== 'STOPPED') task.transitionTo(target);
  }

  async stopConnector(name: string): Promise<void> {
    const wc = this.connectors.get(name);
    if (wc === undefined) return;
    this.connectors.delete(name);
    await wc.shutdown();
  }

  /** The connector's task configs with the framework keys Kafka Connect adds (task.class, topics). */
  async connectorTaskConfigs(name: string, config: Record<string, string>): Promise<TaskConfig[]> {
    const wc = this.connectors.get(name);
    if (wc === undefined || !wc.isRunning()) return [];
    const connector = wc.connector;
    const maxTasks = Number(config['tasks.max'] ?? '1');
    const generated = await connector.taskConfigs(maxTasks);
    const enforce = (config['tasks.max.enforce'] ?? 'true').toLowerCase() !== 'false';
    if (generated.length > maxTasks && enforce) {
      const err = new ConnectError(
        `The connector ${name} has generated ${generated.length} tasks, which is greater than ${maxTasks}, the maximum number of tasks it is configured to create. This behaviour should be considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set to false; however, this option will be removed in a future release of Kafka Connect.`,
      );
      wc.fail(err);
      throw err;
    }
    const taskClass = connector.taskClass().className;
    return generated.map((t) => {
      const out: TaskConfig = { ...t, 'task.class': taskClass };
      if (connector.kind === 'sink') {
        if (config['topics'] !== undefined) out['topics'] = config['topics'];
        if (config['topics.regex'] !== undefined) out['topics.regex'] = config['topics.regex'];
      }
      return out;
    });
  }

  /** Drops what the worker kept about a deleted connector (its metric series). */
  forgetConnector(name: string): void {
    this.opts.metrics.removeConnector(name);
  }

  connectorFailed(name: string): boolean {
    return this.connectors.get(name)?.isFailed() ?? false;
  }

  startTask(id: ConnectorTaskId, connectorConfig: Record<string, string>, taskConfig: Record<string, string>, target: TargetState): void {
    const key = taskName(id);
    if (this.tasks.has(key)) throw new ConnectError(`Task ${key} is already running on this worker`, 500);
    const listener = this.taskListener();
    let task: WorkerTask;
    try {
      const connector = this.createConnector(connectorConfig);
      task = connector.kind === 'source' ? this.buildSourceTask(id, connector, connectorConfig, taskConfig, target, listener) : this.buildSinkTask(id, connector, connectorConfig, taskConfig, target, listener);
    } catch (err) {
      this.opts.logger.error({ err, task: key }, 'failed to create task');
      listener.onFailure(id, err);
      return;
    }
    this.tasks.set(key, task);
    const previous = this.opts.statusStore.task(id.connector, id.task);
    this.opts.statusStore.putTask({
      connector: id.connector,
      task: id.task,
      state: 'UNASSIGNED',
      workerId: this.workerId,
      ...(previous?.restartAttempts ? { restartAttempts: previous.restartAttempts } : {}),
    });
    task.run();
  }

  setTaskTargetState(id: ConnectorTaskId, target: TargetState): void {
    this.tasks.get(taskName(id))?.transitionTo(target);
  }

  /** Stops tasks together within task.shutdown.graceful.timeout.ms; the rest are abandoned. */
  async stopAndAwaitTasks(ids: ConnectorTaskId[]): Promise<void> {
    const stopping = ids.map((id) => this.tasks.get(taskName(id))).filter((t): t is WorkerTask => t !== undefined);
    for (const t of stopping) t.stop();
    const deadline = Date.now() + this.opts.config.gracefulShutdownTimeoutMs;
    for (const t of stopping) {
      const done = await t.awaitStop(Math.max(0, deadline - Date.now()));
      if (!done) {
        this.opts.logger.error({ task: taskName(t.id) }, 'graceful stop of task failed; abandoning it');
        t.cancel();
        this.opts.statusStore.putTask({ connector: t.id.connector, task: t.id.task, state: 'UNASSIGNED', workerId: this.workerId });
      }
      this.tasks.delete(taskName(t.id));
      this.opts.metrics.removeTask(t.id.connector, t.id.task);
    }
  }

  private buildSourceTask(
    id: ConnectorTaskId,
    connector: SourceConnector,
    connectorConfig: Record<string, string>,
    taskConfig: Record<string, string>,
    target: TargetState,
    listener: TaskStatusListener,
  ): WorkerSourceTask {
    const { config, offsetStore, logger, metrics, statusStore } = this.opts;
    const task = this.createTask(connector, taskConfig);
    const producerProps = clientConfig('producer', config.originals, connectorConfig, config.overridePolicy);
    const settings = producerSettings(producerProps);
    const producer = new LeanProducer(leanClientOptions(producerProps, `connector-producer-${taskName(id)}`, settings.acks, settings.compression, logger));
    const reader = new OffsetStorageReader(id.connector, offsetStore);
    const creation = config.topicCreationEnabled && topicCreationRequested(connectorConfig);
    const adminProps = clientConfig('admin', config.originals, connectorConfig, config.overridePolicy);
    const { key, value, header } = this.converters(connectorConfig);
    const errors = this.errorOperator(id, connectorConfig);
    const wrapped = new WorkerSourceTask({
      errors: errors.operator,
      onClose: errors.close,
      classNames: this.classNames(connectorConfig, connector.taskClass().className),
      id,
      task,
      taskConfig,
      context: new SourceTaskContextImpl(taskConfig, reader),
      producer,
      keyConverter: key,
      valueConverter: value,
      headerConverter: header,
      transforms: this.transformationChain(connectorConfig),
      offsetWriter: new OffsetStorageWriter(id.connector, offsetStore),
      settings: {
        offsetFlushIntervalMs: config.offsetFlushIntervalMs,
        offsetFlushTimeoutMs: config.offsetFlushTimeoutMs,
      },
      initialState: target,
      listener,
      metrics,
      logger,
      beforeFirstSend: async (topic) => {
        if (config.topicTrackingEnabled) statusStore.addTopic(id.connector, topic);
        if (creation) await this.createTopicIfMissing(adminProps, topic, topicSettingsFor(connectorConfig, topic));
      },
    });
    return wrapped;
  }

  private buildSinkTask(
    id: ConnectorTaskId,
    connector: SinkConnector,
    connectorConfig: Record<string, string>,
    taskConfig: Record<string, string>,
    target: TargetState,
    listener: TaskStatusListener,
  ): WorkerSinkTask {
    const { config, logger, metrics, statusStore } = this.opts;
    const task = this.createTask(connector, taskConfig);
    const consumerProps = clientConfig('consumer', config.originals, connectorConfig, config.overridePolicy);
    const { fromBeginning, ...consumerOptions } = consumerConfig(consumerProps, `connect-${id.connector}`);
    const clientId = `connector-consumer-${taskName(id)}`;
    const createConsumer = () => {
      const client = leanClientOptions(consumerProps, clientId, -1, 0, logger);
      return new LeanConsumer({
        bootstrapServers: client.bootstrapServers,
        clientId: client.clientId,
        groupId: consumerOptions.groupId,
        sessionTimeoutMs: consumerOptions.sessionTimeout,
        rebalanceTimeoutMs: consumerOptions.rebalanceTimeout,
        heartbeatIntervalMs: consumerOptions.heartbeatInterval,
        fetchMaxWaitMs: consumerOptions.maxWaitTimeInMs,
        fetchMinBytes: consumerOptions.minBytes,
        fetchMaxBytes: consumerOptions.maxBytes,
        maxPartitionFetchBytes: consumerOptions.maxBytesPerPartition,
        autoOffsetReset: fromBeginning ? 'earliest' : 'latest',
        isolationLevel: consumerOptions.readUncommitted === false ? 'read_committed' : 'read_uncommitted',
        requestTimeoutMs: client.requestTimeoutMs,
        ...(client.ssl ? { ssl: client.ssl } : {}),
        ...(client.sasl ? { sasl: client.sasl } : {}),
        logger,
      });
    };
    const topicsRegex = (taskConfig['topics.regex'] ?? connectorConfig['topics.regex'] ?? '').trim();
    const topics = (taskConfig['topics'] ?? connectorConfig['topics'] ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
    const { key, value, header } = this.converters(connectorConfig);
    const errors = this.errorOperator(id, connectorConfig);
    let runner: WorkerSinkTask | undefined;
    const reporter = errors.reporting ? { report: (record: SinkRecord, error: Error) => (runner as WorkerSinkTask).reportErrant(record, error) } : null;
    const context = new SinkTaskContextImpl(taskConfig, reporter, (pause, resume) => runner?.applyTaskPause(pause, resume));
    runner = new WorkerSinkTask({
      errors: errors.operator,
      onClose: errors.close,
      classNames: this.classNames(connectorConfig, connector.taskClass().className),
      id,
      task,
      taskConfig,
      context,
      createConsumer,
      subscription: topicsRegex !== '' ? { topicsRegex: JavaPattern.compile(topicsRegex).fullMatchRegExp(), fromBeginning } : { topics: [...new Set(topics)], fromBeginning },
      keyConverter: key,
      valueConverter: value,
      headerConverter: header,
      transforms: this.transformationChain(connectorConfig),
      settings: { offsetFlushIntervalMs: config.offsetFlushIntervalMs, offsetFlushTimeoutMs: config.offsetFlushTimeoutMs },
      initialState: target,
      listener,
      metrics,
      logger,
      onTopicSeen: (topic) => {
        if (config.topicTrackingEnabled) statusStore.addTopic(id.connector, topic);
      },
    });
    return runner;
  }

  private createTask<T>(connector: { taskClass(): { className: string; create(): T } }, taskConfig: Record<string, string>): T {
    const taskClass = connector.taskClass();
    const wanted = taskConfig['task.class'];
    if (wanted !== undefined && wanted !== taskClass.className) {
      throw new ConnectError(`Task class ${wanted} does not match the connector's task class ${taskClass.className}`);
    }
    return taskClass.create();
  }

  converters(connectorConfig: Record<string, string>): { key: Converter; value: Converter; header: HeaderConverter } {
    if (convertersModule === undefined) throw new ConnectError('Task converters were requested before any connector started on this worker', 500);
    const c = convertersModule.configuredConverters(this.opts.config.originals, connectorConfig);
    return { key: c.keyConverter, value: c.valueConverter, header: c.headerConverter };
  }

  /** The class names error reports name for each stage. */
  private classNames(connectorConfig: Record<string, string>, taskClass: string) {
    const pick = (key: string, fallback: string): string => {
      const name = connectorConfig[key] || this.opts.config.originals[key] || fallback;
      return this.opts.plugins.find(name, ['converter', 'header_converter'])?.className ?? name;
    };
    return {
      keyConverter: pick('key.converter', ''),
      valueConverter: pick('value.converter', ''),
      headerConverter: pick('header.converter', 'org.apache.kafka.connect.storage.SimpleHeaderConverter'),
      task: taskClass,
    };
  }

  /**
   * The task's error handling (KIP-298): log reporter, dead letter queue reporter (for sources too,
   * a Sluice extension), and the retry/tolerance operator over them.
   */
  private errorOperator(id: ConnectorTaskId, connectorConfig: Record<string, string>) {
    const cfg = errorHandlingConfig(connectorConfig);
    const { config, logger, metrics } = this.opts;
    const reporters: ErrorReporter[] = [];
    let dlq: DeadLetterQueueProducer | null = null;
    if (cfg.logEnable) reporters.push(new LogReporter(taskName(id), cfg.logIncludeMessages, logger));
    if (cfg.dlqTopic !== '') {
      dlq = deadLetterQueueProducer(
        clientConfig('producer', config.originals, connectorConfig, config.overridePolicy),
        clientConfig('admin', config.originals, connectorConfig, config.overridePolicy),
        `connector-dlq-producer-${taskName(id)}`,
        cfg.dlqReplicationFactor,
        logger,
      );
      const producer = dlq;
      reporters.push(
        new DeadLetterQueueReporter(cfg.dlqTopic, id.connector, id.task, cfg.dlqContextHeaders, async (topic, record) => {
          try {
            await producer.send(topic, record);
            metrics.recordDeadLetterQueueProduce(id.connector, id.task, true);
          } catch (err) {
            metrics.recordDeadLetterQueueProduce(id.connector, id.task, false);
            throw err;
          }
        }),
      );
    }
    return {
      operator: new RetryWithToleranceOperator(id, cfg, reporters, metrics),
      reporting: reporters.length > 0,
      close: async () => {
        await dlq?.close();
      },
    };
  }

  transformationChain(connectorConfig: Record<string, string>): TransformationChain {
    return buildTransformationChain(this.opts.plugins, connectorConfig);
  }

  private async createTopicIfMissing(adminProps: Record<string, string>, topic: string, settings: ReturnType<typeof topicSettingsFor>): Promise<void> {
    const admin = new (await loadKafkaJs()).Kafka(kafkaConfig(adminProps, 'connector-adminclient')).admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(topic)) return;
      await admin.createTopics({ topics: [{ topic, numPartitions: settings.numPartitions, replicationFactor: settings.replicationFactor, configEntries: settings.configEntries }] });
      this.opts.logger.info({ topic, ...settings }, 'created topic for source connector');
    } finally {
      await admin.disconnect();
    }
  }

  private connectorListener(): ConnectorStatusListener {
    const { statusStore, metrics } = this.opts;
    const put = (connector: string, state: 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'UNASSIGNED', err?: unknown) => {
      const previous = statusStore.connector(connector);
      statusStore.putConnector({ connector, state, workerId: this.workerId, ...(err === undefined ? {} : { trace: traceOf(err) }), ...(previous?.restartAttempts ? { restartAttempts: previous.restartAttempts } : {}) });
      metrics.setConnectorState(connector, state);
    };
    return {
      onStartup: (c) => put(c, 'RUNNING'),
      onPause: (c) => put(c, 'PAUSED'),
      onStop: (c) => put(c, 'STOPPED'),
      onFailure: (c, err) => {
        put(c, 'FAILED', err);
        this.opts.onFailure?.(c, null);
      },
      onShutdown: (c) => put(c, 'UNASSIGNED'),
    };
  }

  private taskListener(): TaskStatusListener {
    const { statusStore, metrics } = this.opts;
    const put = (id: ConnectorTaskId, state: 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED', err?: unknown) => {
      const previous = statusStore.task(id.connector, id.task);
      statusStore.putTask({
        connector: id.connector,
        task: id.task,
        state,
        workerId: this.workerId,
        ...(err === undefined ? {} : { trace: traceOf(err) }),
        ...(previous?.restartAttempts ? { restartAttempts: previous.restartAttempts } : {}),
      });
      metrics.setTaskState(id.connector, id.task, state);
    };
    return {
      onStartup: (id) => put(id, 'RUNNING'),
      onPause: (id) => put(id, 'PAUSED'),
      onResume: (id) => put(id, 'RUNNING'),
      onFailure: (id, err) => {
        put(id, 'FAILED', err);
        this.opts.onFailure?.(id.connector, id.task);
      },
      onShutdown: (id) => put(id, 'UNASSIGNED'),
    };
  }
}

/** The lean client's options from Java client configs (bootstrap servers, TLS, SASL, timeouts). */
function leanClientOptions(props: Record<string, string>, clientId: string, acks: number, compression: number, logger: Logger): LeanProducerOptions {
  const client = kafkaConfig(props, clientId);
  const sasl = client.sasl !== undefined && 'username' in client.sasl ? client.sasl : undefined;
  return {
    bootstrapServers: client.brokers as string[],
    clientId: client.clientId ?? clientId,
    acks: acks as -1 | 0 | 1,
    compression: compression as 0 | 1 | 2 | 3 | 4,
    requestTimeoutMs: client.requestTimeout,
    ...(typeof client.ssl === 'object' ? { ssl: client.ssl } : {}),
    ...(sasl !== undefined ? { sasl: { mechanism: sasl.mechanism as 'plain' | 'scram-sha-256' | 'scram-sha-512', username: sasl.username, password: sasl.password } } : {}),
    maxRequestBytes: Number(props['max.request.size'] ?? 1_048_576),
    logger,
  };
}
