import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileName } from '../../src/protocol/rules.js';
import {
  EVENT_LABELS,
  EVENTS,
  harness,
  placeApp,
  type EventLabel,
  type StartState,
} from './sequencer-harness.js';

/**
 * Each row lists what the eight events do from one state, in EVENT_LABELS
 * order (HELLO, WHATS_NEXT, DESCRIPTION, MEASUREMENT progress, MEASUREMENT
 * final, ADJUSTMENT progress, ADJUSTMENT final, GOODBYE): a state name means
 * accepted and moved there, IGNORED means answered ok without any change, a
 * VOR_ERR_* code means rejected with that code.
 */
type Outcome = string;
const IGNORED = 'ignored';
const SEQ = 'VOR_ERR_SEQUENCE';
const NC = 'VOR_ERR_NOT_CONNECTED';
const DUP = 'VOR_ERR_DUPLICATE_FINAL';
const LATE = 'VOR_ERR_LATE_PROGRESS';
const MISSING = 'VOR_ERR_PROGRESS_MISSING';
const DP = 'describe-pending';
const OFF = 'disconnected';

const STRICT: Record<StartState, Outcome[]> = {
  new: [DP, NC, NC, NC, NC, NC, NC, NC],
  disconnected: [DP, SEQ, SEQ, SEQ, SEQ, SEQ, SEQ, SEQ],
  'describe-pending': [SEQ, 'describing', SEQ, SEQ, SEQ, SEQ, SEQ, OFF],
  describing: [SEQ, SEQ, 'measure-pending', SEQ, SEQ, SEQ, SEQ, OFF],
  'measure-pending': [SEQ, 'measuring', DUP, SEQ, SEQ, SEQ, SEQ, OFF],
  measuring: [SEQ, SEQ, DUP, 'measuring', MISSING, SEQ, SEQ, OFF],
  'measuring+progress': [SEQ, SEQ, DUP, 'measuring', 'adjust-pending', SEQ, SEQ, OFF],
  'adjust-pending': [SEQ, 'adjusting', SEQ, LATE, DUP, SEQ, SEQ, OFF],
  adjusting: [SEQ, SEQ, SEQ, LATE, DUP, 'adjusting', MISSING, OFF],
  'adjusting+progress': [SEQ, SEQ, SEQ, LATE, DUP, 'adjusting', 'measure-pending', OFF],
};

const LENIENT: Record<StartState, Outcome[]> = {
  new: [DP, NC, NC, NC, NC, NC, NC, IGNORED],
  disconnected: [DP, SEQ, SEQ, SEQ, SEQ, SEQ, SEQ, OFF],
  'describe-pending': [DP, 'describing', SEQ, SEQ, SEQ, SEQ, SEQ, OFF],
  describing: [DP, 'describing', 'measure-pending', SEQ, SEQ, SEQ, SEQ, OFF],
  'measure-pending': [DP, 'measuring', IGNORED, SEQ, SEQ, SEQ, SEQ, OFF],
  measuring: [DP, 'measuring', IGNORED, 'measuring', 'adjust-pending', SEQ, SEQ, OFF],
  'measuring+progress': [DP, 'measuring', IGNORED, 'measuring', 'adjust-pending', SEQ, SEQ, OFF],
  'adjust-pending': [DP, 'adjusting', SEQ, IGNORED, IGNORED, SEQ, SEQ, OFF],
  adjusting: [DP, 'adjusting', SEQ, IGNORED, IGNORED, 'adjusting', 'measure-pending', OFF],
  'adjusting+progress': [
    DP,
    'adjusting',
    SEQ,
    IGNORED,
    IGNORED,
    'adjusting',
    'measure-pending',
    OFF,
  ],
};

const COMMAND_OF: Partial<Record<string, string>> = {
  describing: 'DESCRIBE',
  measuring: 'MEASURE',
  adjusting: 'ADJUST',
};

function check(profile: ProfileName, start: StartState, label: EventLabel, expected: Outcome) {
  const h = harness({ sequence: { profile, rules: {}, reject_with: null, resync: false } });
  placeApp(h, 'app00042', start);
  const rowBefore = h.row('app00042');
  const statsBefore = h.stats.snapshot();

  const [event, param] = EVENTS[label];
  const outcome = h.send('app00042', event, param);
  const statsAfter = h.stats.snapshot();

  if (expected.startsWith('VOR_ERR_')) {
    const startName = start.replace('+progress', '');
    assert.deepEqual(h.row('app00042'), rowBefore, 'a rejected event changes no state');
    assert.deepEqual(statsAfter.states, statsBefore.states);
    assert.deepEqual(statsAfter.events, statsBefore.events);
    assert.equal(statsAfter.rejections[expected], 1, `counted as ${expected}`);
    if (profile === 'strict') {
      assert.equal(outcome.error?.code, expected, JSON.stringify(outcome.answer));
      assert.equal(outcome.error.statusCode, 400);
      assert.equal(outcome.error.details.state, startName);
      assert.equal(outcome.error.details.event, label);
      assert.ok(Array.isArray(outcome.error.details.expected));
    } else {
      assert.equal(outcome.answer?.status, 'unexpected-event', outcome.error?.message);
      assert.equal(typeof outcome.answer.reason, 'string');
    }
    return;
  }

  assert.equal(outcome.error, undefined, outcome.error?.message);
  assert.equal(statsAfter.rejected, 0);
  if (expected === IGNORED) {
    assert.deepEqual(outcome.answer, { status: 'ok' });
    assert.deepEqual(h.row('app00042'), rowBefore, 'an ignored event changes no state');
    return;
  }

  assert.equal(h.state('app00042'), expected);
  if (label === 'WHATS_NEXT') {
    assert.equal(outcome.answer?.cmd, COMMAND_OF[expected]);
    assert.equal(typeof outcome.answer?.cmd_uid, 'string');
  } else {
    assert.deepEqual(outcome.answer, { status: 'ok' });
  }
}

for (const [profile, table] of [
  ['strict', STRICT],
  ['lenient', LENIENT],
] as const) {
  for (const [start, row] of Object.entries(table) as [StartState, Outcome[]][]) {
    test(`${profile}: every event from ${start} is accepted or rejected as the table says`, () => {
      EVENT_LABELS.forEach((label, index) => {
        const expected = row[index]!;
        try {
          check(profile, start, label, expected);
        } catch (error) {
          (error as Error).message =
            `${label} from ${start} (want ${expected}): ` + (error as Error).message;
          throw error;
        }
      });
    });
  }
}
