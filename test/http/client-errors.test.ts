import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listeningEmulator } from '../helpers/test-emulator.js';
import { lastResponse, openSocket, readUntilClosed } from './raw-http.js';

const SERVO = '/accounts/a/applications/app1/servo';
const HELLO = '{"event":"HELLO","param":{}}';
const head = (lines: string[]) =>
  `${[`POST ${SERVO} HTTP/1.1`, 'Host: 127.0.0.1', ...lines].join('\r\n')}\r\n\r\n`;

/** Requests node's HTTP parser refuses before any route sees them. */
const MALFORMED: { name: string; bytes: string; status: number; code: string }[] = [
  {
    name: 'a Content-Length shorter than the body',
    bytes: head(['Content-Length: 2']) + HELLO,
    status: 400,
    code: 'VOR_ERR_HTTP_MALFORMED',
  },
  {
    name: 'a Content-Length that is not a number',
    bytes: head(['Content-Length: abc']) + HELLO,
    status: 400,
    code: 'VOR_ERR_HTTP_MALFORMED',
  },
  {
    name: 'both Content-Length and Transfer-Encoding',
    bytes: head([`Content-Length: ${HELLO.length}`, 'Transfer-Encoding: chunked']) + HELLO,
    status: 400,
    code: 'VOR_ERR_HTTP_MALFORMED',
  },
  {
    name: 'a chunk size that is not hexadecimal',
    bytes: head(['Transfer-Encoding: chunked']) + `zz\r\n${HELLO}\r\n0\r\n\r\n`,
    status: 400,
    code: 'VOR_ERR_HTTP_MALFORMED',
  },
  {
    name: 'headers over the limit',
    bytes: head([`X-Pad: ${'x'.repeat(20 * 1024)}`, 'Content-Length: 0']),
    status: 431,
    code: 'VOR_ERR_HEADERS_TOO_LARGE',
  },
];

for (const item of MALFORMED) {
  test(`${item.name}: ${item.status} ${item.code} in the catalogue shape, connection closed`, async () => {
    const emulator = await listeningEmulator();
    try {
      const socket = await openSocket(emulator.address);
      const received = readUntilClosed(socket);
      socket.write(item.bytes);

      const response = lastResponse(await received);
      assert.equal(response.status, item.status, response.body);
      assert.match(String(response.headers.get('content-type')), /^application\/json/);
      assert.equal(response.headers.get('connection'), 'close');
      const body = JSON.parse(response.body);
      assert.equal(body.code, item.code);
      assert.match(body.message, /the connection is closed$/);
      assert.equal(emulator.stats().bad_requests[item.code], 1, 'counted by code');
    } finally {
      await emulator.close();
    }
  });
}

test('the parser reason is quoted and the server still serves afterwards', async () => {
  const emulator = await listeningEmulator();
  try {
    const socket = await openSocket(emulator.address);
    const received = readUntilClosed(socket);
    socket.write(head(['Content-Length: abc']));
    const body = JSON.parse(lastResponse(await received).body);
    assert.equal(
      body.message,
      'request is not valid HTTP/1.1 (Invalid character in Content-Length); ' +
        'the connection is closed',
    );

    const next = await fetch(`${emulator.address}${SERVO}`, { method: 'POST', body: HELLO });
    assert.equal(next.status, 200);
  } finally {
    await emulator.close();
  }
});
