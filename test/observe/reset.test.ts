import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectEmulator, type TestEmulator } from '../helpers/test-emulator.js';
import { driveApp, injectPost } from '../helpers/servo-driver.js';

async function reset(emulator: TestEmulator, payload?: unknown) {
  const response = await emulator.server.inject({
    method: 'POST',
    url: '/admin/reset',
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function twoApps(): Promise<TestEmulator> {
  const emulator = await injectEmulator();
  const post = injectPost(emulator.server);
  await driveApp(post, 'app0', 3);
  await driveApp(post, 'app1', 1);
  await post('app0', 'HELLO', {});
  return emulator;
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
