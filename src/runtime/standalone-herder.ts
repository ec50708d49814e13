/**
 * The standalone herder: one worker, configs kept for the life of the process, offsets in a file
 * (Kafka Connect's StandaloneHerder). Every operation runs through one queue, as the Java herder's
 * single thread does, so lifecycle changes never interleave.
 */
import type { Logger } from 'pino';
import { ConfigDef, toConfigKeyInfos, type ConfigInfos, type ConfigKeyInfo } from '../config/index.js';
import { resolveConfig, type WorkerConfigProviders } from '../config/providers.js';
import { AutoRestarter, restartDelay, restartPolicy } from './auto-restart.js';
import { clientConfig } from './client-configs.js';
import { converterConfigDef } from './converter-config-defs.js';
import type { ConfigBackingStore } from './config-store.js';
import { invalidConfigMessage, validateConnectorConfig } from './config-validation.js';
import { sinkConnectorConfigDef, sourceConnectorConfigDef } from './connector-config.js';
import { AlreadyExistsError, BadRequestError, ConnectError, ForbiddenError, NotFoundError, UnsupportedOperationError } from './errors.js';
import type {
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateInfo,
  ConnectorType,
  HealthStatus,
  Herder,
  PluginInfo,
  RestartRequest,
  TargetState,
  TaskInfo,
  TaskState,
  WorkerInfo,
} from './herder.js';
import { kafkaConfig, loadKafkaJs } from './kafka-clients.js';
import type { Admin } from 'kafkajs';
import type { OffsetBackingStore } from './offset-store.js';
import { offsetKey, parseOffsetKey } from './offset-storage.js';
import type { PluginKind, Plugins } from './plugins.js';
import type { StatusBackingStore } from './status-store.js';
import type { Worker } from './worker.js';
import type { WorkerConfig } from './worker-config.js';
import { SLUICE_VERSION } from './version.js';
import type { PreviewRequest, PreviewResult } from './transform-preview.js';
import { buildTransformationChain } from './transformation-chain.js';
import { SerialQueue } from '../util/serial-queue.js';


export interface StandaloneHerderOptions {
  worker: Worker;
  workerConfig: WorkerConfig;
  plugins: Plugins;
  configStore: ConfigBackingStore;
  statusStore: StatusBackingStore;
  offsetStore: OffsetBackingStore;
  providers: WorkerConfigProviders;
  logger: Logger;
  commit?: string;
}

const PLUGIN_TYPES: Record<PluginKind, PluginInfo['type']> = {
  source: 'source',
  sink: 'sink',
  transformation: 'transformation',
  predicate: 'predicate',
  converter: 'converter',
  header_converter: 'header_converter',
};

export class StandaloneHerder implements Herder {
  private readonly queue = new SerialQueue();
  private clusterId = '';
  private started = false;
  private readonly restarter = new AutoRestarter();

  constructor(private readonly o: StandaloneHerderOptions) {}

  async start(): Promise<void> {
    this.clusterId = await this.o.worker.start();
    this.started = true;
  }

  /**
   * A connector or task failed: restart it after a backoff if its config asks for automatic
   * restarts (Sluice extension), counting attempts in its status.
   */
  onFailure(connector: string, task: number | null): void {
    const state = this.o.configStore.get(connector);
    if (state === undefined) return;
    const policy = restartPolicy(state.config);
    const status = task === null ? this.o.statusStore.connector(connector) : this.o.statusStore.task(connector, task);
    const attempt = (status?.restartAttempts ?? 0) + 1;
    if (policy.maxAttempts <= 0 || attempt > policy.maxAttempts) return;
    const what = task === null ? connector : `${connector}-${task}`;
    this.o.logger.warn({ connector, task, attempt, maxAttempts: policy.maxAttempts }, `${what} failed; restarting automatically`);
    this.restarter.schedule(task === null ? connector : `${connector}\u0000${task}`, restartDelay(policy, attempt), () => {
      void this.serial(async () => {
        if (this.o.configStore.get(connector) === undefined) return;
        if (task === null) {
          const current = this.o.statusStore.connector(connector);
          if (current !== undefined) this.o.statusStore.putConnector({ ...current, restartAttempts: attempt });
          await this.o.worker.stopConnector(connector);
          const latest = this.requireState(connector);
          await this.o.worker.startConnector(connector, await this.resolve(latest.config), latest.targetState, this.callbacks());
          await this.reconfigureTasks(connector);
        } else {
          const current = this.o.statusStore.task(connector, task);
          if (current !== undefined) this.o.statusStore.putTask({ ...current, restartAttempts: attempt });
          await this.o.worker.stopAndAwaitTasks([{ connector, task }]);
          await this.startTasks(connector, [task]);
        }
      }).catch((err: unknown) => this.o.logger.error({ err, connector, task }, 'automatic restart failed'));
    });
  }

  async stop(): Promise<void> {
    this.restarter.cancelAll();
    await this.serial(async () => {
      await this.o.worker.stop();
      await this.o.offsetStore.stop();
      this.o.providers.close();
    });
  }

  /** Runs operations one at a time, in order. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    return this.queue.run(op);
  }

  workerInfo(): WorkerInfo {
    return { version: SLUICE_VERSION, commit: this.o.commit ?? 'unknown', kafka_cluster_id: this.clusterId };
  }

  async health(): Promise<HealthStatus> {
    if (!this.started) return { status: 'starting', message: 'Worker is still starting up.' };
    await this.serial(async () => undefined);
    return { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' };
  }

  connectors(): string[] {
    return this.o.configStore.connectors();
  }

  private requireState(name: string, message = `Connector ${name} not found`) {
    const state = this.o.configStore.get(name);
    if (state === undefined) throw new NotFoundError(message);
    return state;
  }

  private typeOf(config: ConnectorConfig): ConnectorType {
    try {
      const found = this.o.plugins.find(config['connector.class'] ?? '', ['source', 'sink']);
      return found === undefined ? 'unknown' : (found.kind as ConnectorType);
    } catch {
      return 'unknown';
    }
  }

  connectorInfo(name: string): ConnectorInfo {
    const state = this.requireState(name);
    return {
      name,
      config: { ...state.config },
      tasks: state.taskConfigs.map((_, task) => ({ connector: name, task })),
      type: this.typeOf(state.config),
    };
  }

  connectorConfig(name: string): ConnectorConfig {
    return { ...this.requireState(name).config };
  }

  async validateConnectorConfig(config: ConnectorConfig): Promise<ConfigInfos> {
    const resolved = await this.resolve(config);
    return (await validateConnectorConfig(resolved, this.validationContext())).infos;
  }

  private validationContext() {
    return { plugins: this.o.plugins, overridePolicy: this.o.workerConfig.overridePolicy, workerConfig: this.o.workerConfig.originals };
  }

  /** The config with its provider variables resolved and the modules of the plugins it names loaded. */
  private async resolve(config: ConnectorConfig): Promise<ConnectorConfig> {
    const { config: resolved } = await resolveConfig(config, this.o.providers);
    await this.o.plugins.prepare(resolved);
    return resolved;
  }

  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    return this.serial(async () => {
      const full = { ...config, name };
      const { infos } = await validateConnectorConfig(await this.resolve(full), this.validationContext());
      if (infos.error_count > 0) throw new BadRequestError(invalidConfigMessage(infos));
      const existing = this.o.configStore.get(name);
      if (existing !== undefined && !options.allowReplace) throw new AlreadyExistsError(`Connector ${name} already exists`);
      if (existing !== undefined) await this.stopConnectorAndTasks(name);
      this.o.configStore.putConnectorConfig(name, full, existing === undefined ? (options.initialState ?? 'STARTED') : undefined);
      await this.startConnectorAndTasks(name);
      return { created: existing === undefined, info: this.connectorInfo(name) };
    });
  }

  async patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo> {
    const current = this.connectorConfig(name);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete current[k];
      else current[k] = v;
    }
    return (await this.putConnectorConfig(name, current, { allowReplace: true })).info;
  }

  deleteConnector(name: string): Promise<void> {
    return this.serial(async () => {
      this.requireState(name);
      this.restarter.cancel(name);
      await this.stopConnectorAndTasks(name);
      this.o.configStore.removeConnectorConfig(name);
      this.o.statusStore.removeConnector(name);
      this.o.worker.forgetConnector(name);
    });
  }

  connectorStatus(name: string): ConnectorStateInfo {
    const status = this.o.statusStore.connector(name);
    const state = this.o.configStore.get(name);
    if (status === undefined || state === undefined) throw new NotFoundError(`No status found for connector ${name}`);
    return {
      name,
      connector: {
        state: status.state,
        worker_id: status.workerId,
        ...(status.trace ? { trace: status.trace } : {}),
        ...(status.restartAttempts ? { restart_attempts: status.restartAttempts } : {}),
      },
      tasks: this.o.statusStore.tasks(name).map((t) => this.taskState(t)),
      type: this.typeOf(state.config),
    };
  }

  private taskState(t: { task: number; state: TaskState['state']; workerId: string; trace?: string; restartAttempts?: number }): TaskState {
    return {
      id: t.task,
      state: t.state,
      worker_id: t.workerId,
      ...(t.trace ? { trace: t.trace } : {}),
      ...(t.restartAttempts ? { restart_attempts: t.restartAttempts } : {}),
    };
  }

  taskStatus(connector: string, task: number): TaskState {
    const status = this.o.statusStore.task(connector, task);
    if (status === undefined) throw new NotFoundError(`No status found for task ${connector}-${task}`);
    return this.taskState(status);
  }

  taskConfigs(name: string): TaskInfo[] {
    return this.requireState(name).taskConfigs.map((config, task) => ({ id: { connector: name, task }, config: { ...config } }));
  }

  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null> {
    return this.serial(async () => {
      const state = this.requireState(name, `Unknown connector: ${name}`);
      if (this.o.statusStore.connector(name) === undefined) throw new NotFoundError(`No status found for connector ${name}`);
      const plain = !request.includeTasks && !request.onlyFailed;
      const connectorStatus = this.o.statusStore.connector(name);
      const restartConnector = !request.onlyFailed || connectorStatus?.state === 'FAILED';
      const tasksToRestart = request.includeTasks
        ? this.o.statusStore.tasks(name).filter((t) => !request.onlyFailed || t.state === 'FAILED').map((t) => t.task)
        : [];
      if (restartConnector) {
        this.o.statusStore.putConnector({ connector: name, state: 'RESTARTING', workerId: this.o.worker.workerId });
      }
      for (const task of tasksToRestart) this.o.statusStore.putTask({ connector: name, task, state: 'RESTARTING', workerId: this.o.worker.workerId });
      const snapshot = plain ? null : this.connectorStatus(name);
      if (restartConnector) {
        await this.o.worker.stopConnector(name);
        await this.o.worker.startConnector(name, await this.resolve(state.config), state.targetState, this.callbacks());
      }
      if (tasksToRestart.length > 0) {
        const ids = tasksToRestart.map((task) => ({ connector: name, task }));
        await this.o.worker.stopAndAwaitTasks(ids);
        await this.startTasks(name, tasksToRestart);
      }
      return snapshot;
    });
  }

  restartTask(connector: string, task: number): Promise<void> {
    return this.serial(async () => {
      const state = this.requireState(connector, `Unknown connector: ${connector}`);
      if (task < 0 || task >= state.taskConfigs.length) throw new NotFoundError(`Unknown task: ${connector}-${task}`);
      await this.o.worker.stopAndAwaitTasks([{ connector, task }]);
      await this.startTasks(connector, [task]);
    });
  }

  pauseConnector(name: string): Promise<void> {
    return this.setTargetState(name, 'PAUSED');
  }

  resumeConnector(name: string): Promise<void> {
    return this.setTargetState(name, 'STARTED');
  }

  stopConnector(name: string): Promise<void> {
    return this.setTargetState(name, 'STOPPED');
  }

  private setTargetState(name: string, target: TargetState): Promise<void> {
    return this.serial(async () => {
      const state = this.requireState(name, `Unknown connector ${name}`);
      const previous = state.targetState;
      if (previous === target) return;
      this.o.configStore.putTargetState(name, target);
      if (target === 'STOPPED') {
        await this.o.worker.stopAndAwaitTasks(this.o.worker.taskIds(name));
        for (const t of this.o.statusStore.tasks(name)) this.o.statusStore.removeTask(name, t.task);
        this.o.configStore.putTaskConfigs(name, []);
        await this.o.worker.setConnectorTargetState(name, 'STOPPED');
      } else {
        await this.o.worker.setConnectorTargetState(name, target);
        // As in Kafka Connect, becoming STARTED regenerates task configs (a connector created
        // PAUSED or STOPPED has none yet).
        if (target === 'STARTED') await this.reconfigureTasks(name);
      }
    });
  }

  connectorActiveTopics(name: string): string[] {
    if (!this.o.workerConfig.topicTrackingEnabled) throw new ForbiddenError('Topic tracking is disabled.');
    return this.o.statusStore.topics(name);
  }

  async resetConnectorActiveTopics(name: string): Promise<void> {
    if (!this.o.workerConfig.topicTrackingEnabled) throw new ForbiddenError('Topic tracking is disabled.');
    if (!this.o.workerConfig.topicTrackingResetAllowed) throw new ForbiddenError('Topic tracking reset is disabled.');
    this.requireState(name);
    this.o.statusStore.resetTopics(name);
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    const state = this.requireState(name);
    if (this.typeOf(state.config) === 'sink') return this.sinkOffsets(name, state.config);
    const offsets: ConnectorOffsets['offsets'] = [];
    const keys = (await this.o.offsetStore.keys()).filter((k) => parseOffsetKey(k)?.connector === name);
    const values = await this.o.offsetStore.get(keys);
    for (const k of keys) {
      const parsed = parseOffsetKey(k);
      const v = values.get(k);
      if (parsed !== null && v !== undefined) offsets.push({ partition: parsed.partition, offset: JSON.parse(v) as Record<string, unknown> });
    }
    return { offsets };
  }

  private sinkGroup(name: string, config: ConnectorConfig): string {
    return config['consumer.override.group.id'] ?? `connect-${name}`;
  }

  private async withAdmin<T>(config: ConnectorConfig, fn: (admin: Admin) => Promise<T>): Promise<T> {
    const props = clientConfig('admin', this.o.workerConfig.originals, config, this.o.workerConfig.overridePolicy);
    const admin = new (await loadKafkaJs()).Kafka(kafkaConfig(props, 'sluice-offsets-admin')).admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  }

  private async sinkOffsets(name: string, config: ConnectorConfig): Promise<ConnectorOffsets> {
    const groupId = this.sinkGroup(name, config);
    const committed = await this.withAdmin(config, (admin) => admin.fetchOffsets({ groupId }));
    const offsets: ConnectorOffsets['offsets'] = [];
    for (const t of committed) {
      for (const p of t.partitions) {
        if (Number(p.offset) < 0) continue;
        offsets.push({ partition: { kafka_topic: t.topic, kafka_partition: p.partition }, offset: { kafka_offset: Number(p.offset) } });
      }
    }
    return { offsets };
  }

  private requireStopped(name: string): ConnectorConfig {
    const state = this.requireState(name);
    if (state.targetState !== 'STOPPED' || state.taskConfigs.length > 0) {
      throw new BadRequestError(
        `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    }
    return state.config;
  }

  alterConnectorOffsets(name: string, request: ConnectorOffsets): Promise<string> {
    return this.serial(() => this.modifyOffsets(name, request.offsets, 'altered'));
  }

  resetConnectorOffsets(name: string): Promise<string> {
    return this.serial(async () => {
      const config = this.requireStopped(name);
      if (this.typeOf(config) === 'sink') {
        return this.modifyOffsets(name, null, 'reset');
      }
      const current = await this.connectorOffsets(name);
      return this.modifyOffsets(name, current.offsets.map((o) => ({ partition: o.partition, offset: null })), 'reset');
    });
  }

  private async modifyOffsets(name: string, offsets: ConnectorOffsets['offsets'] | null, verb: 'altered' | 'reset'): Promise<string> {
    const config = this.requireStopped(name);
    const connector = this.o.worker.createConnector(await this.resolve(config));
    const asMap = new Map((offsets ?? []).map((o) => [o.partition, o.offset]));
    let external: boolean;
    try {
      external = connector.alterOffsets ? !(await connector.alterOffsets(config, asMap)) : false;
    } catch (err) {
      // Kafka turns only UnsupportedOperationException into this message; other errors keep theirs.
      if (err instanceof UnsupportedOperationError) {
        throw new ConnectError(`Failed to modify offsets for connector ${name} because it doesn't support external modification of offsets`, 500, { cause: err });
      }
      throw err instanceof ConnectError ? err : new ConnectError(`Failed to alter offsets for connector ${name}: ${(err as Error).message}`, 500, { cause: err });
    }
    if (connector.kind === 'sink') await this.modifySinkOffsets(name, config, offsets);
    else await this.modifySourceOffsets(name, offsets ?? []);
    return external
      ? `The Connect framework-managed offsets for this connector have been ${verb} successfully. However, if this connector manages offsets externally, they will need to be manually ${verb} in the system that the connector uses.`
      : `The offsets for this connector have been ${verb} successfully`;
  }

  private async modifySourceOffsets(name: string, offsets: ConnectorOffsets['offsets']): Promise<void> {
    const entries = new Map<string, string | null>();
    for (const o of offsets) {
      for (const v of [...Object.values(o.partition), ...Object.values(o.offset ?? {})]) {
        if (v !== null && typeof v === 'object') {
          throw new BadRequestError('Offsets may only contain primitive types as values, but field contains a nested structure');
        }
      }
      entries.set(offsetKey(name, o.partition), o.offset === null ? null : JSON.stringify(o.offset));
    }
    await this.o.offsetStore.set(entries);
  }

  private async modifySinkOffsets(name: string, config: ConnectorConfig, offsets: ConnectorOffsets['offsets'] | null): Promise<void> {
    const groupId = this.sinkGroup(name, config);
    await this.withAdmin(config, async (admin) => {
      if (offsets === null) {
        await admin.deleteGroups([groupId]).catch((err: unknown) => {
          if (!String((err as Error).message).includes('does not exist') && !String(err).includes('GROUP_ID_NOT_FOUND')) throw err;
        });
        return;
      }
      const byTopic = new Map<string, { partition: number; offset: string }[]>();
      for (const o of offsets) {
        const topic = o.partition['kafka_topic'];
        const partition = Number(o.partition['kafka_partition']);
        if (typeof topic !== 'string' || !Number.isInteger(partition)) {
          throw new BadRequestError('Partitions must contain kafka_topic (a string) and kafka_partition (an integer)');
        }
        const raw = o.offset === null ? null : o.offset['kafka_offset'];
        if (o.offset !== null && (raw === undefined || !Number.isInteger(Number(raw)))) {
          throw new BadRequestError('Offsets must contain kafka_offset, which need to be integers');
        }
        // Kafka deletes the committed offset for a null; the closest kafkajs offers is the "none" marker.
        const list = byTopic.get(topic) ?? [];
        list.push({ partition, offset: raw === null ? '-1' : String(raw) });
        byTopic.set(topic, list);
      }
      for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId, topic, partitions });
    });
  }

  plugins(connectorsOnly: boolean): PluginInfo[] {
    const kinds: PluginKind[] = connectorsOnly ? ['sink', 'source'] : ['sink', 'source', 'transformation', 'predicate', 'converter', 'header_converter'];
    return this.o.plugins
      .list(kinds)
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.className.localeCompare(b.className))
      .map((d) => ({ class: d.className, type: PLUGIN_TYPES[d.kind], version: d.version }));
  }

  async previewTransforms(request: PreviewRequest): Promise<PreviewResult[]> {
    if (request === null || typeof request !== 'object' || request.config === null || typeof request.config !== 'object') {
      throw new BadRequestError('The preview body must be {"config": {...}, "records": [...]}');
    }
    const config = await this.resolve(request.config);
    const { previewTransforms } = await import('./transform-preview.js');
    return previewTransforms({ ...request, config }, this.o.workerConfig.originals, (c) => buildTransformationChain(this.o.plugins, c));
  }

  async connectorPluginConfig(plugin: string): Promise<ConfigKeyInfo[]> {
    const kinds: PluginKind[] = ['source', 'sink', 'transformation', 'predicate', 'converter', 'header_converter'];
    if (this.o.plugins.find(plugin, kinds) === undefined) throw new NotFoundError(`Unknown plugin ${plugin}.`);
    const found = await this.o.plugins.load(plugin, kinds);
    const instance = found.create() as { config?: () => unknown };
    const own = found.kind === 'converter' || found.kind === 'header_converter' ? converterConfigDef(found.className) : typeof instance.config === 'function' ? instance.config() : undefined;
    const keys = own instanceof ConfigDef ? toConfigKeyInfos(own) : [];
    if (found.kind === 'source' || found.kind === 'sink') {
      const framework = found.kind === 'sink' ? sinkConnectorConfigDef() : sourceConnectorConfigDef();
      const names = new Set(keys.map((k) => k.name));
      for (const k of toConfigKeyInfos(framework)) if (!names.has(k.name)) keys.push(k);
    }
    return keys;
  }

  // --- lifecycle helpers (called inside serial()) ---

  private callbacks() {
    return {
      requestTaskReconfiguration: (connector: string) => {
        void this.serial(() => this.reconfigureTasks(connector)).catch((err: unknown) =>
          this.o.logger.error({ err, connector }, 'task reconfiguration failed'),
        );
      },
    };
  }

  private async startConnectorAndTasks(name: string): Promise<void> {
    const state = this.requireState(name);
    await this.o.worker.startConnector(name, await this.resolve(state.config), state.targetState, this.callbacks());
    if (state.targetState !== 'STOPPED') await this.reconfigureTasks(name);
  }

  private async stopConnectorAndTasks(name: string): Promise<void> {
    await this.o.worker.stopAndAwaitTasks(this.o.worker.taskIds(name));
    await this.o.worker.stopConnector(name);
  }

  /** Regenerates task configs; restarts the tasks when they changed. */
  private async reconfigureTasks(name: string): Promise<void> {
    const state = this.o.configStore.get(name);
    if (state === undefined || state.targetState === 'STOPPED') return;
    if (!this.o.worker.isRunning(name)) {
      // Paused (or failed): keep the stored task configs, as Kafka skips updates of connectors
      // that are not running; start their tasks if none run (e.g. after a config update).
      const running = this.o.worker.taskIds(name).length;
      if (state.targetState === 'PAUSED' && running === 0 && state.taskConfigs.length > 0) await this.startTasks(name, state.taskConfigs.map((_, i) => i));
      return;
    }
    let generated: ConnectorConfig[];
    try {
      generated = await this.o.worker.connectorTaskConfigs(name, await this.resolve(state.config));
    } catch (err) {
      this.o.logger.error({ err, connector: name }, 'failed to generate task configs');
      return;
    }
    if (this.o.worker.connectorFailed(name)) return;
    const running = this.o.worker.taskIds(name);
    if (sameConfigs(generated, state.taskConfigs) && running.length === generated.length) return;
    await this.o.worker.stopAndAwaitTasks(running);
    for (const t of this.o.statusStore.tasks(name)) if (t.task >= generated.length) this.o.statusStore.removeTask(name, t.task);
    this.o.configStore.putTaskConfigs(name, generated);
    await this.startTasks(name, generated.map((_, i) => i));
  }

  private async startTasks(name: string, tasks: number[]): Promise<void> {
    const state = this.requireState(name);
    const resolvedConnector = await this.resolve(state.config);
    for (const task of tasks) {
      const taskConfig = state.taskConfigs[task];
      if (taskConfig === undefined) continue;
      this.o.worker.startTask({ connector: name, task }, resolvedConnector, await this.resolve(taskConfig), state.targetState === 'PAUSED' ? 'PAUSED' : 'STARTED');
    }
  }
}

function sameConfigs(a: ConnectorConfig[], b: ConnectorConfig[]): boolean {
  return a.length === b.length && a.every((c, i) => JSON.stringify(c) === JSON.stringify(b[i]));
}

