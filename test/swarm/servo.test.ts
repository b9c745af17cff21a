import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Answer, Command } from '../../src/swarm/answer.js';
import { classifyAnswer } from '../../src/swarm/answer.js';
import { eligibleKinds, maybeInject } from '../../src/swarm/misbehave.js';
import {
  applyAccepted,
  applyUnexpectedRejection,
  createServo,
  planRequest,
  type Servo,
  type ServoContext,
} from '../../src/swarm/servo.js';

const OK: Answer = { kind: 'ok' };

interface Described {
  status: string;
  cmd_uid: string;
  descriptor: {
    application: { components: Record<string, { settings: Record<string, unknown> }> };
    measurement: { metrics: Record<string, unknown> };
  };
}

interface Measured {
  metrics: Record<string, { value: number; unit: string }>;
  cmd_uid: string;
}

function context(overrides: Partial<ServoContext> = {}): ServoContext {
  return {
    progressReports: 3,
    failureRate: 0,
    cycleTarget: null,
    random: () => 0.5,
    now: () => 0,
    ...overrides,
  };
}

function commanded(servo: Servo, command: Command, ctx: ServoContext): void {
  applyAccepted(servo, { event: 'WHATS_NEXT', param: null }, { kind: 'command', command }, ctx);
}

/** Sends and accepts requests until the servo asks what is next. */
function runCommand(servo: Servo, ctx: ServoContext): Array<{ event: string; param: unknown }> {
  const sent = [];
  while (servo.step === 'result') {
    const request = planRequest(servo, ctx, 'exit');
    sent.push(request);
    applyAccepted(servo, request, OK, ctx);
  }
  return sent;
}

function connected(ctx: ServoContext): Servo {
  const servo = createServo('acme', 'app00001');
  applyAccepted(servo, planRequest(servo, ctx, 'exit'), OK, ctx);
  return servo;
}

test('a servo says HELLO as the classic client, then asks what is next', () => {
  const ctx = context();
  const servo = createServo('acme', 'app00001');

  assert.equal(servo.path, '/accounts/acme/applications/app00001/servo');
  assert.deepEqual(planRequest(servo, ctx, 'exit'), {
    event: 'HELLO',
    param: { agent: 'github.com/opsani/servo' },
  });
  applyAccepted(servo, planRequest(servo, ctx, 'exit'), OK, ctx);
  assert.deepEqual(planRequest(servo, ctx, 'exit'), { event: 'WHATS_NEXT', param: null });
});

test('DESCRIBE is answered with the descriptor and the cmd_uid', () => {
  const ctx = context();
  const servo = connected(ctx);
  commanded(servo, { cmd: 'DESCRIBE', param: {}, cmdUid: '1' }, ctx);

  const [description] = runCommand(servo, ctx);

  const param = description?.param as Described;
  assert.equal(description?.event, 'DESCRIPTION');
  assert.equal(param.status, 'ok');
  assert.equal(param.cmd_uid, '1');
  assert.deepEqual(param.descriptor.application.components.web?.settings.cpu, {
    value: 1,
    min: 0.5,
    max: 4,
    step: 0.25,
    type: 'range',
  });
  assert.deepEqual(param.descriptor.measurement.metrics.throughput, { unit: 'rpm' });
});

test('MEASURE sends K rising progress reports from 0, then the metrics asked for', () => {
  const ctx = context();
  const servo = connected(ctx);
  commanded(
    servo,
    { cmd: 'MEASURE', param: { metrics: ['throughput'], control: {} }, cmdUid: '2' },
    ctx,
  );

  const sent = runCommand(servo, ctx);

  const progress = sent.map((r) => (r.param as { progress?: number }).progress);
  assert.deepEqual(progress, [0, 33, 67, undefined]);
  assert.deepEqual(sent[0]?.param, {
    progress: 0,
    runtime: 0,
    message: 'starting driver',
    cmd_uid: '2',
  });
  const final = sent[3]?.param as Measured;
  assert.deepEqual(Object.keys(final.metrics), ['throughput']);
  assert.equal(final.metrics.throughput?.unit, 'rpm');
  assert.equal(final.cmd_uid, '2');
  assert.equal(servo.cycles, 1);
  assert.equal(servo.step, 'whats-next');
});

test('ADJUST echoes the requested state with status ok', () => {
  const ctx = context({ progressReports: 1 });
  const servo = connected(ctx);
  const state = { application: { components: { web: { settings: { cpu: { value: 2 } } } } } };
  commanded(servo, { cmd: 'ADJUST', param: { state, control: {} }, cmdUid: undefined }, ctx);

  const sent = runCommand(servo, ctx);

  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1], { event: 'ADJUSTMENT', param: { state, status: 'ok' } });
  assert.equal(servo.cycles, 0);
});

test('a failure rate of 1 sends failed or rejected finals, which count no cycle', () => {
  const ctx = context({ progressReports: 1, failureRate: 1 });
  const servo = connected(ctx);
  commanded(servo, { cmd: 'MEASURE', param: { metrics: [] }, cmdUid: '3' }, ctx);

  const final = runCommand(servo, ctx)[1]?.param as Record<string, unknown>;

  assert.ok(final.status === 'failed' || final.status === 'rejected');
  assert.equal(typeof final.message, 'string');
  assert.equal(typeof final.reason, 'string');
  assert.equal(servo.cycles, 0);
});

test('with a cycle target the servo says GOODBYE after its last MEASUREMENT', () => {
  const ctx = context({ progressReports: 1, cycleTarget: 1 });
  const servo = connected(ctx);
  commanded(servo, { cmd: 'MEASURE', param: {}, cmdUid: '4' }, ctx);

  runCommand(servo, ctx);

  assert.equal(servo.step, 'goodbye');
  assert.deepEqual(planRequest(servo, ctx, 'exit'), {
    event: 'GOODBYE',
    param: { reason: 'exit' },
  });
});

test('each misbehaviour is offered only where it breaks the strict sequence', () => {
  const ctx = context({ progressReports: 3 });
  const servo = connected(ctx);
  assert.deepEqual(eligibleKinds(servo), []);

  commanded(servo, { cmd: 'MEASURE', param: {}, cmdUid: '5' }, ctx);
  assert.deepEqual(eligibleKinds(servo), ['out-of-order', 'whats-next-twice']);

  applyAccepted(servo, planRequest(servo, ctx, 'exit'), OK, ctx);
  applyAccepted(servo, planRequest(servo, ctx, 'exit'), OK, ctx);
  assert.ok(eligibleKinds(servo).includes('decreasing-progress'));
  const injected = maybeInject(servo, 1, () => 0.99);
  assert.deepEqual(injected?.request.param, {
    progress: 16,
    runtime: 0,
    message: 'settling',
    cmd_uid: '5',
  });

  runCommand(servo, ctx);
  assert.deepEqual(eligibleKinds(servo), ['duplicate-final']);
});

test('an out-of-order event is for a command neither running nor just completed', () => {
  const ctx = context({ progressReports: 1 });
  const servo = connected(ctx);
  commanded(servo, { cmd: 'ADJUST', param: {}, cmdUid: '6' }, ctx);
  servo.previousCmd = 'MEASURE';

  const injected = maybeInject(servo, 1, () => 0);

  assert.equal(injected?.kind, 'out-of-order');
  assert.equal(injected?.request.event, 'DESCRIPTION');
});

test('a lost servo says GOODBYE and HELLO again, then gives up after repeated failures', () => {
  const ctx = context();
  const servo = connected(ctx);
  const whatsNext = planRequest(servo, ctx, 'exit');

  applyUnexpectedRejection(servo, whatsNext, 'VOR_ERR_SEQUENCE');
  assert.equal(servo.step, 'resync');
  assert.deepEqual(planRequest(servo, ctx, 'exit'), {
    event: 'GOODBYE',
    param: { reason: 'restart' },
  });
  applyAccepted(servo, planRequest(servo, ctx, 'exit'), OK, ctx);
  assert.equal(servo.step, 'hello');

  applyUnexpectedRejection(servo, whatsNext, 'VOR_ERR_NOT_CONNECTED');
  applyUnexpectedRejection(servo, whatsNext, 'VOR_ERR_NOT_CONNECTED');
  assert.equal(servo.step, 'hello');
  applyUnexpectedRejection(servo, whatsNext, 'VOR_ERR_NOT_CONNECTED');
  assert.equal(servo.step, 'done');
});

test('answers are read as commands, statuses or rejections', () => {
  assert.deepEqual(classifyAnswer(200, { cmd: 'SLEEP', param: { duration: 2 }, cmd_uid: '9' }), {
    kind: 'command',
    command: { cmd: 'SLEEP', param: { duration: 2 }, cmdUid: '9' },
  });
  assert.deepEqual(classifyAnswer(200, { status: 'ok', message: null }), { kind: 'ok' });
  assert.deepEqual(classifyAnswer(200, { status: 'cancel' }), { kind: 'cancel' });
  assert.deepEqual(classifyAnswer(200, { status: 'invalid', reason: 'unexpected cmd_uid' }), {
    kind: 'rejected',
    code: 'invalid',
    message: 'unexpected cmd_uid',
  });
  assert.deepEqual(classifyAnswer(400, { code: 'VOR_ERR_SEQUENCE', message: 'm' }), {
    kind: 'rejected',
    code: 'VOR_ERR_SEQUENCE',
    message: 'm',
  });
  assert.deepEqual(classifyAnswer(404, 'Not Found'), {
    kind: 'rejected',
    code: 'http-404',
    message: '',
  });
});
