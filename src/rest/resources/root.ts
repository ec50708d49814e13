import type { FastifyPluginAsync } from 'fastify';
import type { HealthStatus } from '../../runtime/herder.js';
import type { RestContext } from '../context.js';
import { healthSchema, workerInfoSchema } from '../schemas.js';

const HEALTH_STATUS_CODE: Record<HealthStatus['status'], 200 | 500 | 503> = { healthy: 200, starting: 503, unhealthy: 500 };

const UNRESPONSIVE: HealthStatus = {
  status: 'unhealthy',
  message: 'Worker was unable to handle this request and may be unable to handle other requests.',
};

/** `GET /` (worker info) and `GET /health` (KIP-1017). */
export const rootResource: FastifyPluginAsync<{ context: RestContext }> = async (app, { context }) => {
  const { herder, healthTimeoutMs } = context;

  app.get('/', { schema: { response: { 200: workerInfoSchema } } }, async () => herder.workerInfo());

  app.get(
    '/health',
    { schema: { response: { 200: healthSchema, 500: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const health = await withinTimeout(herder.health(), healthTimeoutMs);
      return reply.code(HEALTH_STATUS_CODE[health.status]).send(health);
    },
  );
};

// The Herder reports starting vs unhealthy itself; when it does not answer at all this layer cannot tell
// them apart, and a worker that has stopped answering is the case the check exists for.
async function withinTimeout(health: Promise<HealthStatus>, timeoutMs: number): Promise<HealthStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthStatus>((resolve) => {
    timer = setTimeout(() => resolve(UNRESPONSIVE), timeoutMs);
  });
  health.catch(() => undefined);
  return Promise.race([health, timeout]).finally(() => clearTimeout(timer));
}
