import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VoraciousError } from '../../errors/catalogue.js';
import type { FleetNames } from '../../fleet/fleet-names.js';
import type { ServoRequest } from '../../protocol/events.js';
import type { Sequencer } from '../../protocol/sequencer.js';
import { servoBodySchema, servoParamsSchema, servoResponseSchemas } from '../schemas.js';

export interface ServoRouteOptions {
  sequencer: Sequencer;
  fleet: FleetNames;
  /** Refuse names outside the listed fleet. */
  fleetOnly: boolean;
  token: string | null;
}

interface ServoRoute {
  Params: { account: string; app: string };
  Body: ServoRequest;
}

/** The endpoint every servo talks to: one event in, one command or status out. */
export function registerServoRoute(server: FastifyInstance, options: ServoRouteOptions): void {
  const { sequencer, fleet, fleetOnly, token } = options;

  server.post<ServoRoute>('/accounts/:account/applications/:app/servo', {
    schema: {
      summary: 'Send one servo event',
      params: servoParamsSchema,
      body: servoBodySchema,
      response: servoResponseSchemas,
    },
    onRequest: token === null ? undefined : tokenCheck(token),
  }, (request, reply) => {
    const { account, app } = request.params;
    if (fleetOnly && !fleet.has(app)) {
      throw new VoraciousError('VOR_ERR_APP_OUTSIDE_FLEET', { value: app, fleet: fleet.describe() });
    }

    const answer = sequencer.handle(account, app, request.body);
    return reply.header('content-type', 'application/json; charset=utf-8').send(answer);
  });
}

/** Accepts the token as `Authorization: Bearer` or `X-SF-Token`, as servo clients send it. */
function tokenCheck(token: string) {
  const bearer = `Bearer ${token}`;
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const { authorization, 'x-sf-token': sfToken } = request.headers;
    if (authorization === bearer || sfToken === token) return done();
    done(new VoraciousError('VOR_ERR_UNAUTHORIZED'));
  };
}
