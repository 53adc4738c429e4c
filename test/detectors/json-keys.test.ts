import { describe, expect, it } from 'vitest';
import { KeyTracker } from '../../detectors/json-keys.js';

describe('KeyTracker', () => {
  it('counts each key per object, by hash and length', () => {
    const keys = new KeyTracker(8, 64, 8);
    keys.open(1);
    expect([
      keys.add(1, 11, 3),
      keys.add(1, 22, 3),
      keys.add(1, 11, 3),
      keys.add(1, 11, 4),
      keys.add(1, 11, 3),
    ]).toEqual([1, 1, 2, 1, 3]);
  });

  it('keeps nested objects apart and drops their keys when they close', () => {
    const keys = new KeyTracker(8, 64, 8);
    keys.open(1);
    keys.add(1, 5, 1);
    keys.open(2);
    expect(keys.add(2, 5, 1)).toBe(1);
    keys.close(2);
    keys.open(2);
    expect(keys.add(2, 5, 1)).toBe(1);
    keys.close(2);
    expect(keys.add(1, 5, 1)).toBe(2);
  });

  it('stops tracking past its caps and says so with 0', () => {
    const keys = new KeyTracker(2, 3, 8);
    keys.open(1);
    expect([keys.add(1, 1, 1), keys.add(1, 2, 1), keys.add(1, 3, 1), keys.add(1, 3, 1)]).toEqual([
      1, 1, 0, 0,
    ]);
    keys.open(2);
    expect([keys.add(2, 7, 1), keys.add(2, 8, 1)]).toEqual([1, 0]);
    keys.reset();
    keys.open(1);
    expect(keys.add(1, 1, 1)).toBe(1);
  });

  it('counts one unit of work per key compared', () => {
    const keys = new KeyTracker(8, 64, 8);
    keys.open(1);
    for (const hash of [1, 2, 3, 4]) keys.add(1, hash, 1);
    expect(keys.units).toBe(0 + 1 + 2 + 3);
  });
});
