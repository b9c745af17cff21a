import { Latency } from './latency.js';
import type { AnswerTally } from './answer-check.js';
import type { LoadResult, Timing } from './jobs.js';

/**
 * Decides when requests may still be issued and records those that started after
 * the warm-up; the generator's own CPU use is measured over the same window.
 */
export class Meter {
  private readonly latency = new Latency();
  private readonly measureFrom: number;
  private readonly stopAt: number;
  private cpuAtStart: NodeJS.CpuUsage | null = null;
  private lastEnd = 0;
  private issued = 0;

  constructor(private readonly timing: Timing) {
    const now = performance.now();
    this.measureFrom = now + timing.warmupMs;
    this.stopAt = this.measureFrom + timing.durationMs;
    if (timing.warmupMs === 0) this.cpuAtStart = process.cpuUsage();
  }

  /** Claims the right to send one more request; false once time or budget is spent. */
  claim(): boolean {
    const budget = this.timing.maxRequests;
    if (budget !== null && this.issued >= budget) return false;
    if (performance.now() >= this.stopAt) return false;

    this.issued += 1;
    return true;
  }

  /** Records a finished request that started at the given performance.now() time. */
  done(startedAt: number): void {
    if (startedAt < this.measureFrom) return;

    const now = performance.now();
    this.cpuAtStart ??= process.cpuUsage();
    this.latency.record(now - startedAt);
    this.lastEnd = now;
  }

  /** The figures of the measured window together with the answer tally. */
  result(tally: AnswerTally): LoadResult {
    const elapsedMs = Math.max(this.lastEnd - this.measureFrom, 1e-3);
    const requests = this.latency.count();
    const cpu = process.cpuUsage(this.cpuAtStart ?? undefined);

    return {
      requests,
      elapsedMs,
      rps: (requests * 1000) / elapsedMs,
      p50Ms: this.latency.percentileMs(50),
      p99Ms: this.latency.percentileMs(99),
      maxMs: this.latency.maxMs(),
      non2xx: tally.non2xx,
      rejections: tally.rejections,
      mismatches: tally.mismatches,
      transportErrors: tally.transportErrors,
      generatorCpu: (cpu.user + cpu.system) / 1000 / elapsedMs,
      firstProblem: tally.firstProblem,
    };
  }
}
