import type { FastifyPluginAsync } from 'fastify';
import type { ConnectMetrics } from '../../metrics/connect-metrics.js';

/** `GET /metrics`: Prometheus text exposition (Kafka Connect has only JMX for these). */
export const metricsResource: FastifyPluginAsync<{ metrics: ConnectMetrics }> = async (app, { metrics }) => {
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));
};
