import type { GenerateContentParameters } from '@google/genai';
import { clipLintEvidence, placeOf, type RequestLint } from './request-lint.js';
import { collectRequestTexts, type RequestText, setAtPath } from './request-texts.js';

/**
 * A `\uXXXX` or `\t` escape written out literally. The run of backslashes before it is captured:
 * an even run is escaped backslashes (`\\t` is a backslash and a `t`), an odd run escapes.
 */
const ESCAPE_PATTERN = /(\\+)(u[0-9a-fA-F]{4}|t)/g;

/** The literal escape sequences in `text`, in order. */
export function findEscapeSequences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ESCAPE_PATTERN)) {
    const slashes = match[1] ?? '';
    if (slashes.length % 2 === 1) found.push(`\\${match[2] ?? ''}`);
  }
  return found;
}

/**
 * `text` with every literal `\uXXXX` and `\t` escape replaced by the character it stands for
 * (surrogate pairs written as two escapes become one character). Escaped backslashes stay.
 * Note: a Windows path such as `C:\temp` also reads as an escape; review the lint first.
 */
export function rewriteEscapeSequences(text: string): string {
  return text.replace(ESCAPE_PATTERN, (whole, slashes: string, sequence: string) => {
    if (slashes.length % 2 === 0) return whole;
    const kept = slashes.slice(1);
    return kept + (sequence === 't' ? '\t' : String.fromCharCode(Number.parseInt(sequence.slice(1), 16)));
  });
}

/** The escape-sequence lints of a request: one per text that has any. */
export function lintEscapeSequences(texts: readonly RequestText[]): RequestLint[] {
  const lints: RequestLint[] = [];
  for (const entry of texts) {
    const found = findEscapeSequences(entry.text);
    if (found.length === 0) continue;
    const examples = [...new Set(found)].slice(0, 3).join(', ');
    const count =
      found.length === 1 ? 'a literal escape sequence' : `${found.length} literal escape sequences`;
    lints.push({
      id: 'escape-sequences',
      path: entry.path,
      message: `${placeOf(entry.source)} contains ${count} (${examples}). The model imitates them and can fill JSON output with runs of newlines. Write the characters themselves (the fixed request does this), and allow only \\\\, \\n and \\" as escapes in quoted strings.`,
      evidence: clipLintEvidence(examples),
      remediation: 'rewrite-escapes',
      fixable: true,
    });
  }
  return lints;
}

/**
 * A copy of the request with every literal `\uXXXX` and `\t` escape in its contents, system
 * instruction and response-schema texts written as the actual characters. The input is never
 * mutated; objects off the changed paths are shared. Returns the input itself when nothing changes.
 */
export function fixEscapeSequences(params: GenerateContentParameters): GenerateContentParameters {
  let fixed = params;
  for (const entry of collectRequestTexts(params)) {
    const rewritten = rewriteEscapeSequences(entry.text);
    if (rewritten !== entry.text) fixed = setAtPath(fixed, entry.path, rewritten);
  }
  return fixed;
}
