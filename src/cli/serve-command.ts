import type { Logger } from 'pino';
import type { Config } from '../config/defaults.js';
import { createLogger } from '../logging/create-logger.js';
import { startEmulator } from '../server/start-emulator.js';
import type { CliIo } from './cli-io.js';
import { parseConfigArgs } from './config-flags.js';
import { configCommandHelp } from './help-text.js';
import { runUntilStopped } from './stop-on-signals.js';
import type { StopHooks, Stoppable } from './stop-on-signals.js';

const DESCRIPTION = [
  'Starts the emulator and serves until SIGINT or SIGTERM, which stop it',
  'gracefully: in-flight requests finish, state is flushed, the final statistics',
  'are logged and the exit code is 0. A second signal exits at once with code 1.',
  'Logs are JSON lines (pino) on stdout.',
];

/** What serve needs of startEmulator; tests pass a stand-in. */
export type StartEmulator = (
  config: Config,
  sinks: { logger: Logger; configSource: string },
) => Promise<Stoppable & { address: string }>;

export interface ServeHooks extends StopHooks {
  start: StartEmulator;
}

const processHooks: ServeHooks = {
  start: startEmulator,
  signals: process,
  forceExit: (code) => process.exit(code),
};

/** `voracious serve`: runs the emulator until a stop signal; resolves to the exit code. */
export async function runServe(
  argv: string[],
  io: CliIo,
  hooks: ServeHooks = processHooks,
): Promise<number> {
  const args = parseConfigArgs(argv, io, 'serve');
  if (args.help) {
    io.stdout.write(configCommandHelp('serve', DESCRIPTION));
    return 0;
  }

  const { config, source } = await args.load();
  const logger = createLogger({ level: config.log.level, destination: io.stdout });

  const start = () => hooks.start(config, { logger, configSource: source });
  return runUntilStopped(start, logger, hooks);
}
