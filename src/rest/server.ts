import type { FastifyInstance } from 'fastify';
import type { ConnectMetrics } from '../metrics/connect-metrics.js';
import type { Herder } from '../runtime/herder.js';
import type { Logger } from '../util/logger.js';
import type { LogRegistry } from '../util/log-registry.js';
import { buildRestApp } from './app.js';
import type { ConfigMask, RestContext } from './context.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, herderRequestWithin } from './herder-request.js';
import { advertisedUrlOf, bindHost, parseListener, type Listener } from './listeners.js';
import { parseResponseHeaderRules } from './response-headers.js';

export interface RestServerOptions {
  herder: Herder;
  /** `listeners`: `http://host:port` URLs, empty host for all interfaces; port 0 picks a free port. */
  listeners?: string[];
  /** The URL this worker advertises (`rest.advertised.*`); default: the first listener's. */
  advertisedUrl?: string;
  logRegistry: LogRegistry;
  metrics: ConnectMetrics;
  logger: Logger;
  /**
   * `admin.listeners`: unset serves /admin/loggers on the main listeners, an empty list serves it
   * nowhere, otherwise only on these listeners.
   */
  adminListeners?: string[];
  /** `access.control.allow.origin`: CORS is on only when this is non-blank. */
  accessControlAllowOrigin?: string;
  /** `access.control.allow.methods`. */
  accessControlAllowMethods?: string;
  /** `response.http.headers.config`: comma-separated `[set|add|setDate|addDate] [name]:[value]` rules. */
  responseHttpHeaders?: string;
  /** Hides password values in configs the API returns; default: none hidden. */
  maskConfig?: ConfigMask;
  /** How long to wait for the herder before answering 500 `Request timed out`; default 90 s. */
  requestTimeoutMs?: number;
  /** How long GET /health waits for the herder; default 10 s. */
  healthTimeoutMs?: number;
}

export interface RestServerAddress {
  /** The first main listener's bound port. */
  port: number;
  /** The advertised URL (ends with `/`), whose host:port is the worker id. */
  url: string;
  /** Every main listener's URL as bound. */
  urls: string[];
  /** Every admin listener's URL as bound (empty when /admin is served on the main listeners or not at all). */
  adminUrls: string[];
}

export interface RestServer {
  start(): Promise<RestServerAddress>;
  close(): Promise<void>;
}

const DEFAULT_LISTENERS = ['http://:8083'];
const DEFAULT_HEALTH_TIMEOUT_MS = 10_000;

/** Kafka Connect's REST API over the given Herder, on each listener. */
export function createRestServer(options: RestServerOptions): RestServer {
  const listeners = (options.listeners ?? DEFAULT_LISTENERS).map(parseListener);
  if (listeners.length === 0) throw new Error('At least one REST listener is required');
  const adminListeners = options.adminListeners?.map(parseListener);
  const responseHeaderRules = parseResponseHeaderRules(options.responseHttpHeaders);
  const context: RestContext = {
    herder: options.herder,
    herderRequest: herderRequestWithin(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    maskConfig: options.maskConfig ?? ((config) => config),
    healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
  };
  const app = (main: boolean, admin: boolean): FastifyInstance =>
    buildRestApp({
      context,
      logRegistry: options.logRegistry,
      metrics: options.metrics,
      logger: options.logger,
      main,
      admin,
      accessControlAllowOrigin: options.accessControlAllowOrigin,
      accessControlAllowMethods: options.accessControlAllowMethods,
      responseHeaderRules,
    });
  const running: FastifyInstance[] = [];

  return {
    async start() {
      if (running.length > 0) throw new Error('REST server already started');
      try {
        const urls: string[] = [];
        const ports: number[] = [];
        for (const listener of listeners) {
          const port = await listen(app(true, adminListeners === undefined), listener, running);
          ports.push(port);
          urls.push(advertisedUrlOf(listener, port));
        }
        const adminUrls: string[] = [];
        for (const listener of adminListeners ?? []) {
          adminUrls.push(advertisedUrlOf(listener, await listen(app(false, true), listener, running)));
        }
        const first = listeners[0] as Listener;
        const port = ports[0] as number;
        return { port, url: options.advertisedUrl ?? advertisedUrlOf(first, port), urls, adminUrls };
      } catch (err) {
        await closeAll(running);
        throw err;
      }
    },
    close: () => closeAll(running),
  };
}

async function listen(app: FastifyInstance, listener: Listener, running: FastifyInstance[]): Promise<number> {
  running.push(app);
  const host = bindHost(listener);
  try {
    await app.listen({ host, port: listener.port });
  } catch (err) {
    // All interfaces on a host without IPv6: fall back to every IPv4 interface.
    if (host !== '::' || (err as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT') throw err;
    await app.listen({ host: '0.0.0.0', port: listener.port });
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error(`REST listener ${listener.host}:${listener.port} has no port`);
  return address.port;
}

async function closeAll(running: FastifyInstance[]): Promise<void> {
  const apps = running.splice(0);
  await Promise.all(apps.map((a) => a.close()));
}
