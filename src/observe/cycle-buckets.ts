/** The cycles-per-app histogram as the dashboard draws it. */
export interface CycleBuckets {
  /** Cycles each bucket spans: bucket i holds apps with i*width to (i+1)*width-1 cycles. */
  width: number;
  counts: number[];
}

/**
 * Folds `appsAt` (apps per exact cycle count) into at most `most` buckets, so
 * the page gets a few dozen numbers however long the run and however many apps.
 */
export function bucketCycles(appsAt: readonly number[], most: number): CycleBuckets {
  const width = Math.max(1, Math.ceil(appsAt.length / most));
  const counts = new Array<number>(Math.ceil(appsAt.length / width)).fill(0);
  appsAt.forEach((apps, cycles) => {
    const bucket = Math.floor(cycles / width);
    counts[bucket] = (counts[bucket] ?? 0) + (apps ?? 0);
  });
  return { width, counts };
}
