import type { FastifyInstance } from 'fastify';
import type { EmulatorMetrics } from './metrics.js';

/** `GET /metrics` in Prometheus text format, and the hook that times every request. */
export function registerMetricsRoute(server: FastifyInstance, metrics: EmulatorMetrics): void {
  const { registry, latency } = metrics;

  // fastify already stamps each reply's start and end, so timing adds no clock reads.
  server.addHook('onResponse', (_request, reply, done) => {
    latency.record(reply.elapsedTime);
    done();
  });

  server.get(
    '/metrics',
    {
      schema: { summary: 'Prometheus metrics: requests, rejections, apps by state, latency' },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.header('content-type', registry.contentType).send(text);
    },
  );
}
