/** A problem in the caller's options or input, as data: where it is and what is wrong. */
export interface Issue {
  readonly code: string;
  /** Path to the offending value, for example `['table-hyphens', 'abortRun']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const GUARD_ERROR_MARK = Symbol.for('gemini-output-guard.GuardError');

/**
 * Base class of every error this library throws. `code` is stable and machine-readable;
 * the message says what to do next and never carries an API key.
 */
export class GuardError extends Error {
  readonly code: string;
  readonly [GUARD_ERROR_MARK] = true;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GuardError';
    this.code = code;
  }
}

/** True for any error thrown by this library, across realms and duplicate installs. */
export function isGuardError(value: unknown): value is GuardError {
  return typeof value === 'object' && value !== null && GUARD_ERROR_MARK in value;
}
