import pino from 'pino';
import { defaultConfig } from '../src/config/defaults.js';
import { startEmulator } from '../src/server/start-emulator.js';
import { answerParent, originOf } from './server-ipc.js';

// The default strict profile, as `voracious serve` runs it, on a free port.
const config = defaultConfig();
config.server.port = 0;
config.log.level = 'warn';

// Warnings go to stderr, which the bench parent shows only in part.
const logger = pino({ level: config.log.level }, pino.destination(2));
const emulator = await startEmulator(config, { logger, configSource: 'bench defaults' });

answerParent({
  origin: originOf(emulator.address),
  close: () => emulator.close(),
  snapshot: () => emulator.statsSnapshot(),
});
