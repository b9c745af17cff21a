import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/defaults.js';
import { createLogger } from '../logging/create-logger.js';
import { startEmulator } from '../server/start-emulator.js';

/**
 * The demo's emulator, in a worker thread so that it and the swarm each
 * have a core: it posts its address, then closes when told to stop.
 */
const port = parentPort!;
const emulator = await startEmulator(workerData as Config, {
  logger: createLogger({ level: 'silent' }),
  configSource: 'demo defaults',
});

port.postMessage(emulator.address);
port.once('message', () => {
  void emulator.close().then(() => port.close());
});
