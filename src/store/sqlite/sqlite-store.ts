import type Database from 'better-sqlite3';
import { AppTable } from '../app-table.js';
import type { StateStore, StoreCompanions } from '../state-store.js';
import { AppWriter, loadApps } from './app-rows.js';
import { CompanionRows } from './companion-rows.js';
import { DirtySlots } from './dirty-slots.js';
import { openStateFile, stateFileError } from './state-file.js';

export interface SqliteStoreOptions {
  file: string;
  /** Milliseconds between two background flushes. */
  flushInterval: number;
  companions: StoreCompanions;
}

/** What an open state file needs at each flush. */
interface OpenFile {
  db: Database.Database;
  apps: AppWriter;
  companions: CompanionRows;
  writeChanges: () => void;
}

/**
 * Keeps the application table in an SQLite file. The request path only marks
 * slots dirty; a timer writes the marked ones in one transaction every flush
 * interval, so a killed process loses at most that interval, and `close()`
 * writes the rest, so a graceful stop loses nothing.
 */
export class SqliteStore implements StateStore {
  readonly apps = new AppTable();
  readonly description: string;
  private readonly dirty = new DirtySlots();
  private forgetAll = false;
  private file: OpenFile | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SqliteStoreOptions) {
    this.description = `sqlite ${options.file}`;
  }

  open(): number {
    const db = openStateFile(this.options.file);
    try {
      this.file = this.prepare(db);
      this.file.companions.load();
      loadApps(db, this.apps, this.options.companions.registry.size);
    } catch (error) {
      db.close();
      this.file = null;
      throw stateFileError(this.options.file, error);
    }

    this.timer = setInterval(() => this.flushInBackground(), this.options.flushInterval);
    this.timer.unref();
    return this.apps.size;
  }

  touch(slot: number): void {
    this.dirty.mark(slot);
  }

  touchAll(): void {
    this.dirty.clear();
    this.forgetAll = true;
  }

  flush(): void {
    if (this.file === null) return;
    this.file.writeChanges();

    this.dirty.clear();
    this.forgetAll = false;
    this.file.companions.committed();
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.file === null) return;

    this.flush();
    this.file.db.close();
    this.file = null;
  }

  private prepare(db: Database.Database): OpenFile {
    const apps = new AppWriter(db, this.apps);
    const { registry, stats } = this.options.companions;
    const companions = new CompanionRows(db, registry, stats);
    const writeChanges = db.transaction(() => this.writeChanges(apps, companions));
    return { db, apps, companions, writeChanges };
  }

  /** The body of one flush transaction; marks are cleared only once it committed. */
  private writeChanges(apps: AppWriter, companions: CompanionRows): void {
    if (this.forgetAll) apps.deleteAll();
    for (let index = 0; index < this.dirty.count; index++) {
      const slot = this.dirty.at(index);
      if (slot < this.apps.size) apps.write(slot);
    }
    companions.save();
  }

  private flushInBackground(): void {
    try {
      this.flush();
    } catch (error) {
      this.options.companions.onFlushError(error);
    }
  }
}
