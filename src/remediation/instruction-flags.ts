import type { GenerateContentParameters } from '@google/genai';
import { lintRequest } from '../request/lint-request.js';
import type { LintId } from '../request/request-lint.js';
import { collectRequestTexts } from '../request/request-texts.js';

/** A sentence of the request found by {@link findFieldOrderInstructions} or {@link findThinkingInstructions}. */
export interface FlaggedInstruction {
  /** Where the text sits in the request (`['contents', 0, 'parts', 0, 'text']`, ...). */
  readonly path: readonly (string | number)[];
  /** The words that dictate the order or the way to think, clipped. */
  readonly excerpt: string;
}

/**
 * Prompt text that states a field order while a response schema is set (the guide: "do not state
 * a field order in the prompt"). Detection is the request linter's (`lintRequest`); texts listed
 * in `ignore` (the guard's own snippets) are never flagged.
 */
export function findFieldOrderInstructions(
  request: GenerateContentParameters,
  ignore: readonly string[] = [],
): FlaggedInstruction[] {
  return flagged(request, 'field-order-instruction', ignore);
}

/**
 * Instructions that tell a thinking model how to think, when thinking is on for the request's
 * model and settings (the guide: ask only for the final output). Detection is the request
 * linter's; texts listed in `ignore` are never flagged.
 */
export function findThinkingInstructions(
  request: GenerateContentParameters,
  ignore: readonly string[] = [],
): FlaggedInstruction[] {
  return flagged(request, 'thinking-instruction', ignore);
}

function flagged(
  request: GenerateContentParameters,
  id: LintId,
  ignore: readonly string[],
): FlaggedInstruction[] {
  // Model turns are the model's own words, not the caller's instructions.
  const modelTexts = new Set(
    collectRequestTexts(request)
      .filter((text) => text.role === 'model')
      .map((text) => text.path.join('.')),
  );
  return lintRequest(request)
    .lints.filter(
      (lint) =>
        lint.id === id &&
        !modelTexts.has(lint.path.join('.')) &&
        !ignore.some((text) => text.includes(lint.evidence.replace(/…$/, ''))),
    )
    .map((lint) => ({ path: lint.path, excerpt: lint.evidence }));
}
