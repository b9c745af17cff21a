import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultConfig } from '../../src/config/defaults.js';
import { startEmulator } from '../../src/server/start-emulator.js';
import { isValid } from '../../bench/jobs.js';
import { runSequence } from '../../bench/load-generator.js';
import { parseOptions } from '../../bench/options.js';
import { runInGenerator, startServer } from '../../bench/processes.js';
import { fleetJob, registrationJob } from '../../bench/workloads/fleet.js';
import { hotJob } from '../../bench/workloads/hot.js';
import { statsJob } from '../../bench/workloads/stats.js';

const tiny = (() => {
  const options = parseOptions(['--connections', '8', '--stats-samples', '5'], {});
  if (options === null) throw new Error('options expected');
  return { ...options, warmupMs: 0, durationMs: 60_000 };
})();

function capped<T extends { timing: object }>(job: T, requests: number): T {
  return { ...job, timing: { ...job.timing, maxRequests: requests } };
}

test('the fleet script walks the emulator through full cycles without a rejection', async () => {
  const config = defaultConfig();
  config.server.port = 0;
  const logger = pino({ level: 'silent' });
  const emulator = await startEmulator(config, { logger, configSource: 'test' });

  const job = capped(fleetJob(emulator.address, 20, tiny, 'protocol'), 20 * 24);
  const result = await runSequence(job);
  const snapshot = emulator.statsSnapshot() as unknown as { n: number; min: number };
  await emulator.close();

  assert.equal(result.firstProblem, null);
  assert.ok(isValid(result));
  assert.equal(snapshot.n, 20);
  assert.equal(snapshot.min, 3);
});

test('the generator process drives the baseline server process', async () => {
  const server = await startServer('bare-server', [], process.stderr);

  const hot = await runInGenerator(capped(hotJob(server.origin, tiny, 'status'), 200));
  const stats = await runInGenerator(statsJob(server.origin, tiny));
  await server.stop();

  assert.equal(hot.requests, 200);
  assert.ok(isValid(hot));
  assert.equal(stats.requests, 5);
});

test('the emulator bench entry registers apps, answers the hot workload and reports memory', async () => {
  const server = await startServer('voracious-server', [], process.stderr);

  const before = await server.memory();
  const registration = await runInGenerator(registrationJob(server.origin, 300, tiny, 'protocol'));
  const after = await server.memory();
  const hot = await runInGenerator(capped(hotJob(server.origin, tiny, 'protocol'), 100));
  await server.stop();

  assert.equal(registration.requests, 300);
  assert.ok(isValid(registration), registration.firstProblem ?? '');
  assert.ok(isValid(hot), hot.firstProblem ?? '');
  assert.ok(after.heapUsed > 0 && before.rss > 0);
});

/** Starts the persisted emulator with os.tmpdir() set to a folder (the child reads TMPDIR). */
async function startPersistIn(tmpdir: string) {
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = tmpdir;
  try {
    return await startServer('persist-server', [], process.stderr);
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
}

test('the persisted emulator entry answers and removes its state folder on stop', async () => {
  const tmpdir = await mkdtemp(path.join(os.tmpdir(), 'bench-persist-test-'));
  const server = await startPersistIn(tmpdir);

  const [folder] = await readdir(tmpdir);
  const stateFiles = await readdir(path.join(tmpdir, folder ?? ''));
  const fleet = await runInGenerator(capped(fleetJob(server.origin, 20, tiny, 'protocol'), 240));
  const snapshot = (await server.snapshot()) as { n: number };
  await server.stop();
  const left = await readdir(tmpdir);
  await rm(tmpdir, { recursive: true, force: true });

  assert.ok(stateFiles.includes('state.db'), stateFiles.join(', '));
  assert.ok(isValid(fleet), fleet.firstProblem ?? '');
  assert.equal(snapshot.n, 20);
  assert.deepEqual(left, []);
});
