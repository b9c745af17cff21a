import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescriptorRegistry } from '../../src/protocol/descriptor-registry.js';
import { FleetStats } from '../../src/stats/fleet-stats.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** A fresh folder for state files, under the system's temporary folder. */
export function stateFolder(): string {
  return mkdtempSync(join(tmpdir(), 'voracious-state-'));
}

/** A SQLite store on `file` with its own registry and statistics; flushes fail loudly. */
export function sqliteStore(file: string, flushInterval = 60_000) {
  const registry = new DescriptorRegistry(100);
  const stats = new FleetStats();
  const errors: unknown[] = [];
  const store = new SqliteStore({
    file,
    flushInterval,
    companions: { registry, stats, onFlushError: (error) => errors.push(error) },
  });
  return { store, registry, stats, errors };
}

/**
 * Copies a state file as a killed process would leave it: the database and
 * its write-ahead log, with whatever was committed so far and nothing else.
 */
export function copyAsKilled(file: string, copy: string): void {
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
}
