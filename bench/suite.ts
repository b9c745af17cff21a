import { existsSync } from 'node:fs';
import os from 'node:os';
import { isValid } from './jobs.js';
import type { CheckMode, Job, LoadResult } from './jobs.js';
import type { BenchOptions, WorkloadName } from './options.js';
import { runInGenerator, startServer } from './processes.js';
import type { ServerHandle } from './processes.js';
import { fleetJob } from './workloads/fleet.js';
import { hotJob } from './workloads/hot.js';
import { runScale } from './workloads/scale.js';
import type { ScaleResult } from './workloads/scale.js';

/** persist is voracious with a state file flushed at the default interval. */
export type ServerName = 'bare' | 'voracious' | 'persist';

/** One workload measured against one server. */
export interface Row {
  workload: WorkloadName;
  server: ServerName;
  result: LoadResult;
  valid: boolean;
  /** One-minute load average when the round started: other work on the machine shows here. */
  loadBefore: number;
}

/** Everything one run measured. */
export interface SuiteResults {
  rows: Row[];
  scale: ScaleResult | null;
  scaleServer: ServerName | null;
  notes: string[];
}

/** Where the bench writes progress and warnings while it runs. */
export interface SuiteIo {
  progress: NodeJS.WritableStream;
}

const EMULATOR_ROOT = new URL('../src/server/start-emulator.js', import.meta.url);

/** True once the emulator's composition root has been built next to the bench. */
export function voraciousAvailable(): boolean {
  return existsSync(EMULATOR_ROOT);
}

/** The servers to compare: the baseline always, the emulator in memory and persisted. */
export function serversUnderTest(): ServerName[] {
  return voraciousAvailable() ? ['bare', 'voracious', 'persist'] : ['bare'];
}

/** The server scale, stats and profiling run on: the in-memory emulator once it exists. */
export function mainServer(): ServerName {
  return voraciousAvailable() ? 'voracious' : 'bare';
}

/** Answers are judged by protocol for the emulator; the baseline ignores the protocol. */
export function checkFor(server: ServerName): CheckMode {
  return server === 'bare' ? 'status' : 'protocol';
}

/** Starts a server under test in its own process, with extra Node flags if given. */
export function launch(server: ServerName, io: SuiteIo, nodeFlags: string[] = []) {
  return startServer(`${server}-server`, nodeFlags, io.progress);
}

/** Runs the selected workloads, each against a freshly started server. */
export async function runSuite(options: BenchOptions, io: SuiteIo): Promise<SuiteResults> {
  const servers = serversUnderTest();
  const results: SuiteResults = { rows: [], scale: null, scaleServer: null, notes: [] };
  if (!servers.includes('voracious')) {
    results.notes.push('src/server/start-emulator.ts is not built yet: the baseline ran alone');
  }

  for (const workload of ['hot', 'fleet'] as const) {
    if (options.only.includes(workload)) {
      results.rows.push(...(await bestRounds(workload, servers, options, io)));
    }
  }

  if (options.only.includes('scale') || options.only.includes('stats')) {
    results.scaleServer = mainServer();
    results.scale = await scaleSession(results.scaleServer, options, io);
  }
  return results;
}

/** Alternates the servers round by round and keeps each server's best valid round. */
async function bestRounds(
  workload: 'hot' | 'fleet',
  servers: ServerName[],
  options: BenchOptions,
  io: SuiteIo,
): Promise<Row[]> {
  const best = new Map<ServerName, Row>();
  for (let round = 0; round < options.rounds; round += 1) {
    for (const server of servers) {
      const row = await compare(workload, server, options, io);
      if (better(row, best.get(server))) best.set(server, row);
    }
  }
  return [...best.values()];
}

function better(row: Row, kept: Row | undefined): boolean {
  if (kept === undefined) return true;
  if (row.valid !== kept.valid) return row.valid;
  return row.result.rps > kept.result.rps;
}

async function compare(
  workload: 'hot' | 'fleet',
  server: ServerName,
  options: BenchOptions,
  io: SuiteIo,
): Promise<Row> {
  const seconds = (options.warmupMs + options.durationMs) / 1000;
  const loadBefore = os.loadavg()[0] ?? 0;
  io.progress.write(`${workload} on ${server}: ${seconds} s (load ${loadBefore.toFixed(2)})\n`);

  const result = await withServer(server, io, (handle) => {
    const job: Job =
      workload === 'hot'
        ? hotJob(handle.origin, options, checkFor(server))
        : fleetJob(handle.origin, options.fleetApps, options, checkFor(server));
    return runInGenerator(job);
  });
  return { workload, server, result, valid: isValid(result), loadBefore };
}

async function scaleSession(
  server: ServerName,
  options: BenchOptions,
  io: SuiteIo,
): Promise<ScaleResult> {
  io.progress.write(`scale on ${server}: registering ${options.scaleApps} apps\n`);

  const parts = { fleet: options.only.includes('scale'), stats: options.only.includes('stats') };
  return withServer(server, io, (handle) => runScale(handle, options, checkFor(server), parts));
}

/** Runs a task against a fresh server and always stops the server afterwards. */
export async function withServer<T>(
  server: ServerName,
  io: SuiteIo,
  task: (handle: ServerHandle) => Promise<T>,
  nodeFlags: string[] = [],
): Promise<T> {
  const handle = await launch(server, io, nodeFlags);
  try {
    return await task(handle);
  } finally {
    await handle.stop();
  }
}
