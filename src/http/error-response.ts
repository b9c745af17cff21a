import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import { EVENT_NAMES } from '../protocol/events.js';

export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** An error response ready to send, whichever transport carries it. */
export interface ErrorReply {
  status: number;
  payload: string;
}

/**
 * The one place that turns any error into a response: catalogue errors keep
 * their code and status, fastify's own are translated, anything else is a
 * logged 500. Client errors are counted and logged at warn, except sequence
 * rejections, which the sequencer has counted and logged already.
 */
export function errorReply(
  error: unknown,
  log: FastifyBaseLogger,
  url: string,
  onClientError: (code: string) => void,
): ErrorReply {
  const known = error instanceof VoraciousError ? error : new VoraciousError('VOR_ERR_INTERNAL');
  if (known.statusCode >= 500) {
    log.error({ err: error, url }, 'request failed');
  } else if (!known.details.state) {
    onClientError(known.code);
    log.warn({ code: known.code, url }, known.message);
  }
  return { status: known.statusCode, payload: JSON.stringify(known.body()) };
}

/** errorReply for fastify's error handler, which also sees fastify's own errors. */
export function errorResponse(
  error: FastifyError | VoraciousError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
  onClientError: (code: string) => void,
): FastifyReply {
  const known = toVoraciousError(error, request);
  const { status, payload } = errorReply(
    known === null ? error : known,
    request.log,
    request.url,
    onClientError,
  );
  return reply.code(status).header('content-type', JSON_TYPE).send(payload);
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Parses a request body as JSON whatever its content type said. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new VoraciousError('VOR_ERR_BODY_EMPTY');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VoraciousError('VOR_ERR_BODY_INVALID', { reason: (error as Error).message });
  }
}

/** The catalogue error for fastify's own errors; null for an unexpected one. */
function toVoraciousError(error: Error & { code?: string }, request: FastifyRequest) {
  if (error instanceof VoraciousError) return error;

  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return fromValidation(fastifyError, request);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VoraciousError('VOR_ERR_BODY_TOO_LARGE', {
        limit: request.routeOptions.bodyLimit,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new VoraciousError('VOR_ERR_BODY_EMPTY');
    case 'FST_ERR_BAD_URL':
      return new VoraciousError('VOR_ERR_URL_INVALID', {
        url: request.url,
        reason: 'a percent-escape does not decode to UTF-8 text',
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new VoraciousError('VOR_ERR_URL_INVALID', {
        url: request.url,
        reason: 'a path segment is longer than the router accepts',
      });
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new VoraciousError('VOR_ERR_BODY_INVALID', { reason: fastifyError.message });
  }
  return null;
}

function fromValidation(error: FastifyError, request: FastifyRequest): VoraciousError {
  const issue = (error.validation?.[0] ?? {}) as ValidationIssue;
  const part = error.validationContext;
  if (part === 'params') return fromParams(issue, request.params);
  if (part === 'querystring') return queryError(issue, request.query);
  return fromBody(issue, request.body);
}

/** The catalogue error for the first schema violation of a servo URL's names. */
export function fromParams(issue: ValidationIssue, params: unknown): VoraciousError {
  const field = issue.instancePath.slice(1) || 'app';
  const value = (params as Record<string, unknown> | undefined)?.[field];
  return new VoraciousError('VOR_ERR_NAME_INVALID', { part: field, value });
}

function queryError(issue: ValidationIssue, query: unknown): VoraciousError {
  const name = issue.instancePath.slice(1);
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return new VoraciousError('VOR_ERR_QUERY_INVALID', { name, type: 'a string', value });
}

/** The catalogue error for the first schema violation of a servo request body. */
export function fromBody(issue: ValidationIssue, body: unknown): VoraciousError {
  // JSON null is a body, only of the wrong shape.
  if (body === undefined) return new VoraciousError('VOR_ERR_BODY_EMPTY');
  if (issue.instancePath === '' && issue.keyword === 'type') {
    return new VoraciousError('VOR_ERR_BODY_SHAPE', { value: body });
  }

  const expected = [...EVENT_NAMES];
  if (issue.keyword === 'required' || issue.instancePath === '/event') {
    const event = (body as Record<string, unknown>).event;
    if (typeof event === 'string') {
      return new VoraciousError('VOR_ERR_EVENT_UNKNOWN', { value: event, expected });
    }
    return new VoraciousError('VOR_ERR_EVENT_MISSING', { expected });
  }

  const field = issue.instancePath.slice(1);
  const value = (body as Record<string, unknown>)[field];
  return new VoraciousError('VOR_ERR_FIELD_INVALID', { field, type: 'a string or null', value });
}
