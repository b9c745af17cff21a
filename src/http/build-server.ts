import { createServer, type IncomingMessage } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { Logger } from 'pino';
import { VoraciousError } from '../errors/catalogue.js';
import type { FleetNames } from '../fleet/fleet-names.js';
import type { Sequencer } from '../protocol/sequencer.js';
import type { FleetStats } from '../stats/fleet-stats.js';
import { guardAdminRoutes } from './admin-guard.js';
import { createClientErrorHandler } from './client-error.js';
import { closeConnectionsOnShutdown, type ShutdownState } from './close-on-shutdown.js';
import { errorResponse, parseJsonBody } from './error-response.js';
import { ServoEndpoint } from './servo-endpoint.js';
import { createServoFastPath } from './servo-fast-path.js';
import { DebugRequestLog } from './request-log.js';
import { registerOverridesRoute } from './routes/overrides-route.js';
import { registerServoRoute } from './routes/servo-route.js';
import { registerStatsRoute } from './routes/stats-route.js';

export interface HttpOptions {
  logger: Logger;
  bodyLimit: number;
  sequencer: Sequencer;
  stats: FleetStats;
  fleet: FleetNames;
  fleetOnly: boolean;
  token: string | null;
  version: string;
  /** Told the time in milliseconds of each request the fast path answers. */
  onFastAnswer?: (milliseconds: number) => void;
  /** Further routes (observation, administration) added by the composition root. */
  plugins?: ((server: FastifyInstance) => void | Promise<void>)[];
}

/** Builds the fastify server with every route; does not listen. */
export async function buildServer(options: HttpOptions): Promise<FastifyInstance> {
  const logger = withoutListeningLine(options.logger);
  const countBadRequest = (code: string) => options.stats.badRequest(code);
  const endpoint = new ServoEndpoint({ ...options, logger, countBadRequest });
  const shutdown: ShutdownState = { closing: false };
  const fastPath = createServoFastPath({
    endpoint,
    bodyLimit: options.bodyLimit,
    shutdown,
    onAnswered: fastAnswerLog(options),
  });

  const server = Fastify({
    serverFactory: (handler) =>
      createServer((request, response) => {
        if (!fastPath(request, response)) handler(request, response);
      }),
    loggerInstance: logger,
    logController: new DebugRequestLog(),
    childLoggerFactory: requestLogger,
    routerOptions: { maxParamLength: 16 * 1024 },
    bodyLimit: options.bodyLimit,
    forceCloseConnections: 'idle',
    frameworkErrors: (error, request, reply) =>
      errorResponse(error, request, reply, countBadRequest),
    clientErrorHandler: createClientErrorHandler(logger, countBadRequest),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });

  parseEveryBodyAsJson(server);
  closeConnectionsOnShutdown(server, shutdown);
  guardAdminRoutes(server, (headers) => endpoint.authorize(headers));
  server.setErrorHandler((error, request, reply) =>
    errorResponse(error as FastifyError, request, reply, countBadRequest),
  );
  server.setNotFoundHandler((request) => {
    const { method, url } = request;
    throw new VoraciousError('VOR_ERR_ROUTE_NOT_FOUND', { method, url });
  });

  await registerDocs(server, options.version);
  registerServoRoute(server, endpoint);
  registerOverridesRoute(server, options.fleet);
  registerStatsRoute(server, options.stats);
  for (const plugin of options.plugins ?? []) await plugin(server);
  return server;
}

/**
 * fastify logs its own "Server listening" at info, beside the emulator's
 * start-up line that says more; below debug its logger starts at warn.
 */
function withoutListeningLine(logger: Logger): FastifyBaseLogger {
  if (logger.isLevelEnabled('debug') || !logger.isLevelEnabled('info')) return logger;
  return logger.child({}, { level: 'warn' });
}

/**
 * A child logger per request costs more than the rest of the routing; it is
 * only worth making when per-request lines are written at all.
 */
const requestLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
) => ((logger as Logger).isLevelEnabled('debug') ? logger.child(bindings, options) : logger);

/**
 * Servos and hand-written curl calls send JSON under any content type, or
 * none. An empty body is left undefined for each route to judge: the servo
 * endpoint refuses it, a reset reads it as `{}`.
 */
function parseEveryBodyAsJson(server: FastifyInstance): void {
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as VoraciousError, undefined);
    }
  });
}

/** The fast path's share of the latency histogram and of the per-request debug lines. */
function fastAnswerLog(options: HttpOptions) {
  const { logger, onFastAnswer } = options;
  return (request: IncomingMessage, status: number, ms: number) => {
    onFastAnswer?.(ms);
    if (logger.isLevelEnabled('debug')) {
      logger.debug({ method: request.method, url: request.url, status, ms }, 'request');
    }
  };
}

async function registerDocs(server: FastifyInstance, version: string): Promise<void> {
  await server.register(swagger, {
    openapi: {
      info: {
        title: 'Voracious',
        description: 'Emulates many OCO optimization backends at once',
        version,
      },
    },
  });
  await server.register(swaggerUi, { routePrefix: '/docs' });
  server.get('/openapi.json', { schema: { hide: true } }, () => server.swagger());
}
