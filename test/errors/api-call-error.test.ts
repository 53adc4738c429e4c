import { describe, expect, it } from 'vitest';
import { ApiCallError, isApiCallError } from '../../src/errors/api-call-error.js';
import { GuardError, isGuardError } from '../../src/errors/guard-error.js';
import type { AttemptRecord } from '../../src/resilience/attempt-record.js';
import { classifyError } from '../../src/resilience/classify-error.js';
import { googleErrorBody, unaryApiError } from '../resilience/api-errors.js';

const classification = classifyError(unaryApiError(googleErrorBody(404, 'NOT_FOUND', 'no such model')));
const attempt: AttemptRecord = {
  attempt: 1,
  model: 'gemini-9',
  timeoutMs: undefined,
  startedAt: 0,
  durationMs: 5,
  outcome: 'failure',
  classification,
  delayMs: undefined,
  retracted: false,
};

describe('ApiCallError', () => {
  const cause = new Error('root');
  const error = new ApiCallError({
    classification,
    reason: 'not-retryable',
    attempts: [attempt],
    model: 'gemini-9',
    cause,
  });

  it('is a GuardError with a stable code, its cause and every attempt', () => {
    expect(error).toBeInstanceOf(GuardError);
    expect(error.name).toBe('ApiCallError');
    expect(error.code).toBe('API_CALL_FAILED');
    expect(error.cause).toBe(cause);
    expect(error.attempts).toEqual([attempt]);
    expect(error.notes).toEqual([]);
  });

  it('says what failed, how often, why it stopped and what to do', () => {
    expect(error.message).toBe(
      `Gemini call failed on gemini-9 (HTTP 404 NOT_FOUND) after 1 attempt; not retryable. ${classification.advice}`,
    );
  });

  it('names the failure kind when there was no HTTP status', () => {
    const dropped = classifyError(new TypeError('terminated'));
    const message = new ApiCallError({
      classification: dropped,
      reason: 'output-delivered',
      attempts: [attempt, attempt],
      model: undefined,
    }).message;
    expect(message).toMatch(
      /^Gemini call failed \(connection\) after 2 attempts; the stream had already delivered output/,
    );
  });

  it('is recognised across realms by its guard, and not confused with other errors', () => {
    const lookalike = Object.assign(Object.create(null), {
      [Symbol.for('gemini-output-guard.ApiCallError')]: true,
    });
    expect(isApiCallError(error)).toBe(true);
    expect(isApiCallError(lookalike)).toBe(true);
    expect(isGuardError(error)).toBe(true);
    expect(isApiCallError(new GuardError('X', 'y'))).toBe(false);
    expect(isApiCallError(null)).toBe(false);
    expect(isApiCallError('ApiCallError')).toBe(false);
  });
});
