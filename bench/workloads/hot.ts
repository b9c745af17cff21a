import { servoPath } from '../jobs.js';
import type { CheckMode, RepeatJob } from '../jobs.js';
import type { BenchOptions } from '../options.js';
import { HOT_ACCOUNT, HOT_PROGRESS, INTO_MEASUREMENT } from './servo-script.js';

/** One app brought into MEASUREMENT progress, then every connection repeating progress 10. */
export function hotJob(origin: string, options: BenchOptions, check: CheckMode): RepeatJob {
  return {
    kind: 'repeat',
    origin,
    connections: options.connections,
    path: servoPath(HOT_ACCOUNT, 0, 5),
    setup: INTO_MEASUREMENT,
    body: HOT_PROGRESS.body,
    timing: { warmupMs: options.warmupMs, durationMs: options.durationMs, maxRequests: null },
    check,
  };
}
