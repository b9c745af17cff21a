import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { MAX_FLEET_APPS } from '../config/config-schema.js';
import { defaultConfig } from '../config/defaults.js';
import { FlagError } from '../swarm/flag-values.js';
import { runSwarmFlags } from '../swarm/run-swarm.js';
import { defaultSwarmFlags, parseSwarmFlags, type SwarmFlags } from '../swarm/swarm-flags.js';
import type { CliIo } from './cli-io.js';
import { withStopSignals, type SwarmHooks } from './swarm-command.js';

const DEMO_APPS = 5_000;

const DEMO_HELP = `Usage: voracious demo [swarm flags]

Starts an emulator in a worker thread of this process with a fleet of ${DEMO_APPS} applications,
runs a swarm against it for 10 s (one servo per listed app), prints the swarm
report and the emulator's GET / statistics, and stops both.

Takes the flags of voracious swarm except --url; defaults differ:
--apps ${DEMO_APPS} (the fleet size), --duration 10s, --think-time 100ms.
`;

const processHooks: SwarmHooks = {
  signals: process,
  forceExit: (code) => process.exit(code),
};

/** `voracious demo`: the emulator and a swarm in one process, then both reports. */
export async function runDemo(
  argv: string[],
  io: CliIo,
  hooks: SwarmHooks = processHooks,
): Promise<number> {
  let flags: SwarmFlags;
  try {
    flags = parseDemoFlags(argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    io.stderr.write(`voracious demo: ${error.message}\n`);
    return 2;
  }

  if (flags.help) {
    io.stdout.write(DEMO_HELP);
    return 0;
  }
  return runAgainstOwnEmulator(flags, io, hooks);
}

function parseDemoFlags(argv: readonly string[]): SwarmFlags {
  if (argv.some((arg) => arg === '--url' || arg.startsWith('--url='))) {
    throw new FlagError('--url is not used by demo: it starts its own emulator');
  }

  const base = { ...defaultSwarmFlags(), durationMs: 10_000, thinkTimeMs: 100 };
  const flags = parseSwarmFlags(argv, base);
  // The demo's emulator lists its fleet, so the fleet's limit applies here too.
  if (flags.apps !== null && flags.apps > MAX_FLEET_APPS) {
    throw new FlagError(`--apps must be at most ${MAX_FLEET_APPS} (fleet.apps), got ${flags.apps}`);
  }
  return { ...flags, apps: flags.apps ?? DEMO_APPS };
}

async function runAgainstOwnEmulator(flags: SwarmFlags, io: CliIo, hooks: SwarmHooks) {
  const config = defaultConfig();
  config.server.port = 0;
  config.log.level = 'silent';
  config.fleet.apps = flags.apps ?? DEMO_APPS;

  const worker = new Worker(new URL('./demo-emulator.js', import.meta.url), { workerData: config });
  try {
    const [address] = (await once(worker, 'message')) as [string];
    io.stdout.write(
      `voracious demo: emulator at ${address} listing ` +
        `${config.fleet.apps} apps; swarm of one servo per listed app\n`,
    );
    // Discovering the names exercises application-overrides, as a real fleet would.
    const swarmFlags = { ...flags, url: address, apps: null };
    const result = await withStopSignals(hooks, (signal) =>
      runSwarmFlags(swarmFlags, { stdout: io.stdout, signal }),
    );

    io.stdout.write(`emulator GET /:\n${await statisticsText(address)}\n`);
    return result.exitCode;
  } finally {
    worker.postMessage('stop');
    await once(worker, 'exit');
  }
}

async function statisticsText(address: string): Promise<string> {
  const response = await fetch(`${address}/`);
  return JSON.stringify(await response.json(), null, 2);
}
