/** The cycles-per-app histogram as the dashboard draws it. */
export interface CycleBuckets {
  /** The fewest cycles any app has: where the first bucket starts. */
  first: number;
  /** Cycles each bucket spans: bucket i starts at first + i*width. */
  width: number;
  counts: number[];
}

/**
 * Folds `appsAt` (apps per exact cycle count) into at most `most` buckets from
 * the lowest occupied count on, so the page gets a few dozen numbers however
 * long the run and however many apps.
 */
export function bucketCycles(appsAt: readonly number[], most: number): CycleBuckets {
  const first = Math.max(
    0,
    appsAt.findIndex((apps) => (apps ?? 0) > 0),
  );
  const span = Math.max(0, appsAt.length - first);
  const width = Math.max(1, Math.ceil(span / most));
  const counts = new Array<number>(Math.ceil(span / width)).fill(0);

  for (let cycles = first; cycles < appsAt.length; cycles++) {
    const bucket = Math.floor((cycles - first) / width);
    counts[bucket] = (counts[bucket] ?? 0) + (appsAt[cycles] ?? 0);
  }
  return { first, width, counts };
}
