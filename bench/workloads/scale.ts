import type { LoadResult, CheckMode } from '../jobs.js';
import type { BenchOptions } from '../options.js';
import { runInGenerator } from '../processes.js';
import type { ServerHandle } from '../processes.js';
import { fleetJob, registrationJob } from './fleet.js';
import { statsJob } from './stats.js';

/** Memory growth inside the server process, divided by the number of apps. */
export interface MemoryGrowth {
  rssPerApp: number;
  heapPerApp: number;
  /** Typed arrays and buffers live outside the V8 heap, so heapUsed alone would miss them. */
  externalPerApp: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
}

/** What the many-apps session measured; fleet and stats are null when not selected. */
export interface ScaleResult {
  apps: number;
  registration: LoadResult;
  afterRegistration: MemoryGrowth;
  fleet: LoadResult | null;
  afterFleet: MemoryGrowth | null;
  stats: LoadResult | null;
}

/**
 * Registers the apps (one HELLO each), then optionally drives the fleet cycle over all of
 * them and times GET /; memory is read in the server after forced collections.
 */
export async function runScale(
  server: ServerHandle,
  options: BenchOptions,
  check: CheckMode,
  parts: { fleet: boolean; stats: boolean },
): Promise<ScaleResult> {
  const apps = options.scaleApps;
  const before = await server.memory();

  const registration = await runInGenerator(registrationJob(server.origin, apps, options, check));
  const afterRegistration = growth(before, await server.memory(), apps);

  const fleet = parts.fleet
    ? await runInGenerator(fleetJob(server.origin, apps, options, check, 1))
    : null;
  const afterFleet = parts.fleet ? growth(before, await server.memory(), apps) : null;

  const stats = parts.stats ? await runInGenerator(statsJob(server.origin, options)) : null;
  return { apps, registration, afterRegistration, fleet, afterFleet, stats };
}

function growth(before: NodeJS.MemoryUsage, after: NodeJS.MemoryUsage, apps: number): MemoryGrowth {
  return {
    rssPerApp: (after.rss - before.rss) / apps,
    heapPerApp: (after.heapUsed - before.heapUsed) / apps,
    externalPerApp: (after.external - before.external) / apps,
    before,
    after,
  };
}
