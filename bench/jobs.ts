/** One request of an application's script, as the generator sends it. */
export interface StepSpec {
  body: string;
  /** The command a WHATS_NEXT answer must carry; null when the answer is a status. */
  expectCmd: string | null;
}

/** How answers are judged: the emulator's protocol, or only the HTTP status. */
export type CheckMode = 'protocol' | 'status';

export interface Timing {
  warmupMs: number;
  durationMs: number;
  /** Stop after this many requests, whatever the time (null: run for the duration). */
  maxRequests: number | null;
}

/** Many applications, each walking its own script; request k goes to app k mod apps. */
export interface SequenceJob {
  kind: 'sequence';
  origin: string;
  connections: number;
  apps: number;
  account: string;
  steps: StepSpec[];
  /** Where the script continues after its last step. */
  loopFrom: number;
  /** The step every application starts at (1 when HELLO was already sent). */
  startStep: number;
  timing: Timing;
  check: CheckMode;
}

/** One request sent by every connection over and over, after a sequential setup. */
export interface RepeatJob {
  kind: 'repeat';
  origin: string;
  connections: number;
  path: string;
  setup: StepSpec[];
  body: string;
  timing: Timing;
  check: CheckMode;
}

/** Sequential GET requests, one at a time, to time a read endpoint. */
export interface ProbeJob {
  kind: 'probe';
  origin: string;
  path: string;
  warmup: number;
  count: number;
}

export type Job = SequenceJob | RepeatJob | ProbeJob;

/** What a job measured; latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  rejections: number;
  mismatches: number;
  transportErrors: number;
  /** Share of one core the generator used while measuring. */
  generatorCpu: number;
  /** The first wrong answer, quoted, so an invalid run says why. */
  firstProblem: string | null;
}

/** True when nothing went wrong: no error status, rejection, wrong command or transport error. */
export function isValid(result: LoadResult): boolean {
  const problems = result.non2xx + result.rejections + result.mismatches + result.transportErrors;
  return problems === 0 && result.requests > 0;
}

/** How many digits app names need for a fleet of this size (at least 5, as the emulator's). */
export function nameWidth(apps: number): number {
  return Math.max(5, String(Math.max(apps - 1, 0)).length);
}

/** The path of an application's servo endpoint. */
export function servoPath(account: string, app: number, width: number): string {
  return `/accounts/${account}/applications/app${String(app).padStart(width, '0')}/servo`;
}
