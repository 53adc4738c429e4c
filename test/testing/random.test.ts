import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/testing/index.js';
import { seedFor } from '../../src/testing/random.js';

describe('createRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 1_000 }, () => random());
    };
    const first = draw(7);
    expect(draw(7)).toEqual(first);
    expect(draw(8)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    // A generator stuck in a short cycle or a corner would fail this spread check.
    expect(new Set(first).size).toBe(first.length);
    const mean = first.reduce((sum, value) => sum + value, 0) / first.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
  });

  it('gives neighbouring requests different seeds', () => {
    const seeds = Array.from({ length: 100 }, (_, index) => seedFor(1, index));
    expect(new Set(seeds).size).toBe(100);
  });
});
