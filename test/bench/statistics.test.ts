import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intervalsOverlap, mean, percentile, wilsonInterval } from '../../src/bench/statistics.js';

describe('wilsonInterval', () => {
  it('matches the textbook 95% Wilson intervals', () => {
    // Reference values: Newcombe (1998), Table I, and the closed form for 0/n and n/n.
    const cases: [number, number, number, number][] = [
      [0, 10, 0, 0.2775],
      [5, 10, 0.2366, 0.7634],
      [10, 10, 0.7225, 1],
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
    ];
    for (const [count, runs, low, high] of cases) {
      const interval = wilsonInterval(count, runs);
      expect(interval.rate).toBeCloseTo(count / runs, 10);
      expect(interval.low).toBeCloseTo(low, 3);
      expect(interval.high).toBeCloseTo(high, 3);
    }
  });

  it('gives the whole range when there are no runs', () => {
    expect(wilsonInterval(0, 0)).toEqual({ count: 0, runs: 0, rate: 0, low: 0, high: 1 });
  });

  it('always contains the observed rate and stays inside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (runs, share) => {
          const count = Math.floor(share * runs);
          const interval = wilsonInterval(count, runs);
          expect(interval.low).toBeGreaterThanOrEqual(0);
          expect(interval.high).toBeLessThanOrEqual(1);
          expect(interval.low).toBeLessThanOrEqual(interval.rate);
          expect(interval.high).toBeGreaterThanOrEqual(interval.rate);
        },
      ),
    );
  });

  it('narrows as the same rate is seen over more runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (runs, percentFailed) => {
          const count = Math.round((percentFailed / 100) * runs);
          const small = wilsonInterval(count, runs);
          const large = wilsonInterval(count * 4, runs * 4);
          expect(large.high - large.low).toBeLessThan(small.high - small.low);
        },
      ),
    );
  });

  it('refuses counts that are not whole, negative or above the runs', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('percentile and mean', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, index) => index + 1),
        95,
      ),
    ).toBeCloseTo(95.05, 10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([3, 9], 100)).toBe(9);
  });

  it('is 0 for no values, and refuses a percentile outside 0-100', () => {
    expect(percentile([], 50)).toBe(0);
    expect(mean([])).toBe(0);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('averages values', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });
});

describe('intervalsOverlap', () => {
  it('is true when the intervals share a point and false when they are apart', () => {
    expect(intervalsOverlap({ low: 0.1, high: 0.3 }, { low: 0.3, high: 0.5 })).toBe(true);
    expect(intervalsOverlap({ low: 0.1, high: 0.3 }, { low: 0.2, high: 0.25 })).toBe(true);
    expect(intervalsOverlap({ low: 0.1, high: 0.29 }, { low: 0.3, high: 0.5 })).toBe(false);
  });
});
