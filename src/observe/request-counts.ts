import { EVENT_KIND_LABELS } from '../protocol/events.js';
import type { StatsSnapshot } from '../stats/fleet-stats.js';
import type { FleetObserver } from './fleet-observer.js';

export type Outcome = 'accepted' | 'rejected' | 'bad_request';

export interface RequestCount {
  event: string;
  outcome: Outcome;
  value: number;
}

/**
 * Event label of rejections the observer never sees: the sequencer reports a
 * rejection with its event kind only for applications it knows, so events
 * from never-seen applications (VOR_ERR_NOT_CONNECTED) are counted here.
 */
export const UNKNOWN_APP_EVENT = 'unknown app';

/** Event label of requests refused before their event was read (bad JSON, bad names). */
export const NO_EVENT = 'none';

/** Requests by event and outcome, from the fleet statistics and the observer's rejections. */
export function requestCounts(snapshot: StatsSnapshot, observer: FleetObserver): RequestCount[] {
  const counts: RequestCount[] = [];
  let observed = 0;
  EVENT_KIND_LABELS.forEach((event, kind) => {
    const rejected = observer.rejectedByKind[kind]!;
    observed += rejected;
    counts.push({ event, outcome: 'accepted', value: snapshot.events[event] ?? 0 });
    counts.push({ event, outcome: 'rejected', value: rejected });
  });

  const unseen = Math.max(0, snapshot.rejected - observed);
  counts.push({ event: UNKNOWN_APP_EVENT, outcome: 'rejected', value: unseen });
  counts.push({ event: NO_EVENT, outcome: 'bad_request', value: total(snapshot.bad_requests) });
  return counts;
}

/** The sum of a record of counts. */
export function total(counts: Record<string, number>): number {
  let sum = 0;
  for (const value of Object.values(counts)) sum += value;
  return sum;
}
