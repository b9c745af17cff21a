import { EventKind } from './events.js';

/**
 * Where an application stands in its cycle. A command kind k is pending in
 * phase 2k-1 (WHATS_NEXT hands it out) and running in phase 2k (its result
 * is awaited), which keeps the whole position in one byte per application.
 */
export const Phase = {
  DISCONNECTED: 0,
  DESCRIBE_PENDING: 1,
  DESCRIBING: 2,
  MEASURE_PENDING: 3,
  MEASURING: 4,
  ADJUST_PENDING: 5,
  ADJUSTING: 6,
} as const;

export type Phase = (typeof Phase)[keyof typeof Phase];

export const CommandKind = { NONE: 0, DESCRIBE: 1, MEASURE: 2, ADJUST: 3 } as const;

export type CommandKind = (typeof CommandKind)[keyof typeof CommandKind];

/** Names used in answers, logs, statistics and the state file. */
export const PHASE_NAMES = [
  'disconnected',
  'describe-pending',
  'describing',
  'measure-pending',
  'measuring',
  'adjust-pending',
  'adjusting',
] as const;

export type PhaseName = (typeof PHASE_NAMES)[number];

/** The state reported for an application the store holds nothing for. */
export const NEW_STATE = 'new';

export const COMMAND_NAMES = ['', 'DESCRIBE', 'MEASURE', 'ADJUST'] as const;

/** The event that carries the result of each command kind. */
export const RESULT_EVENTS = ['', 'DESCRIPTION', 'MEASUREMENT', 'ADJUSTMENT'] as const;

/** The command whose result an event carries; NONE for HELLO, WHATS_NEXT and GOODBYE. */
export function commandOfEvent(kind: EventKind): CommandKind {
  switch (kind) {
    case EventKind.DESCRIPTION:
      return CommandKind.DESCRIBE;
    case EventKind.MEASUREMENT_PROGRESS:
    case EventKind.MEASUREMENT_FINAL:
      return CommandKind.MEASURE;
    case EventKind.ADJUSTMENT_PROGRESS:
    case EventKind.ADJUSTMENT_FINAL:
      return CommandKind.ADJUST;
    default:
      return CommandKind.NONE;
  }
}

export function runningPhase(kind: CommandKind): Phase {
  return (kind * 2) as Phase;
}

/** The command kind a phase is about, or NONE when disconnected. */
export function kindOfPhase(phase: Phase): CommandKind {
  return ((phase + 1) >> 1) as CommandKind;
}

export function isRunning(phase: Phase): boolean {
  return phase !== Phase.DISCONNECTED && phase % 2 === 0;
}
