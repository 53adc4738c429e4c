import { clipLintEvidence, placeOf, type RequestLint } from './request-lint.js';
import type { RequestText } from './request-texts.js';

/** Phrases that tell a thinking model how to think, or to write its reasoning out. */
const THINKING_PHRASES: readonly RegExp[] = [
  /\bthink(?:ing)?\s+(?:it\s+)?(?:through\s+)?step[\s-]by[\s-]step\b/i,
  /\b(?:reason|work)\s+(?:it\s+out\s+|through\s+(?:it|this)\s+)?step[\s-]by[\s-]step\b/i,
  /\bstep[\s-]by[\s-]step\s+(?:reasoning|thinking|thought)\b/i,
  /\blet'?s\s+think\b/i,
  /\bchain[\s-]of[\s-]thoughts?\b/i,
  /\bbefore\s+(?:answering|you\s+answer|responding|you\s+respond),?\s+(?:first\s+)?(?:think|reason|consider|analy[sz]e)\b/i,
  /\b(?:in|during|within)\s+your\s+(?:thinking|reasoning|thoughts|thought\s+process)\b/i,
  /\b(?:show|explain|write\s+out|walk\s+(?:me\s+)?through|describe)\s+your\s+(?:reasoning|thinking|thought\s+process|chain\s+of\s+thought)\b/i,
  /\bthink\s+(?:carefully|hard|deeply|silently|out\s+loud|aloud)\b/i,
];
/**
 * The guide's own fix for tool-call loops asks the model to open each thought with a recap
 * (the `thought-recap` snippet); it must not be reported as a cause.
 */
const RECAP = /\brecap\b/i;

/**
 * Lints for instructions that dictate how to think while thinking is on: the guide's cause of
 * text loops (GUIDE.md §1, `text-loop`). Ask only for the final output instead.
 */
export function lintThinkingInstructions(
  texts: readonly RequestText[],
  thinking: boolean | undefined,
): RequestLint[] {
  if (thinking !== true) return [];
  const lints: RequestLint[] = [];
  for (const entry of texts) {
    if (entry.source === 'schema' || entry.role === 'model') continue;
    const evidence = thinkingPhrase(entry.text);
    if (evidence === undefined) continue;
    lints.push({
      id: 'thinking-instruction',
      path: entry.path,
      message: `${placeOf(entry.source)} tells a thinking model how to think ("${evidence}"). Thinking is on, so the instruction can make it loop; ask only for the final output and let it think on its own.`,
      evidence,
      remediation: 'drop-thinking-instructions',
      fixable: false,
    });
  }
  return lints;
}

function thinkingPhrase(text: string): string | undefined {
  for (const sentence of text.split(/(?<=[.!?\n])/)) {
    if (RECAP.test(sentence)) continue;
    for (const pattern of THINKING_PHRASES) {
      const match = pattern.exec(sentence);
      if (match !== null) return clipLintEvidence(match[0]);
    }
  }
  return undefined;
}
