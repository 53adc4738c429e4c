import type { AttemptContext, AttemptRecord } from './attempt-record.js';
import { abortReason } from './clock.js';
import { type AttemptPlan, RetryEngine } from './retry-engine.js';
import { type RetryOptions, resolveRetryOptions } from './retry-options.js';

/** What `withRetry` resolves to. */
export interface RetryResult<T> {
  readonly value: T;
  /** The model of the attempt that succeeded (after any fallback). */
  readonly model: string | undefined;
  /** Every attempt, the successful one last. */
  readonly attempts: readonly AttemptRecord[];
}

/**
 * Run `fn` until it succeeds, retrying the failures the guide calls transient (429, 500, 503,
 * 504, dropped connections, timeouts) with bounded exponential backoff and full jitter, and
 * honouring a RetryInfo delay. p-retry style: one options object, defaults in
 * `RETRY_DEFAULTS`, an `onRetry` hook, and `signal` honoured everywhere: an abort rejects at
 * once with `CallAbortedError`, during an attempt or a wait.
 *
 * Each attempt gets `{attempt, model, timeoutMs, signal}`: pass `signal` to the SDK call, use
 * `model` (it moves along `fallbackModels` after repeated 500/503) and `timeoutMs` (raised
 * after a 504). Failing for good rejects with `ApiCallError`, which carries the classification
 * and every attempt; nothing recorded contains an API key.
 *
 * @example
 * const { value, attempts } = await withRetry(
 *   ({ model, signal }) => ai.models.generateContent({ model: model!, contents, config: { abortSignal: signal } }),
 *   { model: 'gemini-2.5-pro', fallbackModels: ['gemini-2.5-flash'] },
 * );
 */
export async function withRetry<T>(
  fn: (context: AttemptContext) => Promise<T>,
  options?: RetryOptions,
): Promise<RetryResult<T>> {
  const engine = new RetryEngine(resolveRetryOptions(options));
  while (true) {
    const plan = engine.begin();
    let value: T;
    try {
      value = await untilAborted(fn(contextOf(plan)), plan.signal);
    } catch (error) {
      await engine.fail(plan, error);
      continue;
    }
    engine.succeed(plan);
    return { value, model: plan.model, attempts: [...engine.attempts] };
  }
}

function contextOf(plan: AttemptPlan): AttemptContext {
  return { attempt: plan.attempt, model: plan.model, timeoutMs: plan.timeoutMs, signal: plan.signal };
}

/**
 * Settle with `promise`, or reject the moment `signal` aborts, so an abort (or the deadline)
 * returns at once even when `fn` ignores its signal. A late rejection of `promise` is swallowed
 * so it cannot surface as an unhandled rejection.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
