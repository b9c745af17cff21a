import { build, type Histogram } from 'hdr-histogram-js';

import type { MisbehaviourKind } from './misbehave.js';

/** Transport trouble: failed attempts, and how the requests behind them ended. */
export interface TransportTally {
  /** Failed attempts (connection errors and 5xx answers), by kind. */
  errors: Map<string, number>;
  /** Requests that failed at least once and then got an answer. */
  recovered: number;
  /** Requests given up on after retrying until the deadline. */
  unrecovered: number;
}

/** Every counter a swarm keeps while it runs; the report is computed from it. */
export class SwarmTally {
  requests = 0;
  resyncs = 0;
  abandoned = 0;
  readonly latency = latencyHistogram();
  /** Latency since the last progress line. */
  readonly recent = latencyHistogram();
  readonly rejections = new Map<string, number>();
  readonly injectedRejections = new Map<string, number>();
  readonly unexpectedRejections = new Map<string, number>();
  readonly injected = new Map<MisbehaviourKind, number>();
  /** Injections the backend let through (a lenient profile ignores some). */
  readonly injectedAccepted = new Map<MisbehaviourKind, number>();
  readonly failuresSent = new Map<string, number>();
  readonly transport: TransportTally = { errors: new Map(), recovered: 0, unrecovered: 0 };

  /** One answered attempt, with its latency in milliseconds. */
  answered(ms: number): void {
    const micros = Math.max(1, Math.round(ms * 1000));
    this.requests += 1;
    this.latency.recordValue(micros);
    this.recent.recordValue(micros);
  }

  rejected(code: string, injected: boolean): void {
    increment(this.rejections, code);
    increment(injected ? this.injectedRejections : this.unexpectedRejections, code);
  }

  get rejectionCount(): number {
    return total(this.rejections);
  }

  get unexpectedCount(): number {
    return total(this.unexpectedRejections);
  }
}

/** Adds one to a counter in a map. */
export function increment<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The sum of a map's counters. */
export function total<K>(counts: Map<K, number>): number {
  let sum = 0;
  for (const value of counts.values()) sum += value;
  return sum;
}

/** Microseconds, three significant digits, growing as needed. */
function latencyHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, autoResize: true });
}
