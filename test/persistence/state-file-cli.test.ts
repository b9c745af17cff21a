import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from '../cli/run-main.js';
import { sqliteStore, stateFolder } from '../store/state-files.js';

function serve(file: string) {
  return runMain(['serve', '--port', '0', '--state-file', file]);
}

test('serve with a non-SQLite state file exits 1 naming the file, and leaves it', async () => {
  const file = join(stateFolder(), 'notes.txt');
  writeFileSync(file, 'not a database\n'.repeat(100));

  const result = await serve(file);

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    `voracious: state file ${file}: is not an SQLite database (it lacks the SQLite header); ` +
      'name another file or move it away\n',
  );
  assert.equal(readFileSync(file, 'utf8'), 'not a database\n'.repeat(100));
});

test('serve with a truncated state file exits 1 saying it is corrupt or truncated', async () => {
  const folder = stateFolder();
  const { store } = sqliteStore(join(folder, 'real.db'));
  store.open();
  for (let index = 0; index < 20_000; index++) store.touch(store.apps.insert(`a/app${index}`, 1));
  store.close();
  const bytes = readFileSync(join(folder, 'real.db'));
  const file = join(folder, 'truncated.db');
  writeFileSync(file, bytes.subarray(0, bytes.length / 2));

  const result = await serve(file);

  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    new RegExp(
      `^voracious: state file ${file}: is corrupt or truncated \\(.+\\); ` +
        'restore a good copy or name another file\n$',
    ),
  );
});
