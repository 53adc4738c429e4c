import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/resilience/backoff.js';

const settings = { initialDelayMs: 1000, maxDelayMs: 8000, factor: 2, maxServerDelayMs: 30_000 };

describe('backoffDelay', () => {
  it.each([
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [3, 0.5, 2000],
    [4, 0.5, 4000],
    [5, 0.5, 4000],
    [9, 0.5, 4000],
    [1, 0, 0],
    [3, 0.999, 3996],
  ])('draws retry %i with random %f as %i ms (full jitter under a growing cap)', (retry, draw, expected) => {
    expect(backoffDelay(retry, settings, () => draw)).toBe(expected);
  });

  it('never exceeds the cap however large the draw', () => {
    expect(backoffDelay(20, settings, () => 5)).toBe(8000);
    expect(backoffDelay(1, settings, () => -1)).toBe(0);
  });

  it('waits exactly the server delay, ignoring jitter', () => {
    expect(backoffDelay(1, settings, () => 0.1, 2000)).toBe(2000);
    expect(backoffDelay(4, settings, () => 0.9, 0)).toBe(0);
  });

  it('cuts a server delay to maxServerDelayMs', () => {
    expect(backoffDelay(1, settings, () => 0.5, 3_600_000)).toBe(30_000);
  });
});
