import type { FleetStats } from '../stats/fleet-stats.js';
import { bucketCycles, type CycleBuckets } from './cycle-buckets.js';
import type { FleetObserver } from './fleet-observer.js';
import { requestCounts, total } from './request-counts.js';
import { recentRejections, type RejectionView } from './rejections-route.js';

const HISTOGRAM_BUCKETS = 40;
const FEED_LENGTH = 15;

/** One poll's worth of figures: a fixed, small size at any fleet size. */
export interface DashboardData {
  /** Milliseconds since the epoch; the page derives rates from two polls. */
  time: number;
  apps: number;
  cycles: {
    total: number;
    min: number;
    mean: number;
    max: number;
    stddev: number;
    fairness: number | null;
  };
  failures: number;
  rejected: number;
  bad_requests: number;
  /** Requests so far by event, accepted or rejected. */
  requests: Record<string, number>;
  states: Record<string, number>;
  histogram: CycleBuckets;
  rejections: RejectionView[];
}

/** Everything the dashboard shows, computed from the fleet statistics and the observer. */
export function dashboardData(
  stats: FleetStats,
  observer: FleetObserver,
  clock: () => number,
): DashboardData {
  const snapshot = stats.snapshot();
  const requests: Record<string, number> = {};
  for (const { event, outcome, value } of requestCounts(snapshot)) {
    if (outcome !== 'bad_request') requests[event] = (requests[event] ?? 0) + value;
  }

  return {
    time: clock(),
    apps: snapshot.n,
    cycles: {
      total: snapshot.cycles,
      min: snapshot.min,
      mean: snapshot.average,
      max: snapshot.max,
      stddev: snapshot.stddev,
      fairness: snapshot.fairness,
    },
    failures: snapshot.failures,
    rejected: snapshot.rejected,
    bad_requests: total(snapshot.bad_requests),
    requests,
    states: snapshot.states,
    histogram: bucketCycles(stats.cycleHistogram(), HISTOGRAM_BUCKETS),
    rejections: recentRejections(observer, FEED_LENGTH),
  };
}
