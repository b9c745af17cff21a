import { EVENT_KIND_LABELS } from '../protocol/events.js';
import type { StatsSnapshot } from '../stats/fleet-stats.js';

export type Outcome = 'accepted' | 'rejected' | 'bad_request';

export interface RequestCount {
  event: string;
  outcome: Outcome;
  value: number;
}

/** Event label of requests refused before their event was read (bad JSON, bad names). */
export const NO_EVENT = 'none';

/** Requests by event and outcome, from the fleet statistics. */
export function requestCounts(snapshot: StatsSnapshot): RequestCount[] {
  const counts: RequestCount[] = [];
  for (const event of EVENT_KIND_LABELS) {
    counts.push({ event, outcome: 'accepted', value: snapshot.events[event] ?? 0 });
    counts.push({ event, outcome: 'rejected', value: snapshot.rejections_by_event[event] ?? 0 });
  }
  counts.push({ event: NO_EVENT, outcome: 'bad_request', value: total(snapshot.bad_requests) });
  return counts;
}

/** The sum of a record of counts. */
export function total(counts: Record<string, number>): number {
  let sum = 0;
  for (const value of Object.values(counts)) sum += value;
  return sum;
}
