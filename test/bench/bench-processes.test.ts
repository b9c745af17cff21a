import { test } from 'node:test';
import assert from 'node:assert/strict';
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
