import type { FastifyInstance } from 'fastify';
import type { FleetNames } from '../../fleet/fleet-names.js';
import { overridesParamsSchema, overridesQuerySchema } from '../schemas.js';

/**
 * `GET /accounts/{account}/application-overrides`: the fleet as clients list
 * it, inside the status envelope the real backend uses. The fleet is fixed
 * by configuration, so the answer is written once.
 */
export function registerOverridesRoute(server: FastifyInstance, fleet: FleetNames): void {
  let answer: string | null = null;

  server.get(
    '/accounts/:account/application-overrides',
    {
      schema: {
        summary: 'List the configured fleet of applications',
        params: overridesParamsSchema,
        querystring: overridesQuerySchema,
      },
    },
    (_request, reply) => {
      answer ??= writeOverrides(fleet);
      return reply.header('content-type', 'application/json; charset=utf-8').send(answer);
    },
  );
}

function writeOverrides(fleet: FleetNames): string {
  const data: Record<string, { state: string; mode: null; mode_limit: null }> = {};
  let count = 0;
  for (const name of fleet.names()) {
    data[name] = { state: 'active', mode: null, mode_limit: null };
    count += 1;
  }
  return JSON.stringify({ status: 'ok', message: `${count} applications`, data });
}
