import type { GenerateContentParameters } from '@google/genai';
import { clipEvidence } from '../finding.js';
import { collectRequestTexts } from '../request/request-texts.js';

/**
 * Phrases that dictate the order of output fields. The guide: "do not state a field order in the
 * prompt" when using structured output; the schema alone should decide it.
 */
const FIELD_ORDER_PATTERNS: readonly RegExp[] = [
  /\b(?:fields?|keys?|properties|attributes|columns)\b[^.!?\n]{0,40}\bin (?:this|the following|that|exactly this|the same|the given) order\b/i,
  /\border of (?:the )?(?:fields|keys|properties|attributes)\b/i,
  /\b(?:field|key|property) order\b/i,
  /\b(?:output|return|list|emit|put|write)\b[^.!?\n]{0,40}\b(?:fields?|keys?|properties)\b[^.!?\n]{0,40}\b(?:first|last|before|after)\b/i,
];

/**
 * Phrases that tell a thinking model how to think. The guide: with thinking on, do not dictate
 * how to think; ask only for the final output.
 */
const THINKING_PATTERNS: readonly RegExp[] = [
  /\bthink(?:ing)? (?:step[- ]by[- ]step|carefully|hard|through|out loud|aloud)\b/i,
  /\bstep[- ]by[- ]step\b/i,
  /\b(?:let'?s|let us) think\b/i,
  /\bchain[- ]of[- ]thought\b/i,
  /\b(?:reason|think) (?:about|through) (?:each|every|all)\b/i,
  /\bin your (?:thinking|reasoning|thoughts)\b/i,
  /\b(?:before|when) (?:answering|you answer|responding)\b[^.!?\n]{0,20}\b(?:think|reason|consider|reflect)\b/i,
  /\bshow your (?:reasoning|work|thinking)\b/i,
];

/** Sentence ends for excerpts. */
const SENTENCE_END = /[.!?\n]/;
/** An excerpt reaches at most this far either side of the match (evidence is clipped to 200 anyway). */
const MAX_REACH = 200;

/** A sentence of the request found by {@link findFieldOrderInstructions} or {@link findThinkingInstructions}. */
export interface FlaggedInstruction {
  /** Where the text sits in the request (`['contents', 0, 'parts', 0, 'text']`, ...). */
  readonly path: readonly (string | number)[];
  /** The sentence, clipped to the evidence length. */
  readonly excerpt: string;
}

/** Sentences of the caller's texts (user turns, system instruction, schema descriptions) that dictate a field order. */
export function findFieldOrderInstructions(request: GenerateContentParameters): FlaggedInstruction[] {
  return flag(request, FIELD_ORDER_PATTERNS);
}

/** Sentences of the caller's texts that tell a thinking model how to think. */
export function findThinkingInstructions(request: GenerateContentParameters): FlaggedInstruction[] {
  return flag(request, THINKING_PATTERNS);
}

function flag(request: GenerateContentParameters, patterns: readonly RegExp[]): FlaggedInstruction[] {
  const flagged: FlaggedInstruction[] = [];
  for (const item of collectRequestTexts(request)) {
    if (item.role === 'model') continue;
    const seen = new Set<string>();
    for (const pattern of patterns) {
      const match = pattern.exec(item.text);
      if (!match) continue;
      const excerpt = sentenceAround(item.text, match.index, match.index + match[0].length);
      if (seen.has(excerpt)) continue;
      seen.add(excerpt);
      flagged.push({ path: item.path, excerpt });
    }
  }
  return flagged;
}

/** The sentence holding `start..end`, trimmed and clipped. */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < MAX_REACH && !SENTENCE_END.test(text.charAt(from - 1))) from -= 1;
  let to = end;
  while (to < text.length && to - end < MAX_REACH && !SENTENCE_END.test(text.charAt(to))) to += 1;
  if (to < text.length && text.charAt(to) !== '\n') to += 1;
  return clipEvidence(text.slice(from, to).trim());
}
