import type { Finding } from './finding.js';

/** The one-word outcome of an inspection. */
export type Verdict = 'clean' | 'warn' | 'degenerate' | 'blocked';

/** Detectors whose findings mean the API blocked or stopped the output rather than it looping. */
export const BLOCKING_DETECTORS: readonly string[] = ['safety', 'recitation', 'prompt-blocked'];

/**
 * `blocked` when a safety, recitation or prompt-block finding is present; `degenerate` for any
 * other abort-level finding; `warn` for warn-level findings; otherwise `clean`.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let verdict: Verdict = 'clean';
  for (const finding of findings) {
    if (BLOCKING_DETECTORS.includes(finding.detector) && finding.severity !== 'info') return 'blocked';
    if (finding.severity === 'abort') verdict = 'degenerate';
    else if (finding.severity === 'warn' && verdict === 'clean') verdict = 'warn';
  }
  return verdict;
}
