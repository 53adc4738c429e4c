import type { ErrorClassification } from './classify-error.js';

/** One attempt of a call, as recorded in results and errors. Plain data; free of API keys. */
export interface AttemptRecord {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The model this attempt asked (`undefined` when the retried function has no model). */
  readonly model: string | undefined;
  /** The per-attempt timeout sent as `httpOptions.timeout`, in ms (`undefined`: none set). */
  readonly timeoutMs: number | undefined;
  /** When the attempt started (clock milliseconds). */
  readonly startedAt: number;
  /** How long the attempt ran (clock milliseconds; 0 under a fake clock unless advanced). */
  readonly durationMs: number;
  /** `abandoned`: the consumer stopped reading a stream before it ended (no retry follows). */
  readonly outcome: 'success' | 'failure' | 'abandoned';
  /** Why the attempt failed (`undefined` on success). */
  readonly classification: ErrorClassification | undefined;
  /** The wait before the next attempt, in ms (`undefined` when there was none). */
  readonly delayMs: number | undefined;
  /** True when output this attempt had delivered was retracted before a retry. */
  readonly retracted: boolean;
}

/** What the retried function gets for each attempt. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The model to call this time (moves along the fallback chain after repeated 500/503). */
  readonly model: string | undefined;
  /** The timeout to use this time, in ms (raised after a 504 or a timeout). */
  readonly timeoutMs: number | undefined;
  /** Aborted when the caller aborts or the overall deadline passes: pass it to the SDK call. */
  readonly signal: AbortSignal;
}

/** Passed to `onRetry` before each wait. */
export interface RetryEvent {
  /** The attempt that failed. */
  readonly failed: AttemptRecord;
  /** Why it failed (same as `failed.classification`). */
  readonly classification: ErrorClassification;
  /** The wait about to happen, in ms. */
  readonly delayMs: number;
  /** The number of the next attempt. */
  readonly nextAttempt: number;
  /** The model the next attempt will ask. */
  readonly nextModel: string | undefined;
  /** The timeout of the next attempt, in ms. */
  readonly nextTimeoutMs: number | undefined;
  /** The error, scrubbed of secrets. */
  readonly error: unknown;
}

/** Why retrying stopped without a success. */
export type StopReason =
  /** The failure is not transient (400, 403, 404, …) or `shouldRetry` said no. */
  | 'not-retryable'
  /** `maxRetries` retries were made. */
  | 'retries-exhausted'
  /** The overall deadline passed, or the next wait would end after it. */
  | 'deadline'
  /** A stream failed after delivering output and the caller did not allow retraction. */
  | 'output-delivered';
