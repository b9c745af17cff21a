import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectEmulator } from '../helpers/test-emulator.js';

const overrides = (fleet: object) => ({ status: 'ok', data: fleet });
const entry = { state: 'active', mode: null, mode_limit: null };

test('application-overrides lists the default fleet app00000..app00004 in the envelope', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await emulator.server.inject('/accounts/acme/application-overrides');

  assert.equal(reply.statusCode, 200);
  const body = reply.json();
  assert.equal(typeof body.message, 'string');
  assert.deepEqual(
    { status: body.status, data: body.data },
    overrides({
      app00000: entry,
      app00001: entry,
      app00002: entry,
      app00003: entry,
      app00004: entry,
    }),
  );
});

test('application-overrides accepts cluster_id and show_all', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await emulator.server.inject(
    '/accounts/acme/application-overrides?cluster_id=c1&show_all=1',
  );

  assert.equal(reply.statusCode, 200);
  assert.equal(Object.keys(reply.json().data).length, 5);
});

test('application-overrides follows prefix, width, first index and count', async (t) => {
  const fleet = { apps: 3, prefix: 'svc-', width: 3, first: 7, only: false };
  const emulator = await injectEmulator({ fleet });
  t.after(() => emulator.close());

  const reply = await emulator.server.inject('/accounts/acme/application-overrides');

  assert.deepEqual(Object.keys(reply.json().data), ['svc-007', 'svc-008', 'svc-009']);
});

test('GET / answers n, average, min, max and the wider statistics', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await emulator.server.inject('/');

  assert.equal(reply.statusCode, 200);
  assert.match(String(reply.headers['content-type']), /^application\/json/);
  const body = reply.json();
  for (const key of [
    'n',
    'average',
    'min',
    'max',
    'stddev',
    'fairness',
    'failures',
    'events',
    'rejections',
    'states',
    'resyncs',
  ]) {
    assert.ok(key in body, `GET / has ${key}`);
  }
  assert.deepEqual([body.n, body.average, body.min, body.max], [0, 0, 0, 0]);
});

test('GET /openapi.json describes the servo path and its body schema', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await emulator.server.inject('/openapi.json');

  assert.equal(reply.statusCode, 200);
  const document = reply.json();
  assert.match(document.openapi, /^3\./);
  const servo = document.paths['/accounts/{account}/applications/{app}/servo'];
  const schema = servo.post.requestBody.content['application/json'].schema;
  assert.deepEqual(schema.required, ['event']);
  assert.deepEqual(schema.properties.event.enum, [
    'HELLO',
    'WHATS_NEXT',
    'DESCRIPTION',
    'MEASUREMENT',
    'ADJUSTMENT',
    'GOODBYE',
  ]);
  const names = servo.post.parameters.map((parameter: { name: string }) => parameter.name);
  assert.deepEqual(names.sort(), ['account', 'app']);
  assert.ok(document.paths['/accounts/{account}/application-overrides']);
});

test('GET /docs answers the interactive documentation as HTML', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  let reply = await emulator.server.inject('/docs');
  if (reply.statusCode >= 300 && reply.statusCode < 400) {
    reply = await emulator.server.inject(
      new URL(String(reply.headers.location), 'http://localhost/docs').pathname,
    );
  }

  assert.equal(reply.statusCode, 200);
  assert.match(String(reply.headers['content-type']), /^text\/html/);
  assert.match(reply.body, /swagger/i);
});
