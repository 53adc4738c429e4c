import type { GenerateContentParameters } from '@google/genai';
import { fixEscapeSequences, lintEscapeSequences } from './lint-escape-sequences.js';
import { lintFieldOrder } from './lint-field-order.js';
import { lintTableGuidelines } from './lint-table-guidelines.js';
import { lintThinkingInstructions } from './lint-thinking-instructions.js';
import { parseModelId, thinksWith } from './model-table.js';
import type { RequestLint } from './request-lint.js';
import { collectRequestTexts } from './request-texts.js';

/** What {@link lintRequest} found. */
export interface LintReport {
  readonly lints: readonly RequestLint[];
  /**
   * The request with every autofix applied (today: escape sequences written as characters), or
   * `undefined` when no lint is fixable. A new object; the input is never mutated.
   */
  readonly fixed: GenerateContentParameters | undefined;
}

/**
 * Find the causes of degenerate output the troubleshooting guide names, before any token is
 * spent:
 * - `escape-sequences`: literal `\uXXXX` or `\t` in the contents, system instruction or schema
 *   examples (newline floods); fixable.
 * - `field-order-instruction`: a field order stated while a response schema is set (schema-order loops).
 * - `thinking-instruction`: instructions on how to think while thinking is on (text loops).
 *   Thinking counts as on when the request sets a non-zero budget or a level, or the model thinks
 *   by default (2.5 Pro and Flash, Gemini 3); for models it cannot tell, this lint stays quiet.
 * - `table-without-guidelines`: a table requested with no table rules (hyphen runaways).
 *
 * Accepts every form of contents and system instruction the SDK accepts. Never throws.
 */
export function lintRequest(params: GenerateContentParameters): LintReport {
  if (typeof params !== 'object' || params === null) return { lints: [], fixed: undefined };
  const texts = collectRequestTexts(params);
  const config = params.config;
  const thinking = config?.thinkingConfig;
  const model = parseModelId(typeof params.model === 'string' ? params.model : '');
  const lints = [
    ...lintEscapeSequences(texts),
    ...lintFieldOrder(texts, config),
    ...lintThinkingInstructions(texts, thinksWith(model, thinking?.thinkingBudget, thinking?.thinkingLevel)),
    ...lintTableGuidelines(texts),
  ];
  return { lints, fixed: lints.some((lint) => lint.fixable) ? fixEscapeSequences(params) : undefined };
}
