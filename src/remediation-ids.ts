/**
 * Ids of the documented fixes. Findings name them; the planner turns them into request changes.
 * Snippet ids match a file in `prompts/`; the others are request rewrites or advice.
 */
export const SNIPPET_IDS = [
  'table-format',
  'table-heading-pipe',
  'escape-policy',
  'thought-recap',
  'no-repetition',
  'recitation-originality',
] as const;

/** Fixes that change the request rather than add a system-instruction snippet. */
export const REWRITE_IDS = [
  /** Raise temperature (>= 0.8 on Gemini 2.x and older; Gemini 3 is kept at 1.0). */
  'raise-temperature',
  /** Mark every property of the response schema as required. */
  'require-all-fields',
  /** Set `propertyOrdering` from the schema's declaration order. */
  'set-property-ordering',
  /** Remove prompt text that dictates a field order. */
  'drop-field-order-instruction',
  /** Replace `\u` and `\t` escape sequences in the request's texts with the characters. */
  'rewrite-escapes',
  /** Remove instructions that dictate how the model should think. */
  'drop-thinking-instructions',
  /** Review the prompt against the safety filters set in the call (never relaxed automatically). */
  'review-safety',
  /** Make the prompt more original, so the output does not resemble existing sources. */
  'make-prompt-unique',
  /** Give the model more output tokens, or less thinking, so the answer fits. */
  'raise-output-budget',
  /** Do not re-ask: the failure is terminal (for example a prompt blocked with OTHER). */
  'do-not-retry',
] as const;

/** A snippet id: a file in `prompts/`. */
export type SnippetId = (typeof SNIPPET_IDS)[number];
/** A request-rewrite or advice id. */
export type RewriteId = (typeof REWRITE_IDS)[number];
/** Any remediation a finding can name. */
export type RemediationId = SnippetId | RewriteId;

/** Every remediation id, snippets first. */
export const REMEDIATION_IDS: readonly RemediationId[] = [...SNIPPET_IDS, ...REWRITE_IDS];

/** True when `value` is a known remediation id. */
export function isRemediationId(value: unknown): value is RemediationId {
  return typeof value === 'string' && (REMEDIATION_IDS as readonly string[]).includes(value);
}
