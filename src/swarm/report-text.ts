import type { SwarmReport } from './report.js';

/** The report as aligned lines of text for a terminal or a CI log. */
export function formatReport(report: SwarmReport): string {
  const rows: Array<[string, string]> = [
    ['requests', `${report.requests} (${report.requestsPerSecond.toFixed(1)}/s)`],
    ['cycles/app', cyclesLine(report)],
    ['failures sent', countsLine(report.failuresSent)],
    ['rejections', rejectionsLine(report)],
    ['transport', transportLine(report)],
    ['latency ms', latencyLine(report)],
  ];
  if (Object.keys(report.misbehaviour.injected).length > 0) {
    rows.splice(4, 0, ['misbehaviour', misbehaviourLine(report)]);
  }
  if (report.resyncs > 0 || report.abandoned > 0) {
    rows.push(['servos', `${report.resyncs} resynced, ${report.abandoned} gave up`]);
  }
  rows.push(['verdict', verdictLine(report)]);

  return [headline(report), ...rows.map(([label, text]) => `  ${label.padEnd(14)}${text}`)]
    .join('\n')
    .concat('\n');
}

function headline(report: SwarmReport): string {
  const seconds = (report.durationMs / 1000).toFixed(1);
  return (
    `voracious swarm: ${report.servos} servos against ${report.url} ` +
    `(account ${report.account}), ${seconds} s, ended by ${report.stopReason}`
  );
}

function cyclesLine(report: SwarmReport): string {
  const c = report.cycles;
  return (
    `min ${c.min}  mean ${c.mean.toFixed(2)}  max ${c.max}  stddev ${c.stddev.toFixed(3)}  ` +
    `fairness ${c.fairness.toFixed(4)}  (total ${Math.round(c.total)})`
  );
}

function rejectionsLine(report: SwarmReport): string {
  const r = report.rejections;
  if (r.total === 0) return 'none';

  const codes = Object.entries(r.byCode).map(([code, count]) => {
    const injected = r.injected[code] ?? 0;
    const note = injected === count ? 'injected' : `${injected} injected`;
    return `${code} ${count} (${note})`;
  });
  return codes.join(', ');
}

function misbehaviourLine(report: SwarmReport): string {
  const line = countsLine(report.misbehaviour.injected);
  const through = Object.values(report.misbehaviour.notRejected).reduce((a, b) => a + b, 0);
  return through === 0 ? line : `${line}; ${through} not rejected`;
}

function transportLine(report: SwarmReport): string {
  const t = report.transport;
  const attempts = Object.values(t.errors).reduce((a, b) => a + b, 0);
  if (attempts === 0) return 'no errors';
  return (
    `${attempts} failed attempt(s) (${countsLine(t.errors)}); ` +
    `${t.recovered} request(s) recovered, ${t.unrecovered} not`
  );
}

function latencyLine(report: SwarmReport): string {
  const l = report.latencyMs;
  return `p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  p99.9 ${l.p999}  max ${l.max}`;
}

function verdictLine(report: SwarmReport): string {
  return report.verdict.passed ? 'pass' : `FAIL: ${report.verdict.reasons.join('; ')}`;
}

function countsLine(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return 'none';
  return entries.map(([name, count]) => `${name} ${count}`).join(', ');
}
