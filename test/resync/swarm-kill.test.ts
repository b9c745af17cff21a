import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../../src/swarm/random.js';
import { buildReport } from '../../src/swarm/report.js';
import { planOf } from '../../src/swarm/run-swarm.js';
import { defaultSwarmFlags, numberedApps } from '../../src/swarm/swarm-flags.js';
import { startSwarm, type SwarmRun } from '../../src/swarm/swarm.js';
import { copyAsKilled, sqliteStore, stateFolder } from '../store/state-files.js';
import { killHard, serveChild, stopGently, type ServeChild } from './serve-child.js';

const APPS = 300;
const CYCLES = 8;
const ALL_CYCLES = APPS * CYCLES;

interface Figures {
  n: number;
  min: number;
  max: number;
  cycles: number;
  rejected: number;
  resyncs: number;
}

function swarmAgainst(url: string): SwarmRun {
  const flags = {
    ...defaultSwarmFlags(),
    url,
    cycles: CYCLES,
    durationMs: null,
    thinkTimeMs: 10,
    progressReports: 2,
    quiet: true,
  };
  return startSwarm(planOf(flags, numberedApps('app', APPS)), {
    random: seededRandom(7),
    now: Date.now,
  });
}

/** Waits until the swarm is half way through its cycles. */
async function halfWay(run: SwarmRun): Promise<void> {
  while (run.live().cycles < ALL_CYCLES / 2) await sleep(10);
}

async function statistics(serve: ServeChild): Promise<Figures> {
  return (await fetch(`${serve.address}/`)).json() as Promise<Figures>;
}

/** The cycles a state file holds, read from a copy as the kill left it. */
function savedCycles(file: string): number {
  copyAsKilled(file, `${file}.copy`);
  const { store, stats } = sqliteStore(`${file}.copy`);
  store.open();
  stats.rebuild(store.apps);
  store.close();
  return stats.snapshot().cycles;
}

/**
 * Runs a swarm, kills the server with SIGKILL half way and restarts it with
 * the same `args` on the same port; the swarm retries through the outage.
 */
async function killedHalfWay(args: string[], file: string | null) {
  const first = await serveChild(['--port', '0', ...args]);
  const run = swarmAgainst(first.address);
  await halfWay(run);
  await killHard(first);
  const servoCyclesAtKill = run.live().cycles;
  const saved = file === null ? 0 : savedCycles(file);

  const second = await serveChild(['--port', String(first.port), ...args]);
  const report = buildReport(await run.done, { maxRejections: 0, minFairness: null });
  const stats = await statistics(second);
  assert.equal(await stopGently(second), 0);
  return { servoCyclesAtKill, saved, restart: second.startup, report, stats };
}

test(
  'a server killed mid-swarm and restarted on its state file goes on counting, rejecting nothing',
  { timeout: 60_000 },
  async (t) => {
    const file = join(stateFolder(), 'state.db');

    const outcome = await killedHalfWay(['--state-file', file], file);
    const { servoCyclesAtKill, saved, restart, report, stats } = outcome;

    assert.ok(servoCyclesAtKill < ALL_CYCLES, 'the kill came after the swarm ended');
    assert.equal(restart.restored, APPS);
    assert.equal(report.rejections.total, 0);
    assert.deepEqual([report.transport.unrecovered, report.verdict.passed], [0, true]);
    assert.ok(report.transport.recovered > 0, 'no request met the dead server');
    assert.deepEqual([report.cycles.min, report.cycles.max], [CYCLES, CYCLES]);
    assert.deepEqual([stats.n, stats.rejected], [APPS, 0]);
    t.diagnostic(
      `servos ${ALL_CYCLES} cycles, server ${stats.cycles}; at the kill: servos ` +
        `${servoCyclesAtKill}, file ${saved}; ${stats.resyncs} restored apps caught up`,
    );
    // Everything saved before the kill, plus every cycle the servos completed after it.
    assert.ok(saved > 0);
    assert.ok(
      stats.cycles >= saved + ALL_CYCLES - servoCyclesAtKill,
      `server ${stats.cycles}, saved ${saved}, servos at kill ${servoCyclesAtKill}`,
    );
    assert.ok(stats.cycles <= ALL_CYCLES);
  },
);

test(
  'a server killed mid-swarm and restarted empty with --resync lets every servo finish',
  { timeout: 60_000 },
  async () => {
    const outcome = await killedHalfWay(['--resync'], null);
    const { servoCyclesAtKill, restart, report, stats } = outcome;

    assert.ok(servoCyclesAtKill < ALL_CYCLES, 'the kill came after the swarm ended');
    assert.equal(restart.restored, 0);
    assert.equal(report.rejections.total, 0);
    assert.deepEqual([report.transport.unrecovered, report.verdict.passed], [0, true]);
    assert.deepEqual([report.cycles.min, report.cycles.max], [CYCLES, CYCLES]);
    assert.deepEqual([stats.n, stats.resyncs, stats.rejected], [APPS, APPS, 0]);
    assert.ok(stats.cycles >= ALL_CYCLES - servoCyclesAtKill);
    assert.ok(stats.max < CYCLES, 'the restarted server counted cycles it never saw');
  },
);
