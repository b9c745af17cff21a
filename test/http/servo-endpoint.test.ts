import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_STATE } from '../../src/config/defaults.js';
import { DEMO_DESCRIPTION, driveApp, injectPost } from '../helpers/servo-driver.js';
import { injectEmulator } from '../helpers/test-emulator.js';

const SERVO = (app: string, account = 'a') => `/accounts/${account}/applications/${app}/servo`;
const lenientSequence = {
  profile: 'lenient',
  rules: {},
  reject_with: null,
  resync: false,
} as const;

test('a servo walks two full cycles and GET / counts them', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  await driveApp(injectPost(emulator.server), 'app00000', 2);

  const stats = (await emulator.server.inject('/')).json();
  assert.deepEqual([stats.n, stats.average, stats.min, stats.max], [1, 2, 2, 2]);
  assert.equal(stats.rejected, 0);
});

test('WHATS_NEXT answers commands with object params and a cmd_uid', async (t) => {
  const emulator = await injectEmulator({ measure: { control: { duration: 5 } } });
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);

  await post('app1', 'HELLO', { agent: 'github.com/opsani/servo' });
  const describe = await post('app1', 'WHATS_NEXT');
  await post('app1', 'DESCRIPTION', DEMO_DESCRIPTION);
  const measure = await post('app1', 'WHATS_NEXT');

  assert.deepEqual(describe, { status: 200, body: { cmd: 'DESCRIBE', param: {}, cmd_uid: '1' } });
  assert.deepEqual(measure.body, {
    cmd: 'MEASURE',
    param: { metrics: ['throughput', 'error_rate'], control: { duration: 5 } },
    cmd_uid: '2',
  });
});

test('ADJUST over HTTP carries the demo state', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);
  await driveApp(post, 'app1', 1);
  await post('app1', 'WHATS_NEXT');
  await post('app1', 'MEASUREMENT', { progress: 0 });
  await post('app1', 'MEASUREMENT', { metrics: {} });

  const adjust = await post('app1', 'WHATS_NEXT');

  assert.equal(adjust.body.cmd, 'ADJUST');
  assert.deepEqual(adjust.body.param, { state: DEMO_STATE, control: {} });
});

test('a strict rejection is a 400 naming app, state, event and what was expected', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());
  const post = injectPost(emulator.server, 'acme');
  await post('app00042', 'HELLO');
  await post('app00042', 'WHATS_NEXT');
  await post('app00042', 'DESCRIPTION', DEMO_DESCRIPTION);
  await post('app00042', 'WHATS_NEXT');

  const reply = await post('app00042', 'MEASUREMENT', { metrics: {} });

  assert.equal(reply.status, 400);
  assert.deepEqual(reply.body, {
    code: 'VOR_ERR_PROGRESS_MISSING',
    message:
      'app00042: MEASUREMENT final before any progress report ' +
      '(state measuring; expected MEASUREMENT progress)',
    account: 'acme',
    app: 'app00042',
    state: 'measuring',
    event: 'MEASUREMENT final',
    expected: ['MEASUREMENT progress'],
  });
  const stats = emulator.stats();
  assert.deepEqual(stats.rejections, { VOR_ERR_PROGRESS_MISSING: 1 });
  assert.equal(stats.states.measuring, 1);
  const warnings = emulator.log.records().filter((record) => record.level === 40);
  assert.equal(warnings.length, 1, 'logged once, by the sequencer');
  assert.equal(warnings[0]?.app, 'app00042');
  assert.equal(warnings[0]?.state, 'measuring');
  assert.equal(warnings[0]?.code, 'VOR_ERR_PROGRESS_MISSING');
  assert.equal(warnings[0]?.event, 'MEASUREMENT final');
});

test('strict: a stale cmd_uid is a 400 VOR_ERR_CMD_UID', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);
  await driveApp(post, 'app1', 0);
  const { body: command } = await post('app1', 'WHATS_NEXT');

  const reply = await post('app1', 'MEASUREMENT', { progress: 0, cmd_uid: '999' });

  assert.equal(reply.status, 400);
  assert.equal(reply.body.code, 'VOR_ERR_CMD_UID');
  assert.equal(reply.body.outstanding, command.cmd_uid);
  assert.equal(typeof reply.body.message, 'string');
});

test('lenient: a stale cmd_uid is a 200 {status: "invalid", reason: "unexpected cmd_uid"}', async (t) => {
  const emulator = await injectEmulator({ sequence: lenientSequence });
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);
  await driveApp(post, 'app1', 0);
  await post('app1', 'WHATS_NEXT');

  const reply = await post('app1', 'MEASUREMENT', { progress: 0, cmd_uid: '999' });

  assert.deepEqual(reply, {
    status: 200,
    body: { status: 'invalid', reason: 'unexpected cmd_uid' },
  });
});

test('lenient: a protocol error is a 200 {status: "unexpected-event", reason}', async (t) => {
  const emulator = await injectEmulator({ sequence: lenientSequence });
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);

  const reply = await post('app1', 'WHATS_NEXT');

  assert.equal(reply.status, 200);
  assert.equal(reply.body.status, 'unexpected-event');
  assert.match(String(reply.body.reason), /^app1: WHATS_NEXT from an application that never/);
  assert.deepEqual(emulator.stats().rejections, { VOR_ERR_NOT_CONNECTED: 1 });
});

test('a servo_uid string or null is accepted alongside the event', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  for (const [app, servoUid] of [
    ['app1', 'abc-123'],
    ['app2', null],
  ] as const) {
    const reply = await emulator.server.inject({
      method: 'POST',
      url: SERVO(app),
      payload: { event: 'HELLO', param: null, servo_uid: servoUid },
    });
    assert.equal(reply.statusCode, 200);
  }
  assert.equal(emulator.stats().n, 2);
});

test('bodies under any content type, or none, are parsed as JSON', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());
  const types = [
    'application/x-www-form-urlencoded',
    undefined,
    'text/plain',
    'application/json; charset=utf-8',
  ];

  for (const [index, type] of types.entries()) {
    const reply = await emulator.server.inject({
      method: 'POST',
      url: SERVO(`app${index}`),
      headers: type === undefined ? {} : { 'content-type': type },
      payload: '{"event": "HELLO", "param": {"agent": "curl"}}',
    });
    assert.equal(reply.statusCode, 200, `${type}: ${reply.body}`);
    assert.deepEqual(reply.json(), { status: 'ok' });
  }
  assert.equal(emulator.stats().states['describe-pending'], 4);
});

test('fleet.only refuses names outside the fleet with 404 and serves those inside', async (t) => {
  const fleet = { apps: 5, prefix: 'app', width: 5, first: 0, only: true };
  const emulator = await injectEmulator({ fleet });
  t.after(() => emulator.close());
  const post = injectPost(emulator.server);

  assert.equal((await post('app00000', 'HELLO')).status, 200);
  assert.equal((await post('app00004', 'HELLO')).status, 200);
  for (const outside of ['app00005', 'app0001', 'other', 'app000001']) {
    const reply = await post(outside, 'HELLO');
    assert.equal(reply.status, 404, outside);
    assert.equal(reply.body.code, 'VOR_ERR_APP_OUTSIDE_FLEET');
    assert.match(String(reply.body.message), /app00000\.\.app00004/);
  }
  assert.equal(emulator.stats().n, 2);
});

test('without fleet.only any well-formed name is served', async (t) => {
  const emulator = await injectEmulator();
  t.after(() => emulator.close());

  assert.equal((await injectPost(emulator.server)('app01234', 'HELLO')).status, 200);
});

test('server.token accepts Bearer and X-SF-Token, refuses missing or wrong with 401', async (t) => {
  const server = { host: '127.0.0.1', port: 0, body_limit: 1024 * 1024, token: 's3cret' };
  const emulator = await injectEmulator({ server });
  t.after(() => emulator.close());
  const hello = (app: string, headers: Record<string, string>) =>
    emulator.server.inject({
      method: 'POST',
      url: SERVO(app),
      headers,
      payload: { event: 'HELLO', param: null },
    });

  assert.equal((await hello('app1', { authorization: 'Bearer s3cret' })).statusCode, 200);
  assert.equal((await hello('app2', { 'x-sf-token': 's3cret' })).statusCode, 200);
  const refused: Record<string, string>[] = [
    {},
    { authorization: 'Bearer wrong' },
    { authorization: 's3cret' },
    { 'x-sf-token': 'wrong' },
    { authorization: 'Basic s3cret' },
  ];
  for (const [index, headers] of refused.entries()) {
    const reply = await hello(`app${index + 3}`, headers);
    assert.equal(reply.statusCode, 401, JSON.stringify(headers));
    assert.equal(reply.json().code, 'VOR_ERR_UNAUTHORIZED');
  }
  assert.equal(emulator.stats().n, 2);
});
