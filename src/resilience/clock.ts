/**
 * Time, injectable. Retries wait through `sleep` and measure through `now`, so tests can use a
 * virtual clock (see `createFakeClock`) and run exactly and instantly.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Wait `ms` milliseconds. Rejects with the signal's reason (an `AbortError` when none) the
   * moment `signal` aborts, and leaves no timer behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The reason to reject with when `signal` aborts: its own reason, else a standard `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The real clock: `Date.now()` and `setTimeout`, with the timer cleared on abort. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
