/** The numbers that shape the wait between attempts. */
export interface BackoffSettings {
  /** The cap of the first wait, in ms. */
  readonly initialDelayMs: number;
  /** No computed wait exceeds this, in ms. */
  readonly maxDelayMs: number;
  /** Each retry multiplies the cap by this. */
  readonly factor: number;
  /** The longest server-requested (RetryInfo) wait honoured, in ms; longer requests are cut to it. */
  readonly maxServerDelayMs: number;
}

/**
 * How long to wait before retry number `retry` (1 for the first retry).
 *
 * - With a server delay (RetryInfo), wait exactly that, capped at `maxServerDelayMs`: the server
 *   knows when the quota refills, and jitter would only make the retry early.
 * - Otherwise "full jitter": a uniform draw in `[0, min(maxDelayMs, initialDelayMs * factor^(retry-1)))`,
 *   which spreads clients that failed together (AWS architecture blog, "Exponential Backoff And Jitter").
 *
 * `random` returns a number in `[0, 1)` like `Math.random`.
 */
export function backoffDelay(
  retry: number,
  settings: BackoffSettings,
  random: () => number,
  serverDelayMs?: number,
): number {
  if (serverDelayMs !== undefined) return Math.min(Math.max(0, serverDelayMs), settings.maxServerDelayMs);
  const exponent = Math.max(0, retry - 1);
  const cap = Math.min(settings.maxDelayMs, settings.initialDelayMs * settings.factor ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * cap);
}
