import { describe, expect, it } from 'vitest';
import { GuardError } from '../../src/errors/guard-error.js';
import { InvalidRequestError, isInvalidRequestError } from '../../src/errors/invalid-request-error.js';
import type { RequestIssue } from '../../src/request/request-issue.js';

const issues: RequestIssue[] = [
  {
    severity: 'error',
    code: 'candidate-count-range',
    path: ['config', 'candidateCount'],
    message: 'candidateCount must be 1-8.',
  },
  { severity: 'warning', code: 'unknown-model', path: ['model'], message: 'not known.' },
  { severity: 'error', code: 'model-missing', path: [], message: 'model is required.' },
];

describe('InvalidRequestError', () => {
  const error = new InvalidRequestError(issues);

  it('is a GuardError with a stable code that keeps every issue', () => {
    expect(error).toBeInstanceOf(GuardError);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.name).toBe('InvalidRequestError');
    expect(error.issues).toEqual(issues);
  });

  it('lists only the errors in its message, with their paths', () => {
    expect(error.message).toBe(
      'The request would be refused by the Gemini API; fix these and try again:\n' +
        '  - config.candidateCount: candidateCount must be 1-8.\n' +
        '  - (request): model is required.',
    );
  });

  it('is recognised across realms by its guard only', () => {
    expect(isInvalidRequestError(error)).toBe(true);
    expect(isInvalidRequestError({ [Symbol.for('gemini-output-guard.InvalidRequestError')]: true })).toBe(
      true,
    );
    expect(isInvalidRequestError(new GuardError('INVALID_REQUEST', 'x'))).toBe(false);
  });
});
