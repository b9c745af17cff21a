import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigOverrides } from '../helpers/test-config.js';
import { injectEmulator, type TestEmulator } from '../helpers/test-emulator.js';
import { driveApp, injectPost, type ServoPost } from '../helpers/servo-driver.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

async function reset(emulator: TestEmulator, payload?: unknown, headers = JSON_HEADERS) {
  const response = await emulator.server.inject({
    method: 'POST',
    url: '/admin/reset',
    headers,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function twoApps(overrides: ConfigOverrides = {}): Promise<TestEmulator> {
  const emulator = await injectEmulator(overrides);
  const token = overrides.server?.token;
  const post = token ? postWithToken(emulator, token) : injectPost(emulator.server);
  await driveApp(post, 'app0', 3);
  await driveApp(post, 'app1', 1);
  await post('app0', 'HELLO', {});
  return emulator;
}

function postWithToken(emulator: TestEmulator, token: string): ServoPost {
  return async (app, event, param = null) => {
    const response = await emulator.server.inject({
      method: 'POST',
      url: `/accounts/a/applications/${app}/servo`,
      headers: { 'x-sf-token': token },
      payload: { event, param },
    });
    return { status: response.statusCode, body: response.json() };
  };
}

test('resetting one app clears its state, counters, history and rejections', async () => {
  const emulator = await twoApps();
  try {
    const answer = await reset(emulator, { account: 'a', app: 'app0' });
    assert.deepEqual(answer, {
      status: 200,
      body: { status: 'ok', reset: 'app', account: 'a', app: 'app0' },
    });

    const app = emulator.server.inject('/apps/a/app0');
    const details = (await app).json();
    assert.equal(details.state, 'disconnected');
    assert.equal(details.cycles, 0);
    assert.equal(details.rejections, 0);
    assert.deepEqual(details.events, []);
    assert.deepEqual((await emulator.server.inject('/rejections')).json().rejections, []);

    const stats = emulator.stats();
    assert.equal(stats.n, 2);
    assert.equal(stats.cycles, 1);
    assert.equal(stats.min, 0);
    assert.equal(stats.max, 1);
    assert.equal(stats.states.disconnected, 1);

    const post = injectPost(emulator.server);
    await driveApp(post, 'app0', 1);
    assert.equal(emulator.stats().cycles, 2, 'the reset app starts over with HELLO');
  } finally {
    await emulator.close();
  }
});

test('resetting everything forgets every app, counter and rejection', async () => {
  const emulator = await twoApps();
  try {
    assert.deepEqual((await reset(emulator, {})).body, { status: 'ok', reset: 'all', apps: 2 });

    const stats = emulator.stats();
    assert.equal(stats.n, 0);
    assert.equal(stats.cycles, 0);
    assert.equal(stats.rejected, 0);
    assert.deepEqual((await emulator.server.inject('/apps')).json().apps, []);
    assert.deepEqual((await emulator.server.inject('/rejections')).json().rejections, []);
    assert.equal((await emulator.server.inject('/apps/a/app0')).statusCode, 404);

    await driveApp(injectPost(emulator.server), 'app0', 1);
    assert.equal(emulator.stats().n, 1);
    assert.equal((await reset(emulator)).body.apps, 1, 'no body resets everything too');
  } finally {
    await emulator.close();
  }
});

test('resetting an unknown app answers 404, a malformed body 400', async () => {
  const emulator = await twoApps();
  try {
    const unknown = await reset(emulator, { account: 'a', app: 'app7' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'VOR_ERR_APP_UNKNOWN');

    for (const body of [{ app: 'app0' }, { account: 'a', app: 3 }, [1], { all: true }]) {
      const answer = await reset(emulator, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'VOR_ERR_RESET_BODY');
    }
    assert.equal(emulator.stats().n, 2, 'nothing was reset');
  } finally {
    await emulator.close();
  }
});

test('a reset without Content-Type: application/json answers 415 and resets nothing', async () => {
  const emulator = await twoApps();
  try {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const answer = await reset(emulator, {}, { 'content-type': type });
      assert.equal(answer.status, 415, type);
      assert.equal(answer.body.code, 'VOR_ERR_CONTENT_TYPE');
      assert.equal(
        answer.body.message,
        `POST /admin/reset needs Content-Type: application/json, got "${type}"`,
      );
    }
    const bare = await reset(emulator, undefined, {} as typeof JSON_HEADERS);
    assert.equal(bare.status, 415);
    assert.match(String(bare.body.message), /got nothing$/);
    assert.equal(emulator.stats().n, 2, 'nothing was reset');
    assert.equal(emulator.stats().bad_requests.VOR_ERR_CONTENT_TYPE, 4);

    const withCharset = { 'content-type': 'Application/JSON; charset=utf-8' };
    assert.equal((await reset(emulator, {}, withCharset)).body.apps, 2);
  } finally {
    await emulator.close();
  }
});

test('a reset needs the token when server.token is set', async () => {
  const emulator = await twoApps({ server: { token: 's3cret' } });
  try {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { 'x-sf-token': 'nope' }]) {
      const answer = await reset(emulator, {}, { ...JSON_HEADERS, ...headers });
      assert.equal(answer.status, 401, JSON.stringify(headers));
      assert.equal(answer.body.code, 'VOR_ERR_UNAUTHORIZED');
    }
    const textWithoutToken = await reset(emulator, {}, { 'content-type': 'text/plain' });
    assert.equal(textWithoutToken.status, 401, 'the token is checked first');
    assert.equal(emulator.stats().n, 2, 'nothing was reset');

    const bearer = { ...JSON_HEADERS, authorization: 'Bearer s3cret' };
    assert.equal((await reset(emulator, { account: 'a', app: 'app1' }, bearer)).status, 200);
    const sfToken = { ...JSON_HEADERS, 'x-sf-token': 's3cret' };
    assert.deepEqual((await reset(emulator, {}, sfToken)).body, {
      status: 'ok',
      reset: 'all',
      apps: 2,
    });
  } finally {
    await emulator.close();
  }
});
