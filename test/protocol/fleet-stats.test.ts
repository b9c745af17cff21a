import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Phase } from '../../src/protocol/phases.js';
import { FleetStats } from '../../src/stats/fleet-stats.js';
import { harness, MEASUREMENT_RESULT, placeApp, PROGRESS } from './sequencer-harness.js';

/** Stats of apps that completed the given numbers of cycles. */
function statsOf(cycles: number[]): FleetStats {
  const stats = new FleetStats();
  for (const count of cycles) {
    stats.appAdded(Phase.DISCONNECTED);
    for (let c = 0; c < count; c++) stats.cycleCompleted(c);
  }
  return stats;
}

function jain(cycles: number[]): number {
  const sum = cycles.reduce((a, b) => a + b, 0);
  const squares = cycles.reduce((a, b) => a + b * b, 0);
  return (sum * sum) / (cycles.length * squares);
}

test("n, average, min, max, stddev and Jain's index of apps at different cycle counts", () => {
  const cycles = [0, 1, 3, 4];

  const snapshot = statsOf(cycles).snapshot();

  assert.equal(snapshot.n, 4);
  assert.equal(snapshot.average, 2);
  assert.equal(snapshot.min, 0);
  assert.equal(snapshot.max, 4);
  assert.ok(Math.abs(snapshot.stddev - Math.sqrt(2.5)) < 1e-12);
  assert.ok(Math.abs(snapshot.fairness! - jain(cycles)) < 1e-12);
  assert.equal(snapshot.cycles, 8);
});

test('min rises once the last app at the lowest count completes a cycle', () => {
  const stats = statsOf([2, 2, 5]);
  assert.equal(stats.snapshot().min, 2);

  stats.cycleCompleted(2);
  assert.equal(stats.snapshot().min, 2);
  stats.cycleCompleted(2);

  const snapshot = stats.snapshot();
  assert.equal(snapshot.min, 3);
  assert.equal(snapshot.max, 5);
  assert.ok(Math.abs(snapshot.fairness! - jain([3, 3, 5])) < 1e-12);
});

test('an even fleet has fairness 1 and stddev 0; a fleet without cycles has fairness null', () => {
  const even = statsOf([3, 3, 3]).snapshot();
  assert.equal(even.fairness, 1);
  assert.equal(even.stddev, 0);
  assert.equal(even.min, 3);

  const idle = statsOf([0, 0]).snapshot();
  assert.equal(idle.fairness, null);
  assert.deepEqual([idle.n, idle.average, idle.min, idle.max], [2, 0, 0, 0]);
  assert.deepEqual(statsOf([]).snapshot().n, 0);
});

test('one app with all the cycles gives fairness 1/n', () => {
  assert.ok(Math.abs(statsOf([0, 0, 0, 0, 6]).snapshot().fairness! - 0.2) < 1e-12);
});

test('a new app brings min back to 0', () => {
  const stats = statsOf([2, 2]);

  stats.appAdded(Phase.DISCONNECTED);

  assert.equal(stats.snapshot().min, 0);
  assert.equal(stats.snapshot().max, 2);
});

test('the sequencer keeps the figures: apps at 0, 1 and 2 cycles, states and events', () => {
  const h = harness();
  placeApp(h, 'a0', 'measuring');
  placeApp(h, 'a1', 'adjust-pending');
  placeApp(h, 'a2', 'adjust-pending');
  h.ok('a2', 'WHATS_NEXT');
  h.ok('a2', 'ADJUSTMENT', PROGRESS(0));
  h.ok('a2', 'ADJUSTMENT', { state: {} });
  h.ok('a2', 'WHATS_NEXT');
  h.ok('a2', 'MEASUREMENT', PROGRESS(0));
  h.ok('a2', 'MEASUREMENT', MEASUREMENT_RESULT);

  const snapshot = h.stats.snapshot();

  assert.deepEqual([snapshot.n, snapshot.average, snapshot.min, snapshot.max], [3, 1, 0, 2]);
  assert.ok(Math.abs(snapshot.stddev - Math.sqrt(2 / 3)) < 1e-12);
  assert.ok(Math.abs(snapshot.fairness! - jain([0, 1, 2])) < 1e-12);
  assert.equal(snapshot.states.measuring, 1);
  assert.equal(snapshot.states['adjust-pending'], 2);
  assert.equal(snapshot.events.HELLO, 3);
  assert.equal(snapshot.events['MEASUREMENT final'], 3);
});
