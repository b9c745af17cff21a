import { Pool } from 'undici';
import { AnswerTally } from './answer-check.js';
import { send } from './http-send.js';
import { nameWidth, servoPath } from './jobs.js';
import { Meter } from './meter.js';
import type { Job, LoadResult, ProbeJob, RepeatJob, SequenceJob, StepSpec } from './jobs.js';

interface PreparedStep {
  spec: StepSpec;
  body: Buffer;
}

/** Runs one job to its end and returns what it measured. */
export function runJob(job: Job): Promise<LoadResult> {
  if (job.kind === 'sequence') return runSequence(job);
  if (job.kind === 'repeat') return runRepeat(job);
  return runProbe(job);
}

/**
 * Request k goes to application k mod apps; an application's next request leaves only
 * after the answer to its previous one, even when the fleet is smaller than the pool.
 */
export async function runSequence(job: SequenceJob): Promise<LoadResult> {
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1 });
  const steps = prepare(job.steps);
  const position = new Uint8Array(job.apps).fill(job.startStep);
  const busy: (Promise<void> | undefined)[] = new Array<undefined>(job.apps);
  const width = nameWidth(job.apps);
  const meter = new Meter(job.timing);
  const tally = new AnswerTally(job.check);
  let next = 0;

  const advance = async (app: number): Promise<void> => {
    const index = position[app] ?? 0;
    const step = steps[index];
    if (step === undefined) throw new Error(`step ${index} is outside the script`);

    await sendStep(pool, servoPath(job.account, app, width), step, meter, tally);
    position[app] = index + 1 < steps.length ? index + 1 : job.loopFrom;
  };

  const turn = async (app: number): Promise<void> => {
    while (busy[app] !== undefined) await busy[app];

    const pending = advance(app);
    busy[app] = pending;
    await pending;
    busy[app] = undefined;
  };

  const worker = async (): Promise<void> => {
    while (meter.claim()) await turn(next++ % job.apps);
  };

  await Promise.all(Array.from({ length: job.connections }, worker));
  await pool.close();
  return meter.result(tally);
}

/** Sends the setup one request at a time, then the same request from every connection. */
export async function runRepeat(job: RepeatJob): Promise<LoadResult> {
  const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1 });
  const tally = new AnswerTally(job.check);
  const setupMeter = new Meter({ warmupMs: 0, durationMs: Infinity, maxRequests: null });

  for (const step of prepare(job.setup)) await sendStep(pool, job.path, step, setupMeter, tally);

  const meter = new Meter(job.timing);
  const [step] = prepare([{ body: job.body, expectCmd: null }]);
  const worker = async (): Promise<void> => {
    while (step !== undefined && meter.claim()) await sendStep(pool, job.path, step, meter, tally);
  };

  await Promise.all(Array.from({ length: job.connections }, worker));
  await pool.close();
  return meter.result(tally);
}

/** Times sequential GET requests over one keep-alive connection. */
export async function runProbe(job: ProbeJob): Promise<LoadResult> {
  const pool = new Pool(job.origin, { connections: 1, pipelining: 1 });
  const tally = new AnswerTally('status');
  const step: StepSpec = { body: '', expectCmd: null };
  const meter = new Meter({ warmupMs: 0, durationMs: Infinity, maxRequests: null });

  for (let i = 0; i < job.warmup; i += 1) await send(pool, 'GET', job.path, null);

  for (let i = 0; i < job.count; i += 1) {
    const startedAt = performance.now();
    tally.judge(await send(pool, 'GET', job.path, null), step, job.path);
    meter.done(startedAt);
  }

  await pool.close();
  return meter.result(tally);
}

async function sendStep(
  pool: Pool,
  path: string,
  step: PreparedStep,
  meter: Meter,
  tally: AnswerTally,
): Promise<void> {
  const startedAt = performance.now();
  try {
    tally.judge(await send(pool, 'POST', path, step.body), step.spec, path);
  } catch (error) {
    tally.transport(error, path);
  }
  meter.done(startedAt);
}

function prepare(specs: StepSpec[]): PreparedStep[] {
  return specs.map((spec) => ({ spec, body: Buffer.from(spec.body) }));
}
