import {
  FlagError,
  parseCount,
  parseDuration,
  parseFraction,
  parseUrl,
  splitFlags,
} from './flag-values.js';
import { PLAN_DEFAULTS, type SwarmPlan } from './swarm-plan.js';

/** The plan's settings a flag sets as they are; apps are named later. */
type PlanFlags = Pick<
  SwarmPlan,
  | 'url'
  | 'account'
  | 'cycles'
  | 'durationMs'
  | 'thinkTimeMs'
  | 'jitter'
  | 'progressReports'
  | 'failureRate'
  | 'misbehaveRate'
  | 'connections'
  | 'retryForMs'
>;

/** What `voracious swarm` was asked to do, before the apps are named. */
export interface SwarmFlags extends PlanFlags {
  /** null: discover the names from application-overrides. */
  apps: number | null;
  appPrefix: string;
  seed: number;
  json: string | null;
  maxRejections: number | null;
  minFairness: number | null;
  quiet: boolean;
  help: boolean;
}

/** Flag values when nothing is given. */
export function defaultSwarmFlags(): SwarmFlags {
  return {
    url: PLAN_DEFAULTS.url,
    account: PLAN_DEFAULTS.account,
    apps: null,
    appPrefix: 'app',
    cycles: null,
    durationMs: null,
    thinkTimeMs: PLAN_DEFAULTS.thinkTimeMs,
    jitter: PLAN_DEFAULTS.jitter,
    progressReports: PLAN_DEFAULTS.progressReports,
    failureRate: PLAN_DEFAULTS.failureRate,
    misbehaveRate: PLAN_DEFAULTS.misbehaveRate,
    seed: 1,
    json: null,
    maxRejections: null,
    minFairness: null,
    connections: PLAN_DEFAULTS.connections,
    retryForMs: PLAN_DEFAULTS.retryForMs,
    quiet: false,
    help: false,
  };
}

type Setter = (flags: SwarmFlags, value: string, name: string) => void;

const SETTERS: Record<string, Setter> = {
  '--url': (f, v, n) => (f.url = parseUrl(n, v)),
  '--account': (f, v, n) => (f.account = parseName(n, v)),
  '--apps': (f, v, n) => (f.apps = parseCount(n, v, 1)),
  '--app-prefix': (f, v, n) => (f.appPrefix = parseName(n, v)),
  '--cycles': (f, v, n) => (f.cycles = parseCount(n, v, 1)),
  '--duration': (f, v, n) => (f.durationMs = parseDuration(n, v)),
  '--think-time': (f, v, n) => (f.thinkTimeMs = parseDuration(n, v)),
  '--jitter': (f, v, n) => (f.jitter = parseFraction(n, v)),
  '--progress-reports': (f, v, n) => (f.progressReports = parseCount(n, v, 0)),
  '--failure-rate': (f, v, n) => (f.failureRate = parseFraction(n, v)),
  '--misbehave': (f, v, n) => (f.misbehaveRate = parseFraction(n, v)),
  '--seed': (f, v, n) => (f.seed = parseCount(n, v, 0)),
  '--json': (f, v) => (f.json = v),
  '--max-rejections': (f, v, n) => (f.maxRejections = parseCount(n, v, 0)),
  '--min-fairness': (f, v, n) => (f.minFairness = parseFraction(n, v)),
  '--connections': (f, v, n) => (f.connections = parseCount(n, v, 1)),
  '--retry-for': (f, v, n) => (f.retryForMs = parseDuration(n, v)),
  '--quiet': (f, v, n) => (f.quiet = parseBoolean(n, v)),
  '--help': (f, v, n) => (f.help = parseBoolean(n, v)),
};

const BOOLEANS = new Set(['--quiet', '--help']);

/** Parses `voracious swarm` flags over `base`; throws FlagError on any mistake. */
export function parseSwarmFlags(argv: readonly string[], base = defaultSwarmFlags()): SwarmFlags {
  const flags = { ...base };
  const given = new Set<string>();

  for (const [name, value] of splitFlags(argv.map(shortHelp), BOOLEANS)) {
    const set = SETTERS[name];
    if (set === undefined) throw new FlagError(`unknown flag ${name}; see --help`);
    set(flags, value, name);
    given.add(name);
  }

  if (given.has('--duration') && given.has('--cycles')) {
    throw new FlagError('--duration and --cycles cannot be combined: a run ends by one of them');
  }
  if (flags.cycles === null && flags.durationMs === null) {
    flags.durationMs = PLAN_DEFAULTS.durationMs;
  }
  return flags;
}

function shortHelp(arg: string): string {
  return arg === '-h' ? '--help' : arg;
}

function parseName(flag: string, text: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(text)) {
    throw new FlagError(`${flag} must be 1 to 128 letters, digits, ".", "_" or "-", got "${text}"`);
  }
  return text;
}

function parseBoolean(flag: string, text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new FlagError(`${flag} takes no value or true/false, got "${text}"`);
}

/** App names `prefix00000`, `prefix00001`, ... as the emulator's fleet names them. */
export function numberedApps(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
}

export const SWARM_HELP = `Usage: voracious swarm [flags]

Emulates one classic servo per application against an OCO backend and
reports how evenly the load was served.

  --url URL               backend base URL (default ${PLAN_DEFAULTS.url})
  --account NAME          account name (default ${PLAN_DEFAULTS.account})
  --apps N                drive N apps named <prefix>00000...; without it the
                          names come from GET /accounts/{account}/application-overrides
  --app-prefix P          prefix of numbered app names (default app)
  --duration D            run for D, then every servo says GOODBYE (default 60s)
  --cycles N              instead, each servo stops after N MEASUREMENTs
  --think-time D          pause between two requests of a servo (default 200ms)
  --jitter F              think-time variation, e.g. 50% (default 50%)
  --progress-reports K    progress reports per MEASURE/ADJUST (default 3)
  --failure-rate P        fraction of finals sent as failed/rejected (default 0)
  --misbehave P           chance per step of breaking the sequence on purpose
  --seed S                seed of every random choice (default 1)
  --connections N         keep-alive connections in the pool (default ${PLAN_DEFAULTS.connections})
  --retry-for D           retry a failing request this long (default 30s)
  --json FILE             also write the report as JSON
  --max-rejections N      fail when more than N rejections were seen
  --min-fairness X        fail when Jain's index of cycles is below X
  --quiet                 no live progress line
  -h, --help              this help

Durations take ms, s or m (200ms, 60s, 2m). Exit status: 0 pass, 1 a gate
failed (unexpected rejection, unrecovered transport error, --max-rejections,
--min-fairness), 2 bad flags or backend not reachable.
`;
