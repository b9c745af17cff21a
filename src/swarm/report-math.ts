/** Spread of a set of counts, as the report shows cycles per app. */
export interface Spread {
  n: number;
  min: number;
  mean: number;
  max: number;
  /** Population standard deviation. */
  stddev: number;
  /** Jain's fairness index, (sum x)^2 / (n * sum x^2): 1 when even; 1 for all zeros. */
  fairness: number;
}

/** Min, mean, max, standard deviation and Jain's index of `values`. */
export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { n: 0, min: 0, mean: 0, max: 0, stddev: 0, fairness: 1 };

  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    sum += value;
    squares += value * value;
    if (value < min) min = value;
    if (value > max) max = value;
  }

  const mean = sum / n;
  const stddev = Math.sqrt(Math.max(0, squares / n - mean * mean));
  return { n, min, mean, max, stddev, fairness: jainIndex(sum, squares, n) };
}

/** Jain's index from the sum and the sum of squares; an all-zero set counts as even. */
export function jainIndex(sum: number, squares: number, n: number): number {
  return squares === 0 ? 1 : (sum * sum) / (n * squares);
}
