import type { CheckMode, SequenceJob, Timing } from '../jobs.js';
import type { BenchOptions } from '../options.js';
import { ACCOUNT, FULL_CYCLE, LOOP_FROM } from './servo-script.js';

/**
 * Every app walks the full servo cycle. The warm-up is part of the same walk, so the
 * measured window sees mostly cycle steps, as a long-running fleet would.
 */
export function fleetJob(
  origin: string,
  apps: number,
  options: BenchOptions,
  check: CheckMode,
  startStep = 0,
): SequenceJob {
  const timing = { warmupMs: options.warmupMs, durationMs: options.durationMs, maxRequests: null };
  return sequence(origin, apps, options.connections, check, startStep, timing);
}

/** One HELLO per app, as fast as the connections allow; the fleet then goes on from step 1. */
export function registrationJob(
  origin: string,
  apps: number,
  options: BenchOptions,
  check: CheckMode,
): SequenceJob {
  const timing = { warmupMs: 0, durationMs: Infinity, maxRequests: apps };
  return sequence(origin, apps, options.connections, check, 0, timing);
}

function sequence(
  origin: string,
  apps: number,
  connections: number,
  check: CheckMode,
  startStep: number,
  timing: Timing,
): SequenceJob {
  return {
    kind: 'sequence',
    origin,
    connections,
    apps,
    account: ACCOUNT,
    steps: FULL_CYCLE,
    loopFrom: LOOP_FROM,
    startStep,
    timing,
    check,
  };
}
