import { formatSelfTime, readProfile, topSelfTime } from './cpu-profile-summary.js';
import { runInGenerator } from './processes.js';
import type { ServerHandle } from './processes.js';
import type { BenchOptions } from './options.js';
import { checkFor, mainServer, withServer } from './suite.js';
import type { SuiteIo } from './suite.js';
import { fleetJob } from './workloads/fleet.js';

const TOP_ENTRIES = 15;

/**
 * Runs the fleet workload against the emulator started with --cpu-prof and prints the
 * functions with most self time. Profiling slows the server, so no result file is written.
 */
export async function runProfile(
  options: BenchOptions,
  dir: string,
  io: SuiteIo & { out: NodeJS.WritableStream },
): Promise<void> {
  const server = mainServer();
  const flags = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  io.progress.write(`profiling ${server} under fleet into ${dir}\n`);

  const fleet = (origin: string) => fleetJob(origin, options.fleetApps, options, checkFor(server));
  const run = (handle: ServerHandle) => runInGenerator(fleet(handle.origin));
  const result = await withServer(server, io, run, flags);

  const top = topSelfTime(await readProfile(dir), TOP_ENTRIES);
  io.out.write(
    `fleet on ${server} under --cpu-prof: ${result.rps.toFixed(0)} req/s, ` +
      `p99 ${result.p99Ms.toFixed(2)} ms\n${formatSelfTime(top)}\n`,
  );
}
