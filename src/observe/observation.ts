import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/defaults.js';
import type { FleetStats } from '../stats/fleet-stats.js';
import type { AppTable } from '../store/app-table.js';
import { registerAppsRoutes } from './apps-route.js';
import { registerDashboardRoutes } from './dashboard-route.js';
import { FleetObserver } from './fleet-observer.js';
import { createMetrics, type EmulatorMetrics } from './metrics.js';
import { registerMetricsRoute } from './metrics-route.js';
import { registerRejectionsRoute } from './rejections-route.js';

export interface ObservationParts {
  apps: AppTable;
  stats: FleetStats;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

/** What the composition root wires: the sequencer's observer and the observe routes. */
export interface Observation {
  observer: FleetObserver;
  metrics: EmulatorMetrics;
  plugin(server: FastifyInstance): void;
  /** Forgets histories, the rejection feed and latency, as a full reset asks. */
  clear(): void;
}

/** Builds the observe layer: histories, rejection feed, metrics, inspection and dashboard. */
export function createObservation(config: Config['observe'], parts: ObservationParts): Observation {
  const { apps, stats, clock } = parts;
  const observer = new FleetObserver({
    apps,
    clock,
    historyApps: config.history_apps,
    rejections: config.rejections,
  });
  const metrics = createMetrics(stats);

  const plugin = (server: FastifyInstance) => {
    registerMetricsRoute(server, metrics);
    registerAppsRoutes(server, { apps, observer });
    registerRejectionsRoute(server, observer);
    registerDashboardRoutes(server, { stats, observer, clock });
  };
  const clear = () => {
    observer.clear();
    metrics.latency.clear();
  };
  return { observer, metrics, plugin, clear };
}
