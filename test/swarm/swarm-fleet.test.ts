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
