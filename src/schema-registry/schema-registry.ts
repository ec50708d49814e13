/**
 * The embedded Confluent-compatible Schema Registry, for development and tests: production
 * points schema.registry.url at a Confluent registry. State lives in a compacted Kafka topic
 * in Confluent's record format, so a Confluent registry can take over the same topic.
 */
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { silentLogger } from '../util/logger.js';
import { KafkaStore } from './kafka-store.js';
import { RegistryState } from './registry-state.js';
import { SchemaRegistry } from './registry.js';
import { registerRestApi } from './rest-api.js';

export interface SchemaRegistryOptions {
  /** 0 picks a free port. Default 8081. */
  port?: number;
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** Kafka bootstrap servers, "host:port[,host:port]". */
  bootstrapServers: string;
  /** The compacted topic holding schemas and settings. Default "_schemas". */
  topic?: string;
  logger?: Logger;
  /** How long a write may wait to be read back from the topic. Default 30 s. */
  storeTimeoutMs?: number;
}

export interface RunningSchemaRegistry {
  port: number;
  /** "http://host:port", ready for schema.registry.url. */
  url: string;
  close(): Promise<void>;
}

export async function startSchemaRegistry(options: SchemaRegistryOptions): Promise<RunningSchemaRegistry> {
  const logger = options.logger ?? silentLogger();
  const host = options.host ?? '127.0.0.1';
  const topic = options.topic ?? '_schemas';
  const state = new RegistryState();
  const store = await KafkaStore.open({
    bootstrapServers: options.bootstrapServers,
    topic,
    logger,
    apply: (record) => state.apply(record),
    timeoutMs: options.storeTimeoutMs,
  });
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  try {
    registerRestApi(app, new SchemaRegistry(state, store, logger), logger);
    await app.listen({ port: options.port ?? 8081, host });
  } catch (err) {
    await app.close();
    await store.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 8081);
  logger.info({ port, topic }, `schema registry listening on http://${host}:${port}`);
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
