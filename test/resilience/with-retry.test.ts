import { afterEach, describe, expect, it, vi } from 'vitest';
import { isApiCallError } from '../../src/errors/api-call-error.js';
import { isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { isInvalidOptionsError } from '../../src/errors/invalid-options-error.js';
import type { AttemptContext, RetryEvent } from '../../src/resilience/attempt-record.js';
import { createFakeClock } from '../../src/resilience/fake-clock.js';
import { RETRY_DEFAULTS } from '../../src/resilience/retry-options.js';
import { withRetry } from '../../src/resilience/with-retry.js';
import { droppedSocketError, googleErrorBody, retryInfo, unaryApiError } from './api-errors.js';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const httpError = (status: number, details: Record<string, unknown>[] = []) =>
  unaryApiError(googleErrorBody(status, STATUS_NAMES[status] ?? 'UNKNOWN', `failure ${status}`, details));

/** A function that fails with each script entry in turn, then returns 'ok'; records its contexts. */
function scripted(script: unknown[]) {
  const contexts: AttemptContext[] = [];
  const fn = async (context: AttemptContext) => {
    contexts.push(context);
    const next = script[contexts.length - 1];
    if (next !== undefined) throw next;
    return 'ok';
  };
  return { fn, contexts };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const exact = () => ({ clock: createFakeClock(), random: () => 0.5 });

describe('withRetry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the first success with one attempt', async () => {
    const { fn } = scripted([]);
    const result = await withRetry(fn, exact());
    expect(result.value).toBe('ok');
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(['success']);
  });

  it('retries 503 twice with full-jitter waits, then succeeds', async () => {
    const options = exact();
    const { fn } = scripted([httpError(503), httpError(503)]);
    const result = await withRetry(fn, options);
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(['failure', 'failure', 'success']);
    expect(options.clock.sleeps).toEqual([500, 1000]);
    expect(result.attempts.map((attempt) => attempt.delayMs)).toEqual([500, 1000, undefined]);
  });

  it('waits exactly the RetryInfo delay of a 429', async () => {
    const options = exact();
    const { fn } = scripted([httpError(429, [retryInfo('2s')])]);
    await withRetry(fn, options);
    expect(options.clock.sleeps).toEqual([2000]);
    expect(options.clock.now()).toBe(2000);
  });

  it('caps a long RetryInfo delay at maxServerDelayMs', async () => {
    const options = { ...exact(), maxServerDelayMs: 5000 };
    const { fn } = scripted([httpError(429, [retryInfo('600s')])]);
    await withRetry(fn, options);
    expect(options.clock.sleeps).toEqual([5000]);
  });

  it.each([400, 403, 404])('never retries %i and names the action', async (status) => {
    const { fn, contexts } = scripted([httpError(status)]);
    const error = await rejection(withRetry(fn, exact()));
    expect(contexts).toHaveLength(1);
    expect(isApiCallError(error)).toBe(true);
    if (!isApiCallError(error)) return;
    expect(error.reason).toBe('not-retryable');
    expect(error.classification.httpStatus).toBe(status);
    expect(error.message).toContain(error.classification.advice);
    expect(error.attempts).toHaveLength(1);
  });

  it('stops after maxRetries retries', async () => {
    const { fn, contexts } = scripted(Array.from({ length: 10 }, () => droppedSocketError()));
    const error = await rejection(withRetry(fn, { ...exact(), maxRetries: 2 }));
    expect(contexts).toHaveLength(3);
    expect(isApiCallError(error) && error.reason).toBe('retries-exhausted');
  });

  it('uses the default of 4 retries', async () => {
    const { fn, contexts } = scripted(Array.from({ length: 10 }, () => httpError(500)));
    await rejection(withRetry(fn, exact()));
    expect(contexts).toHaveLength(RETRY_DEFAULTS.maxRetries + 1);
  });

  it('stops before a wait that would end after the deadline', async () => {
    const options = { ...exact(), deadlineMs: 1500 };
    const { fn, contexts } = scripted([httpError(429, [retryInfo('1s')]), httpError(429, [retryInfo('1s')])]);
    const error = await rejection(withRetry(fn, options));
    expect(contexts).toHaveLength(2);
    expect(options.clock.sleeps).toEqual([1000]);
    expect(isApiCallError(error) && error.reason).toBe('deadline');
  });

  it('cuts an attempt in flight when the deadline passes', async () => {
    vi.useFakeTimers();
    const fn = (context: AttemptContext) => new Promise<string>(() => void context);
    const pending = rejection(withRetry(fn, { ...exact(), deadlineMs: 1000 }));
    await vi.advanceTimersByTimeAsync(1000);
    const error = await pending;
    expect(isApiCallError(error) && error.reason).toBe('deadline');
    expect(isApiCallError(error) && error.classification.kind).toBe('timeout');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('moves to the next model after repeated 500s and reports who answered', async () => {
    const { fn, contexts } = scripted([httpError(500), httpError(500), httpError(500), httpError(500)]);
    const result = await withRetry(fn, {
      ...exact(),
      model: 'gemini-2.5-pro',
      fallbackModels: ['gemini-2.5-flash', 'gemini-2.5-flash-lite'],
    });
    expect(contexts.map((context) => context.model)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
    ]);
    expect(result.model).toBe('gemini-2.5-flash-lite');
  });

  it('counts only consecutive 500/503 failures towards a fallback', async () => {
    const { fn, contexts } = scripted([httpError(503), httpError(429), httpError(503)]);
    await withRetry(fn, { ...exact(), model: 'pro', fallbackModels: ['flash'] });
    expect(contexts.map((context) => context.model)).toEqual(['pro', 'pro', 'pro', 'pro']);
  });

  it('stays on the last model when the chain runs out', async () => {
    const { fn, contexts } = scripted([httpError(503), httpError(503), httpError(503), httpError(503)]);
    await withRetry(fn, { ...exact(), model: 'pro', fallbackModels: ['flash'], fallbackAfter: 1 });
    expect(contexts.map((context) => context.model)).toEqual(['pro', 'flash', 'flash', 'flash', 'flash']);
  });

  it('raises the timeout after each 504, up to maxTimeoutMs', async () => {
    const { fn, contexts } = scripted([httpError(504), httpError(504), httpError(504)]);
    await withRetry(fn, { ...exact(), timeoutMs: 10_000, maxTimeoutMs: 30_000 });
    expect(contexts.map((context) => context.timeoutMs)).toEqual([10_000, 20_000, 30_000, 30_000]);
  });

  it('sets a first explicit timeout after a 504 when none was set', async () => {
    const { fn, contexts } = scripted([httpError(504)]);
    await withRetry(fn, exact());
    expect(contexts.map((context) => context.timeoutMs)).toEqual([undefined, RETRY_DEFAULTS.raisedTimeoutMs]);
  });

  it('tells onRetry what comes next', async () => {
    const events: RetryEvent[] = [];
    const { fn } = scripted([httpError(500), httpError(504)]);
    await withRetry(fn, {
      ...exact(),
      model: 'pro',
      fallbackModels: ['flash'],
      fallbackAfter: 1,
      timeoutMs: 1000,
      onRetry: (event) => {
        events.push(event);
      },
    });
    expect(
      events.map((event) => [event.nextAttempt, event.nextModel, event.nextTimeoutMs, event.delayMs]),
    ).toEqual([
      [2, 'flash', 1000, 500],
      [3, 'flash', 2000, 1000],
    ]);
    expect(events[0]?.classification.httpStatus).toBe(500);
  });

  it('stops with the error onRetry throws', async () => {
    const { fn, contexts } = scripted([httpError(503)]);
    const stop = new Error('no more');
    const error = await rejection(
      withRetry(fn, {
        ...exact(),
        onRetry: () => {
          throw stop;
        },
      }),
    );
    expect(error).toBe(stop);
    expect(contexts).toHaveLength(1);
  });

  it('lets shouldRetry veto a retry', async () => {
    const { fn, contexts } = scripted([httpError(429)]);
    const error = await rejection(withRetry(fn, { ...exact(), shouldRetry: (c) => c.httpStatus !== 429 }));
    expect(contexts).toHaveLength(1);
    expect(isApiCallError(error) && error.reason).toBe('not-retryable');
  });

  it('returns at once when aborted during a wait', async () => {
    const controller = new AbortController();
    const clock = createFakeClock({ onSleep: () => controller.abort() });
    const { fn, contexts } = scripted([httpError(503)]);
    const error = await rejection(withRetry(fn, { clock, signal: controller.signal }));
    expect(isCallAbortedError(error)).toBe(true);
    expect(contexts).toHaveLength(1);
    expect(clock.now()).toBe(0);
    expect(isCallAbortedError(error) && error.attempts).toHaveLength(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fn, contexts } = scripted([]);
    const error = await rejection(withRetry(fn, { ...exact(), signal: controller.signal }));
    expect(isCallAbortedError(error)).toBe(true);
    expect(contexts).toHaveLength(0);
  });

  it('returns at once when aborted during an attempt that ignores its signal', async () => {
    const controller = new AbortController();
    const fn = () => {
      queueMicrotask(() => controller.abort(new Error('user left')));
      return new Promise<string>(() => {});
    };
    const error = await rejection(withRetry(fn, { ...exact(), signal: controller.signal }));
    expect(isCallAbortedError(error)).toBe(true);
    expect(isCallAbortedError(error) && (error.cause as Error).message).toBe('user left');
  });

  it('passes a signal that aborts with the caller', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const fn = async (context: AttemptContext) => {
      seen = context.signal;
      controller.abort();
      throw new DOMException('This operation was aborted', 'AbortError');
    };
    const error = await rejection(withRetry(fn, { ...exact(), signal: controller.signal }));
    expect(seen?.aborted).toBe(true);
    expect(isCallAbortedError(error)).toBe(true);
  });

  it('scrubs given secrets from the error, its cause and its attempts', async () => {
    const secret = 'canary-key-abcdef123456';
    const { fn } = scripted([
      unaryApiError(googleErrorBody(400, 'INVALID_ARGUMENT', `API key not valid: ${secret}`)),
    ]);
    const error = (await rejection(withRetry(fn, { ...exact(), secrets: [secret] }))) as Error;
    const everything = JSON.stringify({
      message: error.message,
      stack: error.stack,
      cause: String(error.cause),
      error,
    });
    expect(everything).not.toContain(secret);
    expect(isApiCallError(error) && error.classification.action).toBe('fix-credentials');
  });

  it.each([
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ factor: 0.5 }, 'factor'],
    [{ onRetry: 'log' }, 'onRetry'],
    [{ clock: {} }, 'clock'],
    [{ retries: 3 }, ''],
  ])('rejects bad options %j with InvalidOptionsError', async (options, path) => {
    const error = await rejection(withRetry(async () => 'x', options as never));
    expect(isInvalidOptionsError(error)).toBe(true);
    expect(isInvalidOptionsError(error) && error.issues[0]?.path.join('.')).toBe(path);
  });
});
