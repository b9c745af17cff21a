import type { Config } from '../config/defaults.js';
import { MemoryStore } from './memory/memory-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { StateStore, StoreCompanions } from './state-store.js';

/** The backend configuration asks for: memory unless a state file is named. */
export function createStore(config: Config['state'], companions: StoreCompanions): StateStore {
  if (config.file === null) return new MemoryStore();
  return new SqliteStore({ file: config.file, flushInterval: config.flush_interval, companions });
}
