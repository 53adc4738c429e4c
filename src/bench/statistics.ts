/**
 * The few statistics the benchmark reports: a proportion with its 95% Wilson score interval, the
 * mean, and percentiles. Pure functions on plain numbers.
 */

/**
 * The standard normal quantile for a two-sided 95% interval (the 97.5th percentile of N(0, 1),
 * 1.959964, to the precision any table gives).
 */
export const Z_95 = 1.959964;

/** A proportion `count / runs` with its 95% Wilson score interval; all three in [0, 1]. */
export interface Proportion {
  readonly count: number;
  readonly runs: number;
  /** `count / runs` (0 when there are no runs). */
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * `count` out of `runs` with its Wilson score interval (Wilson 1927). Unlike the normal
 * approximation it stays inside [0, 1] and is not zero-width at 0% or 100%, which matters for the
 * small run counts a prompt benchmark can afford. With no runs the interval is the whole [0, 1].
 */
export function wilsonInterval(count: number, runs: number, z = Z_95): Proportion {
  if (!Number.isInteger(runs) || runs < 0 || !Number.isInteger(count) || count < 0 || count > runs) {
    throw new RangeError(`wilsonInterval needs whole numbers with 0 <= count <= runs; got ${count}/${runs}`);
  }
  if (runs === 0) return { count, runs, rate: 0, low: 0, high: 1 };
  const rate = count / runs;
  const z2 = z * z;
  const denominator = 1 + z2 / runs;
  const centre = (rate + z2 / (2 * runs)) / denominator;
  const half = (z / denominator) * Math.sqrt((rate * (1 - rate)) / runs + z2 / (4 * runs * runs));
  // Rounding can push an end a hair past the bounds (or past the rate at 0% and 100%).
  return {
    count,
    runs,
    rate,
    low: count === 0 ? 0 : Math.max(0, Math.min(rate, centre - half)),
    high: count === runs ? 1 : Math.min(1, Math.max(rate, centre + half)),
  };
}

/** True when two intervals share at least one point. */
export function intervalsOverlap(
  a: Pick<Proportion, 'low' | 'high'>,
  b: Pick<Proportion, 'low' | 'high'>,
): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/** The arithmetic mean; 0 for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The `q`-th percentile (0-100) by linear interpolation between closest ranks (the default of R
 * and NumPy), so p50 of an even count is the mean of the middle two. 0 for no values.
 */
export function percentile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile q must be from 0 to 100; got ${q}`);
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (q / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lower = sorted[below] ?? 0;
  const upper = sorted[above] ?? lower;
  return lower + (upper - lower) * (position - below);
}
