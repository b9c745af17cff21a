import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startEmulator } from '../../src/server/start-emulator.js';
import { quietLogger } from '../helpers/quiet-logger.js';
import { driveApp, httpPost, runCycle } from '../helpers/servo-driver.js';
import { testConfig } from '../helpers/test-config.js';
import { stateFolder } from '../store/state-files.js';

const APPS = 50;
const names = Array.from({ length: APPS }, (_, index) => `app${String(index).padStart(5, '0')}`);

async function start(file: string) {
  const log = quietLogger('info');
  const config = testConfig({ state: { file, flush_interval: 60_000 } });
  const emulator = await startEmulator(config, { logger: log.logger, configSource: 'test' });
  const pool = new Pool(emulator.address, { connections: 8 });
  const stop = async () => {
    await pool.close();
    await emulator.close();
  };
  return { emulator, log, post: httpPost(pool), stop };
}

async function statistics(address: string): Promise<unknown> {
  return (await fetch(`${address}/`)).json();
}

test('a graceful stop and restart on the same state file loses no counter', async () => {
  const file = join(stateFolder(), 'state.db');
  const first = await start(file);
  await Promise.all(names.map((app, index) => driveApp(first.post, app, 1 + (index % 3))));
  await first.post(names[0]!, 'HELLO', {});
  await first.post(names[1]!, 'MEASUREMENT', { progress: 10 });
  await fetch(`${first.emulator.address}/accounts/a/applications/app1/servo`, {
    method: 'POST',
    body: '{not json',
  });
  const before = await statistics(first.emulator.address);
  await first.stop();

  const second = await start(file);
  const after = await statistics(second.emulator.address);
  const startup = second.log.records().find((line) => line.msg === 'voracious listening');

  assert.deepEqual(after, before);
  assert.equal(startup?.restored, APPS);
  assert.equal((after as { rejected: number }).rejected, 2);
  await second.stop();
});

test('after a graceful restart every application goes on with its next event', async () => {
  const file = join(stateFolder(), 'state.db');
  const first = await start(file);
  await Promise.all(names.map((app) => driveApp(first.post, app, 2)));
  await first.stop();

  const second = await start(file);
  await Promise.all(names.map((app) => runCycle(second.post, app)));
  const stats = second.emulator.statsSnapshot();

  assert.deepEqual([stats.n, stats.min, stats.max], [APPS, 3, 3]);
  assert.deepEqual([stats.rejected, stats.resyncs], [0, 0]);
  await second.stop();
});
