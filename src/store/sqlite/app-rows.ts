import type Database from 'better-sqlite3';
import { PHASE_NAMES } from '../../protocol/phases.js';
import type { AppTable } from '../app-table.js';
import { StateFileProblem } from './state-file.js';

/** Every AppTable column plus the key, in the order rows are read and written. */
const COLUMNS =
  'key, phase, flags, progress, command_seq, cycles, failures, rejections, ' +
  'descriptor, first_seen, last_seen';

type AppRow = [
  key: string,
  phase: string,
  flags: number,
  progress: number | null,
  commandSeq: number,
  cycles: number,
  failures: number,
  rejections: number,
  descriptor: number,
  firstSeen: number,
  lastSeen: number,
];

const PHASE_BY_NAME = new Map<string, number>(PHASE_NAMES.map((name, index) => [name, index]));

/**
 * Reads every saved application into an empty table. Rows come as arrays
 * (no object per row), which keeps a million of them to about a second.
 */
export function loadApps(db: Database.Database, apps: AppTable, descriptors: number): void {
  const select = db.prepare<[], AppRow>(`SELECT ${COLUMNS} FROM apps`).raw(true);

  for (const row of select.iterate()) {
    const [key, phaseName, flags, progress, commandSeq, cycles, failures, rejections] = row;
    const [, , , , , , , , descriptor, firstSeen, lastSeen] = row;
    const phase = PHASE_BY_NAME.get(phaseName);
    if (phase === undefined) {
      throw new StateFileProblem(`has unknown state "${phaseName}" for ${key}`);
    }
    if (descriptor >= descriptors) {
      throw new StateFileProblem(`names descriptor ${descriptor} for ${key}, which it lacks`);
    }

    const slot = apps.insert(key, firstSeen);
    apps.phase[slot] = phase;
    apps.flags[slot] = flags;
    apps.progress[slot] = progress ?? NaN;
    apps.commandSeq[slot] = commandSeq;
    apps.cycles[slot] = cycles;
    apps.failures[slot] = failures;
    apps.rejections[slot] = rejections;
    apps.descriptor[slot] = descriptor;
    apps.lastSeen[slot] = lastSeen;
  }
}

/** Writes single applications with one prepared statement; callers batch it in a transaction. */
export class AppWriter {
  private readonly upsert: Database.Statement<AppRow>;
  private readonly removeAll: Database.Statement<[]>;

  constructor(
    db: Database.Database,
    private readonly apps: AppTable,
  ) {
    const marks = COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    this.upsert = db.prepare(`INSERT OR REPLACE INTO apps (${COLUMNS}) VALUES (${marks})`);
    this.removeAll = db.prepare('DELETE FROM apps');
  }

  write(slot: number): void {
    const { apps } = this;
    const progress = apps.progress[slot]!;
    this.upsert.run(
      apps.keyOf(slot),
      PHASE_NAMES[apps.phase[slot]!]!,
      apps.flags[slot]!,
      Number.isNaN(progress) ? null : progress,
      apps.commandSeq[slot]!,
      apps.cycles[slot]!,
      apps.failures[slot]!,
      apps.rejections[slot]!,
      apps.descriptor[slot]!,
      apps.firstSeen[slot]!,
      apps.lastSeen[slot]!,
    );
  }

  /** Deletes every saved application, as when the table forgot them all. */
  deleteAll(): void {
    this.removeAll.run();
  }
}
