import type { FastifyInstance } from 'fastify';
import { createEmulator, startEmulator } from '../../src/server/start-emulator.js';
import type { StatsSnapshot } from '../../src/stats/fleet-stats.js';
import { quietLogger, type QuietLogger } from './quiet-logger.js';
import { testConfig, type ConfigOverrides } from './test-config.js';

/** An emulator for `server.inject` tests, with its log kept in memory. */
export interface TestEmulator {
  server: FastifyInstance;
  log: QuietLogger;
  stats(): StatsSnapshot;
  close(): Promise<void>;
}

/** Builds an emulator from the test configuration plus `overrides`; does not listen. */
export async function injectEmulator(overrides: ConfigOverrides = {}): Promise<TestEmulator> {
  const log = quietLogger('warn');
  const emulator = await createEmulator(testConfig(overrides), {
    logger: log.logger,
    configSource: 'test',
  });
  return { server: emulator.server, log, stats: emulator.statsSnapshot, close: emulator.close };
}

/** Starts an emulator on 127.0.0.1 port 0; `address` is its base URL. */
export async function listeningEmulator(
  overrides: ConfigOverrides = {},
): Promise<TestEmulator & { address: string }> {
  const log = quietLogger('warn');
  const emulator = await startEmulator(testConfig(overrides), {
    logger: log.logger,
    configSource: 'test',
  });
  return {
    server: emulator.server,
    log,
    address: emulator.address,
    stats: emulator.statsSnapshot,
    close: emulator.close,
  };
}
