import type { RemediationId } from '../remediation-ids.js';

/** The ids of the prompt lints. */
export type LintId =
  | 'escape-sequences'
  | 'field-order-instruction'
  | 'thinking-instruction'
  | 'table-without-guidelines';

/** A cause of degenerate output found in a request before any token is spent. Plain data. */
export interface RequestLint {
  readonly id: LintId;
  /** Path to the text in the request, e.g. `['config', 'systemInstruction', 'parts', 0, 'text']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what to do, in plain words. */
  readonly message: string;
  /** The text that triggered the lint, clipped. */
  readonly evidence: string;
  /** The documented fix (see `src/remediation-ids.ts`). */
  readonly remediation: RemediationId;
  /** True when `lintRequest` can fix it (its `fixed` request has the fix applied). */
  readonly fixable: boolean;
}

/** Longest evidence kept, in characters: enough to recognise the phrase. */
export const MAX_LINT_EVIDENCE = 80;

/** Clip `text` to {@link MAX_LINT_EVIDENCE} characters. */
export function clipLintEvidence(text: string): string {
  return text.length <= MAX_LINT_EVIDENCE ? text : `${text.slice(0, MAX_LINT_EVIDENCE - 1)}…`;
}

/** Describe where a text sits, for messages: "the system instruction", "the contents", "the response schema". */
export function placeOf(source: 'contents' | 'systemInstruction' | 'schema'): string {
  if (source === 'systemInstruction') return 'The system instruction';
  if (source === 'schema') return 'The response schema';
  return 'The prompt';
}
