import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerResetRoute } from '../admin/reset-route.js';
import type { Config } from '../config/defaults.js';
import { FleetNames } from '../fleet/fleet-names.js';
import { buildServer } from '../http/build-server.js';
import { createObservation } from '../observe/observation.js';
import { CommandWriter } from '../protocol/command-writer.js';
import { DescriptorRegistry } from '../protocol/descriptor-registry.js';
import { resolveRules } from '../protocol/resolve-rules.js';
import { Sequencer } from '../protocol/sequencer.js';
import { FleetStats, type StatsSnapshot } from '../stats/fleet-stats.js';
import { createStore } from '../store/create-store.js';
import type { StateStore } from '../store/state-store.js';
import { VERSION } from '../version.js';

/** Distinct descriptors kept at most; a fleet normally has one or a few. */
const DESCRIPTOR_LIMIT = 1_000;

export interface EmulatorSinks {
  logger: Logger;
  /** Where the configuration came from, for the start-up line. */
  configSource: string;
  /** Milliseconds since the epoch; tests inject their own. */
  clock?: () => number;
}

/** The parts of a running emulator, for tests and the commands that embed one. */
export interface RunningEmulator {
  /** http://host:port as bound (port 0 resolved). */
  address: string;
  server: FastifyInstance;
  store: StateStore;
  stats: FleetStats;
  statsSnapshot(): StatsSnapshot;
  /** Finishes in-flight requests, closes keep-alive connections, flushes state. */
  close(): Promise<void>;
}

/** Wires configuration, store, sequencer and HTTP together and starts listening. */
export async function startEmulator(
  config: Config,
  sinks: EmulatorSinks,
): Promise<RunningEmulator> {
  const emulator = await createEmulator(config, sinks);
  const { host, port } = config.server;
  const address = await emulator.server.listen({ host, port }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });

  sinks.logger.info(
    {
      address,
      apps: config.fleet.apps,
      profile: config.sequence.profile,
      config: sinks.configSource,
      store: emulator.store.description,
      restored: emulator.store.apps.size,
    },
    'voracious listening',
  );
  return { ...emulator, address };
}

/** Everything but listening: `server.inject` tests use this directly. */
export async function createEmulator(
  config: Config,
  sinks: EmulatorSinks,
): Promise<Omit<RunningEmulator, 'address'>> {
  const stats = new FleetStats();
  const registry = new DescriptorRegistry(DESCRIPTOR_LIMIT);
  const store = createStore(config.state, {
    registry,
    stats,
    onFlushError: (error) => sinks.logger.error({ err: error }, 'state file flush failed'),
  });
  store.open();
  const observation = createObservation(config.observe, {
    apps: store.apps,
    stats,
    clock: sinks.clock ?? Date.now,
  });
  stats.rebuild(store.apps);

  const { rules, rejectWith } = resolveRules(config.sequence);
  const sequencer = new Sequencer({
    store,
    stats,
    registry,
    rules,
    rejectWith,
    commands: new CommandWriter(config, registry),
    resync: config.sequence.resync,
    logger: sinks.logger,
    clock: sinks.clock ?? Date.now,
    observer: observation.observer,
  });

  const server = await buildServer({
    logger: sinks.logger,
    bodyLimit: config.server.body_limit,
    sequencer,
    stats,
    fleet: new FleetNames(config.fleet),
    fleetOnly: config.fleet.only,
    token: config.server.token,
    version: VERSION,
    onFastAnswer: (milliseconds) => observation.metrics.latency.record(milliseconds),
    plugins: [
      observation.plugin,
      (server) => registerResetRoute(server, { store, stats, observation }),
    ],
  });

  const close = async () => {
    await server.close();
    store.close();
  };
  return { server, store, stats, statsSnapshot: () => stats.snapshot(), close };
}
