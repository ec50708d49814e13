import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectError } from '../runtime/errors.js';
import type { RouteTable } from './route-table.js';

/** Kafka Connect's ErrorMessage entity: `error_code` is always the HTTP status. */
export interface ErrorBody {
  error_code: number;
  message: string;
}

/**
 * The one error handler: runtime errors answer with the status they carry (ConnectExceptionMapper),
 * request errors found by fastify (validation, media type, size) with their 4xx, anything else 500.
 */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, `Uncaught exception in REST call to ${request.url}`);
  else request.log.debug({ err: error }, `REST call to ${request.url} failed with ${status}`);
  send(reply, status, error.message);
}

/** Unmatched requests: Jersey's texts for an unknown path (404) and for a known path's other methods (405). */
export function notFoundHandler(routes: RouteTable) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = routes.methods(path);
    if (allowed.length === 0) {
      send(reply, 404, 'HTTP 404 Not Found');
      return;
    }
    reply.header('Allow', allowed.join(','));
    send(reply, 405, 'HTTP 405 Method Not Allowed');
  };
}

function send(reply: FastifyReply, status: number, message: string): void {
  const body: ErrorBody = { error_code: status, message };
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}

function statusOf(error: FastifyError | Error): number {
  if (error instanceof ConnectError) return error.status;
  if ('validation' in error && error.validation !== undefined) return 400;
  const statusCode = 'statusCode' in error ? error.statusCode : undefined;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return statusCode;
  return 500;
}
