import { DEMO_STATE } from '../../src/config/defaults.js';
import { DESCRIPTOR } from '../../src/swarm/descriptor.js';
import type { StepSpec } from '../jobs.js';

/** The account every fleet application belongs to. */
export const ACCOUNT = 'bench';

/** The hot workload's own account, so its app never collides with a registered fleet. */
export const HOT_ACCOUNT = 'bench-hot';

const METRICS = {
  throughput: { value: 1102.31, unit: 'rpm' },
  error_rate: { value: 1.262, unit: '%' },
};

function event(name: string, param: unknown, expectCmd: string | null = null): StepSpec {
  return { body: JSON.stringify({ event: name, param }), expectCmd };
}

/** The progress report the hot workload repeats; equal progress may repeat, never go down. */
export const HOT_PROGRESS = event('MEASUREMENT', { progress: 10 });

/** HELLO to MEASUREMENT progress 0: what brings an app into the hot workload's state. */
export const INTO_MEASUREMENT: StepSpec[] = [
  event('HELLO', { agent: 'github.com/opsani/servo' }),
  event('WHATS_NEXT', null, 'DESCRIBE'),
  event('DESCRIPTION', { status: 'ok', descriptor: DESCRIPTOR }),
  event('WHATS_NEXT', null, 'MEASURE'),
  event('MEASUREMENT', { progress: 0, runtime: 0, message: 'starting driver' }),
];

/** A whole servo life: the steps of INTO_MEASUREMENT, then the cycle from LOOP_FROM on. */
export const FULL_CYCLE: StepSpec[] = [
  ...INTO_MEASUREMENT,
  event('MEASUREMENT', { progress: 50, runtime: 15 }),
  event('MEASUREMENT', { metrics: METRICS, annotations: { note: 'synthetic' } }),
  event('WHATS_NEXT', null, 'ADJUST'),
  event('ADJUSTMENT', { progress: 0, runtime: 0, message: 'starting driver' }),
  event('ADJUSTMENT', { status: 'ok', state: DEMO_STATE }),
];

/** Index of the cycle's first WHATS_NEXT (the one answered with MEASURE). */
export const LOOP_FROM = 3;
