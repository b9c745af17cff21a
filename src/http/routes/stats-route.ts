import type { FastifyInstance } from 'fastify';
import type { FleetStats } from '../../stats/fleet-stats.js';

/** `GET /`: the fleet statistics; `watch -n 3 curl -s localhost:8080` reads these. */
export function registerStatsRoute(server: FastifyInstance, stats: FleetStats): void {
  server.get(
    '/',
    {
      schema: {
        summary: 'Fleet statistics: cycles per app (n, average, min, max), failures, rejections',
      },
    },
    () => stats.snapshot(),
  );
}
