import type { Finding, Severity } from '../../src/finding.js';
import type { RemediationId } from '../../src/remediation-ids.js';

/** A finding as a detector would report it, for planner tests that do not need real text. */
export function finding(
  detector: string,
  remediations: readonly RemediationId[],
  severity: Severity = 'abort',
  extra: Partial<Finding> = {},
): Finding {
  return {
    detector,
    severity,
    message: `${detector} found something`,
    candidate: 0,
    channel: 'text',
    start: 0,
    end: 1,
    evidence: '',
    remediations,
    ...extra,
  };
}

/** Freeze a value and everything in it, so a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
