import { abortReason, type Clock } from './clock.js';

/** A virtual clock for tests: `sleep` resolves at once and moves `now` forward by the wait. */
export interface FakeClock extends Clock {
  /** Every wait asked for, in order, in milliseconds. */
  readonly sleeps: readonly number[];
  /** Move virtual time forward without a sleep (for example to simulate a slow attempt). */
  advance(ms: number): void;
}

/**
 * A clock whose sleeps take no real time. A sleep still honours its signal: it rejects when the
 * signal is already aborted, and `onSleep` (if given) runs first, so a test can abort "during"
 * a wait.
 */
export function createFakeClock(options: { start?: number; onSleep?: (ms: number) => void } = {}): FakeClock {
  let current = options.start ?? 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => current,
    advance(ms) {
      current += ms;
    },
    async sleep(ms, signal) {
      sleeps.push(ms);
      options.onSleep?.(ms);
      if (signal?.aborted) throw abortReason(signal);
      current += Math.max(0, ms);
    },
  };
}
