import { describe, expect, it } from 'vitest';
import { CallAbortedError, isCallAbortedError } from '../../src/errors/call-aborted-error.js';
import { GuardError } from '../../src/errors/guard-error.js';

describe('CallAbortedError', () => {
  it('is a GuardError with a stable code, the abort reason as cause and the attempts so far', () => {
    const reason = new Error('user left');
    const error = new CallAbortedError([], reason);
    expect(error).toBeInstanceOf(GuardError);
    expect(error.code).toBe('CALL_ABORTED');
    expect(error.name).toBe('CallAbortedError');
    expect(error.cause).toBe(reason);
    expect(error.attempts).toEqual([]);
    expect(error.message).toMatch(/cancelled by its AbortSignal after 0 attempts; nothing more was sent/);
  });

  it('has no cause when the signal gave no reason', () => {
    expect('cause' in new CallAbortedError([])).toBe(false);
  });

  it('is recognised across realms by its guard only', () => {
    expect(isCallAbortedError(new CallAbortedError([]))).toBe(true);
    expect(isCallAbortedError({ [Symbol.for('gemini-output-guard.CallAbortedError')]: true })).toBe(true);
    expect(isCallAbortedError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isCallAbortedError(undefined)).toBe(false);
  });
});
