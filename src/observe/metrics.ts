import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { FleetStats, StatsSnapshot } from '../stats/fleet-stats.js';
import { requestCounts } from './request-counts.js';
import { RequestLatency } from './request-latency.js';

export interface EmulatorMetrics {
  registry: Registry;
  latency: RequestLatency;
}

type Sample = [labels: Record<string, string>, value: number];

/**
 * The Prometheus registry of one emulator (never the global one, so several
 * emulators in one process stay apart). Every figure but latency is read
 * from the fleet statistics when scraped (a snapshot costs the same at any
 * fleet size), so requests pay nothing for them.
 * Labels are bounded: events, outcomes, codes and states, never applications.
 */
export function createMetrics(stats: FleetStats): EmulatorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const snapshot = () => stats.snapshot();

  counter(
    registry,
    'voracious_requests_total',
    'Servo requests by event and outcome',
    ['event', 'outcome'],
    () => requestCounts(snapshot()).map(({ event, outcome, value }) => [{ event, outcome }, value]),
  );
  counter(
    registry,
    'voracious_rejections_total',
    'Sequence rejections by error code',
    ['code'],
    () => byLabel('code', snapshot().rejections),
  );
  counter(
    registry,
    'voracious_bad_requests_total',
    'Requests refused before the sequencer',
    ['code'],
    () => byLabel('code', snapshot().bad_requests),
  );
  counter(
    registry,
    'voracious_cycles_completed_total',
    'Completed MEASUREMENTs, all apps',
    [],
    () => [[{}, snapshot().cycles]],
  );
  counter(
    registry,
    'voracious_cycles_failed_total',
    'Finals with a status other than ok',
    ['event'],
    () => byLabel('event', snapshot().failures_by_event),
  );
  counter(
    registry,
    'voracious_resyncs_total',
    'Unknown applications placed by their first event',
    [],
    () => [[{}, snapshot().resyncs]],
  );

  gauge(registry, 'voracious_applications', 'Applications by protocol state', ['state'], () =>
    byLabel('state', snapshot().states),
  );
  gauge(registry, 'voracious_cycles_per_app', 'Completed cycles per application', ['stat'], () =>
    cycleFigures(snapshot()),
  );

  return { registry, latency: new RequestLatency(registry) };
}

function cycleFigures(snapshot: StatsSnapshot): Sample[] {
  const figures: Sample[] = [
    [{ stat: 'min' }, snapshot.min],
    [{ stat: 'mean' }, snapshot.average],
    [{ stat: 'max' }, snapshot.max],
    [{ stat: 'stddev' }, snapshot.stddev],
  ];
  if (snapshot.fairness !== null) figures.push([{ stat: 'jain_fairness' }, snapshot.fairness]);
  return figures;
}

function byLabel(name: string, counts: Record<string, number>): Sample[] {
  return Object.entries(counts).map(([label, value]) => [{ [name]: label }, value]);
}

/** A counter whose totals are copied from the statistics at scrape time. */
function counter(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  samples: () => Sample[],
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of samples()) this.inc(labels, value);
    },
  });
}

function gauge(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  samples: () => Sample[],
): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of samples()) this.set(labels, value);
    },
  });
}
