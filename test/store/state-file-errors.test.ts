import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VoraciousError } from '../../src/errors/catalogue.js';
import { sqliteStore, stateFolder } from './state-files.js';

/** Opening `file` must fail with VOR_ERR_STATE_FILE naming it; returns the message. */
function refusal(file: string): string {
  const { store } = sqliteStore(file);
  try {
    store.open();
  } catch (error) {
    assert.ok(error instanceof VoraciousError, String(error));
    assert.equal(error.code, 'VOR_ERR_STATE_FILE');
    assert.equal(error.details.file, file);
    assert.ok(error.message.startsWith(`state file ${file}: `), error.message);
    return error.message;
  }
  store.close();
  assert.fail(`${file} was accepted`);
}

/** A real state file of `apps` applications, closed. */
function realStateFile(file: string, apps: number): void {
  const { store } = sqliteStore(file);
  store.open();
  for (let index = 0; index < apps; index++) {
    store.touch(store.apps.insert(`acme/app${String(index).padStart(6, '0')}`, index));
  }
  store.close();
}

test('a text file is refused as not an SQLite database, and left as it was', () => {
  const file = join(stateFolder(), 'notes.txt');
  writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));

  assert.match(refusal(file), /is not an SQLite database/);
  assert.equal(readFileSync(file, 'utf8').startsWith('these are my notes'), true);
});

test('a truncated copy of a real state file is refused as corrupt or truncated', () => {
  const folder = stateFolder();
  const file = join(folder, 'real.db');
  realStateFile(file, 20_000);
  const copy = join(folder, 'truncated.db');
  const bytes = readFileSync(file);
  writeFileSync(copy, bytes.subarray(0, Math.floor(bytes.length / 2)));

  assert.match(refusal(copy), /corrupt or truncated/);
  assert.equal(statSync(copy).size, Math.floor(bytes.length / 2));
});

test('a state file missing only its last byte is refused, not read as zeros', () => {
  const folder = stateFolder();
  const file = join(folder, 'real.db');
  realStateFile(file, 3_000);
  const copy = join(folder, 'short.db');
  const bytes = readFileSync(file);
  writeFileSync(copy, bytes.subarray(0, bytes.length - 1));

  assert.match(refusal(copy), /corrupt or truncated \(\d+ bytes, expected a multiple of \d+\)/);
});

test('an empty file is refused rather than silently initialised', () => {
  const file = join(stateFolder(), 'empty.db');
  writeFileSync(file, '');

  assert.match(refusal(file), /is empty/);
});

test('an SQLite database of another application is refused for lacking our marker', () => {
  const file = join(stateFolder(), 'foreign.db');
  const foreign = new Database(file);
  foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
  foreign.close();

  assert.match(refusal(file), /without the Voracious schema marker/);
  const reopened = new Database(file);
  assert.equal(reopened.pragma('journal_mode', { simple: true }), 'delete');
  reopened.close();
});

test('a state file from a newer schema version is refused, naming both versions', () => {
  const file = join(stateFolder(), 'newer.db');
  realStateFile(file, 1);
  const db = new Database(file);
  db.pragma('user_version = 99');
  db.close();

  assert.match(refusal(file), /schema version 99, newer than the 1/);
});

test('a state file in use by another store is refused as locked', () => {
  const file = join(stateFolder(), 'shared.db');
  const { store } = sqliteStore(file);
  store.open();

  try {
    assert.match(refusal(file), /locked by another process/);
  } finally {
    store.close();
  }
});

test('a state file in a missing folder is a clear error', () => {
  const file = join(stateFolder(), 'no-such-folder', 'state.db');

  assert.match(refusal(file), /cannot open database because the directory does not exist/);
});
