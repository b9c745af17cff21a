import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Phase } from '../../src/protocol/phases.js';
import { EventKind } from '../../src/protocol/events.js';
import type { AppTable } from '../../src/store/app-table.js';
import { copyAsKilled, sqliteStore, stateFolder } from './state-files.js';

const DESCRIPTION = {
  descriptor: {
    application: { components: { web: { settings: { cpu: { value: 1, min: 1, max: 4 } } } } },
    measurement: { metrics: { throughput: { unit: 'rpm' } } },
  },
};

/** Every column of one slot, for comparing tables. */
function rowOf(apps: AppTable, slot: number) {
  return {
    key: apps.keyOf(slot),
    phase: apps.phase[slot],
    flags: apps.flags[slot],
    progress: apps.progress[slot],
    commandSeq: apps.commandSeq[slot],
    cycles: apps.cycles[slot],
    failures: apps.failures[slot],
    rejections: apps.rejections[slot],
    descriptor: apps.descriptor[slot],
    firstSeen: apps.firstSeen[slot],
    lastSeen: apps.lastSeen[slot],
  };
}

function rowsByKey(apps: AppTable) {
  const rows = Array.from({ length: apps.size }, (_, slot) => rowOf(apps, slot));
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

test('a missing state file is created and restores nothing', () => {
  const { store } = sqliteStore(join(stateFolder(), 'new.db'));

  assert.equal(store.open(), 0);
  assert.equal(store.description.startsWith('sqlite '), true);
  store.close();
});

test('every column, the key, descriptors and counters survive a close and reopen', () => {
  const file = join(stateFolder(), 'round-trip.db');
  const first = sqliteStore(file);
  first.store.open();
  const { apps } = first.store;
  const id = internedId(first.registry.intern(DESCRIPTION));

  const a = apps.insert('acme/app1', 1_700_000_000);
  Object.assign(apps, {});
  apps.phase[a] = Phase.MEASURING;
  apps.flags[a] = 0b1011;
  apps.progress[a] = 37.5;
  apps.commandSeq[a] = 4_294_967_295;
  apps.cycles[a] = 12;
  apps.failures[a] = 3;
  apps.rejections[a] = 2;
  apps.descriptor[a] = id;
  apps.lastSeen[a] = 1_700_000_123;
  const b = apps.insert('other/app.with-dots_2', 1_600_000_000);
  apps.phase[b] = Phase.ADJUST_PENDING;
  first.stats.eventAccepted(EventKind.HELLO);
  first.stats.rejected('VOR_ERR_SEQUENCE', EventKind.MEASUREMENT_FINAL);
  first.stats.failureReported('MEASUREMENT final');
  first.stats.badRequest('VOR_ERR_BODY_INVALID');
  first.stats.resynced();
  first.store.touch(a);
  first.store.touch(b);
  first.store.close();

  const second = sqliteStore(file);
  assert.equal(second.store.open(), 2);
  assert.deepEqual(rowsByKey(second.store.apps), rowsByKey(apps));
  assert.ok(
    Number.isNaN(
      rowOf(second.store.apps, second.store.apps.find('other/app.with-dots_2')).progress,
    ),
  );
  assert.deepEqual(second.registry.get(id), first.registry.get(id));
  assert.equal(internedId(second.registry.intern(DESCRIPTION)), id);
  assert.deepEqual(second.stats.counters(), first.stats.counters());
  second.store.close();
});

test('touched slots reach the file only when flushed', () => {
  const folder = stateFolder();
  const file = join(folder, 'batched.db');
  const { store } = sqliteStore(file);
  store.open();

  const slot = store.apps.insert('acme/app1', 1);
  store.apps.cycles[slot] = 5;
  store.touch(slot);
  store.touch(slot);
  copyAsKilled(file, join(folder, 'before-flush.db'));
  store.flush();
  store.apps.cycles[slot] = 6;
  copyAsKilled(file, join(folder, 'after-flush.db'));
  store.close();

  const before = sqliteStore(join(folder, 'before-flush.db'));
  assert.equal(before.store.open(), 0);
  before.store.close();
  const after = sqliteStore(join(folder, 'after-flush.db'));
  assert.equal(after.store.open(), 1);
  assert.equal(after.store.apps.cycles[0], 5);
  after.store.close();
});

test('the flush timer writes touched slots without being asked', async () => {
  const folder = stateFolder();
  const file = join(folder, 'timer.db');
  const { store, errors } = sqliteStore(file, 5);
  store.open();
  const slot = store.apps.insert('acme/app1', 1);
  store.touch(slot);

  let restored = 0;
  for (let attempt = 0; attempt < 200 && restored === 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const copy = join(folder, `copy-${attempt}.db`);
    copyAsKilled(file, copy);
    const reader = sqliteStore(copy);
    restored = reader.store.open();
    reader.store.close();
  }
  store.close();
  assert.equal(restored, 1);
  assert.deepEqual(errors, []);
});

test('many touches of many slots are all written, in one flush', () => {
  const file = join(stateFolder(), 'many.db');
  const { store } = sqliteStore(file);
  store.open();
  for (let index = 0; index < 5_000; index++) {
    const slot = store.apps.insert(`acme/app${index}`, index);
    store.apps.cycles[slot] = index % 7;
    store.touch(slot);
    store.touch(slot);
  }
  store.close();

  const reopened = sqliteStore(file);
  assert.equal(reopened.store.open(), 5_000);
  const slot = reopened.store.apps.find('acme/app4321');
  assert.equal(reopened.store.apps.cycles[slot], 4321 % 7);
  assert.equal(reopened.store.apps.firstSeen[slot], 4321);
  reopened.store.close();
});

test('touchAll makes the file forget every application written before', () => {
  const file = join(stateFolder(), 'forget.db');
  const { store } = sqliteStore(file);
  store.open();
  for (const name of ['a', 'b', 'c']) store.touch(store.apps.insert(`acme/${name}`, 1));
  store.flush();

  store.apps.removeAll();
  store.touchAll();
  store.touch(store.apps.insert('acme/d', 2));
  store.close();

  const reopened = sqliteStore(file);
  assert.equal(reopened.store.open(), 1);
  assert.equal(reopened.store.apps.keyOf(0), 'acme/d');
  reopened.store.close();
});

test('a store reopened and changed again keeps the latest values', () => {
  const file = join(stateFolder(), 'again.db');
  for (let round = 1; round <= 3; round++) {
    const { store } = sqliteStore(file);
    store.open();
    const known = store.apps.find('acme/app1');
    const slot = known >= 0 ? known : store.apps.insert('acme/app1', 1);
    store.apps.cycles[slot] = store.apps.cycles[slot]! + 1;
    store.touch(slot);
    store.close();
  }

  const { store } = sqliteStore(file);
  assert.equal(store.open(), 1);
  assert.equal(store.apps.cycles[0], 3);
  store.close();
});

function internedId(result: number | { refused: string }): number {
  if (typeof result !== 'number') assert.fail(`descriptor refused: ${result.refused}`);
  return result;
}
