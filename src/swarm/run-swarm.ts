import { writeFile } from 'node:fs/promises';

import { discoverApps } from './discover-apps.js';
import { startProgressLine, type LineSink } from './progress-line.js';
import { seededRandom, type Random } from './random.js';
import { formatReport } from './report-text.js';
import { buildReport, type SwarmReport } from './report.js';
import { numberedApps, type SwarmFlags } from './swarm-flags.js';
import { PLAN_DEFAULTS, type SwarmPlan } from './swarm-plan.js';
import { startSwarm, type SwarmRun } from './swarm.js';

/** Where a swarm run writes, and what it may be told from outside. */
export interface SwarmIo {
  stdout: LineSink;
  /** Aborting stops the run early; its reason (a string) becomes the GOODBYE reason. */
  signal?: AbortSignal;
  random?: Random;
  now?: () => number;
}

/** A finished run: its report, and the exit code a CI gate would use. */
export interface SwarmResult {
  report: SwarmReport;
  exitCode: number;
}

/** Runs a whole swarm as the flags say: names the apps, drives them, reports. */
export async function runSwarmFlags(flags: SwarmFlags, io: SwarmIo): Promise<SwarmResult> {
  const apps =
    flags.apps === null
      ? await discoverApps(flags.url, flags.account)
      : numberedApps(flags.appPrefix, flags.apps);
  const run = startSwarm(planOf(flags, apps), {
    random: io.random ?? seededRandom(flags.seed),
    now: io.now ?? Date.now,
  });

  const outcome = await watch(run, flags, io);
  const report = buildReport(outcome, flags);
  io.stdout.write(formatReport(report));
  if (flags.json !== null) await writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
  return { report, exitCode: report.verdict.passed ? 0 : 1 };
}

async function watch(run: SwarmRun, flags: SwarmFlags, io: SwarmIo) {
  const onAbort = () => run.stop(String(io.signal?.reason ?? 'SIGINT'));
  io.signal?.addEventListener('abort', onAbort, { once: true });
  if (io.signal?.aborted === true) onAbort();
  const stopLine = flags.quiet ? () => undefined : startProgressLine(() => run.live(), io.stdout);

  try {
    return await run.done;
  } finally {
    stopLine();
    io.signal?.removeEventListener('abort', onAbort);
  }
}

/** The plan a set of flags and app names make. */
export function planOf(flags: SwarmFlags, apps: readonly string[]): SwarmPlan {
  return {
    url: flags.url,
    account: flags.account,
    apps,
    cycles: flags.cycles,
    durationMs: flags.cycles === null ? flags.durationMs : null,
    thinkTimeMs: flags.thinkTimeMs,
    jitter: flags.jitter,
    progressReports: flags.progressReports,
    failureRate: flags.failureRate,
    misbehaveRate: flags.misbehaveRate,
    connections: flags.connections,
    retryForMs: flags.retryForMs,
    maxSleepMs: PLAN_DEFAULTS.maxSleepMs,
    graceMs: PLAN_DEFAULTS.graceMs,
  };
}
