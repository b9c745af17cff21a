import type { DescriptorRegistry } from '../protocol/descriptor-registry.js';
import type { FleetStats } from '../stats/fleet-stats.js';
import type { AppTable } from './app-table.js';

/**
 * What lives beside the table and must survive a restart with it: the
 * interned descriptors the table's ids point to, and the fleet-wide
 * counters (events, rejections by code...) no table column holds.
 */
export interface StoreCompanions {
  registry: DescriptorRegistry;
  stats: FleetStats;
  /** Told when a background flush fails; the changes stay marked and the next flush retries. */
  onFlushError(error: unknown): void;
}

/**
 * Where applications' state lives. Every backend keeps the hot state in an
 * AppTable, so the sequencer works on memory alone; a backend that persists
 * is told which slots changed and writes them off the request path.
 */
export interface StateStore {
  readonly apps: AppTable;
  /** Short name for logs: "memory", "sqlite <file>". */
  readonly description: string;
  /**
   * Loads what the backend saved before (applications, descriptors, counters);
   * returns how many applications it restored. The caller rebuilds the
   * per-application statistics from the table.
   */
  open(): number;
  /** Records that a slot changed since the last flush. */
  touch(slot: number): void;
  /** Records that every application was forgotten. */
  touchAll(): void;
  /** Writes every change recorded since the last flush. */
  flush(): void;
  /** Flushes and releases the backend. */
  close(): void;
}
