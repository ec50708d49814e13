/**
 * Assembles a standalone worker as `connect-standalone worker.properties connector...` does:
 * plugins, offset file, worker, herder and the REST API, then the connectors from files.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { maskConfig } from '../config/masking.js';
import { readConnectorConfigFile } from '../config/config-file.js';
import { WorkerConfigProviders } from '../config/providers.js';
import { ConnectMetrics } from '../metrics/connect-metrics.js';
import { createRestServer, type RestServer } from '../rest/index.js';
import { LogRegistry } from '../util/log-registry.js';
import { loadPlugins } from './builtin-plugins.js';
import { MemoryConfigBackingStore } from './config-store.js';
import type { TargetState } from './herder.js';
import { FileOffsetBackingStore } from './offset-store.js';
import { StandaloneHerder } from './standalone-herder.js';
import { MemoryStatusBackingStore } from './status-store.js';
import { standaloneWorkerConfig } from './worker-config.js';
import { Worker } from './worker.js';

export interface StandaloneWorker {
  herder: StandaloneHerder;
  /** The REST API's advertised URL, ending in "/". */
  restUrl: string;
  restPort: number;
  workerId: string;
  close(): Promise<void>;
}

export interface StandaloneOptions {
  workerProps: Record<string, string>;
  connectorFiles?: string[];
  logger: Logger;
  /** Extra config for connectors created at start-up (the dev pipeline passes its own). */
  connectors?: { name: string; config: Record<string, string>; initialState?: TargetState }[];
}

const INITIAL_STATE: Record<string, TargetState> = { RUNNING: 'STARTED', PAUSED: 'PAUSED', STOPPED: 'STOPPED' };

export async function startStandalone(o: StandaloneOptions): Promise<StandaloneWorker> {
  const config = standaloneWorkerConfig(o.workerProps);
  const logRegistry = new LogRegistry(o.logger);
  const log = logRegistry.logger('sluice.runtime');
  const plugins = await loadPlugins(config.pluginPath);
  const offsetStore = new FileOffsetBackingStore(config.parsed.getString('offset.storage.file.filename') ?? '', (m) => log.warn(m));
  await offsetStore.start();
  const providers = await WorkerConfigProviders.fromWorkerConfig(o.workerProps);
  for (const w of providers.warnings) log.warn(w);
  const metrics = new ConnectMetrics();
  const statusStore = new MemoryStatusBackingStore();

  // The worker id is host:port of the advertised REST URL, known once the listener is bound.
  let rest: RestServer | undefined;
  let workerId = '';
  const worker = new Worker({
    get workerId() {
      return workerId;
    },
    config,
    plugins,
    offsetStore,
    statusStore,
    metrics,
    logger: logRegistry.logger('sluice.runtime.worker'),
    onFailure: (connector, task) => herder.onFailure(connector, task),
  });
  const herder = new StandaloneHerder({
    worker,
    workerConfig: config,
    plugins,
    configStore: new MemoryConfigBackingStore(),
    statusStore,
    offsetStore,
    providers,
    logger: logRegistry.logger('sluice.runtime.herder'),
  });
  rest = createRestServer({
    herder,
    listeners: [...config.listeners],
    advertisedUrl: advertisedUrl(config.parsed.getString('rest.advertised.host.name'), config.parsed.getInt('rest.advertised.port'), config.parsed.getString('rest.advertised.listener')),
    logRegistry,
    metrics,
    logger: logRegistry.logger('sluice.rest'),
    accessControlAllowOrigin: config.parsed.getString('access.control.allow.origin') ?? '',
    accessControlAllowMethods: config.parsed.getString('access.control.allow.methods') ?? '',
    responseHttpHeaders: config.parsed.getString('response.http.headers.config') ?? '',
    ...(config.parsed.getList('admin.listeners') !== null ? { adminListeners: [...(config.parsed.getList('admin.listeners') ?? [])] } : {}),
    maskConfig: (c) => maskConfig(c),
  });
  const address = await rest.start();
  workerId = new URL(address.url).host || `${hostname()}:${address.port}`;
  try {
    await herder.start();
    for (const file of o.connectorFiles ?? []) {
      const parsed = await readConnectorConfigFile(file);
      await herder.putConnectorConfig(parsed.name, parsed.config, { allowReplace: false, initialState: INITIAL_STATE[parsed.initialState ?? 'RUNNING'] });
    }
    for (const c of o.connectors ?? []) await herder.putConnectorConfig(c.name, c.config, { allowReplace: false, initialState: c.initialState });
  } catch (err) {
    await rest.close();
    await herder.stop().catch(() => undefined);
    throw err;
  }
  log.info({ url: address.url, workerId }, 'Sluice worker started');
  return {
    herder,
    restUrl: address.url,
    restPort: address.port,
    workerId,
    async close() {
      await rest?.close();
      await herder.stop();
    },
  };
}

function advertisedUrl(host: string | null, port: number | null, listener: string | null): string | undefined {
  if (host === null && port === null) return undefined;
  const scheme = (listener ?? 'http').toLowerCase();
  return `${scheme}://${host ?? hostname()}:${port ?? 8083}/`;
}
