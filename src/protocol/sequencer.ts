import type { Logger } from 'pino';
import { VoraciousError, type ErrorCode, type ErrorDetails } from '../errors/catalogue.js';
import type { FleetStats } from '../stats/fleet-stats.js';
import type { StateStore } from '../store/state-store.js';
import { appKey, type AppTable } from '../store/app-table.js';
import { classifyEvent } from './classify-event.js';
import { commandUid, type CommandWriter } from './command-writer.js';
import type { DescriptorRegistry } from './descriptor-registry.js';
import { catchUpTo, type CatchUp } from './restored-catch-up.js';
import { EVENT_KIND_LABELS, EventKind, type ServoRequest } from './events.js';
import { expectedEvents, PROGRESS_SEEN } from './expected-events.js';
import {
  CommandKind,
  commandOfEvent,
  isRunning,
  kindOfPhase,
  NEW_STATE,
  Phase,
  PHASE_NAMES,
  runningPhase,
} from './phases.js';
import type { RejectStyle, RuleSwitches } from './rules.js';

/** Bits 1-2 of an application's flags: the kind of the last completed command. */
const PREVIOUS_SHIFT = 1;
const PREVIOUS_MASK = 0b110;
/** Bit 3: the running command's cmd_uid came from the servo (resync) and is not checked. */
const FOREIGN_UID = 0b1000;
/** Bit 4: restored from a state file and not heard from since; the file may lag one flush. */
const RESTORED = 0b10000;

const OK = '{"status":"ok"}';

/** A rejected event, as the observe layer records it. */
export interface RejectedEvent {
  /** -1 for an application the store holds nothing for. */
  slot: number;
  key: string;
  state: string;
  kind: EventKind;
  code: ErrorCode;
  answer: string;
}

/** Told of every answered event; the observe layer keeps histories with it. */
export interface EventObserver {
  eventAccepted(slot: number, kind: EventKind, answer: string): void;
  eventRejected(event: RejectedEvent): void;
}

export interface SequencerOptions {
  store: StateStore;
  stats: FleetStats;
  registry: DescriptorRegistry;
  commands: CommandWriter;
  rules: RuleSwitches;
  rejectWith: RejectStyle;
  resync: boolean;
  logger: Logger;
  /** Milliseconds since the epoch. */
  clock: () => number;
  observer?: EventObserver;
}

interface EventContext {
  account: string;
  app: string;
  /** `account/app`, the application's key in the table. */
  key: string;
  slot: number;
  kind: EventKind;
  param: Record<string, unknown>;
}

/** An answer to send, or the rejection the rules found; nothing has changed for a rejection. */
type Outcome = string | VoraciousError;

/**
 * Holds every application to the servo protocol: decides for each event
 * whether it is accepted, moves the application on, and writes the answer.
 * The rule checks return a rejection instead of answering it, so one place
 * counts, logs and answers it, and a rejected event changes no protocol state.
 */
export class Sequencer {
  private readonly apps: AppTable;

  constructor(private readonly options: SequencerOptions) {
    this.apps = options.store.apps;
    // Whatever the table holds before the first event came from a store's file.
    for (let slot = 0; slot < this.apps.size; slot++) this.apps.flags[slot]! |= RESTORED;
  }

  /** Answers one servo request; throws a VoraciousError for a 400-style rejection. */
  handle(account: string, app: string, request: ServoRequest): string {
    const kind = classifyEvent(request.event, request.param);
    const param = (request.param ?? {}) as Record<string, unknown>;
    const key = appKey(account, app);
    const slot = this.apps.find(key);
    const context: EventContext = { account, app, key, slot, kind, param };

    if (slot < 0) return this.firstEvent(context);
    this.apps.lastSeen[slot] = this.nowSeconds();
    return this.dispatch(context);
  }

  private dispatch(context: EventContext): string {
    const { slot } = context;
    const restored = (this.apps.flags[slot]! & RESTORED) !== 0;
    this.apps.flags[slot]! &= ~RESTORED;

    let outcome = this.answer(context);
    if (restored && typeof outcome !== 'string') outcome = this.catchUp(context);
    return this.settle(context, outcome);
  }

  /** Answers an accepted event, or counts, logs and answers a rejected one. */
  private settle(context: EventContext, outcome: Outcome): string {
    if (typeof outcome === 'string') {
      this.options.observer?.eventAccepted(context.slot, context.kind, outcome);
      return outcome;
    }
    return this.rejected(context, outcome);
  }

  /**
   * An application the store holds nothing for: HELLO creates it; with
   * resync any event does, placed where the event implies, unless the event
   * is refused even there. Without resync, a GOODBYE the rules let through
   * has nothing to end and leaves nothing behind.
   */
  private firstEvent(context: EventContext): string {
    const { kind } = context;
    const { resync, rules } = this.options;
    if (kind !== EventKind.HELLO && !resync) {
      const harmless = kind === EventKind.GOODBYE && !rules.goodbye_only_when_connected;
      return harmless ? OK : this.rejected(context, this.reject(context, 'VOR_ERR_NOT_CONNECTED'));
    }

    context.slot = this.apps.insert(context.key, this.nowSeconds());
    this.options.stats.appAdded(Phase.DISCONNECTED);
    if (kind === EventKind.HELLO) return this.dispatch(context);

    this.resync(context);
    const outcome = this.answer(context);
    if (typeof outcome === 'string') this.options.stats.resynced();
    else this.forgetNewApp(context);
    return this.settle(context, outcome);
  }

  private forgetNewApp(context: EventContext): void {
    this.options.stats.appRemoved(this.apps.phase[context.slot] as Phase);
    this.apps.removeLast();
    context.slot = -1;
  }

  private answer(context: EventContext): Outcome {
    switch (context.kind) {
      case EventKind.HELLO:
        return this.hello(context);
      case EventKind.GOODBYE:
        return this.goodbye(context);
      case EventKind.WHATS_NEXT:
        return this.whatsNext(context);
      case EventKind.MEASUREMENT_PROGRESS:
      case EventKind.ADJUSTMENT_PROGRESS:
        return this.progress(context);
      default:
        return this.final(context);
    }
  }

  private hello(context: EventContext): Outcome {
    const phase = this.apps.phase[context.slot] as Phase;
    if (phase !== Phase.DISCONNECTED && this.options.rules.hello_only_when_disconnected) {
      return this.reject(context, 'VOR_ERR_SEQUENCE');
    }
    this.apps.flags[context.slot] = 0;
    return this.accept(context, Phase.DESCRIBE_PENDING, OK);
  }

  private goodbye(context: EventContext): Outcome {
    const phase = this.apps.phase[context.slot] as Phase;
    if (phase === Phase.DISCONNECTED && this.options.rules.goodbye_only_when_connected) {
      return this.reject(context, 'VOR_ERR_SEQUENCE');
    }
    return this.accept(context, Phase.DISCONNECTED, OK);
  }

  private whatsNext(context: EventContext): Outcome {
    const { slot } = context;
    const phase = this.apps.phase[slot] as Phase;

    if (isRunning(phase) && !this.options.rules.whats_next_only_when_pending) {
      return this.accept(context, phase, this.commandOf(context, kindOfPhase(phase)));
    }
    if (phase === Phase.DISCONNECTED || isRunning(phase)) {
      return this.reject(context, 'VOR_ERR_SEQUENCE');
    }

    // The command is written before anything changes, so a failure to write it changes nothing.
    const kind = kindOfPhase(phase);
    const seq = this.apps.commandSeq[slot]! + 1;
    const command = this.commandOf(context, kind, seq);
    this.apps.commandSeq[slot] = seq;
    this.apps.flags[slot] = this.apps.flags[slot]! & PREVIOUS_MASK;
    this.apps.progress[slot] = NaN;
    return this.accept(context, runningPhase(kind), command);
  }

  private progress(context: EventContext): Outcome {
    const { slot, param } = context;
    const outOfTurn = this.checkResultTurn(context);
    if (outOfTurn !== null) return outOfTurn;

    const value = param.progress;
    const known = this.apps.progress[slot]!;
    const numeric = typeof value === 'number' && value >= 0 && value <= 100;
    if (!numeric && value !== null && this.options.rules.progress_in_range) {
      return this.reject(context, 'VOR_ERR_PROGRESS_RANGE', { value });
    }
    // The column is 32-bit: compare in its precision, or a repeated 0.1 would look lower.
    if (numeric && Math.fround(value) < known && this.options.rules.progress_monotonic) {
      const previous = Number(known.toPrecision(7));
      return this.reject(context, 'VOR_ERR_PROGRESS_DECREASED', { value, previous });
    }

    if (numeric) this.apps.progress[slot] = value;
    this.apps.flags[slot] = this.apps.flags[slot]! | PROGRESS_SEEN;
    return this.accept(context, this.apps.phase[slot] as Phase, OK);
  }

  private final(context: EventContext): Outcome {
    const { slot, kind } = context;
    const outOfTurn = this.checkResultTurn(context);
    if (outOfTurn !== null) return outOfTurn;

    const needsProgress = kind !== EventKind.DESCRIPTION;
    const progressSeen = (this.apps.flags[slot]! & PROGRESS_SEEN) !== 0;
    if (needsProgress && !progressSeen && this.options.rules.progress_before_final) {
      return this.reject(context, 'VOR_ERR_PROGRESS_MISSING');
    }
    return this.complete(context);
  }

  /** Completes the running command with its final; a non-ok status counts as a failure. */
  private complete(context: EventContext): Outcome {
    const { slot, param } = context;
    const commandKind = kindOfPhase(this.apps.phase[slot] as Phase);
    const failed = 'status' in param && param.status !== 'ok';

    if (commandKind === CommandKind.DESCRIBE && !failed) {
      const descriptor = this.options.registry.intern(param);
      if (typeof descriptor !== 'number') {
        return this.reject(context, 'VOR_ERR_DESCRIPTOR_LIMIT', { reason: descriptor.refused });
      }
      this.apps.descriptor[slot] = descriptor;
    }
    if (failed) this.recordFailure(context);
    if (commandKind === CommandKind.MEASURE && !failed) this.recordCycle(slot);

    this.apps.flags[slot] = commandKind << PREVIOUS_SHIFT;
    return this.accept(context, nextPhase(commandKind, failed), OK);
  }

  /**
   * Null when the event belongs to the running command and carries its
   * cmd_uid; otherwise the outcome (late progress and repeated finals of the
   * command just completed are told apart from plain disorder).
   */
  private checkResultTurn(context: EventContext): Outcome | null {
    const { slot } = context;
    const phase = this.apps.phase[slot] as Phase;
    const eventCommand = commandOfEvent(context.kind);

    if (isRunning(phase) && kindOfPhase(phase) === eventCommand) return this.checkUid(context);

    const previous = (this.apps.flags[slot]! & PREVIOUS_MASK) >> PREVIOUS_SHIFT;
    if (phase === Phase.DISCONNECTED || previous !== eventCommand) {
      return this.reject(context, 'VOR_ERR_SEQUENCE');
    }
    return this.afterCompletion(context);
  }

  private afterCompletion(context: EventContext): Outcome {
    const isProgress =
      context.kind === EventKind.MEASUREMENT_PROGRESS ||
      context.kind === EventKind.ADJUSTMENT_PROGRESS;
    const { rules } = this.options;

    if (isProgress) {
      return rules.reject_late_progress ? this.reject(context, 'VOR_ERR_LATE_PROGRESS') : OK;
    }
    return rules.single_final ? this.reject(context, 'VOR_ERR_DUPLICATE_FINAL') : OK;
  }

  private checkUid(context: EventContext): Outcome | null {
    const { slot, param } = context;
    const uid = param.cmd_uid;
    if (uid === undefined || uid === null || !this.options.rules.cmd_uid_must_match) return null;
    if ((this.apps.flags[slot]! & FOREIGN_UID) !== 0) return null;

    const outstanding = commandUid(this.apps.commandSeq[slot]!);
    if (uid === outstanding) return null;
    return this.reject(context, 'VOR_ERR_CMD_UID', { value: uid, outstanding });
  }

  /** Places an application the store knew nothing of where its first event implies. */
  private resync(context: EventContext): void {
    const { slot, kind, param } = context;
    const command = commandOfEvent(kind);

    if (kind === EventKind.WHATS_NEXT) this.moveTo(slot, Phase.DESCRIBE_PENDING);
    if (kind === EventKind.GOODBYE) this.moveTo(slot, Phase.DESCRIBE_PENDING);
    if (command === CommandKind.NONE) return;

    this.moveTo(slot, runningPhase(command));
    this.apps.flags[slot] = PROGRESS_SEEN | adoptUid(this.apps, slot, param.cmd_uid);
  }

  /**
   * A restored application's first event that the rules would refuse: the
   * state file may lag the servo by one flush interval (or the servo repeats
   * the request a kill cut short), so the event is believed. A repeated result
   * of the command just completed is answered ok and changes nothing; a
   * WHATS_NEXT while a command runs unreported gets that command again;
   * anything else moves the application to where the event fits, the
   * measurements it passed counting as cycles. Counted as a resync.
   */
  private catchUp(context: EventContext): Outcome {
    const { slot, kind } = context;
    const flags = this.apps.flags[slot]!;
    const from: CatchUp = {
      phase: this.apps.phase[slot] as Phase,
      commandSeq: this.apps.commandSeq[slot]!,
      previous: ((flags & PREVIOUS_MASK) >> PREVIOUS_SHIFT) as CommandKind,
      lostCycles: 0,
    };
    const uid = ourUid(context.param.cmd_uid);

    const command = commandOfEvent(kind);
    const repeated =
      command !== CommandKind.NONE &&
      command === from.previous &&
      !isRunning(from.phase) &&
      (uid === null || uid === from.commandSeq);
    if (repeated) return OK;

    this.options.stats.resynced();
    if (kind === EventKind.WHATS_NEXT && isRunning(from.phase) && (flags & PROGRESS_SEEN) === 0) {
      return this.accept(context, from.phase, this.commandOf(context, kindOfPhase(from.phase)));
    }
    this.place(context, catchUpTo(from, kind, uid));
    return this.answer(context);
  }

  /** Moves an application where a catch-up found it, as if the lost events had arrived. */
  private place(context: EventContext, place: CatchUp): void {
    const { slot } = context;
    for (let cycle = 0; cycle < place.lostCycles; cycle++) this.recordCycle(slot);

    this.apps.commandSeq[slot] = place.commandSeq;
    this.apps.progress[slot] = NaN;
    this.apps.flags[slot] = isRunning(place.phase)
      ? PROGRESS_SEEN | adoptUid(this.apps, slot, context.param.cmd_uid)
      : place.previous << PREVIOUS_SHIFT;
    this.moveTo(slot, place.phase);
  }

  private accept(context: EventContext, to: Phase, answer: string): string {
    this.moveTo(context.slot, to);
    this.options.stats.eventAccepted(context.kind);
    this.options.store.touch(context.slot);
    return answer;
  }

  private moveTo(slot: number, to: Phase): void {
    const from = this.apps.phase[slot] as Phase;
    if (from === to) return;
    this.apps.phase[slot] = to;
    this.options.stats.phaseChanged(from, to);
  }

  private recordCycle(slot: number): void {
    const cycles = this.apps.cycles[slot]!;
    this.apps.cycles[slot] = cycles + 1;
    this.options.stats.cycleCompleted(cycles);
  }

  private recordFailure(context: EventContext): void {
    this.apps.failures[context.slot] = this.apps.failures[context.slot]! + 1;
    this.options.stats.failureReported(EVENT_KIND_LABELS[context.kind]);
  }

  /** The command of `kind` numbered `seq` (by default the running one's) for this application. */
  private commandOf(context: EventContext, kind: CommandKind, seq?: number): string {
    const { slot, key } = context;
    const number = seq ?? this.apps.commandSeq[slot]!;
    return this.options.commands.write(kind, this.apps.descriptor[slot]!, key, number);
  }

  /** The rejection of an event, naming where the application stands; changes nothing. */
  private reject(context: EventContext, code: ErrorCode, extra: ErrorDetails = {}): VoraciousError {
    const { slot, account, app } = context;
    const known = slot >= 0;
    const phase = known ? (this.apps.phase[slot] as Phase) : Phase.DISCONNECTED;
    const flags = known ? this.apps.flags[slot]! : 0;
    return new VoraciousError(code, {
      account,
      app,
      state: known ? PHASE_NAMES[phase] : NEW_STATE,
      event: EVENT_KIND_LABELS[context.kind],
      expected: expectedEvents(phase, flags, this.options.rules),
      ...extra,
    });
  }

  /** Counts, logs and records a rejection, then throws it (strict) or answers it (lenient). */
  private rejected(context: EventContext, error: VoraciousError): string {
    const { slot, kind } = context;
    const answer = this.rejectionAnswer(error);

    this.options.stats.rejected(error.code, kind);
    this.options.logger.warn({ code: error.code, ...error.details }, 'sequence rejection');
    if (slot >= 0) {
      this.apps.rejections[slot] = this.apps.rejections[slot]! + 1;
      this.options.store.touch(slot);
    }
    this.options.observer?.eventRejected({
      slot,
      key: context.key,
      state: String(error.details.state),
      kind,
      code: error.code,
      answer,
    });

    if (this.options.rejectWith === 'http-400') throw error;
    return answer;
  }

  /** The strict style answers the error itself; the lenient one a status, as real backends do. */
  private rejectionAnswer(error: VoraciousError): string {
    if (this.options.rejectWith === 'http-400') return JSON.stringify(error.body());

    const stale = error.code === 'VOR_ERR_CMD_UID';
    return JSON.stringify({
      status: stale ? 'invalid' : 'unexpected-event',
      reason: stale ? 'unexpected cmd_uid' : error.message,
    });
  }

  private nowSeconds(): number {
    return Math.floor(this.options.clock() / 1000);
  }
}

/** After a command's final: DESCRIBE leads to MEASURE (or DESCRIBE again when it failed). */
function nextPhase(kind: CommandKind, failed: boolean): Phase {
  if (kind === CommandKind.DESCRIBE) {
    return failed ? Phase.DESCRIBE_PENDING : Phase.MEASURE_PENDING;
  }
  return kind === CommandKind.MEASURE ? Phase.ADJUST_PENDING : Phase.MEASURE_PENDING;
}

/** The command number a cmd_uid of ours stands for, or null for any other value. */
function ourUid(uid: unknown): number | null {
  return typeof uid === 'string' && /^(0|[1-9]\d{0,8})$/.test(uid) ? Number(uid) : null;
}

/** Takes over the servo's cmd_uid when it is one of ours; otherwise stops checking it. */
function adoptUid(apps: AppTable, slot: number, uid: unknown): number {
  const seq = ourUid(uid);
  if (seq !== null) {
    apps.commandSeq[slot] = seq;
    return 0;
  }
  return uid === undefined || uid === null ? 0 : FOREIGN_UID;
}
