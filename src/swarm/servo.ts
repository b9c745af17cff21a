import { isObject, type Answer, type Command } from './answer.js';
import { descriptionParam, measuredMetrics } from './descriptor.js';
import { pick, type Random } from './random.js';

/** Where a servo stands: what it will send on its next turn. */
export type ServoStep = 'hello' | 'whats-next' | 'result' | 'sleep' | 'resync' | 'goodbye' | 'done';

/** One request body, before it is serialised. */
export interface Outgoing {
  event: string;
  param: unknown;
}

/** One emulated servo: a few fields, so tens of thousands fit in memory. */
export interface Servo {
  readonly app: string;
  readonly path: string;
  step: ServoStep;
  connected: boolean;
  command: Command | null;
  progressSent: number;
  lastProgress: number;
  commandStartedAt: number;
  cancelled: boolean;
  cycles: number;
  /** The command whose final was accepted last since HELLO, as the backend remembers it. */
  previousCmd: string | null;
  /** The last accepted MEASUREMENT or ADJUSTMENT final, until the next WHATS_NEXT. */
  lastFinal: Outgoing | null;
  /** Unexpected rejections in a row; a servo that keeps losing sync gives up. */
  strikes: number;
}

/** What the servo's behaviour depends on besides its own state. */
export interface ServoContext {
  progressReports: number;
  failureRate: number;
  cycleTarget: number | null;
  random: Random;
  now: () => number;
}

export const AGENT = 'github.com/opsani/servo';

const RESULT_EVENTS: Record<string, string> = {
  DESCRIBE: 'DESCRIPTION',
  MEASURE: 'MEASUREMENT',
  ADJUST: 'ADJUSTMENT',
};

const FAILURE_STATUSES = ['failed', 'rejected'] as const;

export const MAX_STRIKES = 3;

/** A servo that has not said HELLO yet. */
export function createServo(account: string, app: string): Servo {
  return {
    app,
    path: `/accounts/${encodeURIComponent(account)}/applications/${encodeURIComponent(app)}/servo`,
    step: 'hello',
    connected: false,
    command: null,
    progressSent: 0,
    lastProgress: -1,
    commandStartedAt: 0,
    cancelled: false,
    cycles: 0,
    previousCmd: null,
    lastFinal: null,
    strikes: 0,
  };
}

/** The event a result of `cmd` is sent as, or undefined for a command without one. */
export function resultEventOf(cmd: string): string | undefined {
  return RESULT_EVENTS[cmd];
}

/** The next request of a servo in a sending step. */
export function planRequest(servo: Servo, ctx: ServoContext, goodbyeReason: string): Outgoing {
  switch (servo.step) {
    case 'hello':
      return { event: 'HELLO', param: { agent: AGENT } };
    case 'whats-next':
      return { event: 'WHATS_NEXT', param: null };
    case 'result':
      return planResult(servo, ctx);
    case 'resync':
      return { event: 'GOODBYE', param: { reason: 'restart' } };
    default:
      return { event: 'GOODBYE', param: { reason: goodbyeReason } };
  }
}

function planResult(servo: Servo, ctx: ServoContext): Outgoing {
  const command = servo.command as Command;
  const event = resultEventOf(command.cmd) as string;

  if (command.cmd === 'DESCRIBE') return { event, param: withUid(descriptionParam(), command) };
  if (servo.progressSent < ctx.progressReports) return progressReport(servo, ctx, event);
  return { event, param: withUid(finalParam(servo, ctx), command) };
}

function progressReport(servo: Servo, ctx: ServoContext, event: string): Outgoing {
  const command = servo.command as Command;
  const index = servo.progressSent;
  const progress = index === 0 ? 0 : Math.round((100 * index) / ctx.progressReports);
  const message = index === 0 ? 'starting driver' : progressMessage(command.cmd);
  const param = { progress, runtime: runtimeOf(servo, ctx), message };
  return { event, param: withUid(param, command) };
}

function progressMessage(cmd: string): string {
  return cmd === 'MEASURE' ? 'measuring' : 'adjusting';
}

function runtimeOf(servo: Servo, ctx: ServoContext): number {
  return Math.round((ctx.now() - servo.commandStartedAt) / 1000);
}

function finalParam(servo: Servo, ctx: ServoContext): Record<string, unknown> {
  const command = servo.command as Command;
  if (servo.cancelled) return failure('cancelled', command.cmd, 'cancelled by the backend');
  if (ctx.failureRate > 0 && ctx.random() < ctx.failureRate) {
    return failure(pick(FAILURE_STATUSES, ctx.random), command.cmd, 'emulated driver failure');
  }
  if (command.cmd === 'MEASURE') {
    return { metrics: measuredMetrics(metricNames(command), ctx.random) };
  }
  return { state: command.param.state ?? {}, status: 'ok' };
}

function failure(status: string, cmd: string, reason: string): Record<string, unknown> {
  return { status, message: `${cmd.toLowerCase()} ${status}: ${reason}`, reason };
}

function metricNames(command: Command): string[] {
  const names = command.param.metrics;
  return Array.isArray(names) ? names.filter((name) => typeof name === 'string') : [];
}

function withUid(param: Record<string, unknown>, command: Command): Record<string, unknown> {
  return command.cmdUid === undefined ? param : { ...param, cmd_uid: command.cmdUid };
}

/** Moves the servo on after the backend accepted `sent`; a WHATS_NEXT answer is the command. */
export function applyAccepted(
  servo: Servo,
  sent: Outgoing,
  answer: Answer,
  ctx: ServoContext,
): void {
  if (sent.event === 'HELLO') return connect(servo);
  if (sent.event === 'GOODBYE') return disconnect(servo);
  if (sent.event === 'WHATS_NEXT') {
    if (answer.kind === 'command') take(servo, answer.command, ctx);
    return;
  }
  if (isProgress(sent)) return progressAccepted(servo, sent, answer);
  finalAccepted(servo, sent, ctx);
}

function connect(servo: Servo): void {
  servo.connected = true;
  servo.previousCmd = null;
  servo.step = 'whats-next';
}

function disconnect(servo: Servo): void {
  servo.connected = false;
  servo.step = servo.step === 'resync' ? 'hello' : 'done';
}

function take(servo: Servo, command: Command, ctx: ServoContext): void {
  servo.command = command;
  servo.progressSent = 0;
  servo.lastProgress = -1;
  servo.cancelled = false;
  servo.lastFinal = null;
  servo.commandStartedAt = ctx.now();
  servo.step = command.cmd === 'SLEEP' ? 'sleep' : 'result';
}

function progressAccepted(servo: Servo, sent: Outgoing, answer: Answer): void {
  servo.progressSent += 1;
  servo.lastProgress = (sent.param as { progress: number }).progress;
  if (answer.kind === 'cancel') servo.cancelled = true;
}

function finalAccepted(servo: Servo, sent: Outgoing, ctx: ServoContext): void {
  const cmd = servo.command?.cmd;
  servo.strikes = 0;
  servo.command = null;
  servo.previousCmd = cmd ?? null;
  servo.lastFinal = cmd === 'DESCRIBE' ? null : sent;
  servo.step = 'whats-next';
  // A failed MEASUREMENT completes its command but, as the backend counts, no cycle.
  if (cmd !== 'MEASURE' || isFailure(sent)) return;

  servo.cycles += 1;
  if (ctx.cycleTarget !== null && servo.cycles >= ctx.cycleTarget) servo.step = 'goodbye';
}

/** A progress report is a param with a `progress` key; a final has none. */
export function isProgress(sent: Outgoing): boolean {
  return isObject(sent.param) && 'progress' in sent.param;
}

/** Whether a final carries a failure status. */
export function isFailure(sent: Outgoing): boolean {
  const { param } = sent;
  return isObject(param) && typeof param.status === 'string' && param.status !== 'ok';
}

/**
 * After a rejection nobody injected, the servo has lost sync: it says
 * GOODBYE and HELLO again, as a restarted servo would. An application the
 * backend does not know needs only the HELLO. A servo that keeps failing
 * without completing a command gives up, so a run always ends.
 */
export function applyUnexpectedRejection(servo: Servo, sent: Outgoing, code: string): void {
  servo.strikes += 1;
  servo.command = null;
  servo.lastFinal = null;

  if (servo.strikes > MAX_STRIKES || servo.step === 'goodbye') return stop(servo);
  if (sent.event === 'GOODBYE' || code === 'VOR_ERR_NOT_CONNECTED') return reconnect(servo);
  servo.step = 'resync';
}

function stop(servo: Servo): void {
  servo.step = 'done';
}

function reconnect(servo: Servo): void {
  servo.connected = false;
  servo.step = 'hello';
}
