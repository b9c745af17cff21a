import { defaultConfig } from '../src/config/defaults.js';
import type { LoadResult } from './jobs.js';
import type { BenchOptions } from './options.js';
import type { Row, ServerName, SuiteResults } from './suite.js';
import type { MemoryGrowth, ScaleResult } from './workloads/scale.js';

/** The targets: printed against the figures, never asserted. */
export const TARGETS = { ratio: 0.8, p99Ms: 5, bytesPerApp: 120, statsMs: 5 };

/** One target compared with its measured figure. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

const HEADER = [
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'max ms',
  'errors',
  'gen CPU',
  'valid',
  'load',
];
const WIDTHS = [10, 9, 8, 8, 8, 7, 8, 6, 6];

/** The emulators whose targets are checked, each with how its target lines name it. */
const EMULATORS = [
  { server: 'voracious', label: '' },
  { server: 'persist', label: ' with persistence' },
] as const;

/** The throughput ratio server / base of one workload, or null when either is missing. */
export function ratioOf(
  rows: Row[],
  workload: string,
  server: ServerName = 'voracious',
  base: ServerName = 'bare',
): number | null {
  const top = rows.find((row) => row.workload === workload && row.server === server);
  const bottom = rows.find((row) => row.workload === workload && row.server === base);
  if (top === undefined || bottom === undefined) return null;
  return top.result.rps / bottom.result.rps;
}

/** Every ratio of a run by name, as results.json keeps them. */
export function ratiosOf(rows: Row[]): Record<string, number | null> {
  const ratios: Record<string, number | null> = {};
  for (const workload of ['hot', 'fleet']) {
    ratios[workload] = ratioOf(rows, workload);
    ratios[`${workload}_persist`] = ratioOf(rows, workload, 'persist');
    ratios[`${workload}_persist_to_voracious`] = ratioOf(rows, workload, 'persist', 'voracious');
  }
  return ratios;
}

/** The whole human-readable report of a run. */
export function formatReport(results: SuiteResults, options: BenchOptions): string {
  const parts: string[] = [];
  for (const workload of ['hot', 'fleet'] as const) {
    const rows = results.rows.filter((row) => row.workload === workload);
    if (rows.length > 0) parts.push(formatComparison(workload, rows, results.rows, options));
  }

  if (results.scale !== null) parts.push(formatScale(results.scale, results.scaleServer));
  parts.push(formatGeneratorCheck(results.rows));
  parts.push(formatTargets(checkTargets(results)));
  parts.push(...results.notes.map((note) => `note: ${note}`));
  return parts.join('\n\n') + '\n';
}

function formatComparison(
  workload: 'hot' | 'fleet',
  rows: Row[],
  all: Row[],
  options: BenchOptions,
): string {
  const apps = workload === 'hot' ? '1 app' : `${options.fleetApps.toLocaleString('en')} apps`;
  const title =
    `${workload} (${apps}, ${options.connections} connections, ` +
    `${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up, ` +
    `best of ${options.rounds})`;
  const lines = [
    title,
    tableLine(HEADER),
    ...rows.map((row) => rowLine(row.server, row.result, row.loadBefore)),
    ...ratioLines(all, workload),
  ];

  if (rows.some((row) => row.server === 'persist')) lines.push(PERSIST_LEGEND);
  lines.push(...problems(rows));
  return lines.join('\n');
}

const PERSIST_LEGEND =
  `persist: voracious with state.file, flushed every ${defaultConfig().state.flush_interval} ms ` +
  '(the default)';

function ratioLines(rows: Row[], workload: string): string[] {
  const pairs = [
    ['voracious', 'bare'],
    ['persist', 'bare'],
    ['persist', 'voracious'],
  ] as const;
  return pairs.flatMap(([server, base]) => {
    const ratio = ratioOf(rows, workload, server, base);
    return ratio === null ? [] : [`ratio ${server} / ${base}: ${ratio.toFixed(2)}`];
  });
}

function formatScale(scale: ScaleResult, server: string | null): string {
  const registration = scale.registration;
  const lines = [
    `scale (${scale.apps.toLocaleString('en')} apps on ${server})`,
    `registration: ${registration.requests.toLocaleString('en')} HELLO in ` +
      `${(registration.elapsedMs / 1000).toFixed(1)} s (${fixed(registration.rps, 0)} req/s, ` +
      `p99 ${fixed(registration.p99Ms, 2)} ms, errors ${errorsOf(registration)})`,
    `memory after registration: ${memoryLine(scale.afterRegistration)}`,
  ];

  if (scale.fleet !== null) {
    lines.push('fleet over all apps:', tableLine(HEADER), rowLine(server ?? '', scale.fleet));
  }
  if (scale.afterFleet !== null) lines.push(`memory after fleet: ${memoryLine(scale.afterFleet)}`);
  if (scale.stats !== null) lines.push(statsLine(scale.stats, scale.apps));
  lines.push(...scaleProblems(scale));
  return lines.join('\n');
}

function memoryLine(growth: MemoryGrowth): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return (
    `${growth.rssPerApp.toFixed(1)} B/app RSS, ${growth.heapPerApp.toFixed(1)} B/app heap, ` +
    `${growth.externalPerApp.toFixed(1)} B/app external ` +
    `(RSS ${mib(growth.before.rss)} -> ${mib(growth.after.rss)}, ` +
    `heap ${mib(growth.before.heapUsed)} -> ${mib(growth.after.heapUsed)}, ` +
    `external ${mib(growth.before.external)} -> ${mib(growth.after.external)})`
  );
}

function statsLine(stats: LoadResult, apps: number): string {
  return (
    `stats: GET / with ${apps.toLocaleString('en')} apps, ${stats.requests} sequential requests: ` +
    `p50 ${fixed(stats.p50Ms, 3)} ms, p99 ${fixed(stats.p99Ms, 3)} ms, ` +
    `max ${fixed(stats.maxMs, 3)} ms, errors ${errorsOf(stats)}`
  );
}

function formatGeneratorCheck(rows: Row[]): string {
  const lines = ['generator check (the same generator must drive the baseline faster):'];
  for (const workload of ['hot', 'fleet']) {
    const bare = rows.find((row) => row.workload === workload && row.server === 'bare');
    const voracious = rows.find((row) => row.workload === workload && row.server === 'voracious');
    if (bare === undefined) continue;

    const cpu = `generator CPU ${percent(bare.result.generatorCpu)} of a core`;
    if (voracious === undefined) {
      lines.push(`  ${workload}: bare ${fixed(bare.result.rps, 0)} req/s (${cpu})`);
      continue;
    }
    const faster = bare.result.rps > voracious.result.rps;
    lines.push(
      `  ${workload}: bare ${fixed(bare.result.rps, 0)} req/s vs voracious ` +
        `${fixed(voracious.result.rps, 0)} req/s (${cpu}): ` +
        (faster ? 'not the bottleneck' : 'NOT SHOWN: the emulator ran as fast as the baseline'),
    );
  }
  return lines.join('\n');
}

/** Compares every target the run has figures for. */
export function checkTargets(results: SuiteResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const workload of ['hot', 'fleet']) {
    for (const { server, label } of EMULATORS) {
      checks.push(...workloadTargets(results.rows, workload, server, label));
    }
  }

  const scale = results.scaleServer === 'voracious' ? results.scale : null;
  if (scale !== null) checks.push(...scaleTargets(scale));
  return checks;
}

function workloadTargets(
  rows: Row[],
  workload: string,
  server: ServerName,
  label: string,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = ratioOf(rows, workload, server);
  if (ratio !== null) checks.push(atLeast(`${workload} ratio${label}`, ratio, TARGETS.ratio, ''));

  const row = rows.find((r) => r.workload === workload && r.server === server);
  if (row !== undefined) {
    checks.push(atMost(`${workload} p99${label}`, row.result.p99Ms, TARGETS.p99Ms, ' ms'));
  }
  return checks;
}

function scaleTargets(scale: ScaleResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const memory = scale.afterFleet ?? scale.afterRegistration;
  const apps = scale.apps.toLocaleString('en');
  checks.push(atMost(`RSS per app at ${apps}`, memory.rssPerApp, TARGETS.bytesPerApp, ' B'));
  const live = memory.heapPerApp + memory.externalPerApp;
  checks.push(atMost(`heap + external per app at ${apps}`, live, TARGETS.bytesPerApp, ' B'));

  if (scale.fleet !== null) {
    checks.push(atMost(`scale fleet p99`, scale.fleet.p99Ms, TARGETS.p99Ms, ' ms'));
  }
  if (scale.stats !== null) {
    checks.push(atMost(`GET / p99 at ${apps}`, scale.stats.p99Ms, TARGETS.statsMs, ' ms'));
  }
  return checks;
}

function formatTargets(checks: TargetCheck[]): string {
  if (checks.length === 0) return 'targets: no emulator figures in this run';
  const lines = checks.map(
    (check) => `  ${check.met ? 'met   ' : 'MISSED'} ${check.target}: ${check.measured}`,
  );
  return ['targets (not asserted):', ...lines].join('\n');
}

function atLeast(name: string, value: number, target: number, unit: string): TargetCheck {
  const measured = `${value.toFixed(2)}${unit} (target >= ${target}${unit})`;
  return { target: name, measured, met: value >= target };
}

function atMost(name: string, value: number, target: number, unit: string): TargetCheck {
  const measured = `${value.toFixed(2)}${unit} (target <= ${target}${unit})`;
  return { target: name, measured, met: value <= target };
}

function problems(rows: Row[]): string[] {
  return rows
    .filter((row) => !row.valid)
    .map((row) => `INVALID on ${row.server}: ${describeProblem(row.result)}`);
}

function scaleProblems(scale: ScaleResult): string[] {
  const phases = { registration: scale.registration, fleet: scale.fleet, stats: scale.stats };
  return Object.entries(phases)
    .filter(([, result]) => result !== null && errorsOf(result) > 0)
    .map(([phase, result]) => `INVALID ${phase}: ${describeProblem(result as LoadResult)}`);
}

function describeProblem(result: LoadResult): string {
  if (result.requests === 0) return 'no request completed';
  return (
    `${result.non2xx} non-2xx, ${result.rejections} rejections, ` +
    `${result.mismatches} wrong commands, ${result.transportErrors} transport errors; ` +
    `first: ${result.firstProblem}`
  );
}

function rowLine(server: string, result: LoadResult, load: number | null = null): string {
  return tableLine([
    server,
    fixed(result.rps, 0),
    fixed(result.p50Ms, 2),
    fixed(result.p99Ms, 2),
    fixed(result.maxMs, 1),
    String(errorsOf(result)),
    percent(result.generatorCpu),
    errorsOf(result) === 0 && result.requests > 0 ? 'yes' : 'NO',
    load === null ? '' : load.toFixed(2),
  ]);
}

/** Every wrong answer of a result, whatever its kind. */
export function errorsOf(result: LoadResult): number {
  return result.non2xx + result.rejections + result.mismatches + result.transportErrors;
}

function tableLine(cells: string[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(WIDTHS[i] ?? 8) : cell.padStart(WIDTHS[i] ?? 8)))
    .join(' ');
}

function fixed(value: number, digits: number): string {
  return value.toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function percent(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}
