import type { FastifyInstance } from 'fastify';
import type { ServoRequest } from '../../protocol/events.js';
import { JSON_TYPE } from '../error-response.js';
import { servoBodySchema, servoParamsSchema, servoResponseSchemas } from '../schemas.js';
import type { ServoEndpoint } from '../servo-endpoint.js';

interface ServoRoute {
  Params: { account: string; app: string };
  Body: ServoRequest;
}

/** ServoEndpoint validates with the same schemas, so the route's are for the OpenAPI document. */
const validatedByEndpoint = () => () => true;

/**
 * The endpoint every servo talks to: one event in, one command or status out.
 * Over a real socket the fast path answers first; this route serves what it
 * leaves (encoded names, query strings) and `inject`.
 */
export function registerServoRoute(server: FastifyInstance, endpoint: ServoEndpoint): void {
  server.post<ServoRoute>(
    '/accounts/:account/applications/:app/servo',
    {
      schema: {
        summary: 'Send one servo event',
        params: servoParamsSchema,
        body: servoBodySchema,
        response: servoResponseSchemas,
      },
      validatorCompiler: validatedByEndpoint,
      onRequest: (request, _reply, done) => done(endpoint.authorize(request.headers) ?? undefined),
    },
    (request, reply) => {
      const { account, app } = request.params;
      const { status, payload } = endpoint.respond(account, app, request.body, request.url);
      return reply.code(status).header('content-type', JSON_TYPE).send(payload);
    },
  );
}
