import type { Issue } from '../errors/guard-error.js';

/** How serious a request issue is: an `error` makes the API refuse the call; a `warning` is a likely problem. */
export type IssueSeverity = 'error' | 'warning';

/** A problem found in a request before it is sent: `{code, path, message}` plus a severity. */
export interface RequestIssue extends Issue {
  readonly severity: IssueSeverity;
}
