import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { listeningEmulator } from '../helpers/test-emulator.js';
import { lastResponse, openSocket, readOneResponse, readUntilClosed } from './raw-http.js';

const HELLO = JSON.stringify({ event: 'HELLO', param: {} });

/**
 * Sends half of a request, starts close(), then sends the rest: the answer
 * must ask the client to close, and close() must not wait for the
 * keep-alive timeout (made a minute long here, so waiting for it shows).
 */
async function answerAcrossClose(path: string) {
  const emulator = await listeningEmulator();
  emulator.server.server.keepAliveTimeout = 60_000;
  const idle = await openSocket(emulator.address);
  const busy = await openSocket(emulator.address);

  busy.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${HELLO.length}\r\n\r\n` +
      HELLO.slice(0, 5),
  );
  // A whole exchange on another connection: the half request has been read by now.
  idle.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  await readOneResponse(idle);

  const idleClosed = new Promise((resolve) => idle.once('close', resolve));
  const closed = emulator.close().then(() => 'closed');
  await idleClosed;
  const answer = readUntilClosed(busy);
  busy.write(HELLO.slice(5));

  const response = lastResponse(await answer);
  const outcome = await Promise.race([
    closed,
    sleep(5_000, null, { ref: false }).then(() => 'still open'),
  ]);
  return { response, outcome };
}

test('a servo request in flight at close is answered with Connection: close', async () => {
  const { response, outcome } = await answerAcrossClose('/accounts/a/applications/app1/servo');

  assert.equal(response.status, 200, response.body);
  assert.equal(response.headers.get('connection'), 'close');
  assert.equal(JSON.parse(response.body).status, 'ok');
  assert.equal(outcome, 'closed', 'close() did not wait for the keep-alive timeout');
});

test('a request fastify serves in flight at close is answered with Connection: close', async () => {
  const path = '/accounts/a/applications/app%31/servo';
  const { response, outcome } = await answerAcrossClose(path);

  assert.equal(response.status, 200, response.body);
  assert.equal(response.headers.get('connection'), 'close');
  assert.equal(JSON.parse(response.body).status, 'ok');
  assert.equal(outcome, 'closed', 'close() did not wait for the keep-alive timeout');
});
