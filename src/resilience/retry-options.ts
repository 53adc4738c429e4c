import { z } from 'zod';
import { parseOptions } from '../options.js';
import type { AttemptRecord, RetryEvent } from './attempt-record.js';
import type { ErrorClassification } from './classify-error.js';
import { type Clock, systemClock } from './clock.js';

/**
 * The defaults, in one place. The backoff numbers match the SDK's own retry defaults
 * (SDK-NOTES §5: 5 attempts, 1 s initial delay, 60 s cap, base 2), so turning the SDK's retry off
 * in favour of this one keeps the same pace.
 */
export const RETRY_DEFAULTS = {
  maxRetries: 4,
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  factor: 2,
  /** Real RetryInfo delays seen on 429s are 26 s and 37 s (SDK-NOTES §5); 60 s covers them. */
  maxServerDelayMs: 60_000,
  /**
   * 65,536 output tokens (the 2.5 and 3 output limit) at a slow 100 tokens/s take about 11
   * minutes; 15 minutes leaves room for thinking and a few waits.
   */
  deadlineMs: 15 * 60_000,
  /** "Repeated" 500/503 in the issue: two in a row on one model move to the next. */
  fallbackAfter: 2,
  timeoutFactor: 2,
  /** The SDK sends the timeout to the server as `X-Server-Timeout` in seconds; 10 minutes caps it. */
  maxTimeoutMs: 10 * 60_000,
  /**
   * First explicit timeout after a 504 when none was set: undici's default body timeout is
   * 300 s, the value the SDK removes (SDK-NOTES §4), so it is a known-reasonable ceiling.
   */
  raisedTimeoutMs: 300_000,
} as const;

const callback = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `${what} must be a function` });
const milliseconds = z.number().int().nonnegative();

/** The options schema of `withRetry` and the resilient calls; export for composition. */
export const retryOptionsSchema = z
  .object({
    maxRetries: z.number().int().min(0).max(100).default(RETRY_DEFAULTS.maxRetries),
    initialDelayMs: milliseconds.default(RETRY_DEFAULTS.initialDelayMs),
    maxDelayMs: milliseconds.default(RETRY_DEFAULTS.maxDelayMs),
    factor: z.number().min(1).max(10).default(RETRY_DEFAULTS.factor),
    maxServerDelayMs: milliseconds.default(RETRY_DEFAULTS.maxServerDelayMs),
    deadlineMs: z.number().positive().default(RETRY_DEFAULTS.deadlineMs),
    signal: z
      .custom<AbortSignal>((value) => value instanceof AbortSignal, {
        message: 'signal must be an AbortSignal',
      })
      .optional(),
    onRetry: callback<(event: RetryEvent) => void | Promise<void>>('onRetry').optional(),
    shouldRetry:
      callback<(classification: ErrorClassification, failed: AttemptRecord) => boolean>(
        'shouldRetry',
      ).optional(),
    model: z.string().min(1).optional(),
    fallbackModels: z.array(z.string().min(1)).default([]),
    fallbackAfter: z.number().int().min(1).default(RETRY_DEFAULTS.fallbackAfter),
    timeoutMs: z.number().int().positive().optional(),
    timeoutFactor: z.number().min(1).max(10).default(RETRY_DEFAULTS.timeoutFactor),
    maxTimeoutMs: z.number().int().positive().default(RETRY_DEFAULTS.maxTimeoutMs),
    clock: z
      .custom<Clock>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as Clock).now === 'function' &&
          typeof (value as Clock).sleep === 'function',
        { message: 'clock must have now() and sleep(ms, signal)' },
      )
      .default(systemClock),
    random: callback<() => number>('random').default(() => Math.random),
    secrets: z.array(z.string()).default([]),
  })
  .strict();

/** Options of `withRetry`. Every field is optional; see {@link RETRY_DEFAULTS}. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4, so 5 attempts). */
  readonly maxRetries?: number;
  /** Cap of the first backoff wait, in ms (default 1000). */
  readonly initialDelayMs?: number;
  /** Cap of any computed wait, in ms (default 60,000). */
  readonly maxDelayMs?: number;
  /** Growth of the cap per retry (default 2). */
  readonly factor?: number;
  /** Longest RetryInfo delay honoured, in ms (default 60,000); longer requests wait this long. */
  readonly maxServerDelayMs?: number;
  /** Overall deadline from the first attempt, in ms (default 15 minutes); cuts an attempt in flight. */
  readonly deadlineMs?: number;
  /** Cancels the call and any wait at once. */
  readonly signal?: AbortSignal;
  /** Called before each wait; if it throws, retrying stops with that error. */
  readonly onRetry?: (event: RetryEvent) => void | Promise<void>;
  /** Veto a retry the classification allows (it cannot force one it forbids). */
  readonly shouldRetry?: (classification: ErrorClassification, failed: AttemptRecord) => boolean;
  /** The model of the first attempt (the resilient calls take it from the request). */
  readonly model?: string;
  /** Models to move to, in order, after repeated 500/503 (for example `['gemini-2.5-flash']` after Pro). */
  readonly fallbackModels?: readonly string[];
  /** Consecutive 500/503 failures on one model before moving along `fallbackModels` (default 2). */
  readonly fallbackAfter?: number;
  /** Per-attempt timeout of the first attempt, in ms (default: the request's own, else none). */
  readonly timeoutMs?: number;
  /** Timeout growth after a 504 or a timeout (default 2). */
  readonly timeoutFactor?: number;
  /** Largest per-attempt timeout, in ms (default 10 minutes). */
  readonly maxTimeoutMs?: number;
  /** Time source (default the system clock); tests pass `createFakeClock()`. */
  readonly clock?: Clock;
  /** Random source in [0, 1) for jitter (default `Math.random`). */
  readonly random?: () => number;
  /** API keys to scrub from everything recorded, beyond the ones found automatically. */
  readonly secrets?: readonly string[];
}

/** {@link RetryOptions} with every default filled in. */
export type ResolvedRetryOptions = z.output<typeof retryOptionsSchema>;

/** Validate and fill in retry options once; throws `InvalidOptionsError` naming each bad field. */
export function resolveRetryOptions(
  options: RetryOptions | undefined,
  what = 'retry options',
): ResolvedRetryOptions {
  return parseOptions(retryOptionsSchema, options ?? {}, what);
}
