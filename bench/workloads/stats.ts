import type { ProbeJob } from '../jobs.js';
import type { BenchOptions } from '../options.js';

/** Sequential GET / requests, each timed alone: the statistics a `watch curl` would read. */
export function statsJob(origin: string, options: BenchOptions): ProbeJob {
  return { kind: 'probe', origin, path: '/', warmup: 20, count: options.statsSamples };
}
