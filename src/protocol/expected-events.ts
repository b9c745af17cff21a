import { EVENT_KIND_LABELS, EventKind } from './events.js';
import { CommandKind, isRunning, kindOfPhase, Phase, RESULT_EVENTS } from './phases.js';
import type { RuleSwitches } from './rules.js';

export const PROGRESS_SEEN = 1;

/**
 * The events that would move an application on from where it stands, for
 * rejection messages. GOODBYE, accepted from every connected state, is left
 * out so the list says what the servo should have sent next.
 */
export function expectedEvents(phase: Phase, flags: number, rules: RuleSwitches): string[] {
  if (phase === Phase.DISCONNECTED) return [EVENT_KIND_LABELS[EventKind.HELLO]];
  if (!isRunning(phase)) return [EVENT_KIND_LABELS[EventKind.WHATS_NEXT]];

  const kind = kindOfPhase(phase);
  if (kind === CommandKind.DESCRIBE) return [RESULT_EVENTS[kind]];

  const progress = `${RESULT_EVENTS[kind]} progress`;
  const canFinish = (flags & PROGRESS_SEEN) !== 0 || !rules.progress_before_final;
  return canFinish ? [progress, `${RESULT_EVENTS[kind]} final`] : [progress];
}
