import { EVENT_KIND_LABELS, type EventKind } from '../protocol/events.js';
import { PHASE_NAMES, type Phase } from '../protocol/phases.js';
import type { AppTable } from '../store/app-table.js';

/** What `GET /` answers; n, average, min and max keep the original tool's meaning. */
export interface StatsSnapshot {
  n: number;
  average: number;
  min: number;
  max: number;
  stddev: number;
  /** Jain's fairness index of cycles per app: 1 when even, 1/n when one app has all. */
  fairness: number | null;
  cycles: number;
  failures: number;
  failures_by_event: Record<string, number>;
  events: Record<string, number>;
  rejections: Record<string, number>;
  rejected: number;
  /** The same rejections by the event that was refused. */
  rejections_by_event: Record<string, number>;
  /** Requests refused before reaching the sequencer (bad JSON, bad names...), by code. */
  bad_requests: Record<string, number>;
  states: Record<string, number>;
  resyncs: number;
}

/** The counters of `GET /` that the application table cannot rebuild; a state file keeps them. */
export interface FleetCounters {
  events: Record<string, number>;
  failures_by_event: Record<string, number>;
  rejections: Record<string, number>;
  /** Absent from files written before it was kept. */
  rejections_by_event?: Record<string, number>;
  bad_requests: Record<string, number>;
  resyncs: number;
}

/**
 * Fleet-wide figures kept up to date as events arrive, so that reading them
 * costs the same at five applications as at a million.
 */
export class FleetStats {
  private apps = 0;
  private sum = 0;
  private sumSquares = 0;
  private lowest = 0;
  private highest = 0;
  /** appsAt[c]: how many applications have completed exactly c cycles. */
  private appsAt: number[] = [];
  private readonly phaseCounts = new Array<number>(PHASE_NAMES.length).fill(0);
  private readonly eventCounts = new Array<number>(EVENT_KIND_LABELS.length).fill(0);
  private readonly failureCounts = new Map<string, number>();
  private readonly rejectionCounts = new Map<string, number>();
  private readonly rejectedEventCounts = new Array<number>(EVENT_KIND_LABELS.length).fill(0);
  private readonly badRequestCounts = new Map<string, number>();
  private resyncCount = 0;

  /** A new application, disconnected and with no cycle. */
  appAdded(phase: Phase): void {
    this.apps += 1;
    this.appsAt[0] = (this.appsAt[0] ?? 0) + 1;
    this.lowest = 0;
    this.phaseCounts[phase]! += 1;
  }

  /** Takes back `appAdded` for an application whose first event was refused after all. */
  appRemoved(phase: Phase): void {
    this.apps -= 1;
    this.appsAt[0]! -= 1;
    this.phaseCounts[phase]! -= 1;
    if (this.apps === 0) this.appsAt = [];
    this.lowest = this.nextOccupied(-1);
  }

  /** An application's counters went back to zero. */
  appReset(cycles: number, from: Phase, to: Phase): void {
    this.moveCycles(cycles, 0);
    this.phaseChanged(from, to);
  }

  phaseChanged(from: Phase, to: Phase): void {
    this.phaseCounts[from]! -= 1;
    this.phaseCounts[to]! += 1;
  }

  /** An application completed its cycle number `cycles + 1`. */
  cycleCompleted(cycles: number): void {
    this.moveCycles(cycles, cycles + 1);
  }

  eventAccepted(kind: EventKind): void {
    this.eventCounts[kind]! += 1;
  }

  failureReported(event: string): void {
    this.failureCounts.set(event, (this.failureCounts.get(event) ?? 0) + 1);
  }

  rejected(code: string, kind: EventKind): void {
    this.rejectionCounts.set(code, (this.rejectionCounts.get(code) ?? 0) + 1);
    this.rejectedEventCounts[kind]! += 1;
  }

  badRequest(code: string): void {
    this.badRequestCounts.set(code, (this.badRequestCounts.get(code) ?? 0) + 1);
  }

  resynced(): void {
    this.resyncCount += 1;
  }

  /** Forgets everything, as when every application is removed. */
  clear(): void {
    this.apps = 0;
    this.sum = 0;
    this.sumSquares = 0;
    this.lowest = 0;
    this.highest = 0;
    this.appsAt = [];
    this.phaseCounts.fill(0);
    this.eventCounts.fill(0);
    this.failureCounts.clear();
    this.rejectionCounts.clear();
    this.rejectedEventCounts.fill(0);
    this.badRequestCounts.clear();
    this.resyncCount = 0;
  }

  /** Recomputes every per-application figure from a table, as after loading a state file. */
  rebuild(apps: AppTable): void {
    this.apps = 0;
    this.sum = 0;
    this.sumSquares = 0;
    this.appsAt = [];
    this.phaseCounts.fill(0);

    for (let slot = 0; slot < apps.size; slot++) {
      const cycles = apps.cycles[slot]!;
      this.apps += 1;
      this.appsAt[cycles] = (this.appsAt[cycles] ?? 0) + 1;
      this.sum += cycles;
      this.sumSquares += cycles * cycles;
      this.phaseCounts[apps.phase[slot]!]! += 1;
    }
    this.appsAt = Array.from(this.appsAt, (count) => count ?? 0);
    this.lowest = this.nextOccupied(-1);
    this.highest = this.appsAt.length === 0 ? 0 : this.appsAt.length - 1;
  }

  /** The counters a restart would otherwise lose. */
  counters(): FleetCounters {
    return {
      events: labelled(EVENT_KIND_LABELS, this.eventCounts),
      failures_by_event: Object.fromEntries(this.failureCounts),
      rejections: Object.fromEntries(this.rejectionCounts),
      rejections_by_event: labelled(EVENT_KIND_LABELS, this.rejectedEventCounts),
      bad_requests: Object.fromEntries(this.badRequestCounts),
      resyncs: this.resyncCount,
    };
  }

  /** Takes back counters saved by `counters()`; unknown event labels are ignored. */
  restoreCounters(saved: FleetCounters): void {
    EVENT_KIND_LABELS.forEach((label, index) => {
      this.eventCounts[index] = saved.events[label] ?? 0;
    });
    refill(this.failureCounts, saved.failures_by_event);
    refill(this.rejectionCounts, saved.rejections);
    EVENT_KIND_LABELS.forEach((label, index) => {
      this.rejectedEventCounts[index] = saved.rejections_by_event?.[label] ?? 0;
    });
    refill(this.badRequestCounts, saved.bad_requests);
    this.resyncCount = saved.resyncs;
  }

  /** How many applications completed each number of cycles (index = cycles). */
  cycleHistogram(): readonly number[] {
    return this.appsAt;
  }

  snapshot(): StatsSnapshot {
    const n = this.apps;
    const average = n === 0 ? 0 : this.sum / n;
    const variance = n === 0 ? 0 : Math.max(0, this.sumSquares / n - average * average);

    return {
      n,
      average,
      min: this.lowest,
      max: this.highest,
      stddev: Math.sqrt(variance),
      fairness: this.sumSquares === 0 ? null : (this.sum * this.sum) / (n * this.sumSquares),
      cycles: this.sum,
      failures: sumOf(this.failureCounts),
      failures_by_event: Object.fromEntries(this.failureCounts),
      events: labelled(EVENT_KIND_LABELS, this.eventCounts),
      rejections: Object.fromEntries(this.rejectionCounts),
      rejected: sumOf(this.rejectionCounts),
      rejections_by_event: labelled(EVENT_KIND_LABELS, this.rejectedEventCounts),
      bad_requests: Object.fromEntries(this.badRequestCounts),
      states: labelled(PHASE_NAMES, this.phaseCounts),
      resyncs: this.resyncCount,
    };
  }

  private moveCycles(from: number, to: number): void {
    this.appsAt[from]! -= 1;
    this.appsAt[to] = (this.appsAt[to] ?? 0) + 1;
    this.sum += to - from;
    this.sumSquares += to * to - from * from;
    if (to > this.highest) this.highest = to;
    if (to < this.lowest) this.lowest = to;
    if (this.appsAt[from] !== 0) return;
    if (from === this.lowest) this.lowest = this.nextOccupied(from);
    if (from === this.highest) this.highest = this.previousOccupied(from);
  }

  /** Lowest occupied cycle count above `from`; only runs when the minimum moves. */
  private nextOccupied(from: number): number {
    for (let c = from + 1; c < this.appsAt.length; c++) if (this.appsAt[c]! > 0) return c;
    return 0;
  }

  /** Highest occupied cycle count below `from`; only after a reset lowers the maximum. */
  private previousOccupied(from: number): number {
    for (let c = from - 1; c > 0; c--) if (this.appsAt[c]! > 0) return c;
    return 0;
  }
}

function sumOf(counts: Map<string, number>): number {
  let total = 0;
  for (const value of counts.values()) total += value;
  return total;
}

function refill(counts: Map<string, number>, saved: Record<string, number>): void {
  counts.clear();
  for (const [name, value] of Object.entries(saved)) counts.set(name, value);
}

function labelled(labels: readonly string[], counts: readonly number[]): Record<string, number> {
  const result: Record<string, number> = {};
  labels.forEach((label, index) => (result[label] = counts[index] ?? 0));
  return result;
}
