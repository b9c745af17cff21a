import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { planOf } from '../../src/swarm/run-swarm.js';
import { seededRandom } from '../../src/swarm/random.js';
import { buildReport } from '../../src/swarm/report.js';
import { numberedApps } from '../../src/swarm/swarm-flags.js';
import { startSwarm, type SwarmRun } from '../../src/swarm/swarm.js';
import { emulator, quickFlags, statistics } from './swarm-harness.js';

const NO_GATES = { maxRejections: null, minFairness: null };

function start(url: string, apps: number, cycles: number): SwarmRun {
  const flags = quickFlags(url, { cycles, thinkTimeMs: 10, progressReports: 2 });
  return startSwarm(planOf(flags, numberedApps('app', apps)), {
    random: seededRandom(3),
    now: Date.now,
  });
}

async function untilCycles(run: SwarmRun, cycles: number): Promise<void> {
  while (run.live().cycles < cycles) await sleep(20);
}

function portOf(address: string): number {
  return Number(new URL(address).port);
}

test('servos retry through a server restart and finish in step with resync on', async () => {
  const first = await emulator();
  const port = portOf(first.address);
  const run = start(first.address, 400, 3);

  await untilCycles(run, 400);
  await first.close();
  await sleep(300);
  const second = await emulator({ server: { port }, sequence: { resync: true } });

  try {
    const report = buildReport(await run.done, NO_GATES);
    const stats = await statistics(second.address);

    assert.ok(report.transport.recovered > 0, 'no request had to be retried');
    assert.equal(report.transport.unrecovered, 0);
    assert.equal(report.rejections.total, 0);
    assert.deepEqual([report.cycles.min, report.cycles.max], [3, 3]);
    assert.ok((stats.resyncs as number) > 0);
    assert.equal(stats.rejected, 0);
    assert.equal(report.verdict.passed, true);
  } finally {
    await second.close();
  }
});

/** Forwards to `target`, or answers 503 while `unavailable` is set. */
function gateway(target: string) {
  const state = { unavailable: false, refused: 0 };
  const server = createServer((request, response) => {
    if (state.unavailable) {
      state.refused += 1;
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('{"error":"unavailable"}');
      return;
    }
    void forward(target, request, response);
  });
  return { server, state };
}

async function forward(target: string, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);

  const answer = await fetch(target + (request.url ?? '/'), {
    method: request.method,
    headers: { 'content-type': 'application/json' },
    body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
  });
  response.writeHead(answer.status, { 'content-type': 'application/json' });
  response.end(await answer.text());
}

test('servos wait out a backend answering 503 and lose nothing', async () => {
  const backend = await emulator();
  const proxy = gateway(backend.address);
  proxy.server.listen(0, '127.0.0.1');
  await once(proxy.server, 'listening');
  const { port } = proxy.server.address() as AddressInfo;
  const run = start(`http://127.0.0.1:${port}`, 200, 3);

  try {
    await untilCycles(run, 200);
    proxy.state.unavailable = true;
    await sleep(500);
    proxy.state.unavailable = false;

    const report = buildReport(await run.done, NO_GATES);
    const stats = await statistics(backend.address);

    assert.ok(proxy.state.refused > 0);
    assert.equal(report.transport.errors['http-503'], proxy.state.refused);
    assert.ok(report.transport.recovered > 0);
    assert.equal(report.transport.unrecovered, 0);
    assert.equal(report.rejections.total, 0);
    assert.deepEqual([stats.min, stats.max, stats.rejected], [3, 3, 0]);
  } finally {
    proxy.server.close();
    await backend.close();
  }
});
