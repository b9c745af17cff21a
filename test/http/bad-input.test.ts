import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driveApp, injectPost } from '../helpers/servo-driver.js';
import { injectEmulator, type TestEmulator } from '../helpers/test-emulator.js';

const BODY_LIMIT = 256 * 1024;
const SERVO = '/accounts/a/applications/app1/servo';
const servoOf = (account: string, app: string) => `/accounts/${account}/applications/${app}/servo`;

interface BadRequest {
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url?: string;
  contentType?: string | null;
  body?: string;
  status: number;
  code: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** An array nested deeper than a recursive serialiser's stack allows. */
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Issue 2 item 9, one request each, with the status and catalogue code it must get. */
const BAD: BadRequest[] = [
  { name: 'invalid JSON', body: '{"event": "HELLO",', status: 400, code: 'VOR_ERR_BODY_INVALID' },
  {
    name: 'JSON with a trailing comma',
    body: '{"event": "HELLO",}',
    status: 400,
    code: 'VOR_ERR_BODY_INVALID',
  },
  { name: 'empty body as JSON', body: '', status: 400, code: 'VOR_ERR_BODY_EMPTY' },
  {
    name: 'empty body, no content type',
    body: '',
    contentType: null,
    status: 400,
    code: 'VOR_ERR_BODY_EMPTY',
  },
  {
    name: 'empty body as a form',
    body: '',
    contentType: 'application/x-www-form-urlencoded',
    status: 400,
    code: 'VOR_ERR_BODY_EMPTY',
  },
  { name: 'JSON null', body: 'null', status: 400, code: 'VOR_ERR_BODY_SHAPE' },
  { name: 'a JSON array', body: '[]', status: 400, code: 'VOR_ERR_BODY_SHAPE' },
  { name: 'a JSON string', body: '"HELLO"', status: 400, code: 'VOR_ERR_BODY_SHAPE' },
  { name: 'a JSON number', body: '42', status: 400, code: 'VOR_ERR_BODY_SHAPE' },
  {
    name: 'missing event',
    body: json({ param: null }),
    status: 400,
    code: 'VOR_ERR_EVENT_MISSING',
  },
  { name: 'numeric event', body: json({ event: 5 }), status: 400, code: 'VOR_ERR_EVENT_MISSING' },
  { name: 'null event', body: json({ event: null }), status: 400, code: 'VOR_ERR_EVENT_MISSING' },
  {
    name: 'object event',
    body: json({ event: { name: 'HELLO' } }),
    status: 400,
    code: 'VOR_ERR_EVENT_MISSING',
  },
  {
    name: 'unknown event',
    body: json({ event: 'RESTART' }),
    status: 400,
    code: 'VOR_ERR_EVENT_UNKNOWN',
  },
  {
    name: 'lower-case event',
    body: json({ event: 'hello' }),
    status: 400,
    code: 'VOR_ERR_EVENT_UNKNOWN',
  },
  {
    name: 'MEASUREMENT with a string param',
    body: json({ event: 'MEASUREMENT', param: 'x' }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'MEASUREMENT with a null param',
    body: json({ event: 'MEASUREMENT', param: null }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'ADJUSTMENT with an array param',
    body: json({ event: 'ADJUSTMENT', param: [1] }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'DESCRIPTION with a number param',
    body: json({ event: 'DESCRIPTION', param: 3 }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'HELLO with a string param',
    body: json({ event: 'HELLO', param: 'hi' }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'GOODBYE with a list param',
    body: json({ event: 'GOODBYE', param: [] }),
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  {
    name: 'a param nested 100,000 deep',
    body: `{"event": "MEASUREMENT", "param": ${DEEP}}`,
    status: 400,
    code: 'VOR_ERR_PARAM_INVALID',
  },
  { name: 'a body nested 100,000 deep', body: DEEP, status: 400, code: 'VOR_ERR_BODY_SHAPE' },
  {
    name: 'a servo_uid nested 100,000 deep',
    body: `{"event": "HELLO", "servo_uid": ${DEEP}}`,
    status: 400,
    code: 'VOR_ERR_FIELD_INVALID',
  },
  {
    name: 'numeric servo_uid',
    body: json({ event: 'HELLO', servo_uid: 5 }),
    status: 400,
    code: 'VOR_ERR_FIELD_INVALID',
  },
  {
    name: 'body over the limit',
    body: json({ event: 'HELLO', param: { pad: 'x'.repeat(BODY_LIMIT) } }),
    status: 413,
    code: 'VOR_ERR_BODY_TOO_LARGE',
  },
  {
    name: 'body over the limit, no content type',
    contentType: null,
    body: 'y'.repeat(BODY_LIMIT + 1),
    status: 413,
    code: 'VOR_ERR_BODY_TOO_LARGE',
  },
  {
    name: 'app name of 129 characters',
    url: servoOf('a', 'a'.repeat(129)),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  },
  {
    name: 'account name of 129 characters',
    url: servoOf('b'.repeat(129), 'app1'),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  },
  ...['app$1', 'app%201', '.hidden', '-dash', 'a%2Fb', 'caf%C3%A9', '%00'].map((app) => ({
    name: `malformed app name ${app}`,
    url: servoOf('a', app),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  })),
  {
    name: 'a percent-escape that does not decode',
    url: servoOf('a', 'v%zz1'),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_URL_INVALID',
  },
  {
    name: 'a path segment over the router limit',
    url: servoOf('a', `app%2D${'x'.repeat(17 * 1024)}`),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_URL_INVALID',
  },
  {
    name: 'malformed account name',
    url: servoOf('a%3Fb', 'app1'),
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  },
  {
    name: 'repeated cluster_id',
    method: 'GET',
    url: '/accounts/a/application-overrides?cluster_id=1&cluster_id=2',
    status: 400,
    code: 'VOR_ERR_QUERY_INVALID',
  },
  {
    name: 'malformed account in overrides',
    method: 'GET',
    url: '/accounts/a$b/application-overrides',
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  },
  {
    name: 'unknown route',
    method: 'GET',
    url: '/nowhere',
    status: 404,
    code: 'VOR_ERR_ROUTE_NOT_FOUND',
  },
  {
    name: 'POST to an unknown route',
    url: '/accounts/a/applications/app1/serv',
    body: json({ event: 'HELLO' }),
    status: 404,
    code: 'VOR_ERR_ROUTE_NOT_FOUND',
  },
  {
    name: 'GET on the servo route',
    method: 'GET',
    url: SERVO,
    status: 404,
    code: 'VOR_ERR_ROUTE_NOT_FOUND',
  },
  {
    name: 'PUT on the servo route',
    method: 'PUT',
    url: SERVO,
    body: json({ event: 'HELLO' }),
    status: 404,
    code: 'VOR_ERR_ROUTE_NOT_FOUND',
  },
  {
    name: 'empty app name',
    url: '/accounts/a/applications//servo',
    body: json({ event: 'HELLO' }),
    status: 400,
    code: 'VOR_ERR_NAME_INVALID',
  },
];

async function send(emulator: TestEmulator, bad: BadRequest) {
  const contentType = bad.contentType === undefined ? 'application/json' : bad.contentType;
  return emulator.server.inject({
    method: bad.method ?? 'POST',
    url: bad.url ?? SERVO,
    headers: contentType === null ? {} : { 'content-type': contentType },
    payload: bad.body,
  });
}

/** What GET / says about applications, minus the counts of refused requests. */
async function appState(emulator: TestEmulator) {
  const { n, average, min, max, cycles, events, states, rejections, failures, resyncs } = (
    await emulator.server.inject('/')
  ).json();
  return { n, average, min, max, cycles, events, states, rejections, failures, resyncs };
}

async function emulatorWithOneApp(): Promise<TestEmulator> {
  const server = { host: '127.0.0.1', port: 0, body_limit: BODY_LIMIT, token: null };
  const emulator = await injectEmulator({ server });
  const post = injectPost(emulator.server);
  await driveApp(post, 'app1', 1);
  await post('app1', 'WHATS_NEXT');
  return emulator;
}

for (const bad of BAD) {
  test(`${bad.name}: ${bad.status} ${bad.code}, no application changed`, async (t) => {
    const emulator = await emulatorWithOneApp();
    t.after(() => emulator.close());
    const before = await appState(emulator);

    const reply = await send(emulator, bad);

    assert.equal(reply.statusCode, bad.status, reply.body);
    assert.match(String(reply.headers['content-type']), /^application\/json/);
    const body = reply.json();
    assert.equal(body.code, bad.code, reply.body);
    assert.equal(typeof body.message, 'string');
    assert.ok(body.message.length > 0);
    assert.deepEqual(await appState(emulator), before);
    assert.equal(emulator.stats().bad_requests[bad.code], 1, 'counted by code');
  });
}

test('the server still serves after every bad input', async (t) => {
  const emulator = await emulatorWithOneApp();
  t.after(() => emulator.close());

  for (const bad of BAD) await send(emulator, bad);
  const reply = await injectPost(emulator.server)('app1', 'MEASUREMENT', { progress: 0 });

  assert.equal(reply.status, 200);
  assert.equal(
    emulator.log.records().filter((record) => Number(record.level) >= 50).length,
    0,
    'no error logged: nothing became a 500',
  );
});

test('an app name of 128 characters is accepted', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await injectPost(emulator.server)('a'.repeat(128), 'HELLO');

  assert.equal(reply.status, 200);
});

test('names with dots, dashes and underscores are accepted', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  const reply = await injectPost(emulator.server, 'my.account')('web-1_a.b', 'HELLO');

  assert.equal(reply.status, 200);
});

test('the default body limit is 1 MiB', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());
  const padded = (size: number) => json({ event: 'HELLO', param: { pad: 'x'.repeat(size) } });

  const under = await emulator.server.inject({
    method: 'POST',
    url: SERVO,
    headers: { 'content-type': 'application/json' },
    payload: padded(1024 * 1024 - 100),
  });
  const over = await emulator.server.inject({
    method: 'POST',
    url: SERVO,
    headers: { 'content-type': 'application/json' },
    payload: padded(1024 * 1024),
  });

  assert.equal(under.statusCode, 200);
  assert.equal(over.statusCode, 413);
  assert.match(over.json().message, /1048576 bytes/);
});

test('a name error says names start with a letter or digit', async (t) => {
  const emulator = await emulatorWithOneApp();
  t.after(() => emulator.close());

  const reply = await send(emulator, { ...BAD[0]!, url: servoOf('a', '.hidden'), body: '{}' });

  assert.equal(
    reply.json().message,
    'app name ".hidden" is invalid: use 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
});

test('a JSON null body is refused for its shape, not as empty', async (t) => {
  const emulator = await emulatorWithOneApp();
  t.after(() => emulator.close());

  const reply = await send(emulator, { ...BAD[0]!, body: 'null' });

  assert.equal(
    reply.json().message,
    'request body must be a JSON object like {"event": ..., "param": ...}, got null',
  );
});

test('a URL that does not decode is refused in the catalogue shape', async (t) => {
  const emulator = await emulatorWithOneApp();
  t.after(() => emulator.close());

  const reply = await send(emulator, { ...BAD[0]!, url: servoOf('acme', 'v%zz1') });

  assert.deepEqual(reply.json(), {
    code: 'VOR_ERR_URL_INVALID',
    message:
      'request URL /accounts/acme/applications/v%zz1/servo is malformed: ' +
      'a percent-escape does not decode to UTF-8 text',
    url: '/accounts/acme/applications/v%zz1/servo',
    reason: 'a percent-escape does not decode to UTF-8 text',
  });
});
