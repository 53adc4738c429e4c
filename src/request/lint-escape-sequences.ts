import type { GenerateContentParameters } from '@google/genai';
import { findEscapes, rewriteRequestEscapes } from '../remediation/escape-rewrite.js';
import { clipLintEvidence, placeOf, type RequestLint } from './request-lint.js';
import type { RequestText } from './request-texts.js';

/**
 * The literal escape sequences in `text`, in order, as written (`\u00e9`, `\t`, a surrogate pair
 * as one entry): exactly the ones the `rewrite-escapes` remediation rewrites (see `findEscapes`).
 */
export function findEscapeSequences(text: string): string[] {
  return findEscapes(text).map(({ at, length }) => text.slice(at, at + length));
}

/**
 * The escape-sequence lints of a request: one per text that has any. Escapes in model turns are
 * reported too (the model imitates few-shot examples), but not as fixable: the fix leaves model
 * turns as they are, as the `rewrite-escapes` remediation does, since Gemini 3 checks replayed
 * model parts against their thought signatures.
 */
export function lintEscapeSequences(texts: readonly RequestText[]): RequestLint[] {
  const lints: RequestLint[] = [];
  for (const entry of texts) {
    const found = findEscapeSequences(entry.text);
    if (found.length === 0) continue;
    const examples = [...new Set(found)].slice(0, 3).join(', ');
    const count =
      found.length === 1 ? 'a literal escape sequence' : `${found.length} literal escape sequences`;
    const modelTurn = entry.role === 'model';
    const where = modelTurn ? 'A model turn of the contents' : placeOf(entry.source);
    const fix = modelTurn
      ? 'If it is an example you wrote, write the characters themselves; the fixed request leaves model turns as they are'
      : 'Write the characters themselves (the fixed request does this)';
    lints.push({
      id: 'escape-sequences',
      path: entry.path,
      message: `${where} contains ${count} (${examples}). The model imitates them and can fill JSON output with runs of newlines. ${fix}, and allow only \\\\, \\n and \\" as escapes in quoted strings.`,
      evidence: clipLintEvidence(examples),
      remediation: 'rewrite-escapes',
      fixable: !modelTurn,
    });
  }
  return lints;
}

/**
 * A copy of the request with the escapes {@link findEscapeSequences} finds in its own texts (user
 * contents, system instruction, response-schema descriptions and examples) written as characters;
 * model turns stay as they are. The input is never mutated; objects off the changed paths are
 * shared. Returns the input itself when nothing changes. The same rewrite as the `rewrite-escapes`
 * remediation (`rewriteRequestEscapes`).
 */
export function fixEscapeSequences(params: GenerateContentParameters): GenerateContentParameters {
  return rewriteRequestEscapes(params).request;
}
