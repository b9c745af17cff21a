import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import { EVENT_NAMES } from '../protocol/events.js';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/**
 * The one place that turns any error into a response: catalogue errors keep
 * their code and status, fastify's own are translated, anything else is a
 * logged 500.
 */
export function errorResponse(
  error: FastifyError | VoraciousError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
  onClientError: (code: string) => void,
): FastifyReply {
  const known = toVoraciousError(error, request);
  if (known.statusCode >= 500) {
    request.log.error({ err: error, url: request.url }, 'request failed');
  } else if (!known.details.state) {
    onClientError(known.code);
    request.log.warn({ code: known.code, url: request.url }, known.message);
  }
  return reply
    .code(known.statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify(known.body()));
}

function toVoraciousError(error: Error & { code?: string }, request: FastifyRequest) {
  if (error instanceof VoraciousError) return error;

  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return fromValidation(fastifyError, request);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VoraciousError('VOR_ERR_BODY_TOO_LARGE', { limit: request.routeOptions.bodyLimit });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new VoraciousError('VOR_ERR_BODY_EMPTY');
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new VoraciousError('VOR_ERR_BODY_INVALID', { reason: fastifyError.message });
  }
  return new VoraciousError('VOR_ERR_INTERNAL');
}

function fromValidation(error: FastifyError, request: FastifyRequest): VoraciousError {
  const issue = (error.validation?.[0] ?? {}) as ValidationIssue;
  const part = error.validationContext;
  if (part === 'params') return fromParams(issue, request.params);
  if (part === 'querystring') return queryError(issue, request.query);
  return fromBody(issue, request.body);
}

function fromParams(issue: ValidationIssue, params: unknown): VoraciousError {
  const field = issue.instancePath.slice(1) || 'app';
  const value = (params as Record<string, unknown> | undefined)?.[field];
  return new VoraciousError('VOR_ERR_NAME_INVALID', { part: field, value });
}

function queryError(issue: ValidationIssue, query: unknown): VoraciousError {
  const name = issue.instancePath.slice(1);
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return new VoraciousError('VOR_ERR_QUERY_INVALID', { name, type: 'a string', value });
}

function fromBody(issue: ValidationIssue, body: unknown): VoraciousError {
  if (body === undefined || body === null) return new VoraciousError('VOR_ERR_BODY_EMPTY');
  if (issue.instancePath === '' && issue.keyword === 'type') {
    return new VoraciousError('VOR_ERR_BODY_SHAPE', { value: body });
  }

  const expected = [...EVENT_NAMES];
  if (issue.keyword === 'required' || issue.instancePath === '/event') {
    const event = (body as Record<string, unknown>).event;
    if (typeof event === 'string') return new VoraciousError('VOR_ERR_EVENT_UNKNOWN', { value: event, expected });
    return new VoraciousError('VOR_ERR_EVENT_MISSING', { expected });
  }

  const field = issue.instancePath.slice(1);
  const value = (body as Record<string, unknown>)[field];
  return new VoraciousError('VOR_ERR_FIELD_INVALID', { field, type: 'a string or null', value });
}
