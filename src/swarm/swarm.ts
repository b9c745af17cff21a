import { performance } from 'node:perf_hooks';

import { classifyAnswer, type Answer } from './answer.js';
import { maybeInject, type Injection } from './misbehave.js';
import { jittered, type Random } from './random.js';
import { DEFAULT_BACKOFF, sendWithRetry, type RetryHooks } from './retry.js';
import {
  applyAccepted,
  applyUnexpectedRejection,
  createServo,
  isFailure,
  isProgress,
  planRequest,
  type Outgoing,
  type Servo,
  type ServoContext,
} from './servo.js';
import type { SwarmPlan } from './swarm-plan.js';
import { increment, SwarmTally } from './tally.js';
import { Transport } from './transport.js';

/** Clock and randomness of a run, injectable so tests can pin them. */
export interface SwarmSinks {
  random: Random;
  now: () => number;
}

/** Figures for the live progress line. */
export interface LiveFigures {
  elapsedMs: number;
  servos: number;
  active: number;
  requests: number;
  cycles: number;
  rejections: number;
  p50Ms: number;
  p99Ms: number;
}

/** What a finished run hands to the report. */
export interface SwarmOutcome {
  plan: SwarmPlan;
  tally: SwarmTally;
  /** Completed MEASUREMENTs per app, in the plan's order. */
  cycles: number[];
  startedAt: number;
  endedAt: number;
  stopReason: string;
}

/** A running swarm: stop it early, watch it, await its outcome. */
export interface SwarmRun {
  readonly done: Promise<SwarmOutcome>;
  stop(reason: string): void;
  live(): LiveFigures;
}

const KNOWN_COMMANDS = new Set(['DESCRIBE', 'MEASURE', 'ADJUST', 'SLEEP']);

/** Starts one servo per app against the plan's backend; resolves when every servo is done. */
export function startSwarm(plan: SwarmPlan, sinks: SwarmSinks): SwarmRun {
  return new Swarm(plan, sinks);
}

class Swarm implements SwarmRun {
  readonly done: Promise<SwarmOutcome>;
  private readonly tally = new SwarmTally();
  private readonly servos: Servo[];
  private readonly transport: Transport;
  private readonly context: ServoContext;
  private readonly retryHooks: RetryHooks;
  private readonly waiting = new Map<Servo, NodeJS.Timeout>();
  private readonly startedAt: number;
  private resolve: (outcome: SwarmOutcome) => void = () => undefined;
  private finished = 0;
  private stopReason: string | null = null;
  private hardStopAt = Infinity;
  private durationTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly plan: SwarmPlan,
    private readonly sinks: SwarmSinks,
  ) {
    this.servos = plan.apps.map((app) => createServo(plan.account, app));
    this.transport = new Transport(plan.url, plan.connections);
    this.context = contextOf(plan, sinks);
    this.retryHooks = {
      policy: DEFAULT_BACKOFF,
      random: sinks.random,
      now: sinks.now,
      giveUpAt: (since) => Math.min(since + plan.retryForMs, this.hardStopAt),
      onFailure: (kind) => increment(this.tally.transport.errors, kind),
    };
    this.startedAt = sinks.now();
    this.done = new Promise((resolve) => (this.resolve = resolve));
    this.launch();
  }

  stop(reason: string): void {
    if (this.stopReason !== null) return;
    this.stopReason = reason;
    this.hardStopAt = this.sinks.now() + this.plan.graceMs;
    if (this.durationTimer !== null) clearTimeout(this.durationTimer);

    for (const [servo, timer] of this.waiting) {
      clearTimeout(timer);
      this.later(servo, 0);
    }
  }

  live(): LiveFigures {
    let active = 0;
    let cycles = 0;
    for (const servo of this.servos) {
      if (servo.connected) active += 1;
      cycles += servo.cycles;
    }

    const figures = {
      elapsedMs: this.sinks.now() - this.startedAt,
      servos: this.servos.length,
      active,
      requests: this.tally.requests,
      cycles,
      rejections: this.tally.rejectionCount,
      p50Ms: this.tally.recent.getValueAtPercentile(50) / 1000,
      p99Ms: this.tally.recent.getValueAtPercentile(99) / 1000,
    };
    this.tally.recent.reset();
    return figures;
  }

  private launch(): void {
    if (this.servos.length === 0) return this.end();
    if (this.plan.cycles === null && this.plan.durationMs !== null) {
      this.durationTimer = setTimeout(() => this.stop('exit'), this.plan.durationMs);
    }

    // Spread the first HELLOs over one think time, as servos started by hand would be.
    for (const servo of this.servos) {
      this.later(servo, this.sinks.random() * this.plan.thinkTimeMs);
    }
  }

  private later(servo: Servo, delayMs: number): void {
    if (delayMs <= 0) {
      setImmediate(() => void this.turn(servo));
      return;
    }

    const timer = setTimeout(() => {
      this.waiting.delete(servo);
      void this.turn(servo);
    }, delayMs);
    this.waiting.set(servo, timer);
  }

  /** One step of one servo: maybe an injected request, else its next request. */
  private async turn(servo: Servo): Promise<void> {
    if (this.stopReason !== null) prepareStop(servo);
    if (servo.step === 'done') return this.finish(servo);

    try {
      const injection = this.stopReason === null ? this.injectionFor(servo) : null;
      if (injection !== null) await this.inject(servo, injection);
      else await this.advance(servo);
    } catch {
      this.tally.rejected('swarm-error', false);
      servo.step = 'done';
    }
    this.scheduleNext(servo);
  }

  private injectionFor(servo: Servo): Injection | null {
    return maybeInject(servo, this.plan.misbehaveRate, this.sinks.random);
  }

  private scheduleNext(servo: Servo): void {
    if (servo.step === 'done') return this.finish(servo);
    if (this.stopReason !== null) return this.later(servo, 0);
    if (servo.step === 'sleep') return this.sleep(servo);

    this.later(servo, jittered(this.plan.thinkTimeMs, this.plan.jitter, this.sinks.random));
  }

  private sleep(servo: Servo): void {
    const seconds = Number(servo.command?.param.duration);
    const wanted = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;

    servo.command = null;
    servo.step = 'whats-next';
    this.later(servo, Math.min(wanted, this.plan.maxSleepMs));
  }

  private async advance(servo: Servo): Promise<void> {
    const sent = planRequest(servo, this.context, this.stopReason ?? 'exit');
    const answer = await this.exchange(servo, sent);
    if (answer === null) return this.giveUp(servo);

    const surprise = surpriseIn(sent, answer);
    if (surprise !== null) return this.lostSync(servo, sent, surprise);

    if (!isProgress(sent) && isFailure(sent)) this.countFailure(sent);
    applyAccepted(servo, sent, answer, this.context);
  }

  private async inject(servo: Servo, injection: Injection): Promise<void> {
    increment(this.tally.injected, injection.kind);

    const answer = await this.exchange(servo, injection.request);
    if (answer === null) return this.giveUp(servo);
    if (answer.kind === 'rejected') this.tally.rejected(answer.code, true);
    else increment(this.tally.injectedAccepted, injection.kind);
  }

  private lostSync(servo: Servo, sent: Outgoing, code: string): void {
    this.tally.rejected(code, false);
    applyUnexpectedRejection(servo, sent, code);
    if (servo.step === 'done') this.tally.abandoned += 1;
    else this.tally.resyncs += 1;
  }

  private giveUp(servo: Servo): void {
    servo.step = 'done';
    if (this.stopReason === null) this.tally.abandoned += 1;
  }

  private countFailure(sent: Outgoing): void {
    const status = (sent.param as { status: string }).status;
    increment(this.tally.failuresSent, `${sent.event} ${status}`);
  }

  /** Sends one request with retries; null when the backend stayed unreachable. */
  private async exchange(servo: Servo, sent: Outgoing): Promise<Answer | null> {
    const payload = JSON.stringify(sent);
    const outcome = await sendWithRetry(() => this.timedPost(servo.path, payload), this.retryHooks);

    if (outcome.failures > 0 && outcome.reply !== null) this.tally.transport.recovered += 1;
    if (outcome.reply === null) this.tally.transport.unrecovered += 1;
    const reply = outcome.reply;
    return reply === null ? null : classifyAnswer(reply.statusCode, reply.body);
  }

  private async timedPost(path: string, payload: string) {
    const started = performance.now();
    const reply = await this.transport.post(path, payload);
    this.tally.answered(performance.now() - started);
    return reply;
  }

  private finish(servo: Servo): void {
    servo.connected = false;
    this.finished += 1;
    if (this.finished === this.servos.length) this.end();
  }

  private end(): void {
    if (this.durationTimer !== null) clearTimeout(this.durationTimer);
    const outcome: SwarmOutcome = {
      plan: this.plan,
      tally: this.tally,
      cycles: this.servos.map((servo) => servo.cycles),
      startedAt: this.startedAt,
      endedAt: this.sinks.now(),
      stopReason: this.stopReason ?? 'exit',
    };
    void this.transport.close().finally(() => this.resolve(outcome));
  }
}

function contextOf(plan: SwarmPlan, sinks: SwarmSinks): ServoContext {
  return {
    progressReports: plan.progressReports,
    failureRate: plan.failureRate,
    cycleTarget: plan.cycles,
    random: sinks.random,
    now: sinks.now,
  };
}

/** On stop, a connected servo says GOODBYE next; one that never connected is done. */
function prepareStop(servo: Servo): void {
  if (servo.step === 'goodbye' || servo.step === 'done') return;
  servo.step = servo.connected ? 'goodbye' : 'done';
}

/** Why an answer means the servo lost sync, or null when it is what the servo expected. */
function surpriseIn(sent: Outgoing, answer: Answer): string | null {
  if (answer.kind === 'rejected') return answer.code;
  if (sent.event !== 'WHATS_NEXT') return null;
  if (answer.kind !== 'command') return 'no-command';
  return KNOWN_COMMANDS.has(answer.command.cmd) ? null : 'unknown-command';
}
