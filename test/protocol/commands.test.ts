import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_STATE } from '../../src/config/defaults.js';
import { DEMO_DESCRIPTION } from '../helpers/servo-driver.js';
import {
  ADJUSTMENT_RESULT,
  harness,
  MEASUREMENT_RESULT,
  placeApp,
  PROGRESS,
  type Harness,
} from './sequencer-harness.js';
import type { ConfigOverrides } from '../helpers/test-config.js';

type Param = Record<string, unknown>;
type Components = Record<string, { settings: Record<string, { value: unknown }> }>;

/** A descriptor with ranges of several steps and an enumeration. */
const MIXED_DESCRIPTION = {
  status: 'ok',
  descriptor: {
    application: {
      components: {
        api: {
          settings: {
            cpu: { value: 1, min: 0.1, max: 2, step: 0.1, type: 'range' },
            replicas: { value: 2, min: 1, max: 3, step: 1, type: 'range' },
            flavour: { value: 'b', type: 'enum', values: ['a', 'b', 'c'] },
          },
        },
        db: { settings: { mem: { value: 256, min: 128, max: 1024, step: 128 } } },
      },
    },
    measurement: { metrics: { p99: { unit: 'ms' } } },
  },
};

const SPECS = MIXED_DESCRIPTION.descriptor.application.components;

function nextAdjust(h: Harness, app: string): Param {
  h.ok(app, 'WHATS_NEXT');
  h.ok(app, 'MEASUREMENT', PROGRESS(0));
  h.ok(app, 'MEASUREMENT', MEASUREMENT_RESULT);
  const command = h.ok(app, 'WHATS_NEXT');
  assert.equal(command.cmd, 'ADJUST');
  h.ok(app, 'ADJUSTMENT', PROGRESS(0));
  h.ok(app, 'ADJUSTMENT', ADJUSTMENT_RESULT);
  return command.param as Param;
}

/** The states of `count` ADJUSTs handed to `app` after a DESCRIPTION of MIXED_DESCRIPTION. */
function adjustStates(overrides: ConfigOverrides, app: string, count: number): unknown[] {
  const h = harness(overrides);
  h.ok(app, 'HELLO');
  h.ok(app, 'WHATS_NEXT');
  h.ok(app, 'DESCRIPTION', MIXED_DESCRIPTION);
  return Array.from({ length: count }, () => nextAdjust(h, app).state);
}

const descriptorMode = (seed: number): ConfigOverrides => ({
  adjust: { mode: 'descriptor', seed, state: DEMO_STATE, control: {} },
});

function assertValid(state: unknown): void {
  const components = (state as { application: { components: Components } }).application.components;
  assert.deepEqual(Object.keys(components).sort(), ['api', 'db']);

  for (const [component, { settings }] of Object.entries(SPECS)) {
    for (const [name, spec] of Object.entries(settings as Record<string, Param>)) {
      const value = components[component]?.settings[name]?.value;
      if (Array.isArray(spec.values)) {
        assert.ok(spec.values.includes(value), `${name}=${value} is one of the values`);
        continue;
      }
      const { min, max, step } = spec as { min: number; max: number; step: number };
      assert.equal(typeof value, 'number');
      const number = value as number;
      assert.ok(number >= min && number <= max, `${name}=${value} in range`);
      const steps = (number - min) / step;
      assert.ok(Math.abs(steps - Math.round(steps)) < 1e-9, `${name}=${value} on a step`);
    }
  }
}

test("MEASURE names the DESCRIPTION's metrics and the configured control", () => {
  const control = { duration: 30, warmup: 5, userdata: { x: 1 } };
  const h = harness({ measure: { control } });
  placeApp(h, 'app1', 'measure-pending');

  const command = h.ok('app1', 'WHATS_NEXT');

  assert.equal(command.cmd, 'MEASURE');
  assert.deepEqual(command.param, { metrics: ['throughput', 'error_rate'], control });
  assert.equal(typeof command.cmd_uid, 'string');
});

test('MEASURE still carries metrics and control when the descriptor names no metrics', () => {
  const h = harness();
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'DESCRIPTION', { descriptor: { application: { components: {} } } });

  assert.deepEqual(h.ok('app1', 'WHATS_NEXT').param, { metrics: [], control: {} });
});

test('each application gets the metrics of its own DESCRIPTION', () => {
  const h = harness();
  placeApp(h, 'app1', 'measure-pending');
  h.ok('app2', 'HELLO');
  h.ok('app2', 'WHATS_NEXT');
  h.ok('app2', 'DESCRIPTION', MIXED_DESCRIPTION);

  assert.deepEqual((h.ok('app1', 'WHATS_NEXT').param as Param).metrics, [
    'throughput',
    'error_rate',
  ]);
  assert.deepEqual((h.ok('app2', 'WHATS_NEXT').param as Param).metrics, ['p99']);
});

test('DESCRIBE has an empty object param', () => {
  const h = harness();
  h.ok('app1', 'HELLO');

  const command = h.ok('app1', 'WHATS_NEXT');

  assert.equal(command.cmd, 'DESCRIBE');
  assert.deepEqual(command.param, {});
});

test('fixed ADJUST sends the demo state and the control, never metrics', () => {
  const control = { settlement: 10 };
  const h = harness({ adjust: { mode: 'fixed', state: DEMO_STATE, control, seed: 1 } });
  placeApp(h, 'app1', 'adjust-pending');

  const command = h.ok('app1', 'WHATS_NEXT');

  assert.equal(command.cmd, 'ADJUST');
  assert.deepEqual(command.param, { state: DEMO_STATE, control });
  assert.deepEqual(DEMO_STATE.application.components.web.settings, {
    cpu: { value: 1 },
    replicas: { value: 3 },
  });
});

test('descriptor ADJUST gives a valid value for every setting', () => {
  for (const app of ['app1', 'app2', 'svc-x']) {
    for (const state of adjustStates(descriptorMode(7), app, 12)) assertValid(state);
  }
});

test('descriptor ADJUST differs between consecutive ADJUSTs', () => {
  const states = adjustStates(descriptorMode(7), 'app1', 20);

  for (let i = 1; i < states.length; i++) {
    assert.notDeepEqual(states[i], states[i - 1], `ADJUST ${i} repeats ADJUST ${i - 1}`);
  }
});

test('descriptor ADJUST is the same for the same app and seed, and varies with them', () => {
  const first = adjustStates(descriptorMode(7), 'app1', 6);

  assert.deepEqual(adjustStates(descriptorMode(7), 'app1', 6), first);
  assert.notDeepEqual(adjustStates(descriptorMode(8), 'app1', 6), first);
  assert.notDeepEqual(adjustStates(descriptorMode(7), 'app2', 6), first);
});

test('descriptor ADJUST falls back to the configured state without settings to derive from', () => {
  const h = harness(descriptorMode(7));
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'DESCRIPTION', { descriptor: {} });

  assert.deepEqual(nextAdjust(h, 'app1').state, DEMO_STATE);
});

test('descriptor ADJUST of the demo descriptor keeps to its components', () => {
  const h = harness(descriptorMode(1));
  h.ok('app1', 'HELLO');
  h.ok('app1', 'WHATS_NEXT');
  h.ok('app1', 'DESCRIPTION', DEMO_DESCRIPTION);

  const state = nextAdjust(h, 'app1').state as { application: { components: Components } };

  assert.deepEqual(Object.keys(state.application.components), ['web', 'java', 'db']);
});
