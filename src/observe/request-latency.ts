import { Histogram, type Registry } from 'prom-client';

/** Upper bounds in seconds: from 50 µs (an accepted event) to 2.5 s (a stalled loop). */
const BOUNDS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

type Exported = Awaited<ReturnType<Histogram<'le'>['get']>>;
type Values = Exported['values'];

const NAME = 'voracious_request_duration_seconds';
const HELP = 'Time from the request being routed to the response being written';

/**
 * The request latency histogram. prom-client's own `observe` costs a few
 * hundred nanoseconds (a closure and a label hash per call), which is
 * measurable on the servo path; here a request costs one short bucket scan,
 * and the Prometheus shape is produced only when scraped.
 */
export class RequestLatency extends Histogram<'le'> {
  private readonly counts = new Float64Array(BOUNDS.length + 1);
  private sumSeconds = 0;

  constructor(registry: Registry) {
    super({
      name: NAME,
      help: HELP,
      buckets: BOUNDS,
      registers: [registry],
    });
  }

  /** Counts one request that took `ms` milliseconds. */
  record(ms: number): void {
    const seconds = ms / 1000;
    let bucket = 0;
    while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]!) bucket++;
    this.counts[bucket]! += 1;
    this.sumSeconds += seconds;
  }

  override async get(): Promise<Exported> {
    return this.exported();
  }

  /** The registry's text output reads this (untyped) method rather than `get`. */
  async getForPromString(): Promise<Exported> {
    return this.exported();
  }

  /** Starts counting from zero (prom-client's `reset` runs in its constructor, so not that). */
  clear(): void {
    this.counts.fill(0);
    this.sumSeconds = 0;
  }

  private exported(): Exported {
    // prom-client types `type` as a numeric enum, but its runtime (and text format) use the name.
    const type = 'histogram' as unknown as Exported['type'];
    return { name: NAME, help: HELP, type, aggregator: 'sum', values: this.values(), collect() {} };
  }

  private values(): Values {
    const name = NAME;
    const values: Values = [];
    let cumulative = 0;
    BOUNDS.forEach((bound, index) => {
      cumulative += this.counts[index]!;
      values.push({ metricName: `${name}_bucket`, labels: { le: bound }, value: cumulative });
    });

    cumulative += this.counts[BOUNDS.length]!;
    values.push({ metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: cumulative });
    values.push({ metricName: `${name}_sum`, labels: {}, value: this.sumSeconds });
    values.push({ metricName: `${name}_count`, labels: {}, value: cumulative });
    return values;
  }
}
