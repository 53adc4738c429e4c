import { clipLintEvidence, placeOf, type RequestLint } from './request-lint.js';
import type { RequestText } from './request-texts.js';

/** Ways of asking for a table. */
const TABLE_REQUESTS: readonly RegExp[] = [
  /\b(?:markdown|md)\s+tables?\b/i,
  /\b(?:as|in|into|using|with)\s+(?:a|an|one|the)\s+(?:[a-z-]+\s+){0,2}?table\b(?!\s+of\s+contents)/i,
  /\b(?:make|create|build|produce|generate|draw|output|return|format|give\s+me|write)\s+(?:a|an|the|one)\s+(?:[a-z-]+\s+){0,2}?table\b(?!\s+of\s+contents)/i,
  /\btabulate\b/i,
  /\btabular\s+(?:form|format|layout)\b/i,
];
/** "table" words that are not Markdown tables. */
const NOT_A_TABLE =
  /\b(?:periodic|times|truth|hash|lookup|database|sql|dining|kitchen|coffee|round|water)\s+table\b/i;
/** Signs that the prompt already carries table guidelines (the guide's rules or an example separator). */
const GUIDELINE_SIGNS: readonly RegExp[] = [
  /\|\s*:?-{3}:?\s*\|/,
  /\b(?:three|3)\s+hyphens\b/i,
  /\bseparator\s+(?:row|line)\b/i,
  /\b(?:do\s+not|don't|never)\s+pad\b/i,
];

/**
 * Lints for a request that asks for a table without table guidelines: the guide's cause of
 * runaway separator hyphens and padded cells (GUIDE.md §1, `table-hyphens`). One lint per text
 * that asks; guidelines anywhere in the request (system instruction, contents) silence them all.
 */
export function lintTableGuidelines(texts: readonly RequestText[]): RequestLint[] {
  const asked = texts.filter((entry) => entry.source !== 'schema' && entry.role !== 'model');
  if (asked.some((entry) => GUIDELINE_SIGNS.some((pattern) => pattern.test(entry.text)))) return [];
  const lints: RequestLint[] = [];
  for (const entry of asked) {
    const evidence = tableRequest(entry.text);
    if (evidence === undefined) continue;
    lints.push({
      id: 'table-without-guidelines',
      path: entry.path,
      message: `${placeOf(entry.source)} asks for a table ("${evidence}") but gives no table rules. Add the Markdown table guidelines (exactly 3 hyphens per separator cell, no padding, with a short example), or separator rows can run to thousands of hyphens.`,
      evidence,
      remediation: 'table-format',
      fixable: false,
    });
  }
  return lints;
}

function tableRequest(text: string): string | undefined {
  for (const pattern of TABLE_REQUESTS) {
    const match = pattern.exec(text);
    if (match !== null && !NOT_A_TABLE.test(match[0])) return clipLintEvidence(match[0]);
  }
  return undefined;
}
