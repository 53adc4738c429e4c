import type { AttemptRecord } from '../resilience/attempt-record.js';
import { GuardError } from './guard-error.js';

const MARK = Symbol.for('gemini-output-guard.CallAbortedError');

/**
 * The caller's `AbortSignal` cancelled a call, during an attempt or a wait between attempts.
 * `cause` is the signal's reason (scrubbed); `attempts` lists what was tried before.
 */
export class CallAbortedError extends GuardError {
  readonly attempts: readonly AttemptRecord[];
  readonly [MARK] = true;

  constructor(attempts: readonly AttemptRecord[], cause?: unknown) {
    const count = attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`;
    super(
      'CALL_ABORTED',
      `The Gemini call was cancelled by its AbortSignal after ${count}; nothing more was sent. Start a new call to try again.`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'CallAbortedError';
    this.attempts = attempts;
  }
}

/** True for a {@link CallAbortedError}, across realms. */
export function isCallAbortedError(value: unknown): value is CallAbortedError {
  return typeof value === 'object' && value !== null && MARK in value;
}
