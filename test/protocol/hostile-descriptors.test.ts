import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_STATE } from '../../src/config/defaults.js';
import { harness, PROGRESS, type Harness } from './sequencer-harness.js';

const descriptorMode = {
  adjust: { mode: 'descriptor' as const, seed: 3, state: DEMO_STATE, control: {} },
};

type Settings = Record<string, Record<string, unknown>>;
type AdjustState = { application: { components: Record<string, { settings: Settings }> } };

/** Describes `components`, then returns the states of `count` ADJUSTs in a row. */
function adjustStates(h: Harness, components: Record<string, unknown>, count: number) {
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'DESCRIPTION', { descriptor: { application: { components } } });
  const states: AdjustState[] = [];
  for (let i = 0; i < count; i++) {
    h.ok('app1', 'WHATS_NEXT');
    h.ok('app1', 'MEASUREMENT', PROGRESS(0));
    h.ok('app1', 'MEASUREMENT', { metrics: {} });
    const command = h.ok('app1', 'WHATS_NEXT');
    states.push((command.param as { state: AdjustState }).state);
    h.ok('app1', 'ADJUSTMENT', PROGRESS(0));
    h.ok('app1', 'ADJUSTMENT', { state: {} });
  }
  return states;
}

const range = (min: number, max: number, step: number) => ({ min, max, step, type: 'range' });

test('components and settings named like Object properties get ADJUST values like any other', () => {
  const components = JSON.parse(
    '{"toString": {"settings": {"cpu": {"min": 0, "max": 4, "step": 1}}},' +
      ' "constructor": {"settings": {"__proto__": {"min": 1, "max": 3, "step": 1}}}}',
  ) as Record<string, unknown>;

  const [first, second] = adjustStates(harness(descriptorMode), components, 2);

  const keys = (state: AdjustState) => JSON.parse(JSON.stringify(state.application.components));
  assert.deepEqual(Object.keys(keys(first!)), ['toString', 'constructor']);
  assert.ok(Object.hasOwn(keys(first!).constructor.settings, '__proto__'));
  assert.notDeepEqual(keys(first!), keys(second!));
});

test('a minimum or step written with an exponent still gives values on the step', () => {
  const states = adjustStates(
    harness(descriptorMode),
    { web: { settings: { small: range(1e-7, 1, 0.5), fine: range(0, 1e-6, 1e-7) } } },
    4,
  );

  const values = states.map((state) => state.application.components.web!.settings);
  for (const settings of values) {
    const small = settings.small!.value as number;
    assert.ok([1e-7, 0.5000001].includes(small), `small ${small}`);
    const fine = settings.fine!.value as number;
    const steps = fine / 1e-7;
    assert.ok(Math.abs(steps - Math.round(steps)) < 1e-6 && fine <= 1e-6, `fine ${fine}`);
  }
  assert.notDeepEqual(values[0], values[1]);
});

test('settings no value could satisfy are left out of the ADJUST', () => {
  const [state] = adjustStates(
    harness(descriptorMode),
    {
      web: {
        settings: {
          upside: range(4, 1, 1),
          still: range(0, 4, 0),
          backwards: range(0, 4, -1),
          words: { min: '0', max: '4', step: '1' },
          odd: { values: [{ x: 1 }, null] },
          fine: range(0, 2, 1),
        },
      },
    },
    1,
  );

  assert.deepEqual(Object.keys(state!.application.components.web!.settings), ['fine']);
});

test('a DESCRIPTION over 64 KiB is refused and changes nothing', () => {
  const h = harness(descriptorMode);
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  const metrics = Object.fromEntries(
    Array.from({ length: 5000 }, (_, i) => [`metric_${i}`, { unit: 'rpm' }]),
  );
  const before = h.row('app1');

  const outcome = h.send('app1', 'DESCRIPTION', { descriptor: { measurement: { metrics } } });

  assert.equal(outcome.error?.code, 'VOR_ERR_DESCRIPTOR_LIMIT');
  assert.match(
    outcome.error.message,
    /app1: DESCRIPTION refused: its descriptor is \d+ bytes, over 65536/,
  );
  assert.deepEqual(h.row('app1'), before);
});

test('distinct descriptors past the limit are refused; known ones still accepted', () => {
  const h = harness();
  const describe = (app: string, metric: string) => {
    h.ok(app, 'HELLO');
    h.ok(app, 'WHATS_NEXT');
    return h.send(app, 'DESCRIPTION', {
      descriptor: { measurement: { metrics: { [metric]: {} } } },
    });
  };
  for (let i = 0; i < 100; i++) assert.equal(describe(`app${i}`, `m${i}`).error, undefined);

  assert.match(describe('late', 'new-metric').error?.message ?? '', /already has 100 distinct/);
  assert.equal(describe('again', 'm7').error, undefined);
});

test('a rejection quotes at most a preview of a huge value', () => {
  const h = harness();
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'DESCRIPTION', { descriptor: {} });
  h.ok('app1', 'WHATS_NEXT');

  const outcome = h.send('app1', 'MEASUREMENT', { progress: 1, cmd_uid: 'x'.repeat(1_000_000) });

  assert.equal(outcome.error?.code, 'VOR_ERR_CMD_UID');
  assert.ok(JSON.stringify(outcome.error.body()).length < 1000);
});
