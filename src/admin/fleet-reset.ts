import { Phase } from '../protocol/phases.js';
import type { FleetStats } from '../stats/fleet-stats.js';
import type { StateStore } from '../store/state-store.js';

/** Everything that holds per-application state and must forget it together. */
export interface ResetTargets {
  store: StateStore;
  stats: FleetStats;
  /** The observe layer's histories and feeds. */
  observation: {
    clear(): void;
    observer: { forgetApp(slot: number): void };
  };
}

/** Forgets every application and every counter, as a fresh start would. */
export function resetFleet(targets: ResetTargets): number {
  const { store, stats, observation } = targets;
  const forgotten = store.apps.size;

  observation.clear();
  stats.clear();
  store.apps.removeAll();
  store.touchAll();
  return forgotten;
}

/**
 * Puts one application back to disconnected with no cycles or counters; it
 * stays known (same slot, same first-seen time). Fleet totals of events and
 * rejections keep counting what happened, as Prometheus counters do.
 */
export function resetApp(targets: ResetTargets, slot: number): void {
  const { store, stats, observation } = targets;
  const apps = store.apps;
  const from = apps.phase[slot] as Phase;
  const cycles = apps.cycles[slot]!;

  observation.observer.forgetApp(slot);
  apps.clear(slot);
  stats.appReset(cycles, from, Phase.DISCONNECTED);
  store.touch(slot);
}
