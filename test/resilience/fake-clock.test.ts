import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/resilience/fake-clock.js';

describe('createFakeClock', () => {
  it('moves virtual time by each sleep and records the waits', async () => {
    const clock = createFakeClock({ start: 1000 });
    await clock.sleep(2000);
    await clock.sleep(500);
    expect(clock.now()).toBe(3500);
    expect(clock.sleeps).toEqual([2000, 500]);
  });

  it('moves time on advance without recording a sleep', () => {
    const clock = createFakeClock();
    clock.advance(250);
    expect(clock.now()).toBe(250);
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a sleep whose signal is aborted, without moving time', async () => {
    const controller = new AbortController();
    const clock = createFakeClock({ onSleep: () => controller.abort(new Error('stop')) });
    await expect(clock.sleep(1000, controller.signal)).rejects.toThrow('stop');
    expect(clock.now()).toBe(0);
  });
});
