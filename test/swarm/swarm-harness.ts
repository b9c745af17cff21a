import { startEmulator } from '../../src/server/start-emulator.js';
import { runSwarmFlags, type SwarmResult } from '../../src/swarm/run-swarm.js';
import { defaultSwarmFlags, type SwarmFlags } from '../../src/swarm/swarm-flags.js';
import { quietLogger } from '../helpers/quiet-logger.js';
import { testConfig, type ConfigOverrides } from '../helpers/test-config.js';

/** A real emulator on 127.0.0.1, port 0 unless told, logging nowhere. */
export async function emulator(overrides: ConfigOverrides = {}) {
  const config = testConfig(overrides);
  config.log.level = 'silent';
  return startEmulator(config, { logger: quietLogger('silent').logger, configSource: 'test' });
}

/** What the emulator's GET / answers. */
export async function statistics(address: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${address}/`);
  return (await response.json()) as Record<string, unknown>;
}

/** Quick swarm flags: cycles mode, no think time, no live line. */
export function quickFlags(url: string, overrides: Partial<SwarmFlags> = {}): SwarmFlags {
  return {
    ...defaultSwarmFlags(),
    url,
    cycles: 2,
    durationMs: null,
    thinkTimeMs: 0,
    progressReports: 1,
    quiet: true,
    ...overrides,
  };
}

/** Runs a swarm and keeps its text report. */
export async function swarm(flags: SwarmFlags): Promise<SwarmResult & { text: string }> {
  const chunks: string[] = [];
  const result = await runSwarmFlags(flags, { stdout: { write: (t: string) => chunks.push(t) } });
  return { ...result, text: chunks.join('') };
}
