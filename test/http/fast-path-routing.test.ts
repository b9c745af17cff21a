import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { ServoEndpoint } from '../../src/http/servo-endpoint.js';
import { createServoFastPath } from '../../src/http/servo-fast-path.js';

/** A request stream with the fields the fast path reads. */
function fakeRequest(method: string, url: string, body = ''): IncomingMessage {
  const stream = new PassThrough();
  stream.end(body);
  return Object.assign(stream, { method, url, headers: {} }) as unknown as IncomingMessage;
}

function recordingResponse() {
  const written: { status?: number; payload?: string } = {};
  const response = {
    writeHead(status: number) {
      written.status = status;
      return { end: (payload: string) => (written.payload = payload) };
    },
  } as unknown as ServerResponse;
  return { response, written };
}

const seen: { account: string; app: string; body: unknown }[] = [];
const endpoint = {
  authorize: () => null,
  respond: (account: string, app: string, body: unknown) => {
    seen.push({ account, app, body });
    return { status: 200, payload: '{"status":"ok"}' };
  },
  fail: () => ({ status: 400, payload: '{}' }),
} as unknown as ServoEndpoint;

test('the fast path takes plain servo POSTs and leaves every other request to fastify', async () => {
  const fastPath = createServoFastPath({
    endpoint,
    bodyLimit: 1024,
    shutdown: { closing: false },
    onAnswered: () => undefined,
  });
  const leaves = (method: string, url: string) =>
    assert.equal(fastPath(fakeRequest(method, url), recordingResponse().response), false, url);

  leaves('GET', '/accounts/a/applications/app1/servo');
  leaves('POST', '/accounts/a/applications/app1/servo?x=1');
  leaves('POST', '/accounts/a/applications/app%201/servo');
  leaves('POST', '/accounts/a/application-overrides');
  leaves('POST', '/admin/reset');

  const { response, written } = recordingResponse();
  const taken = fastPath(
    fakeRequest('POST', '/accounts/acme/applications/app.1/servo', '{"event":"HELLO"}'),
    response,
  );
  assert.equal(taken, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, [{ account: 'acme', app: 'app.1', body: { event: 'HELLO' } }]);
  assert.deepEqual(written, { status: 200, payload: '{"status":"ok"}' });
});
