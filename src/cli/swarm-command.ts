import { DiscoveryError } from '../swarm/discover-apps.js';
import { FlagError } from '../swarm/flag-values.js';
import { runSwarmFlags } from '../swarm/run-swarm.js';
import { parseSwarmFlags, SWARM_HELP } from '../swarm/swarm-flags.js';
import type { CliIo } from './cli-io.js';
import type { SignalSource } from './stop-on-signals.js';

/** How the swarm command hears Ctrl-C; tests pass an EventEmitter. */
export interface SwarmHooks {
  signals: SignalSource;
  /** Ends the process at once; called on a second signal while servos say GOODBYE. */
  forceExit(code: number): void;
}

const processHooks: SwarmHooks = {
  signals: process,
  forceExit: (code) => process.exit(code),
};

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** `voracious swarm`: drives one emulated servo per app; resolves to the exit code. */
export async function runSwarm(
  argv: string[],
  io: CliIo,
  hooks: SwarmHooks = processHooks,
): Promise<number> {
  try {
    const flags = parseSwarmFlags(argv);
    if (flags.help) {
      io.stdout.write(SWARM_HELP);
      return 0;
    }
    const result = await withStopSignals(hooks, (signal) =>
      runSwarmFlags(flags, { stdout: io.stdout, signal }),
    );
    return result.exitCode;
  } catch (error) {
    if (!(error instanceof FlagError || error instanceof DiscoveryError)) throw error;
    io.stderr.write(`voracious swarm: ${error.message}\n`);
    return 2;
  }
}

/**
 * Runs `work` with an AbortSignal that the first SIGINT or SIGTERM aborts
 * (every servo then says GOODBYE with that reason); a second one exits at once.
 */
export async function withStopSignals<T>(
  hooks: SwarmHooks,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) hooks.forceExit(130);
    else controller.abort(signal);
  };

  STOP_SIGNALS.forEach((name) => hooks.signals.on(name, onSignal));
  try {
    return await work(controller.signal);
  } finally {
    STOP_SIGNALS.forEach((name) => hooks.signals.off(name, onSignal));
  }
}
