import { parseArgs } from 'node:util';

export const WORKLOADS = ['hot', 'fleet', 'scale', 'stats'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/** Everything a bench run can be told; durations in milliseconds. */
export interface BenchOptions {
  quick: boolean;
  only: WorkloadName[];
  warmupMs: number;
  durationMs: number;
  connections: number;
  fleetApps: number;
  scaleApps: number;
  statsSamples: number;
  /** Rounds of hot and fleet per server; the best round counts (others' load only slows). */
  rounds: number;
  /** Profile the emulator under the fleet workload into this folder instead of benchmarking. */
  profileDir: string | null;
}

export const USAGE = `npm run bench -- [options]
  --quick              short run: 1 s warm-up, 3 s measuring, 100,000 apps for scale (BENCH_QUICK=1)
  --only LIST          workloads to run, from hot,fleet,scale,stats (BENCH_ONLY)
  --duration SECONDS   measuring time per workload (BENCH_DURATION, default 10)
  --warmup SECONDS     warm-up before measuring (BENCH_WARMUP, default 3)
  --connections N      keep-alive connections of the generator (default 100)
  --fleet-apps N       applications of the fleet workload (default 5000)
  --scale-apps N       applications of the scale and stats workloads (BENCH_SCALE_APPS)
  --stats-samples N    sequential GET / requests timed by stats (default 500)
  --rounds N           rounds of hot and fleet per server, best kept (BENCH_ROUNDS, default 1)
  --profile DIR        only profile the emulator (--cpu-prof) under the fleet workload
  --help               this text
`;

/** Reads flags, then BENCH_* environment variables, then defaults (quick or full). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'fleet-apps': { type: 'string' },
      'scale-apps': { type: 'string' },
      'stats-samples': { type: 'string' },
      rounds: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return null;

  const quick = values.quick ?? env['BENCH_QUICK'] === '1';
  return {
    quick,
    only: workloadList(values.only ?? env['BENCH_ONLY']),
    warmupMs: seconds('warmup', values.warmup ?? env['BENCH_WARMUP'], quick ? 1 : 3),
    durationMs: seconds('duration', values.duration ?? env['BENCH_DURATION'], quick ? 3 : 10),
    connections: count('connections', values.connections, 100),
    fleetApps: count('fleet-apps', values['fleet-apps'], 5_000),
    scaleApps: count(
      'scale-apps',
      values['scale-apps'] ?? env['BENCH_SCALE_APPS'],
      quick ? 100_000 : 1_000_000,
    ),
    statsSamples: count('stats-samples', values['stats-samples'], quick ? 200 : 500),
    rounds: count('rounds', values.rounds ?? env['BENCH_ROUNDS'], 1),
    profileDir: values.profile ?? null,
  };
}

function workloadList(text: string | undefined): WorkloadName[] {
  if (text === undefined || text === '') return [...WORKLOADS];

  return text.split(',').map((name) => {
    const known = WORKLOADS.find((workload) => workload === name.trim());
    if (known === undefined) {
      throw new Error(`--only: unknown workload "${name}"; expected some of ${WORKLOADS}`);
    }
    return known;
  });
}

function seconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback * 1000;

  const value = Number(text);
  if (!(value >= 0)) throw new Error(`--${name} must be a number of seconds >= 0, got "${text}"`);
  return value * 1000;
}

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;

  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer, got "${text}"`);
  }
  return value;
}
