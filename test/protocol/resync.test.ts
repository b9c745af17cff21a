import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventName } from '../../src/protocol/events.js';
import {
  ADJUSTMENT_RESULT,
  EVENTS,
  harness,
  MEASUREMENT_RESULT,
  PROGRESS,
  type EventLabel,
} from './sequencer-harness.js';

const resyncing = (profile: 'strict' | 'lenient' = 'strict') =>
  harness({ sequence: { profile, rules: {}, reject_with: null, resync: true } });

/** Where PROTOCOL.md and issue 5 place an unknown application by its first event. */
const PLACES: [EventLabel, string][] = [
  ['WHATS_NEXT', 'describing'],
  ['DESCRIPTION', 'measure-pending'],
  ['MEASUREMENT progress', 'measuring'],
  ['MEASUREMENT final', 'adjust-pending'],
  ['ADJUSTMENT progress', 'adjusting'],
  ['ADJUSTMENT final', 'measure-pending'],
  ['GOODBYE', 'disconnected'],
];

for (const profile of ['strict', 'lenient'] as const) {
  for (const [label, state] of PLACES) {
    test(`${profile} resync: a first ${label} from an unknown app leaves it ${state}`, () => {
      const h = resyncing(profile);
      const [event, param] = EVENTS[label];

      const answer = h.ok('app1', event, param);

      assert.equal(h.state('app1'), state);
      assert.equal(h.stats.snapshot().resyncs, 1);
      assert.equal(h.stats.snapshot().rejected, 0);
      assert.equal(h.stats.snapshot().states[state], 1);
      if (label === 'WHATS_NEXT') assert.equal(answer.cmd, 'DESCRIBE');
      else assert.deepEqual(answer, { status: 'ok' });
    });
  }
}

test('resync: HELLO from an unknown app is a plain HELLO, not a resync', () => {
  const h = resyncing();

  h.ok('app1', 'HELLO');

  assert.equal(h.state('app1'), 'describe-pending');
  assert.equal(h.stats.snapshot().resyncs, 0);
});

test('resync: each unknown application counts one resync, once', () => {
  const h = resyncing();

  h.ok('app1', 'MEASUREMENT', PROGRESS(10));
  h.ok('app1', 'MEASUREMENT', PROGRESS(20));
  h.ok('app2', 'WHATS_NEXT');
  h.ok('app3', 'ADJUSTMENT', ADJUSTMENT_RESULT);

  assert.equal(h.stats.snapshot().resyncs, 3);
});

test("resync: the profile's rules apply from the next event on", () => {
  const h = resyncing();
  h.ok('app1', 'MEASUREMENT', PROGRESS(40));

  assert.equal(
    h.send('app1', 'MEASUREMENT', PROGRESS(30)).error?.code,
    'VOR_ERR_PROGRESS_DECREASED',
  );
  assert.equal(h.send('app1', 'WHATS_NEXT').error?.code, 'VOR_ERR_SEQUENCE');
  h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT);
  assert.equal(h.ok('app1', 'WHATS_NEXT').cmd, 'ADJUST');
});

test('resync: a final arriving first completes the command it belongs to', () => {
  const h = resyncing();

  h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT);

  assert.equal(h.ok('app1', 'WHATS_NEXT').cmd, 'ADJUST');
});

test("resync: the servo's cmd_uid is taken over and checked from then on", () => {
  const h = resyncing();
  h.ok('app1', 'MEASUREMENT', PROGRESS(10, { cmd_uid: '41' }));

  assert.equal(
    h.send('app1', 'MEASUREMENT', PROGRESS(20, { cmd_uid: '40' })).error?.code,
    'VOR_ERR_CMD_UID',
  );
  h.ok('app1', 'MEASUREMENT', { ...MEASUREMENT_RESULT, cmd_uid: '41' });
  const next = h.ok('app1', 'WHATS_NEXT');
  assert.equal(next.cmd_uid, '42');
});

test('resync: a cmd_uid of another backend is accepted while its command runs', () => {
  const h = resyncing();
  const foreign = '7f1c9a54-2b7e-4c1e-9d3a-000000000001';
  h.ok('app1', 'ADJUSTMENT', PROGRESS(10, { cmd_uid: foreign }));

  h.ok('app1', 'ADJUSTMENT', PROGRESS(20, { cmd_uid: foreign }));
  h.ok('app1', 'ADJUSTMENT', { ...ADJUSTMENT_RESULT, cmd_uid: foreign });

  assert.equal(h.state('app1'), 'measure-pending');
});

test('without resync, events from an unknown application are rejected and leave no trace', () => {
  const h = harness();

  for (const label of Object.keys(EVENTS).filter((name) => name !== 'HELLO') as EventLabel[]) {
    const [event, param] = EVENTS[label] as [EventName, unknown];
    assert.equal(h.send('app1', event, param).error?.code, 'VOR_ERR_NOT_CONNECTED');
  }
  assert.equal(h.state('app1'), 'new');
  assert.equal(h.stats.snapshot().n, 0);
  assert.equal(h.stats.snapshot().resyncs, 0);
});

test('resync: a first event refused even where it would place the app leaves no trace', () => {
  const h = resyncing('strict');

  assert.equal(h.send('app1', 'MEASUREMENT', PROGRESS(150)).error?.code, 'VOR_ERR_PROGRESS_RANGE');

  assert.equal(h.state('app1'), 'new');
  const snapshot = h.stats.snapshot();
  assert.equal(snapshot.n, 0);
  assert.equal(snapshot.resyncs, 0);
  assert.equal(snapshot.rejections.VOR_ERR_PROGRESS_RANGE, 1);

  h.ok('app1', 'MEASUREMENT', PROGRESS(10));
  assert.equal(h.state('app1'), 'measuring');
  assert.equal(h.stats.snapshot().n, 1);
});
