import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import { JSON_TYPE } from './error-response.js';

/** Node's parser errors carry the llhttp code and, in words, what it tripped on. */
type ParserError = Error & { code?: string; reason?: string };

/**
 * node:http hands a request it cannot parse (a bad Content-Length or chunk
 * size, headers over the limit, a request
 * too slow to arrive) to this instead of a route. It answers with
 * the catalogue's JSON shape like every other refusal, then closes the
 * connection: the parser has lost its place in the byte stream.
 */
export function createClientErrorHandler(
  logger: FastifyBaseLogger,
  countBadRequest: (code: string) => void,
) {
  return (error: ParserError, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;

    const refusal = clientError(error);
    countBadRequest(refusal.code);
    logger.warn({ code: refusal.code, parser: error.code }, refusal.message);

    if (!socket.writable) return void socket.destroy();
    socket.end(rawResponse(refusal), () => socket.destroy());
  };
}

function clientError(error: ParserError): VoraciousError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new VoraciousError('VOR_ERR_HEADERS_TOO_LARGE', { limit: maxHeaderSize });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new VoraciousError('VOR_ERR_REQUEST_TIMEOUT');
  return new VoraciousError('VOR_ERR_HTTP_MALFORMED', { reason: error.reason ?? error.message });
}

function rawResponse(error: VoraciousError): string {
  const payload = JSON.stringify(error.body());
  return (
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\n` +
    `Content-Type: ${JSON_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
    'Connection: close\r\n\r\n' +
    payload
  );
}
