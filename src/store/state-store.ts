import type { AppTable } from './app-table.js';

/**
 * Where applications' state lives. Every backend keeps the hot state in an
 * AppTable, so the sequencer works on memory alone; a backend that persists
 * is told which slots changed and writes them off the request path.
 */
export interface StateStore {
  readonly apps: AppTable;
  /** Short name for logs: "memory", "sqlite <file>". */
  readonly description: string;
  /** Loads what the backend saved before; returns how many applications it restored. */
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
