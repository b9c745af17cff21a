import type { Histogram } from 'hdr-histogram-js';

import { MISBEHAVIOUR_KINDS } from './misbehave.js';
import { spreadOf, type Spread } from './report-math.js';
import type { SwarmOutcome } from './swarm.js';
import { total } from './tally.js';

/** Pass/fail thresholds a CI run can set. */
export interface SwarmGates {
  maxRejections: number | null;
  minFairness: number | null;
}

/** The machine-readable result of a run (`--json`); the text report shows the same. */
export interface SwarmReport {
  url: string;
  account: string;
  servos: number;
  stopReason: string;
  durationMs: number;
  requests: number;
  requestsPerSecond: number;
  cycles: Spread & { total: number; target: number | null };
  failuresSent: Record<string, number>;
  rejections: {
    total: number;
    byCode: Record<string, number>;
    injected: Record<string, number>;
    unexpected: Record<string, number>;
  };
  misbehaviour: { injected: Record<string, number>; notRejected: Record<string, number> };
  transport: { errors: Record<string, number>; recovered: number; unrecovered: number };
  resyncs: number;
  abandoned: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  verdict: { passed: boolean; reasons: string[] };
}

/** Turns a finished run into its report, judged against the gates. */
export function buildReport(outcome: SwarmOutcome, gates: SwarmGates): SwarmReport {
  const { plan, tally } = outcome;
  const durationMs = Math.max(1, outcome.endedAt - outcome.startedAt);
  const spread = spreadOf(outcome.cycles);

  const report: SwarmReport = {
    url: plan.url,
    account: plan.account,
    servos: plan.apps.length,
    stopReason: outcome.stopReason,
    durationMs,
    requests: tally.requests,
    requestsPerSecond: (tally.requests * 1000) / durationMs,
    cycles: { ...spread, total: outcome.cycles.reduce((a, b) => a + b, 0), target: plan.cycles },
    failuresSent: Object.fromEntries(tally.failuresSent),
    rejections: {
      total: tally.rejectionCount,
      byCode: Object.fromEntries(tally.rejections),
      injected: Object.fromEntries(tally.injectedRejections),
      unexpected: Object.fromEntries(tally.unexpectedRejections),
    },
    misbehaviour: {
      injected: countsByKind(tally.injected),
      notRejected: Object.fromEntries(tally.injectedAccepted),
    },
    transport: {
      errors: Object.fromEntries(tally.transport.errors),
      recovered: tally.transport.recovered,
      unrecovered: tally.transport.unrecovered,
    },
    resyncs: tally.resyncs,
    abandoned: tally.abandoned,
    latencyMs: latencyOf(tally.latency),
    verdict: { passed: true, reasons: [] },
  };
  report.verdict = verdictOf(report, gates);
  return report;
}

/** Every kind, zeros included, when misbehaviour was asked for; nothing otherwise. */
function countsByKind(counts: Map<string, number>): Record<string, number> {
  if (counts.size === 0) return {};
  return Object.fromEntries(MISBEHAVIOUR_KINDS.map((kind) => [kind, counts.get(kind) ?? 0]));
}

function latencyOf(histogram: Histogram): SwarmReport['latencyMs'] {
  const ms = (micros: number) => Math.round(micros) / 1000;
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** Why the run fails as a gate; an empty list passes. */
export function verdictOf(report: SwarmReport, gates: SwarmGates): SwarmReport['verdict'] {
  const reasons: string[] = [];
  const unexpected = total(new Map(Object.entries(report.rejections.unexpected)));

  if (unexpected > 0) reasons.push(`${unexpected} rejection(s) nobody injected`);
  if (report.transport.unrecovered > 0) {
    reasons.push(`${report.transport.unrecovered} request(s) failed for good after retries`);
  }
  if (gates.maxRejections !== null && report.rejections.total > gates.maxRejections) {
    const limit = gates.maxRejections;
    reasons.push(`${report.rejections.total} rejections, more than --max-rejections ${limit}`);
  }
  if (gates.minFairness !== null && report.cycles.fairness < gates.minFairness) {
    const fairness = report.cycles.fairness.toFixed(4);
    reasons.push(`fairness ${fairness} is below --min-fairness ${gates.minFairness}`);
  }
  return { passed: reasons.length === 0, reasons };
}
