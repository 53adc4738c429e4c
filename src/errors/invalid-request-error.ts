import type { RequestIssue } from '../request/request-issue.js';
import { GuardError } from './guard-error.js';

const MARK = Symbol.for('gemini-output-guard.InvalidRequestError');

/**
 * A `generateContent` request the API would refuse (for example `candidateCount: 9`, or both
 * `thinkingBudget` and `thinkingLevel`). `issues` lists every problem found, warnings included;
 * the message lists the errors.
 */
export class InvalidRequestError extends GuardError {
  readonly issues: readonly RequestIssue[];
  readonly [MARK] = true;

  constructor(issues: readonly RequestIssue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const lines = errors.map((issue) => `  - ${issue.path.join('.') || '(request)'}: ${issue.message}`);
    super(
      'INVALID_REQUEST',
      `The request would be refused by the Gemini API; fix these and try again:\n${lines.join('\n')}`,
    );
    this.name = 'InvalidRequestError';
    this.issues = issues;
  }
}

/** True for an {@link InvalidRequestError}, across realms. */
export function isInvalidRequestError(value: unknown): value is InvalidRequestError {
  return typeof value === 'object' && value !== null && MARK in value;
}
