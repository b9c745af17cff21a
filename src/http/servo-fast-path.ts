import type { IncomingMessage, ServerResponse } from 'node:http';
import { VoraciousError } from '../errors/catalogue.js';
import type { ShutdownState } from './close-on-shutdown.js';
import { JSON_TYPE, parseJsonBody, type ErrorReply } from './error-response.js';
import type { ServoEndpoint } from './servo-endpoint.js';

/** A servo URL with plain names; anything else (encoded, with a query) goes to fastify. */
const SERVO_URL = /^\/accounts\/([A-Za-z0-9._-]+)\/applications\/([A-Za-z0-9._-]+)\/servo$/;

const HEADERS = { 'content-type': JSON_TYPE };
const CLOSING_HEADERS = { ...HEADERS, connection: 'close' };

export interface FastPathOptions {
  endpoint: ServoEndpoint;
  bodyLimit: number;
  /** Once closing, answers close their connection. */
  shutdown: ShutdownState;
  /** Told of each answer with its time in milliseconds (latency histogram, debug lines). */
  onAnswered: (request: IncomingMessage, status: number, milliseconds: number) => void;
}

/**
 * A load test sends nearly all its requests to the servo endpoint, and
 * fastify's per-request machinery (request and reply objects, router, hooks)
 * costs about a fifth of a bare node:http server's throughput there. This
 * answers those requests straight from node:http, through the same
 * ServoEndpoint as the fastify route; it returns false for every other
 * request, which fastify then serves.
 */
export function createServoFastPath(options: FastPathOptions) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'POST') return false;
    const names = SERVO_URL.exec(request.url ?? '');
    if (names === null) return false;

    serve(options, request, response, names[1]!, names[2]!);
    return true;
  };
}

function serve(
  options: FastPathOptions,
  request: IncomingMessage,
  response: ServerResponse,
  account: string,
  app: string,
): void {
  const started = performance.now();
  const { endpoint, bodyLimit, shutdown } = options;
  const url = request.url!;
  const finish = (reply: ErrorReply, headers = HEADERS) => {
    response
      .writeHead(reply.status, shutdown.closing ? CLOSING_HEADERS : headers)
      .end(reply.payload);
    options.onAnswered(request, reply.status, performance.now() - started);
  };
  // The rest of an oversized body is not worth reading: answer and close.
  const refuseLarge = () => finish(endpoint.fail(tooLarge(bodyLimit), url), CLOSING_HEADERS);

  const unauthorized = endpoint.authorize(request.headers);
  if (unauthorized !== null) return finish(endpoint.fail(unauthorized, url));
  if (Number(request.headers['content-length'] ?? 0) > bodyLimit) return refuseLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= bodyLimit) return void chunks.push(chunk);
    request.removeAllListeners('data').removeAllListeners('end');
    refuseLarge();
  });
  request.on('end', () => finish(answer(endpoint, account, app, textOf(chunks), url)));
}

function answer(endpoint: ServoEndpoint, account: string, app: string, text: string, url: string) {
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch (error) {
    return endpoint.fail(error, url);
  }
  return endpoint.respond(account, app, body, url);
}

function textOf(chunks: Buffer[]): string {
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
}

function tooLarge(limit: number): VoraciousError {
  return new VoraciousError('VOR_ERR_BODY_TOO_LARGE', { limit });
}
