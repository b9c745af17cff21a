import { EventKind } from './events.js';
import {
  CommandKind,
  commandOfEvent,
  isRunning,
  kindOfPhase,
  Phase,
  runningPhase,
} from './phases.js';

/** Where a restored application is placed so that the event it just sent is in turn. */
export interface CatchUp {
  phase: Phase;
  commandSeq: number;
  /** The command completed last, which a pending phase remembers in its flags. */
  previous: CommandKind;
  /** MEASUREMENT finals the servo sent while the state file lagged behind. */
  lostCycles: number;
}

/** Where an event must find its application: one phase, any pending one, or any connected one. */
type Target = Phase | 'pending' | 'connected';

/** Enough for a servo a few commands ahead; a cmd_uid further off is not walked to. */
const MAX_STEPS = 40;

/**
 * A state file is flushed every interval, so after a kill a servo can be a
 * few events ahead of its saved application. This walks the saved position
 * forward along the strict cycle until the event fits, to the outstanding
 * command's cmd_uid when the servo sent ours, counting every MEASUREMENT
 * final passed on the way as a completed cycle; an event the cycle cannot
 * reach (HELLO, or DESCRIPTION mid-cycle: the servo reconnected) is placed
 * directly.
 */
export function catchUpTo(from: CatchUp, kind: EventKind, uid: number | null): CatchUp {
  const target = targetOf(kind);
  const walked = walk(from, target, uid) ?? walk(from, target, null);
  return walked ?? placed(from, target, uid);
}

function walk(from: CatchUp, target: Target, uid: number | null): CatchUp | null {
  let at = from;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (arrived(at, target, uid)) return at;
    at = step(at);
  }
  return null;
}

function arrived(at: CatchUp, target: Target, uid: number | null): boolean {
  if (target === 'pending') return at.phase !== Phase.DISCONNECTED && !isRunning(at.phase);
  if (target === 'connected') return at.phase !== Phase.DISCONNECTED;
  return at.phase === target && (uid === null || at.commandSeq === uid);
}

/** One event further along the strict cycle, assuming every command succeeded. */
function step(at: CatchUp): CatchUp {
  const next = { ...at };
  if (at.phase === Phase.DISCONNECTED) {
    next.phase = Phase.DESCRIBE_PENDING;
    next.previous = CommandKind.NONE;
  } else if (!isRunning(at.phase)) {
    next.phase = (at.phase + 1) as Phase;
    next.commandSeq = at.commandSeq + 1;
  } else {
    next.previous = kindOfPhase(at.phase);
    next.phase = at.phase === Phase.ADJUSTING ? Phase.MEASURE_PENDING : ((at.phase + 1) as Phase);
    if (at.phase === Phase.MEASURING) next.lostCycles = at.lostCycles + 1;
  }
  return next;
}

function placed(from: CatchUp, target: Target, uid: number | null): CatchUp {
  const phase = target === 'connected' || target === 'pending' ? Phase.DESCRIBE_PENDING : target;
  const commandSeq = isRunning(phase) ? (uid ?? from.commandSeq + 1) : from.commandSeq;
  return { phase, commandSeq, previous: CommandKind.NONE, lostCycles: from.lostCycles };
}

function targetOf(kind: EventKind): Target {
  if (kind === EventKind.HELLO) return Phase.DISCONNECTED;
  if (kind === EventKind.WHATS_NEXT) return 'pending';
  const command = commandOfEvent(kind);
  return command === CommandKind.NONE ? 'connected' : runningPhase(command);
}
