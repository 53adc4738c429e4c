import { ApiCallError } from '../errors/api-call-error.js';
import { CallAbortedError } from '../errors/call-aborted-error.js';
import type { AttemptContext, AttemptRecord, RetryEvent, StopReason } from './attempt-record.js';
import { backoffDelay } from './backoff.js';
import { classifyError, type ErrorClassification } from './classify-error.js';
import { TRANSPORT_ADVICE } from './error-advice.js';
import { RETRY_DEFAULTS, type ResolvedRetryOptions } from './retry-options.js';
import { createScrubber, type Scrubber, scrubError } from './scrub.js';

/** One attempt in progress: the context handed to the caller plus what the engine needs back. */
export interface AttemptPlan extends AttemptContext {
  readonly startedAt: number;
  /** Aborts this attempt only (to close its request once it is over or abandoned). */
  readonly controller: AbortController;
}

/** How a failure may be handled beyond its classification. */
export interface FailureOptions {
  /** With false, stop with `stopReason` even when the failure is retryable. */
  readonly retryAllowed?: boolean;
  readonly stopReason?: StopReason;
  /**
   * Runs once a retry is decided, before `onRetry` and the wait. Returns true when it retracted
   * output the attempt had delivered (recorded on the attempt).
   */
  readonly beforeRetry?: (failed: AttemptRecord) => boolean | Promise<boolean>;
}

/** A signal that never aborts: with it, an `AbortError` the caller did not cause reads as a timeout. */
const NEVER_ABORTED = new AbortController().signal;

/** Per-attempt state the context does not show. */
interface Running {
  deadlineHit: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The state of one resilient call, shared by `withRetry` and the resilient SDK calls: attempt
 * numbering, the fallback chain, the raised timeout, the deadline, and the decision after each
 * failure. `onRecord` sees every attempt record the moment it is made.
 */
export class RetryEngine {
  readonly attempts: AttemptRecord[] = [];
  readonly notes: string[] = [];
  readonly scrub: Scrubber;
  private readonly chain: (string | undefined)[];
  private readonly running = new WeakMap<AttemptPlan, Running>();
  private readonly deadlineAt: number;
  private chainIndex = 0;
  private streak = 0;
  private timeoutMs: number | undefined;

  constructor(
    private readonly options: ResolvedRetryOptions,
    secrets: readonly string[] = [],
    private readonly onRecord: (record: AttemptRecord) => void = () => {},
  ) {
    this.scrub = createScrubber([...options.secrets, ...secrets]);
    this.chain = [options.model, ...options.fallbackModels];
    this.deadlineAt = options.clock.now() + options.deadlineMs;
    this.timeoutMs = options.timeoutMs;
  }

  /** The model the next (or current) attempt asks. */
  get model(): string | undefined {
    return this.chain[this.chainIndex];
  }

  /** Start the next attempt; throws `CallAbortedError` if the caller already aborted. */
  begin(): AttemptPlan {
    const { signal, clock } = this.options;
    if (signal?.aborted) throw this.aborted();
    const controller = new AbortController();
    const plan: AttemptPlan = {
      attempt: this.attempts.length + 1,
      model: this.model,
      timeoutMs: this.timeoutMs,
      signal: signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]),
      startedAt: clock.now(),
      controller,
    };
    const entry: Running = { deadlineHit: false, timer: undefined };
    const remaining = this.deadlineAt - plan.startedAt;
    if (Number.isFinite(remaining)) {
      // The deadline also cuts an attempt in flight; the timer is cleared when the attempt ends.
      entry.timer = setTimeout(
        () => {
          entry.deadlineHit = true;
          controller.abort(new DOMException('The overall deadline passed', 'TimeoutError'));
        },
        Math.max(0, remaining),
      );
      // A guard, not work: the request itself keeps the process alive while it runs.
      entry.timer.unref?.();
    }
    this.running.set(plan, entry);
    return plan;
  }

  /** Record a success. */
  succeed(plan: AttemptPlan): AttemptRecord {
    this.finish(plan);
    return this.record(plan, undefined);
  }

  /** The consumer stopped (a stream left early): close the request and record it; no retry. */
  abandon(plan: AttemptPlan): AttemptRecord {
    this.finish(plan);
    plan.controller.abort();
    return this.record(plan, undefined, 'abandoned');
  }

  /** Record a failure, then wait for the next attempt; or throw `ApiCallError` / `CallAbortedError`. */
  async fail(plan: AttemptPlan, error: unknown, failure: FailureOptions = {}): Promise<void> {
    const { deadlineHit } = this.finish(plan);
    // Close this attempt's request: a body left open would keep its socket alive.
    plan.controller.abort();
    const { signal } = this.options;
    if (signal?.aborted) {
      this.record(plan, classifyError(error, { signal, scrub: this.scrub }));
      throw this.aborted();
    }
    const classification = this.classify(error, deadlineHit);
    const failed = this.record(plan, classification);
    const delayMs = backoffDelay(
      this.attempts.length,
      this.options,
      this.options.random,
      classification.retryDelayMs,
    );
    const reason = deadlineHit ? 'deadline' : this.stopReason(classification, failed, failure, delayMs);
    if (reason !== undefined) throw this.stopped(classification, reason, plan, error);
    this.advance(classification);
    const retracted = (await failure.beforeRetry?.(failed)) === true;
    const updated: AttemptRecord = { ...failed, delayMs, retracted };
    this.attempts[this.attempts.length - 1] = updated;
    await this.options.onRetry?.(this.retryEvent(updated, classification, delayMs, error));
    try {
      await this.options.clock.sleep(delayMs, signal);
    } catch {
      throw this.aborted();
    }
  }

  private stopped(
    classification: ErrorClassification,
    reason: StopReason,
    plan: AttemptPlan,
    error: unknown,
  ): ApiCallError {
    const cause = scrubError(error, this.scrub);
    const { attempts, notes } = this;
    return new ApiCallError({
      classification,
      reason,
      attempts: [...attempts],
      model: plan.model,
      notes,
      cause,
    });
  }

  private classify(error: unknown, deadlineHit: boolean): ErrorClassification {
    if (!deadlineHit)
      return classifyError(error, { signal: this.options.signal ?? NEVER_ABORTED, scrub: this.scrub });
    const base = classifyError(error, { signal: NEVER_ABORTED, scrub: this.scrub });
    return { ...base, ...TRANSPORT_ADVICE.timeout, kind: 'timeout' };
  }

  private stopReason(
    classification: ErrorClassification,
    failed: AttemptRecord,
    failure: FailureOptions,
    delayMs: number,
  ): StopReason | undefined {
    if (!classification.retryable) return 'not-retryable';
    if (this.options.shouldRetry !== undefined && !this.options.shouldRetry(classification, failed)) {
      return 'not-retryable';
    }
    if (failure.retryAllowed === false) return failure.stopReason ?? 'not-retryable';
    if (this.attempts.length > this.options.maxRetries) return 'retries-exhausted';
    // Waiting past the deadline only to be cut off is pointless: stop now.
    if (this.options.clock.now() + delayMs > this.deadlineAt) return 'deadline';
    return undefined;
  }

  /** Move along the fallback chain after repeated 500/503; raise the timeout after a 504 or a timeout. */
  private advance(classification: ErrorClassification): void {
    const serverError = classification.httpStatus === 500 || classification.httpStatus === 503;
    this.streak = serverError ? this.streak + 1 : 0;
    if (serverError && this.streak >= this.options.fallbackAfter && this.chainIndex < this.chain.length - 1) {
      this.chainIndex += 1;
      this.streak = 0;
    }
    if (classification.httpStatus === 504 || classification.kind === 'timeout') {
      const current = this.timeoutMs;
      const raised =
        current === undefined ? RETRY_DEFAULTS.raisedTimeoutMs : current * this.options.timeoutFactor;
      this.timeoutMs = Math.min(this.options.maxTimeoutMs, Math.round(raised));
    }
  }

  private finish(plan: AttemptPlan): Running {
    const entry = this.running.get(plan) ?? { deadlineHit: false, timer: undefined };
    clearTimeout(entry.timer);
    this.running.delete(plan);
    return entry;
  }

  private record(
    plan: AttemptPlan,
    classification: ErrorClassification | undefined,
    outcome: AttemptRecord['outcome'] = classification === undefined ? 'success' : 'failure',
  ): AttemptRecord {
    const entry: AttemptRecord = {
      attempt: plan.attempt,
      model: plan.model,
      timeoutMs: plan.timeoutMs,
      startedAt: plan.startedAt,
      durationMs: this.options.clock.now() - plan.startedAt,
      outcome,
      classification,
      delayMs: undefined,
      retracted: false,
    };
    this.attempts.push(entry);
    this.onRecord(entry);
    return entry;
  }

  private retryEvent(
    failed: AttemptRecord,
    classification: ErrorClassification,
    delayMs: number,
    error: unknown,
  ): RetryEvent {
    return {
      failed,
      classification,
      delayMs,
      nextAttempt: failed.attempt + 1,
      nextModel: this.model,
      nextTimeoutMs: this.timeoutMs,
      error: scrubError(error, this.scrub),
    };
  }

  private aborted(): CallAbortedError {
    const { signal } = this.options;
    return new CallAbortedError(
      [...this.attempts],
      signal === undefined ? undefined : scrubError(signal.reason, this.scrub),
    );
  }
}
