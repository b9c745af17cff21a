import type { IncomingHttpHeaders } from 'node:http';
import { Ajv } from 'ajv';
import type { FastifyBaseLogger } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import type { FleetNames } from '../fleet/fleet-names.js';
import type { ServoRequest } from '../protocol/events.js';
import type { Sequencer } from '../protocol/sequencer.js';
import {
  errorReply,
  fromBody,
  fromParams,
  type ErrorReply,
  type ValidationIssue,
} from './error-response.js';
import { servoBodySchema, servoParamsSchema } from './schemas.js';

export interface ServoEndpointOptions {
  sequencer: Sequencer;
  fleet: FleetNames;
  /** Refuse names outside the listed fleet. */
  fleetOnly: boolean;
  token: string | null;
  logger: FastifyBaseLogger;
  countBadRequest: (code: string) => void;
}

/**
 * What the servo endpoint does with a request, whichever transport brought
 * it (the fastify route or the node:http fast path): check the token, the
 * names and the body against the published schemas, then ask the sequencer.
 */
export class ServoEndpoint {
  private readonly bearer: string | null;
  private readonly validateParams;
  private readonly validateBody;

  constructor(private readonly options: ServoEndpointOptions) {
    this.bearer = options.token === null ? null : `Bearer ${options.token}`;
    const ajv = new Ajv({ coerceTypes: false, allErrors: false });
    this.validateParams = ajv.compile(servoParamsSchema);
    this.validateBody = ajv.compile(servoBodySchema);
  }

  /** The refusal of a request without the configured token, sent as clients send it. */
  authorize(headers: IncomingHttpHeaders): VoraciousError | null {
    if (this.bearer === null) return null;
    const { authorization, 'x-sf-token': sfToken } = headers;
    if (authorization === this.bearer || sfToken === this.options.token) return null;
    return new VoraciousError('VOR_ERR_UNAUTHORIZED');
  }

  /** The answer to one servo event: 200 with a command or status, or an error reply. */
  respond(account: string, app: string, body: unknown, url: string): ErrorReply {
    try {
      return { status: 200, payload: this.answer(account, app, body) };
    } catch (error) {
      return this.fail(error, url);
    }
  }

  /** The reply to a request refused before its body could be read. */
  fail(error: unknown, url: string): ErrorReply {
    return errorReply(error, this.options.logger, url, this.options.countBadRequest);
  }

  private answer(account: string, app: string, body: unknown): string {
    const params = { account, app };
    if (!this.validateParams(params)) throw fromParams(firstIssue(this.validateParams), params);
    if (!this.validateBody(body)) throw fromBody(firstIssue(this.validateBody), body);

    const { fleet, fleetOnly, sequencer } = this.options;
    if (fleetOnly && !fleet.has(app)) {
      const listed = fleet.describe();
      throw new VoraciousError('VOR_ERR_APP_OUTSIDE_FLEET', { value: app, fleet: listed });
    }
    return sequencer.handle(account, app, body as ServoRequest);
  }
}

function firstIssue(validate: { errors?: unknown[] | null }): ValidationIssue {
  return (validate.errors?.[0] ?? {}) as ValidationIssue;
}
