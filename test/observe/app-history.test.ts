import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppHistory, EVENTS_PER_APP } from '../../src/observe/app-history.js';
import { EventKind } from '../../src/protocol/events.js';
import { injectEmulator } from '../helpers/test-emulator.js';
import { driveApp, injectPost } from '../helpers/servo-driver.js';

const touch = (history: AppHistory, slot: number, time = 0) =>
  history.record(slot, time, EventKind.WHATS_NEXT, `answer ${slot}`, null);

test('the least recently active application loses its history first', () => {
  const history = new AppHistory(3);
  for (const slot of [0, 1, 2]) touch(history, slot);
  touch(history, 0);
  touch(history, 3);

  assert.equal(history.size, 3);
  assert.equal(history.has(1), false);
  for (const slot of [0, 2, 3]) assert.equal(history.has(slot), true, `slot ${slot}`);
  touch(history, 4);
  assert.equal(history.has(2), false);
});

test('an application keeps its last 20 events, oldest first', () => {
  const history = new AppHistory(2);
  for (let time = 0; time < 25; time++) touch(history, 7, time);

  const events = history.eventsOf(7);
  assert.equal(events.length, EVENTS_PER_APP);
  assert.equal(events[0]!.timeMs, 5);
  assert.equal(events.at(-1)!.timeMs, 24);
  assert.equal(events[0]!.answer, 'answer 7');
});

test('a forgotten history frees its record for the next application', () => {
  const history = new AppHistory(2);
  touch(history, 0);
  touch(history, 1);
  history.forget(0);
  touch(history, 2);

  assert.equal(history.has(1), true, 'no eviction while a record is free');
  assert.deepEqual(history.eventsOf(0), []);
  history.clear();
  assert.equal(history.size, 0);
});

test('with observe.history_apps small, the oldest apps of a fleet lose their events', async () => {
  const emulator = await injectEmulator({ observe: { history_apps: 3, rejections: 10 } });
  try {
    const post = injectPost(emulator.server);
    for (let i = 0; i < 5; i++) await driveApp(post, `app${i}`, 1);

    const kept = [];
    for (let i = 0; i < 5; i++) {
      const body = (await emulator.server.inject(`/apps/a/app${i}`)).json();
      kept.push(body.history_kept === true && body.events.length > 0);
    }
    assert.deepEqual(kept, [false, false, true, true, true]);
  } finally {
    await emulator.close();
  }
});
