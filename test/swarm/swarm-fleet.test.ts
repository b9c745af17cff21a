import assert from 'node:assert/strict';
import { test } from 'node:test';

import { emulator, quickFlags, statistics, swarm } from './swarm-harness.js';

const APPS = 5_000;
const CYCLES = 2;

test('5,000 discovered servos complete the same number of cycles with no rejection', async () => {
  const server = await emulator({ fleet: { apps: APPS } });

  try {
    const { report, exitCode, text } = await swarm(quickFlags(server.address, { cycles: CYCLES }));
    const stats = await statistics(server.address);

    assert.equal(exitCode, 0, text);
    assert.equal(report.servos, APPS);
    assert.equal(report.rejections.total, 0, text);
    assert.equal(report.transport.unrecovered, 0);
    assert.deepEqual([report.cycles.min, report.cycles.max], [CYCLES, CYCLES]);
    assert.equal(report.cycles.fairness, 1);

    assert.equal(stats.n, APPS);
    assert.deepEqual([stats.min, stats.max, stats.average], [CYCLES, CYCLES, CYCLES]);
    assert.equal(stats.rejected, 0);
    assert.equal((stats.states as Record<string, number>).disconnected, APPS);
  } finally {
    await server.close();
  }
});

test('failed finals are counted as failures on both sides and complete no cycle', async () => {
  const server = await emulator();
  const flags = quickFlags(server.address, { apps: 200, cycles: 2, failureRate: 0.2, seed: 5 });

  try {
    const { report, exitCode, text } = await swarm(flags);
    const stats = await statistics(server.address);
    const sent = Object.values(report.failuresSent).reduce((a, b) => a + b, 0);

    assert.equal(exitCode, 0, text);
    assert.ok(sent > 0);
    assert.equal(stats.failures, sent);
    assert.deepEqual([stats.min, stats.max], [2, 2]);
    assert.deepEqual([report.cycles.min, report.cycles.max], [2, 2]);
  } finally {
    await server.close();
  }
});
