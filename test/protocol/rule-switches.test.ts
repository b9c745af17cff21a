import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILES, RULE_NAMES, type ProfileName, type RuleName } from '../../src/protocol/rules.js';
import {
  EVENTS,
  harness,
  placeApp,
  PROGRESS,
  type EventLabel,
  type Harness,
  type StartState,
} from './sequencer-harness.js';
import type { EventName } from '../../src/protocol/events.js';

interface Scenario {
  start: StartState;
  event: EventName;
  param: unknown;
  /** The rejection code with the switch on. */
  code: string;
  /** What happens with the switch off: the resulting state, or "ignored". */
  off: string;
}

const event = (label: EventLabel) => ({ event: EVENTS[label][0], param: EVENTS[label][1] });

/** For each switch, one event that only that switch decides. */
const SCENARIOS: Record<RuleName, Scenario> = {
  hello_only_when_disconnected: {
    start: 'measuring',
    ...event('HELLO'),
    code: 'VOR_ERR_SEQUENCE',
    off: 'describe-pending',
  },
  goodbye_only_when_connected: {
    start: 'disconnected',
    ...event('GOODBYE'),
    code: 'VOR_ERR_SEQUENCE',
    off: 'disconnected',
  },
  whats_next_only_when_pending: {
    start: 'measuring',
    ...event('WHATS_NEXT'),
    code: 'VOR_ERR_SEQUENCE',
    off: 'measuring',
  },
  single_final: {
    start: 'adjust-pending',
    ...event('MEASUREMENT final'),
    code: 'VOR_ERR_DUPLICATE_FINAL',
    off: 'ignored',
  },
  reject_late_progress: {
    start: 'adjust-pending',
    ...event('MEASUREMENT progress'),
    code: 'VOR_ERR_LATE_PROGRESS',
    off: 'ignored',
  },
  progress_before_final: {
    start: 'measuring',
    ...event('MEASUREMENT final'),
    code: 'VOR_ERR_PROGRESS_MISSING',
    off: 'adjust-pending',
  },
  progress_in_range: {
    start: 'measuring',
    event: 'MEASUREMENT',
    param: PROGRESS(101),
    code: 'VOR_ERR_PROGRESS_RANGE',
    off: 'measuring',
  },
  progress_monotonic: {
    start: 'measuring+progress',
    event: 'MEASUREMENT',
    param: PROGRESS(10),
    code: 'VOR_ERR_PROGRESS_DECREASED',
    off: 'measuring',
  },
  cmd_uid_must_match: {
    start: 'measuring',
    event: 'MEASUREMENT',
    param: PROGRESS(10, { cmd_uid: 'bogus' }),
    code: 'VOR_ERR_CMD_UID',
    off: 'measuring',
  },
};

function withRule(profile: ProfileName, rule: RuleName, on: boolean): Harness {
  const rules = { [rule]: on };
  return harness({ sequence: { profile, rules, reject_with: null, resync: false } });
}

test('every rule switch has a scenario', () => {
  assert.deepEqual(Object.keys(SCENARIOS).sort(), [...RULE_NAMES].sort());
});

for (const profile of ['strict', 'lenient'] as const) {
  for (const rule of RULE_NAMES) {
    const scenario = SCENARIOS[rule];

    test(`${profile} with ${rule} on rejects ${scenario.code}`, () => {
      const h = withRule(profile, rule, true);
      placeApp(h, 'app1', scenario.start);
      const before = h.row('app1');

      const outcome = h.send('app1', scenario.event, scenario.param);

      if (PROFILES[profile].reject_with === 'http-400') {
        assert.equal(outcome.error?.code, scenario.code);
      } else {
        const status = scenario.code === 'VOR_ERR_CMD_UID' ? 'invalid' : 'unexpected-event';
        assert.equal(outcome.answer?.status, status);
      }
      assert.deepEqual(h.row('app1'), before);
      assert.deepEqual(h.stats.snapshot().rejections, { [scenario.code]: 1 });
    });

    test(`${profile} with ${rule} off accepts the same event`, () => {
      const h = withRule(profile, rule, false);
      placeApp(h, 'app1', scenario.start);
      const before = h.row('app1');

      const answer = h.ok('app1', scenario.event, scenario.param);

      assert.equal(h.stats.snapshot().rejected, 0);
      if (scenario.off === 'ignored') {
        assert.deepEqual(answer, { status: 'ok' });
        assert.deepEqual(h.row('app1'), before);
      } else {
        assert.equal(h.state('app1'), scenario.off);
      }
    });
  }
}

test('with WHATS_NEXT repeated allowed, the outstanding command is handed out again', () => {
  const h = withRule('strict', 'whats_next_only_when_pending', false);
  placeApp(h, 'app1', 'measure-pending');

  const first = h.ok('app1', 'WHATS_NEXT');
  const again = h.ok('app1', 'WHATS_NEXT');

  assert.equal(first.cmd, 'MEASURE');
  assert.deepEqual(again, first);
});

test('reject_with overrides the profile: lenient rules answering HTTP 400', () => {
  const h = harness({
    sequence: { profile: 'lenient', rules: {}, reject_with: 'http-400', resync: false },
  });
  placeApp(h, 'app1', 'describe-pending');

  const outcome = h.send('app1', 'MEASUREMENT', PROGRESS(1));

  assert.equal(outcome.error?.code, 'VOR_ERR_SEQUENCE');
});

test('reject_with overrides the profile: strict rules answering status 200', () => {
  const h = harness({
    sequence: { profile: 'strict', rules: {}, reject_with: 'status-200', resync: false },
  });
  placeApp(h, 'app1', 'measuring');

  const outcome = h.send('app1', 'MEASUREMENT', { metrics: {} });

  assert.equal(outcome.answer?.status, 'unexpected-event');
  assert.match(String(outcome.answer?.reason), /before any progress report/);
});
