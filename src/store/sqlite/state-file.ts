import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { VoraciousError } from '../../errors/catalogue.js';
import { checkHeader, HeaderProblem } from './file-header.js';

/** "VoRA" in the SQLite header: marks a file as ours before any table is read. */
export const APPLICATION_ID = 0x566f5241;

/** Bumped whenever the tables change shape; a newer file is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

/** How long to wait for another process's lock before calling the file busy. */
const BUSY_TIMEOUT_MS = 1_000;

const SCHEMA = `
  CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE apps (
    key TEXT PRIMARY KEY,
    phase TEXT NOT NULL,
    flags INTEGER NOT NULL,
    progress REAL,
    command_seq INTEGER NOT NULL,
    cycles INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    rejections INTEGER NOT NULL,
    descriptor INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE descriptors (
    id INTEGER PRIMARY KEY,
    info TEXT NOT NULL
  );
`;

const CORRUPT = 'is corrupt or truncated';
const RESTORE = 'restore a good copy or name another file';

/** A problem with the state file's content, reported as VOR_ERR_STATE_FILE. */
export class StateFileProblem extends Error {}

/**
 * Opens the state file, creating it when missing. An existing file must carry
 * our marker and a schema version this build reads, and pass SQLite's quick
 * check, so a truncated or foreign file stops the start instead of being
 * overwritten. The connection holds an exclusive lock until it is closed.
 */
export function openStateFile(file: string): Database.Database {
  let db: Database.Database | null = null;

  try {
    const size = existingSize(file);
    const exists = size !== null;
    if (exists) checkHeader(file, size);
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    if (exists) checkFile(db);
    configure(db);
    if (!exists) createSchema(db);
    return db;
  } catch (error) {
    db?.close();
    throw stateFileError(file, error);
  }
}

/** Wraps any failure to read or write the state file in the catalogue's error. */
export function stateFileError(file: string, error: unknown): VoraciousError {
  if (error instanceof VoraciousError) return error;
  return new VoraciousError('VOR_ERR_STATE_FILE', { file, reason: reasonOf(error) });
}

function existingSize(file: string): number | null {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats === undefined) return null;

  if (!stats.isFile()) throw new StateFileProblem('is not a regular file; name a file');
  if (stats.size === 0) {
    throw new StateFileProblem(
      'is empty (0 bytes), so it is truncated or not a state file; ' +
        'delete it to start afresh or name another file',
    );
  }
  return stats.size;
}

function checkFile(db: Database.Database): void {
  const applicationId = db.pragma('application_id', { simple: true });
  if (applicationId !== APPLICATION_ID) {
    throw new StateFileProblem(
      'is an SQLite database without the Voracious schema marker ' +
        `(application_id ${String(applicationId)}), so it belongs to another application; ` +
        'name another file',
    );
  }

  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new StateFileProblem(
      `has schema version ${version}, newer than the ${SCHEMA_VERSION} ` +
        'this Voracious reads; upgrade Voracious or name another file',
    );
  }
  if (version < 1) throw new StateFileProblem(`has an invalid schema version ${version}`);

  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') throw new StateFileProblem(`${CORRUPT} (${String(check)}); ${RESTORE}`);
}

function configure(db: Database.Database): void {
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  // A killed process loses nothing committed; only a machine crash can lose the last flushes.
  db.pragma('synchronous = NORMAL');
  // Takes the exclusive lock now, so a second emulator on the same file fails at start-up.
  db.exec('BEGIN EXCLUSIVE; COMMIT');
}

function createSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run(
      'created',
      new Date().toISOString(),
    );
  })();
}

function reasonOf(error: unknown): string {
  if (error instanceof StateFileProblem || error instanceof HeaderProblem) return error.message;

  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_NOTADB':
      return `is not an SQLite database (${message}); name another file or move it away`;
    case 'SQLITE_CORRUPT':
      return `${CORRUPT} (${message}); ${RESTORE}`;
    case 'SQLITE_CANTOPEN':
      return `cannot be opened or created (${message}); check that its folder exists`;
    case 'SQLITE_BUSY':
      return `is locked by another process (${message}); stop it or name another file`;
    default:
      return message.charAt(0).toLowerCase() + message.slice(1);
  }
}
