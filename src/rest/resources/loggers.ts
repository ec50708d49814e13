import type { FastifyPluginAsync } from 'fastify';
import { BadRequestError, NotFoundError } from '../../runtime/errors.js';
import { parseLogLevel, type LogRegistry } from '../../util/log-registry.js';

interface LoggerParams {
  Params: { logger: string };
}

/** `/admin/loggers/...`: Kafka Connect's LoggingResource (KIP-495, KIP-976). */
export const loggersResource: FastifyPluginAsync<{ logRegistry: LogRegistry }> = async (app, { logRegistry }) => {
  app.get('/admin/loggers', async () => logRegistry.levels());

  app.get<LoggerParams>('/admin/loggers/:logger', async (request) => {
    const level = logRegistry.level(request.params.logger);
    if (level === undefined) throw new NotFoundError(`Logger ${request.params.logger} not found.`);
    return level;
  });

  app.put<LoggerParams & { Querystring: { scope?: string } }>('/admin/loggers/:logger', async (request, reply) => {
    const body: unknown = request.body;
    const level = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['level'] : undefined;
    if (level === undefined || level === null) {
      throw new BadRequestError("Desired 'level' parameter was not specified in request.");
    }
    const text = String(level);
    if (parseLogLevel(text) === undefined) throw new NotFoundError(`invalid log level '${text}'.`);
    const scope = (request.query.scope ?? 'worker').toLowerCase();
    if (scope !== 'worker' && scope !== 'cluster') {
      request.log.warn(`Received invalid scope '${request.query.scope}' in request to adjust logging level; will default to worker`);
    }
    const changed = logRegistry.setLevel(request.params.logger, text);
    // A standalone worker is its own cluster: scope=cluster applies here and answers 204 as Kafka does.
    return scope === 'cluster' ? reply.code(204).send() : changed;
  });
};
