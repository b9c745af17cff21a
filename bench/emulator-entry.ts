import pino from 'pino';
import { defaultConfig } from '../src/config/defaults.js';
import type { Config } from '../src/config/defaults.js';
import { startEmulator } from '../src/server/start-emulator.js';
import { answerParent, originOf } from './server-ipc.js';

/** The default strict profile, as `voracious serve` runs it, on a free port. */
export function benchConfig(): Config {
  const config = defaultConfig();
  config.server.port = 0;
  config.log.level = 'warn';
  return config;
}

/** Starts the emulator and answers the bench parent; `afterClose` runs once it has stopped. */
export async function serveEmulator(
  config: Config,
  configSource: string,
  afterClose: () => Promise<void> = async () => undefined,
): Promise<void> {
  // Warnings go to stderr, which the bench parent shows only in part.
  const logger = pino({ level: config.log.level }, pino.destination(2));
  const emulator = await startEmulator(config, { logger, configSource });

  answerParent({
    origin: originOf(emulator.address),
    close: async () => {
      await emulator.close();
      await afterClose();
    },
    snapshot: () => emulator.statsSnapshot(),
  });
}
