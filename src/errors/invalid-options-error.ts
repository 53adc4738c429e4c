import { GuardError, type Issue } from './guard-error.js';

const MARK = Symbol.for('gemini-output-guard.InvalidOptionsError');

/** Options or input that failed validation. `issues` lists every problem with its path. */
export class InvalidOptionsError extends GuardError {
  readonly issues: readonly Issue[];
  readonly [MARK] = true;

  constructor(what: string, issues: readonly Issue[]) {
    const lines = issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super('INVALID_OPTIONS', `Invalid ${what}; fix these and try again:\n${lines.join('\n')}`);
    this.name = 'InvalidOptionsError';
    this.issues = issues;
  }
}

/** True for an {@link InvalidOptionsError}, across realms. */
export function isInvalidOptionsError(value: unknown): value is InvalidOptionsError {
  return typeof value === 'object' && value !== null && MARK in value;
}
