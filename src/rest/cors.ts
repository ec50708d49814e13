import type { FastifyReply, FastifyRequest } from 'fastify';

// Jetty CrossOriginFilter's defaults, which Kafka Connect keeps except for the origins and methods.
const DEFAULT_METHODS = 'GET,POST,HEAD';
const ALLOWED_HEADERS = 'X-Requested-With,Content-Type,Accept,Origin';
const PREFLIGHT_MAX_AGE_SECONDS = '1800';

/**
 * CORS per `access.control.allow.origin` (comma-separated origins, `*` wildcards) and
 * `access.control.allow.methods`; undefined when the origin setting is blank, as Kafka Connect then
 * installs no filter. Preflight requests are answered here with 204.
 */
export function corsHook(
  allowOrigin: string | undefined,
  allowMethods: string | undefined,
): ((request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>) | undefined {
  if (allowOrigin === undefined || allowOrigin.trim() === '') return undefined;
  const origins = splitList(allowOrigin);
  const anyOrigin = origins.includes('*');
  const patterns = origins.filter((o) => o !== '*').map(originPattern);
  const methods = splitList(allowMethods === undefined || allowMethods.trim() === '' ? DEFAULT_METHODS : allowMethods).map((m) =>
    m.toUpperCase(),
  );

  return async (request, reply) => {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && (anyOrigin || patterns.some((p) => p.test(origin)));
    const requestedMethod = request.headers['access-control-request-method'];
    const preflight = request.method === 'OPTIONS' && typeof requestedMethod === 'string';
    if (!anyOrigin) reply.header('Vary', 'Origin');
    if (allowed) {
      if (!preflight || methods.includes(requestedMethod.toUpperCase())) {
        reply.header('Access-Control-Allow-Origin', origin);
        reply.header('Access-Control-Allow-Credentials', 'true');
      }
      if (preflight && methods.includes(requestedMethod.toUpperCase())) {
        reply.header('Access-Control-Allow-Methods', methods.join(','));
        reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      }
    }
    return preflight ? reply.code(204).send() : undefined;
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function originPattern(origin: string): RegExp {
  const source = origin
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}
