import { EVENT_KIND_LABELS } from '../protocol/events.js';
import { commandUid } from '../protocol/command-writer.js';
import { COMMAND_NAMES, isRunning, kindOfPhase, Phase, PHASE_NAMES } from '../protocol/phases.js';
import { splitKey, type AppTable } from '../store/app-table.js';
import type { HistoryEntry } from './app-history.js';
import type { FleetObserver } from './fleet-observer.js';

/** One application in a list. */
export interface AppSummary {
  account: string;
  app: string;
  state: string;
  cycles: number;
  failures: number;
  rejections: number;
  last_seen: string;
}

/** The command an application is on: running (awaiting its result) or pending. */
export interface CommandView {
  cmd: string;
  cmd_uid: string | null;
  status: 'running' | 'pending';
}

/** What `GET /apps/{account}/{app}` answers. */
export interface AppDetails extends AppSummary {
  command: CommandView | null;
  progress: number | null;
  first_seen: string;
  /** False when the application was not active recently enough to keep its events. */
  history_kept: boolean;
  events: EventView[];
}

export interface EventView {
  time: string;
  event: string;
  outcome: 'accepted' | 'rejected';
  code: string | null;
  answer: unknown;
}

/** The short form used by `GET /apps`. */
export function appSummary(apps: AppTable, slot: number): AppSummary {
  const { account, app } = splitKey(apps.keyOf(slot));
  return {
    account,
    app,
    state: PHASE_NAMES[apps.phase[slot]!] ?? 'unknown',
    cycles: apps.cycles[slot]!,
    failures: apps.failures[slot]!,
    rejections: apps.rejections[slot]!,
    last_seen: isoSeconds(apps.lastSeen[slot]!),
  };
}

/** Everything known of one application, with its kept events. */
export function appDetails(apps: AppTable, slot: number, observer: FleetObserver): AppDetails {
  const progress = apps.progress[slot]!;
  return {
    ...appSummary(apps, slot),
    command: commandView(apps, slot),
    progress: Number.isNaN(progress) ? null : progress,
    first_seen: isoSeconds(apps.firstSeen[slot]!),
    history_kept: observer.history.has(slot),
    events: observer.history.eventsOf(slot).map(eventView),
  };
}

function commandView(apps: AppTable, slot: number): CommandView | null {
  const phase = apps.phase[slot] as Phase;
  if (phase === Phase.DISCONNECTED) return null;

  const cmd = COMMAND_NAMES[kindOfPhase(phase)];
  if (isRunning(phase)) {
    return { cmd, cmd_uid: commandUid(apps.commandSeq[slot]!), status: 'running' };
  }
  return { cmd, cmd_uid: null, status: 'pending' };
}

function eventView(entry: HistoryEntry): EventView {
  return {
    time: new Date(entry.timeMs).toISOString(),
    event: EVENT_KIND_LABELS[entry.kind],
    outcome: entry.rejection === null ? 'accepted' : 'rejected',
    code: entry.rejection,
    answer: parsedAnswer(entry.answer),
  };
}

/** Answers are kept as sent; they are parsed only here, when someone looks. */
export function parsedAnswer(answer: string): unknown {
  try {
    return JSON.parse(answer);
  } catch {
    return answer;
  }
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
