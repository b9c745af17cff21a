import type { Logger } from 'pino';
import type { Config } from '../config/defaults.js';
import { createLogger } from '../logging/create-logger.js';
import type { CliIo } from './cli-io.js';
import { parseConfigArgs } from './config-flags.js';
import { configCommandHelp } from './help-text.js';
import { stopOnSignals } from './stop-on-signals.js';
import type { StopHooks, Stoppable } from './stop-on-signals.js';

const DESCRIPTION = [
  'Starts the emulator and serves until SIGINT or SIGTERM, which stop it',
  'gracefully: in-flight requests finish, state is flushed, the final statistics',
  'are logged and the exit code is 0. A second signal exits at once with code 1.',
  'Logs are JSON lines (pino) on stdout.',
];

type StartEmulator = (
  config: Config, sinks: { logger: Logger; configSource: string },
) => Promise<Stoppable & { address: string }>;

export interface ServeHooks extends StopHooks {
  start: StartEmulator;
}

// Bound at run time so the CLI builds while the composition root is written.
const START_EMULATOR_MODULE = '../server/start-emulator.js';

const processHooks: ServeHooks = {
  start: async (config, sinks) => {
    const module = (await import(START_EMULATOR_MODULE)) as { startEmulator: StartEmulator };
    return module.startEmulator(config, sinks);
  },
  signals: process,
  forceExit: (code) => process.exit(code),
};

/** `voracious serve`: runs the emulator until a stop signal; resolves to the exit code. */
export async function runServe(
  argv: string[], io: CliIo, hooks: ServeHooks = processHooks,
): Promise<number> {
  const args = parseConfigArgs(argv, io, 'serve');
  if (args.help) {
    io.stdout.write(configCommandHelp('serve', DESCRIPTION));
    return 0;
  }

  const { config, source } = await args.load();
  const logger = createLogger({ level: config.log.level, destination: io.stdout });

  const emulator = await hooks.start(config, { logger, configSource: source });
  return stopOnSignals(emulator, logger, hooks);
}
