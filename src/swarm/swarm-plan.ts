/** Everything a swarm run is told to do, once flags are parsed and apps are named. */
export interface SwarmPlan {
  url: string;
  account: string;
  apps: readonly string[];
  /** Each servo says GOODBYE after this many MEASUREMENTs; null runs for `durationMs`. */
  cycles: number | null;
  durationMs: number | null;
  thinkTimeMs: number;
  /** Fraction of the think time a delay may vary by, 0 to 1. */
  jitter: number;
  progressReports: number;
  failureRate: number;
  misbehaveRate: number;
  connections: number;
  /** How long a request is retried after its first transport failure. */
  retryForMs: number;
  /** Longest SLEEP honoured; a backend asking for more is cut short. */
  maxSleepMs: number;
  /** How long after the stop servos may take to say GOODBYE. */
  graceMs: number;
}

/** The plan's values when no flag changes them (apps and url aside). */
export const PLAN_DEFAULTS = {
  url: 'http://127.0.0.1:8080',
  account: 'acme',
  durationMs: 60_000,
  thinkTimeMs: 200,
  jitter: 0.5,
  progressReports: 3,
  failureRate: 0,
  misbehaveRate: 0,
  connections: 64,
  retryForMs: 30_000,
  maxSleepMs: 5_000,
  graceMs: 10_000,
} as const;
