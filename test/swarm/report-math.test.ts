import assert from 'node:assert/strict';
import { test } from 'node:test';

import { jainIndex, spreadOf } from '../../src/swarm/report-math.js';
import { buildReport } from '../../src/swarm/report.js';
import { formatReport } from '../../src/swarm/report-text.js';
import type { SwarmOutcome } from '../../src/swarm/swarm.js';
import { planOf } from '../../src/swarm/run-swarm.js';
import { defaultSwarmFlags } from '../../src/swarm/swarm-flags.js';
import { SwarmTally } from '../../src/swarm/tally.js';

const NO_GATES = { maxRejections: null, minFairness: null };

function outcomeOf(cycles: number[], tally = new SwarmTally()): SwarmOutcome {
  const apps = cycles.map((_, i) => `app${i}`);
  const plan = planOf({ ...defaultSwarmFlags(), cycles: null, durationMs: 2_000 }, apps);
  return { plan, tally, cycles, startedAt: 1_000, endedAt: 3_000, stopReason: 'exit' };
}

test('an even spread has fairness 1 and no deviation', () => {
  const spread = spreadOf([4, 4, 4, 4]);

  assert.deepEqual(spread, { n: 4, min: 4, mean: 4, max: 4, stddev: 0, fairness: 1 });
});

test('one app doing all the work has fairness 1/n', () => {
  assert.equal(spreadOf([0, 0, 0, 8]).fairness, 0.25);
});

test('the standard deviation is the population one', () => {
  const spread = spreadOf([2, 4, 4, 4, 5, 5, 7, 9]);

  assert.equal(spread.mean, 5);
  assert.equal(spread.stddev, 2);
  assert.equal(spread.min, 2);
  assert.equal(spread.max, 9);
});

test("Jain's index matches its definition on an uneven set", () => {
  const values = [1, 2, 3];
  const expected = 36 / (3 * 14);

  assert.ok(Math.abs(spreadOf(values).fairness - expected) < 1e-12);
  assert.equal(jainIndex(0, 0, 5), 1);
});

test('no values give an empty spread that counts as fair', () => {
  assert.deepEqual(spreadOf([]), { n: 0, min: 0, mean: 0, max: 0, stddev: 0, fairness: 1 });
});

test('latency percentiles come from the histogram in milliseconds', () => {
  const tally = new SwarmTally();
  for (let ms = 1; ms <= 1000; ms++) tally.answered(ms);

  const { latencyMs, requests, requestsPerSecond } = buildReport(outcomeOf([1], tally), NO_GATES);

  assert.equal(requests, 1000);
  assert.equal(requestsPerSecond, 500);
  assert.ok(Math.abs(latencyMs.p50 - 500) <= 1, `p50 ${latencyMs.p50}`);
  assert.ok(Math.abs(latencyMs.p90 - 900) <= 1, `p90 ${latencyMs.p90}`);
  assert.ok(Math.abs(latencyMs.p99 - 990) <= 1, `p99 ${latencyMs.p99}`);
  assert.ok(Math.abs(latencyMs.max - 1000) <= 1, `max ${latencyMs.max}`);
});

test('an uninjected rejection fails the run, an injected one does not', () => {
  const injected = new SwarmTally();
  injected.rejected('VOR_ERR_SEQUENCE', true);
  const unexpected = new SwarmTally();
  unexpected.rejected('VOR_ERR_SEQUENCE', false);

  assert.equal(buildReport(outcomeOf([1], injected), NO_GATES).verdict.passed, true);
  const failed = buildReport(outcomeOf([1], unexpected), NO_GATES).verdict;
  assert.equal(failed.passed, false);
  assert.match(failed.reasons[0] ?? '', /nobody injected/);
});

test('an unrecovered transport error fails the run, a recovered one does not', () => {
  const tally = new SwarmTally();
  tally.transport.errors.set('ECONNREFUSED', 3);
  tally.transport.recovered = 2;

  assert.equal(buildReport(outcomeOf([1], tally), NO_GATES).verdict.passed, true);
  tally.transport.unrecovered = 1;
  assert.equal(buildReport(outcomeOf([1], tally), NO_GATES).verdict.passed, false);
});

test('the rejection and fairness gates fail the run when crossed', () => {
  const tally = new SwarmTally();
  tally.rejected('VOR_ERR_DUPLICATE_FINAL', true);
  tally.rejected('VOR_ERR_DUPLICATE_FINAL', true);

  const gated = buildReport(outcomeOf([1, 3], tally), { maxRejections: 1, minFairness: 0.9 });

  assert.equal(gated.verdict.reasons.length, 2);
  assert.match(gated.verdict.reasons.join(' '), /--max-rejections 1/);
  assert.match(gated.verdict.reasons.join(' '), /--min-fairness 0.9/);
});

test('the text report names every section', () => {
  const text = formatReport(buildReport(outcomeOf([2, 2]), NO_GATES));

  for (const label of [
    'requests',
    'cycles/app',
    'failures sent',
    'rejections',
    'transport',
    'latency ms',
    'verdict',
  ]) {
    assert.match(text, new RegExp(`^  ${label.replace('/', '\\/')}`, 'm'));
  }
  assert.match(text, /min 2 {2}mean 2\.00 {2}max 2/);
});
