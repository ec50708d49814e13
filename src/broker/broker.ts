/**
 * The embedded, single-node, Kafka-compatible broker: composition of storage, groups and the
 * protocol handlers behind one TCP listener. For development and tests; production uses Kafka.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { writeFileAtomic } from '../util/atomic-file.js';
import { silentLogger } from '../util/logger.js';
import { AppendNotifier } from './append-notifier.js';
import { GroupCoordinator } from './groups/coordinator.js';
import { OffsetStore } from './groups/offset-store.js';
import type { BrokerContext } from './handlers/context.js';
import { registerHandlers } from './handlers/index.js';
import { ProducerStateManager } from './producer-state.js';
import { Router } from './server/router.js';
import { KafkaServer } from './server/server.js';
import { TopicRegistry } from './topics.js';

export interface BrokerOptions {
  /** 0 picks a free port; the bound one is returned. Default 9092. */
  port?: number;
  host?: string;
  advertisedHost?: string;
  dataDir: string;
  nodeId?: number;
  defaultPartitions?: number;
  autoCreateTopics?: boolean;
  /** socket.request.max.bytes: larger frames close the connection. Default 100 MiB. */
  maxRequestBytes?: number;
  /** group.initial.rebalance.delay.ms (Kafka: 3000). Default 0: fast tests and dev loops. */
  initialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms. Default 6000 as in Kafka. */
  minSessionTimeoutMs?: number;
  /** How often retention and compaction run. Default 10 s. */
  logMaintenanceIntervalMs?: number;
  logger?: Logger;
}

export interface RunningBroker {
  host: string;
  port: number;
  dataDir: string;
  clusterId: string;
  /** "host:port", ready for bootstrap.servers. */
  bootstrapServers: string;
  /** Runs retention and compaction now (tests; the broker also runs them periodically). */
  runLogMaintenance(): void;
  close(): Promise<void>;
}

export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const logger = options.logger ?? silentLogger();
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const nodeId = options.nodeId ?? 1;
  const clusterId = loadClusterId(dataDir, nodeId);

  const topics = new TopicRegistry(dataDir, logger);
  const offsets = new OffsetStore(join(dataDir, '__meta', 'group-offsets'));
  const groups = new GroupCoordinator({
    offsets,
    initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 0,
    minSessionTimeoutMs: options.minSessionTimeoutMs ?? 6000,
    logger,
  });
  const appends = new AppendNotifier();
  const context: BrokerContext = {
    settings: {
      nodeId,
      clusterId,
      advertisedHost: options.advertisedHost ?? host,
      advertisedPort: options.port ?? 9092,
      autoCreateTopics: options.autoCreateTopics ?? true,
      defaultPartitions: options.defaultPartitions ?? 1,
    },
    topics,
    groups,
    producers: new ProducerStateManager(join(dataDir, '__meta')),
    appends,
    logger,
  };
  const server = new KafkaServer({
    host,
    port: options.port ?? 9092,
    maxRequestBytes: options.maxRequestBytes ?? 100 * 1024 * 1024,
    router: registerHandlers(new Router(), context),
    logger,
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    groups.close();
    topics.close();
    throw err;
  }
  context.settings.advertisedPort = port;

  const runLogMaintenance = (): void => {
    const now = Date.now();
    for (const topic of topics.list()) {
      for (const log of topic.partitions) {
        try {
          log.enforceRetention(now);
          log.compact(now);
        } catch (err) {
          logger.error({ err, topic: topic.name }, 'log maintenance failed');
        }
      }
    }
  };
  const maintenance = setInterval(runLogMaintenance, options.logMaintenanceIntervalMs ?? 10_000);
  maintenance.unref();

  return {
    host,
    port,
    dataDir,
    clusterId,
    bootstrapServers: `${context.settings.advertisedHost}:${port}`,
    runLogMaintenance,
    async close() {
      clearInterval(maintenance);
      appends.wakeAll();
      groups.close();
      await server.close();
      topics.close();
    },
  };
}

/** A stable cluster id kept in meta.properties, as Kafka does (Kafka Connect reads it). */
function loadClusterId(dataDir: string, nodeId: number): string {
  const file = join(dataDir, 'meta.properties');
  try {
    const match = /^cluster\.id=(.+)$/m.exec(readFileSync(file, 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // first start
  }
  const clusterId = randomBytes(16).toString('base64url');
  writeFileAtomic(file, `version=1\ncluster.id=${clusterId}\nnode.id=${nodeId}\n`);
  return clusterId;
}
