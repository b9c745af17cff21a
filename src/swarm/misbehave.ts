import type { Command } from './answer.js';
import { descriptionParam } from './descriptor.js';
import { pick, type Random } from './random.js';
import { resultEventOf, type Outgoing, type Servo } from './servo.js';

/** The ways a servo can break the strict sequence on purpose. */
export const MISBEHAVIOUR_KINDS = [
  'out-of-order',
  'duplicate-final',
  'decreasing-progress',
  'whats-next-twice',
] as const;

export type MisbehaviourKind = (typeof MISBEHAVIOUR_KINDS)[number];

/** An extra request the servo sends on purpose; its answer changes nothing. */
export interface Injection {
  kind: MisbehaviourKind;
  request: Outgoing;
}

/**
 * With probability `rate`, one wrong request that fits where the servo
 * stands. Each is one the strict profile rejects without changing state,
 * so the servo carries on afterwards as if it had never been sent.
 */
export function maybeInject(servo: Servo, rate: number, random: Random): Injection | null {
  if (rate <= 0 || random() >= rate) return null;

  const kinds = eligibleKinds(servo);
  if (kinds.length === 0) return null;

  const kind = pick(kinds, random);
  return { kind, request: injectedRequest(kind, servo) };
}

/** The kinds that make sense at the servo's current step. */
export function eligibleKinds(servo: Servo): MisbehaviourKind[] {
  const kinds: MisbehaviourKind[] = [];
  const command = servo.step === 'result' ? servo.command : null;

  if (servo.step === 'whats-next' && servo.lastFinal !== null) kinds.push('duplicate-final');
  if (command === null || resultEventOf(command.cmd) === undefined) return kinds;

  kinds.push('out-of-order', 'whats-next-twice');
  if (command.cmd !== 'DESCRIBE' && servo.lastProgress > 0) kinds.push('decreasing-progress');
  return kinds;
}

function injectedRequest(kind: MisbehaviourKind, servo: Servo): Outgoing {
  switch (kind) {
    case 'duplicate-final':
      return servo.lastFinal as Outgoing;
    case 'whats-next-twice':
      return { event: 'WHATS_NEXT', param: null };
    case 'out-of-order':
      return outOfOrder(servo, servo.command as Command);
    case 'decreasing-progress':
      return decreasing(servo, servo.command as Command);
  }
}

/**
 * A result for a command that is neither running nor the one completed last:
 * the backend treats a result of the last command as a late or repeated one,
 * so only a third command is plainly out of order.
 */
function outOfOrder(servo: Servo, command: Command): Outgoing {
  const busy = new Set([command.cmd, servo.previousCmd]);
  const cmd = OUT_OF_ORDER_ORDER.find((candidate) => !busy.has(candidate)) as string;

  if (cmd === 'DESCRIBE') return { event: 'DESCRIPTION', param: descriptionParam() };
  const event = resultEventOf(cmd) as string;
  return { event, param: { progress: 0, runtime: 0, message: 'starting driver' } };
}

const OUT_OF_ORDER_ORDER = ['ADJUST', 'MEASURE', 'DESCRIBE'];

function decreasing(servo: Servo, command: Command): Outgoing {
  const param: Record<string, unknown> = {
    progress: Math.floor(servo.lastProgress / 2),
    runtime: 0,
    message: 'settling',
  };
  if (command.cmdUid !== undefined) param.cmd_uid = command.cmdUid;
  return { event: resultEventOf(command.cmd) as string, param };
}
