import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ConnectMetrics } from '../metrics/connect-metrics.js';
import type { Logger } from '../util/logger.js';
import type { LogRegistry } from '../util/log-registry.js';
import type { RestContext } from './context.js';
import { corsHook } from './cors.js';
import { notFoundHandler, sendError } from './error-responses.js';
import { installJsonBodyParser } from './json-body.js';
import { connectorPluginsResource } from './resources/connector-plugins.js';
import { connectorsResource } from './resources/connectors.js';
import { loggersResource } from './resources/loggers.js';
import { metricsResource } from './resources/metrics.js';
import { rootResource } from './resources/root.js';
import { applyResponseHeaderRules, type ResponseHeaderRule } from './response-headers.js';
import { RouteTable } from './route-table.js';
import { schemaCompilers } from './schema-compilers.js';

export interface RestAppOptions {
  context: RestContext;
  logRegistry: LogRegistry;
  metrics: ConnectMetrics;
  logger: Logger;
  /** Serve the connector, plugin, health and metrics resources. */
  main: boolean;
  /** Serve /admin/loggers. */
  admin: boolean;
  accessControlAllowOrigin?: string;
  accessControlAllowMethods?: string;
  responseHeaderRules: readonly ResponseHeaderRule[];
}

/** One listener's fastify app: the resources it serves, CORS, extra headers and the error handling. */
export function buildRestApp(options: RestAppOptions): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({ loggerInstance, routerOptions: { ignoreTrailingSlash: true }, schemaController: { compilersFactory: schemaCompilers } });
  const routes = new RouteTable();
  app.addHook('onRoute', (route) => routes.add(route.url, route.method));
  app.setErrorHandler(sendError);
  app.setNotFoundHandler(notFoundHandler(routes));
  installJsonBodyParser(app);

  const cors = corsHook(options.accessControlAllowOrigin, options.accessControlAllowMethods);
  if (cors !== undefined) app.addHook('onRequest', cors);
  if (options.responseHeaderRules.length > 0) {
    app.addHook('onSend', async (_request, reply, payload) => {
      applyResponseHeaderRules(reply, options.responseHeaderRules);
      return payload;
    });
  }

  if (options.main) {
    app.register(rootResource, { context: options.context });
    app.register(connectorsResource, { context: options.context });
    app.register(connectorPluginsResource, { context: options.context });
    app.register(metricsResource, { metrics: options.metrics });
  }
  if (options.admin) app.register(loggersResource, { logRegistry: options.logRegistry });
  return app;
}
