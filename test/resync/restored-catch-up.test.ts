import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createEmulator } from '../../src/server/start-emulator.js';
import { quietLogger } from '../helpers/quiet-logger.js';
import { DEMO_DESCRIPTION, injectPost, type ServoPost } from '../helpers/servo-driver.js';
import { testConfig } from '../helpers/test-config.js';
import { copyAsKilled, stateFolder } from '../store/state-files.js';

type Step = [event: string, param?: unknown];

const HELLO: Step = ['HELLO', { agent: 'github.com/opsani/servo' }];
const NEXT: Step = ['WHATS_NEXT'];
const DESCRIBED: Step = ['DESCRIPTION', DEMO_DESCRIPTION];
const METRICS = { throughput: { value: 1, unit: 'rpm' }, error_rate: { value: 0, unit: '%' } };
const measuring = (uid: number): Step => ['MEASUREMENT', { progress: 0, cmd_uid: String(uid) }];
const measured = (uid: number): Step => ['MEASUREMENT', { metrics: METRICS, cmd_uid: String(uid) }];
const adjusting = (uid: number): Step => ['ADJUSTMENT', { progress: 0, cmd_uid: String(uid) }];
const adjusted = (uid: number): Step => ['ADJUSTMENT', { state: {}, cmd_uid: String(uid) }];

/** HELLO, DESCRIBE (cmd_uid 1), then MEASURE (cmd_uid 2) running with one report. */
const UP_TO_MEASURING: Step[] = [HELLO, NEXT, DESCRIBED, NEXT, measuring(2)];

function emulatorOn(file: string) {
  const config = testConfig({ state: { file, flush_interval: 60_000 } });
  return createEmulator(config, { logger: quietLogger('silent').logger, configSource: 'test' });
}

async function send(post: ServoPost, steps: Step[]): Promise<void> {
  for (const [event, param] of steps) {
    const reply = await post('app1', event, param);
    assert.equal(reply.status, 200, `${event}: ${JSON.stringify(reply.body)}`);
  }
}

/**
 * Sends `saved` and flushes, then sends `lost` without flushing, and returns
 * an emulator restarted on the state file as a SIGKILL would have left it.
 */
async function restartedAfterKill(saved: Step[], lost: Step[]) {
  const folder = stateFolder();
  const first = await emulatorOn(join(folder, 'state.db'));
  await send(injectPost(first.server), saved);
  first.store.flush();
  await send(injectPost(first.server), lost);
  copyAsKilled(join(folder, 'state.db'), join(folder, 'killed.db'));
  await first.close();

  const second = await emulatorOn(join(folder, 'killed.db'));
  return { ...second, post: injectPost(second.server) };
}

test('events lost with the kill are inferred from the next one, and their cycle counted', async () => {
  const lost = [measured(2), NEXT, adjusting(3)];
  const emulator = await restartedAfterKill(UP_TO_MEASURING, lost);

  const reply = await emulator.post('app1', ...adjusted(3));
  const next = await emulator.post('app1', 'WHATS_NEXT');

  assert.deepEqual([reply.status, reply.body], [200, { status: 'ok' }]);
  assert.equal(next.body.cmd, 'MEASURE');
  assert.equal(next.body.cmd_uid, '4');
  assert.deepEqual((next.body.param as { metrics: string[] }).metrics, [
    'throughput',
    'error_rate',
  ]);
  const stats = emulator.statsSnapshot();
  assert.deepEqual([stats.n, stats.max, stats.resyncs, stats.rejected], [1, 1, 1, 0]);
  await emulator.close();
});

test('a servo several commands ahead is followed to its cmd_uid, counting each cycle', async () => {
  const lost = [
    measured(2),
    NEXT,
    adjusting(3),
    adjusted(3),
    NEXT,
    measuring(4),
    measured(4),
    NEXT,
    adjusting(5),
  ];
  const emulator = await restartedAfterKill(UP_TO_MEASURING, lost);

  const reply = await emulator.post('app1', ...adjusted(5));

  assert.equal(reply.status, 200);
  assert.equal(emulator.statsSnapshot().cycles, 2);
  assert.equal((await emulator.post('app1', 'WHATS_NEXT')).body.cmd_uid, '6');
  await emulator.close();
});

test('a lost MEASUREMENT final then WHATS_NEXT hands out ADJUST and counts the cycle', async () => {
  const emulator = await restartedAfterKill(UP_TO_MEASURING, [measured(2)]);

  const next = await emulator.post('app1', 'WHATS_NEXT');

  assert.equal(next.body.cmd, 'ADJUST');
  assert.equal(next.body.cmd_uid, '3');
  assert.deepEqual([emulator.statsSnapshot().cycles, emulator.statsSnapshot().resyncs], [1, 1]);
  await emulator.close();
});

test('a final repeated because the kill cut its answer off is ok and counted once', async () => {
  const emulator = await restartedAfterKill([...UP_TO_MEASURING, measured(2)], []);

  const reply = await emulator.post('app1', ...measured(2));
  const next = await emulator.post('app1', 'WHATS_NEXT');

  assert.deepEqual([reply.status, reply.body], [200, { status: 'ok' }]);
  assert.equal(next.body.cmd, 'ADJUST');
  assert.equal(emulator.statsSnapshot().cycles, 1);
  await emulator.close();
});

test('a WHATS_NEXT repeated before any report gets the same command again', async () => {
  const emulator = await restartedAfterKill([HELLO, NEXT, DESCRIBED, NEXT], []);

  const next = await emulator.post('app1', 'WHATS_NEXT');

  assert.deepEqual([next.body.cmd, next.body.cmd_uid], ['MEASURE', '2']);
  assert.equal((await emulator.post('app1', ...measuring(2))).status, 200);
  await emulator.close();
});

test('a restored application whose first event fits is not resynced', async () => {
  const emulator = await restartedAfterKill(UP_TO_MEASURING, []);

  const reply = await emulator.post('app1', 'MEASUREMENT', { progress: 50, cmd_uid: '2' });

  assert.equal(reply.status, 200);
  assert.equal(emulator.statsSnapshot().resyncs, 0);
  await emulator.close();
});

test('only the first event after the restart is believed; the rules apply to the next', async () => {
  const emulator = await restartedAfterKill(UP_TO_MEASURING, [measured(2)]);

  await send(emulator.post, [NEXT]);
  const reply = await emulator.post('app1', ...adjusted(3));

  assert.equal(reply.status, 400);
  assert.equal(reply.body.code, 'VOR_ERR_PROGRESS_MISSING');
  assert.equal(reply.body.state, 'adjusting');
  await emulator.close();
});

test('a servo restarted during the lag is let in by its HELLO', async () => {
  const emulator = await restartedAfterKill(UP_TO_MEASURING, [['GOODBYE', { reason: 'exit' }]]);

  await send(emulator.post, [HELLO, NEXT]);

  assert.equal(emulator.statsSnapshot().states['describing'], 1);
  await emulator.close();
});
