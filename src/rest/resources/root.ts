import type { FastifyPluginAsync } from 'fastify';
import type { HealthStatus } from '../../runtime/herder.js';
import type { RestContext } from '../context.js';
import * as entity from '../entities.js';

const HEALTH_STATUS_CODE: Record<HealthStatus['status'], 200 | 500 | 503> = { healthy: 200, starting: 503, unhealthy: 500 };

const UNRESPONSIVE: HealthStatus = {
  status: 'unhealthy',
  message: 'Worker was unable to handle this request and may be unable to handle other requests.',
};

/** `GET /` (worker info) and `GET /health` (KIP-1017). */
export const rootResource: FastifyPluginAsync<{ context: RestContext }> = async (app, { context }) => {
  const { herder, healthTimeoutMs } = context;

  app.get('/', async () => entity.workerInfo(herder.workerInfo()));

  app.get('/health', async (_request, reply) => {
    const health = await withinTimeout(herder.health(), healthTimeoutMs);
    return reply.code(HEALTH_STATUS_CODE[health.status]).send(entity.health(health));
  });
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
