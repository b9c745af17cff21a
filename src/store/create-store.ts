import type { Config } from '../config/defaults.js';
import { MemoryStore } from './memory/memory-store.js';
import type { StateStore } from './state-store.js';

/** The backend configuration asks for: memory unless a state file is named. */
export function createStore(config: Config['state']): StateStore {
  if (config.file === null) return new MemoryStore();
  throw new Error('state.file needs the SQLite store, which is not built yet');
}
