import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileName } from '../../src/protocol/rules.js';
import {
  ADJUSTMENT_RESULT,
  harness,
  MEASUREMENT_RESULT,
  placeApp,
  PROGRESS,
} from './sequencer-harness.js';

const strict = () => harness();
const lenient = () =>
  harness({ sequence: { profile: 'lenient', rules: {}, reject_with: null, resync: false } });
const byProfile = (profile: ProfileName) => (profile === 'strict' ? strict() : lenient());

test('progress accepts null, 0, 100 and floats, and null allows the final', () => {
  for (const value of [null, 0, 100, 33.3, 99.999]) {
    const h = strict();
    placeApp(h, 'app1', 'measuring');

    assert.deepEqual(h.ok('app1', 'MEASUREMENT', PROGRESS(value)), { status: 'ok' }, `${value}`);
    assert.deepEqual(h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT), { status: 'ok' });
    assert.equal(h.state('app1'), 'adjust-pending');
  }
});

test('progress may repeat, also as a float, and null does not reset the last value', () => {
  const h = strict();
  placeApp(h, 'app1', 'measuring');

  for (const value of [0, 0, 0.1, 0.1, 33.3, 33.3, null, 33.3, 66.7, 100, 100]) {
    const outcome = h.send('app1', 'MEASUREMENT', PROGRESS(value));
    assert.equal(outcome.error, undefined, `${value}: ${outcome.error?.message}`);
  }
  assert.equal(
    h.send('app1', 'MEASUREMENT', PROGRESS(50)).error?.code,
    'VOR_ERR_PROGRESS_DECREASED',
  );
});

test('strict rejects progress over 100, negative or not a number, changing nothing', () => {
  for (const value of [100.5, 101, -1, -0.01, '50', true, {}, [1]]) {
    const h = strict();
    placeApp(h, 'app1', 'measuring');
    const before = h.row('app1');

    const outcome = h.send('app1', 'MEASUREMENT', PROGRESS(value));

    assert.equal(outcome.error?.code, 'VOR_ERR_PROGRESS_RANGE', JSON.stringify(value));
    assert.deepEqual(h.row('app1'), before);
    assert.equal(
      h.send('app1', 'MEASUREMENT', MEASUREMENT_RESULT).error?.code,
      'VOR_ERR_PROGRESS_MISSING',
      'a rejected report does not count as progress',
    );
  }
});

test('strict rejects decreasing progress within one command, naming both values', () => {
  const h = strict();
  placeApp(h, 'app1', 'adjusting');
  h.ok('app1', 'ADJUSTMENT', PROGRESS(60));

  const outcome = h.send('app1', 'ADJUSTMENT', PROGRESS(40));

  assert.equal(outcome.error?.code, 'VOR_ERR_PROGRESS_DECREASED');
  assert.equal(
    outcome.error.message,
    'app1: ADJUSTMENT progress went down from 60 to 40 (state adjusting)',
  );
});

test('a decrease below a float is reported with the float as sent', () => {
  const h = strict();
  placeApp(h, 'app1', 'measuring');
  h.ok('app1', 'MEASUREMENT', PROGRESS(33.3));

  const outcome = h.send('app1', 'MEASUREMENT', PROGRESS(33.2));

  assert.equal(outcome.error?.details.previous, 33.3);
});

test('an out-of-range progress message quotes the value', () => {
  const h = strict();
  placeApp(h, 'app1', 'measuring');

  const outcome = h.send('app1', 'MEASUREMENT', PROGRESS('50'));

  assert.equal(
    outcome.error?.message,
    'app1: MEASUREMENT progress must be a number from 0 ' +
      'to 100 or null, got "50" (state measuring)',
  );
});

test('progress starts again from zero with the next command', () => {
  const h = strict();
  placeApp(h, 'app1', 'measuring');
  h.ok('app1', 'MEASUREMENT', PROGRESS(90));
  h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT);
  h.ok('app1', 'WHATS_NEXT');

  assert.deepEqual(h.ok('app1', 'ADJUSTMENT', PROGRESS(0)), { status: 'ok' });
});

test('lenient accepts every odd progress value, and finals without progress', () => {
  const h = lenient();
  placeApp(h, 'app1', 'measuring');

  for (const value of [50, 10, 150, -5, '7', null, 10]) {
    assert.deepEqual(h.ok('app1', 'MEASUREMENT', PROGRESS(value)), { status: 'ok' });
  }
  h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT);
  h.ok('app1', 'WHATS_NEXT');
  assert.deepEqual(h.ok('app1', 'ADJUSTMENT', ADJUSTMENT_RESULT), { status: 'ok' });
  assert.equal(h.state('app1'), 'measure-pending');
  assert.equal(h.stats.snapshot().rejected, 0);
});

for (const profile of ['strict', 'lenient'] as const) {
  test(`${profile}: a duplicate final counts no second cycle`, () => {
    const h = byProfile(profile);
    placeApp(h, 'app1', 'adjust-pending');

    const outcome = h.send('app1', 'MEASUREMENT', MEASUREMENT_RESULT);

    const expected = profile === 'strict' ? 'VOR_ERR_DUPLICATE_FINAL' : undefined;
    assert.equal(outcome.error?.code, expected);
    assert.equal(h.stats.snapshot().cycles, 1);
    assert.equal(h.state('app1'), 'adjust-pending');
  });

  test(`${profile}: a late MEASUREMENT final arriving mid-ADJUST changes nothing`, () => {
    const h = byProfile(profile);
    placeApp(h, 'app1', 'adjusting+progress');
    const before = h.row('app1');

    const outcome = h.send('app1', 'MEASUREMENT', MEASUREMENT_RESULT);

    assert.equal(outcome.error?.code, profile === 'strict' ? 'VOR_ERR_DUPLICATE_FINAL' : undefined);
    assert.deepEqual(h.row('app1'), before);
  });

  test(`${profile}: late progress after the final changes nothing`, () => {
    const h = byProfile(profile);
    placeApp(h, 'app1', 'adjusting+progress');
    h.ok('app1', 'ADJUSTMENT', ADJUSTMENT_RESULT);
    const before = h.row('app1');

    const outcome = h.send('app1', 'ADJUSTMENT', PROGRESS(99));

    assert.equal(outcome.error?.code, profile === 'strict' ? 'VOR_ERR_LATE_PROGRESS' : undefined);
    assert.deepEqual(h.row('app1'), before);
  });
}

test('strict: a cmd_uid other than the outstanding one is rejected as VOR_ERR_CMD_UID', () => {
  const h = strict();
  placeApp(h, 'app1', 'measure-pending');
  const { cmd_uid: uid } = h.ok('app1', 'WHATS_NEXT');
  const before = h.row('app1');

  const outcome = h.send('app1', 'MEASUREMENT', PROGRESS(0, { cmd_uid: `${uid}x` }));

  assert.equal(outcome.error?.code, 'VOR_ERR_CMD_UID');
  assert.equal(outcome.error.statusCode, 400);
  assert.equal(outcome.error.details.outstanding, uid);
  assert.deepEqual(h.row('app1'), before);
});

test('lenient: a stale cmd_uid is answered invalid with reason "unexpected cmd_uid"', () => {
  const h = lenient();
  placeApp(h, 'app1', 'measure-pending');
  const { cmd_uid: uid } = h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'MEASUREMENT', PROGRESS(0, { cmd_uid: uid }));

  const stale = h.send('app1', 'MEASUREMENT', { ...MEASUREMENT_RESULT, cmd_uid: '0' });

  assert.deepEqual(stale.answer, { status: 'invalid', reason: 'unexpected cmd_uid' });
  assert.equal(h.state('app1'), 'measuring');
});

test('results carrying the outstanding cmd_uid, or a null one, are accepted', () => {
  const h = strict();
  placeApp(h, 'app1', 'measure-pending');
  const { cmd_uid: uid } = h.ok('app1', 'WHATS_NEXT');

  h.ok('app1', 'MEASUREMENT', PROGRESS(0, { cmd_uid: uid }));
  h.ok('app1', 'MEASUREMENT', PROGRESS(10, { cmd_uid: null }));
  h.ok('app1', 'MEASUREMENT', { ...MEASUREMENT_RESULT, status: 'ok', cmd_uid: uid });

  assert.equal(h.state('app1'), 'adjust-pending');
  assert.equal(h.stats.snapshot().cycles, 1);
});

test('cmd_uid values differ from command to command', () => {
  const h = strict();
  placeApp(h, 'app1', 'measure-pending');
  const uids = new Set<unknown>();

  for (let cycle = 0; cycle < 3; cycle++) {
    uids.add(h.ok('app1', 'WHATS_NEXT').cmd_uid);
    h.ok('app1', 'MEASUREMENT', PROGRESS(0));
    h.ok('app1', 'MEASUREMENT', MEASUREMENT_RESULT);
    uids.add(h.ok('app1', 'WHATS_NEXT').cmd_uid);
    h.ok('app1', 'ADJUSTMENT', PROGRESS(0));
    h.ok('app1', 'ADJUSTMENT', ADJUSTMENT_RESULT);
  }
  assert.equal(uids.size, 6);
});

test('a failed MEASUREMENT completes its command, counted as a failure and not a cycle', () => {
  for (const status of ['failed', 'rejected', 'aborted', 'nodata', 3, 0, false]) {
    const h = strict();
    placeApp(h, 'app1', 'measuring+progress');

    h.ok('app1', 'MEASUREMENT', { status, message: 'driver crashed' });

    const stats = h.stats.snapshot();
    assert.equal(h.state('app1'), 'adjust-pending', `status ${status}`);
    assert.equal(stats.cycles, 0);
    assert.equal(stats.failures, 1);
    assert.deepEqual(stats.failures_by_event, { 'MEASUREMENT final': 1 });
    assert.equal(h.row('app1')?.failures, 1);
  }
});

test('a failed ADJUSTMENT and a failed DESCRIPTION are counted apart from cycles', () => {
  const h = strict();
  placeApp(h, 'app1', 'adjusting+progress');
  h.ok('app1', 'ADJUSTMENT', { status: 'environment-mismatch', message: 'x', reason: 'y' });
  h.ok('app2', 'HELLO');
  h.ok('app2', 'WHATS_NEXT');
  h.ok('app2', 'DESCRIPTION', { status: 'failed', message: 'no descriptor' });

  const stats = h.stats.snapshot();
  assert.equal(h.state('app1'), 'measure-pending');
  assert.equal(h.state('app2'), 'describe-pending', 'a failed DESCRIBE is handed out again');
  assert.equal(stats.cycles, 1);
  assert.equal(stats.failures, 2);
  assert.deepEqual(stats.failures_by_event, { 'ADJUSTMENT final': 1, DESCRIPTION: 1 });
});

test('a MEASUREMENT final with status "ok" or no status counts one cycle', () => {
  const h = strict();
  placeApp(h, 'app1', 'measuring+progress');
  h.ok('app1', 'MEASUREMENT', { ...MEASUREMENT_RESULT, status: 'ok' });
  placeApp(h, 'app2', 'adjust-pending');

  assert.equal(h.stats.snapshot().cycles, 2);
  assert.equal(h.stats.snapshot().failures, 0);
});

test('the rejection message names the app, the state and what was expected', () => {
  const h = strict();
  placeApp(h, 'app00042', 'measuring');

  const outcome = h.send('app00042', 'MEASUREMENT', MEASUREMENT_RESULT);

  assert.equal(
    outcome.error?.message,
    'app00042: MEASUREMENT final before any progress report ' +
      '(state measuring; expected MEASUREMENT progress)',
  );
  assert.deepEqual(outcome.error.body(), {
    code: 'VOR_ERR_PROGRESS_MISSING',
    message: outcome.error.message,
    account: 'acct',
    app: 'app00042',
    state: 'measuring',
    event: 'MEASUREMENT final',
    expected: ['MEASUREMENT progress'],
  });
});

test('every rejection is logged at warn with the app, its state and the event', () => {
  const h = strict();
  placeApp(h, 'app7', 'describe-pending');

  h.send('app7', 'ADJUSTMENT', PROGRESS(0));
  h.send('app8', 'WHATS_NEXT');

  const warnings = h.log.records().filter((record) => record.level === 40);
  assert.equal(warnings.length, 2);
  assert.equal(warnings[0]?.app, 'app7');
  assert.equal(warnings[0]?.state, 'describe-pending');
  assert.equal(warnings[0]?.event, 'ADJUSTMENT progress');
  assert.equal(warnings[1]?.state, 'new');
  assert.deepEqual(h.stats.snapshot().rejections, {
    VOR_ERR_SEQUENCE: 1,
    VOR_ERR_NOT_CONNECTED: 1,
  });
});
