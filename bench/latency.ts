import { build } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** Latencies recorded in microseconds, read back in milliseconds. */
export class Latency {
  private readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

  /** Records one request's duration, given in milliseconds. */
  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  /** The latency below which the given percentage of requests fell, in milliseconds. */
  percentileMs(percent: number): number {
    return this.histogram.getValueAtPercentile(percent) / 1000;
  }

  maxMs(): number {
    return this.histogram.maxValue / 1000;
  }

  count(): number {
    return this.histogram.totalCount;
  }
}
