import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectEmulator, type TestEmulator } from '../helpers/test-emulator.js';
import { connectAndDescribe, driveApp, injectPost } from '../helpers/servo-driver.js';

async function getJson(emulator: TestEmulator, url: string) {
  const response = await emulator.server.inject(url);
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

async function fleetOf(apps: number, cycles = 1): Promise<TestEmulator> {
  const emulator = await injectEmulator();
  const post = injectPost(emulator.server);
  for (let i = 0; i < apps; i++) await driveApp(post, `app${i}`, cycles);
  return emulator;
}

test('GET /apps pages by slot with limit, after and next', async () => {
  const emulator = await fleetOf(5);
  try {
    const first = await getJson(emulator, '/apps?limit=2');
    assert.deepEqual(
      (first.body.apps as { app: string }[]).map((app) => app.app),
      ['app0', 'app1'],
    );
    assert.equal(first.body.next, 1);

    const second = await getJson(emulator, '/apps?limit=2&after=1');
    assert.deepEqual(
      (second.body.apps as { app: string }[]).map((app) => app.app),
      ['app2', 'app3'],
    );
    const last = await getJson(emulator, `/apps?limit=2&after=${second.body.next}`);
    assert.deepEqual(
      (last.body.apps as { app: string }[]).map((app) => app.app),
      ['app4'],
    );
    assert.equal(last.body.next, null);

    const all = await getJson(emulator, '/apps');
    assert.equal((all.body.apps as unknown[]).length, 5);
    assert.deepEqual((all.body.apps as Record<string, unknown>[])[0], {
      account: 'a',
      app: 'app0',
      state: 'measure-pending',
      cycles: 1,
      failures: 0,
      rejections: 0,
      last_seen: (all.body.apps as Record<string, unknown>[])[0]!.last_seen,
    });
  } finally {
    await emulator.close();
  }
});

test('GET /apps filters by state and by app name', async () => {
  const emulator = await fleetOf(3);
  try {
    const post = injectPost(emulator.server);
    await post('app1', 'WHATS_NEXT');
    await connectAndDescribe(injectPost(emulator.server, 'other'), 'app1');

    const measuring = await getJson(emulator, '/apps?state=measuring');
    assert.deepEqual(measuring.body.apps, [(measuring.body.apps as unknown[])[0]]);
    assert.equal((measuring.body.apps as { app: string }[])[0]!.app, 'app1');

    const named = await getJson(emulator, '/apps?app=app1');
    const accounts = (named.body.apps as { account: string }[]).map((app) => app.account);
    assert.deepEqual(accounts, ['a', 'other']);
  } finally {
    await emulator.close();
  }
});

test('GET /apps answers 400 VOR_ERR_QUERY_INVALID naming the bad parameter', async () => {
  const emulator = await fleetOf(1);
  try {
    for (const [query, name] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      ['state=sleeping', 'state'],
    ]) {
      const reply = await getJson(emulator, `/apps?${query}`);
      assert.equal(reply.status, 400, query);
      assert.equal(reply.body.code, 'VOR_ERR_QUERY_INVALID', query);
      assert.equal(reply.body.name, name, query);
      assert.match(reply.body.message as string, new RegExp(`^query parameter ${name} must be`));
    }
  } finally {
    await emulator.close();
  }
});

test('GET /apps/{account}/{app} shows state, command, counters and the last 20 events', async () => {
  const emulator = await fleetOf(1, 3);
  try {
    const post = injectPost(emulator.server);
    const command = (await post('app0', 'WHATS_NEXT')).body;
    await post('app0', 'MEASUREMENT', { progress: 40, cmd_uid: command.cmd_uid });
    await post('app0', 'MEASUREMENT', { progress: 10 });

    const { status, body } = await getJson(emulator, '/apps/a/app0');
    assert.equal(status, 200);
    assert.equal(body.state, 'measuring');
    assert.deepEqual(body.command, { cmd: 'MEASURE', cmd_uid: command.cmd_uid, status: 'running' });
    assert.equal(body.progress, 40);
    assert.equal(body.cycles, 3);
    assert.equal(body.rejections, 1);
    assert.match(body.first_seen as string, /^\d{4}-\d\d-\d\dT/);
    assert.equal(body.history_kept, true);

    const events = body.events as Record<string, unknown>[];
    assert.equal(events.length, 20);
    const [lastAccepted, rejected] = events.slice(-2);
    assert.equal(lastAccepted!.event, 'MEASUREMENT progress');
    assert.deepEqual(lastAccepted!.answer, { status: 'ok' });
    assert.equal(rejected!.outcome, 'rejected');
    assert.equal(rejected!.code, 'VOR_ERR_PROGRESS_DECREASED');
    assert.equal((rejected!.answer as { code: string }).code, 'VOR_ERR_PROGRESS_DECREASED');
    assert.deepEqual((events.at(-3)!.answer as { cmd: string }).cmd, 'MEASURE');
  } finally {
    await emulator.close();
  }
});

test('GET /apps/{account}/{app} answers 404 VOR_ERR_APP_UNKNOWN for an unknown app', async () => {
  const emulator = await fleetOf(1);
  try {
    const reply = await getJson(emulator, '/apps/a/app9');
    assert.equal(reply.status, 404);
    assert.equal(reply.body.code, 'VOR_ERR_APP_UNKNOWN');
    assert.equal((await getJson(emulator, '/apps/a/bad%20name')).body.code, 'VOR_ERR_NAME_INVALID');
  } finally {
    await emulator.close();
  }
});

test('GET /rejections lists the most recent rejections, newest first', async () => {
  const emulator = await fleetOf(2);
  try {
    const post = injectPost(emulator.server);
    await post('app0', 'HELLO', {});
    await post('app1', 'DESCRIPTION', { status: 'ok', descriptor: {} });

    const { body } = await getJson(emulator, '/rejections');
    const rejections = body.rejections as Record<string, unknown>[];
    assert.equal(rejections.length, 2);
    assert.deepEqual(
      { ...rejections[0], time: null },
      {
        time: null,
        account: 'a',
        app: 'app1',
        state: 'measure-pending',
        event: 'DESCRIPTION',
        code: 'VOR_ERR_SEQUENCE',
        message: 'app1: DESCRIPTION not accepted (state measure-pending; expected WHATS_NEXT)',
      },
    );
    assert.equal(rejections[1]!.app, 'app0');

    const one = await getJson(emulator, '/rejections?limit=1');
    assert.equal((one.body.rejections as unknown[]).length, 1);
    assert.equal((await getJson(emulator, '/rejections?limit=0')).body.name, 'limit');
  } finally {
    await emulator.close();
  }
});

test('a lenient rejection is kept once, with its reason as message', async () => {
  const emulator = await injectEmulator({ sequence: { profile: 'lenient' } });
  try {
    const post = injectPost(emulator.server);
    await driveApp(post, 'app0', 1);
    await post('app0', 'WHATS_NEXT');
    const answer = (await post('app0', 'MEASUREMENT', { progress: 1, cmd_uid: '999' })).body;
    assert.equal(answer.status, 'invalid');

    const details = (await getJson(emulator, '/apps/a/app0')).body;
    const rejected = (details.events as { outcome: string }[]).filter(
      (event) => event.outcome === 'rejected',
    );
    assert.equal(rejected.length, 1);
    const feed = (await getJson(emulator, '/rejections')).body.rejections as { message: string }[];
    assert.deepEqual(
      feed.map((entry) => entry.message),
      ['unexpected cmd_uid'],
    );
  } finally {
    await emulator.close();
  }
});

test('a rejection from an app that never said HELLO reaches the feed as state new', async () => {
  const emulator = await injectEmulator();
  try {
    const post = injectPost(emulator.server);
    assert.equal((await post('ghost', 'WHATS_NEXT')).status, 400);

    const feed = (await getJson(emulator, '/rejections')).body.rejections as Record<
      string,
      unknown
    >[];
    assert.equal(feed.length, 1);
    assert.equal(feed[0]!.app, 'ghost');
    assert.equal(feed[0]!.state, 'new');
    assert.equal(feed[0]!.code, 'VOR_ERR_NOT_CONNECTED');
    assert.equal((await getJson(emulator, '/apps/a/ghost')).status, 404);
  } finally {
    await emulator.close();
  }
});
