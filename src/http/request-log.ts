import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Per-request lines at debug, one per request, as the level policy asks:
 * the servo endpoint is too hot for info. Errors are logged where they are
 * mapped to responses, so the completion line never repeats them.
 */
export class DebugRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
  }
}
