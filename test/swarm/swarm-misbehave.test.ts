import assert from 'node:assert/strict';
import { test } from 'node:test';

import { emulator, quickFlags, statistics, swarm } from './swarm-harness.js';

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

test('the strict emulator rejects exactly what the swarm injected', async () => {
  const server = await emulator();
  const flags = quickFlags(server.address, {
    apps: 300,
    cycles: 4,
    progressReports: 3,
    misbehaveRate: 0.1,
    seed: 42,
  });

  try {
    const { report, exitCode, text } = await swarm(flags);
    const stats = await statistics(server.address);
    const injected = sum(report.misbehaviour.injected);

    assert.equal(exitCode, 0, text);
    assert.ok(injected > 50, `only ${injected} injected`);
    for (const kind of Object.keys(report.misbehaviour.injected)) {
      assert.ok((report.misbehaviour.injected[kind] ?? 0) > 0, `no ${kind} injected`);
    }
    assert.deepEqual(report.rejections.unexpected, {});
    assert.equal(report.rejections.total, injected);
    assert.deepEqual(stats.rejections, report.rejections.byCode);
    assert.deepEqual([stats.min, stats.max], [4, 4]);
  } finally {
    await server.close();
  }
});

test('the lenient emulator lets some injections through and the servos stay in sync', async () => {
  const server = await emulator({ sequence: { profile: 'lenient' } });
  const flags = quickFlags(server.address, {
    apps: 200,
    cycles: 3,
    progressReports: 3,
    misbehaveRate: 0.1,
    seed: 7,
  });

  try {
    const { report, exitCode, text } = await swarm(flags);
    const stats = await statistics(server.address);

    assert.equal(exitCode, 0, text);
    assert.deepEqual(report.rejections.unexpected, {});
    assert.ok(sum(report.misbehaviour.notRejected) > 0);
    assert.equal(stats.rejected, report.rejections.total);
    assert.deepEqual([stats.min, stats.max], [3, 3]);
  } finally {
    await server.close();
  }
});
