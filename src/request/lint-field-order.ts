import type { GenerateContentConfig } from '@google/genai';
import { clipLintEvidence, placeOf, type RequestLint } from './request-lint.js';
import type { RequestText } from './request-texts.js';

/** Phrases that dictate an order of output fields (the guide's cause of schema-order loops). */
const ORDER_PHRASES: readonly RegExp[] = [
  /\b(?:in|using|follow(?:ing)?|keep(?:ing)?)\s+(?:the\s+|this\s+|that\s+|an?\s+)?(?:following|exact|same|specific|given|below|above|strict)\s+order\b/i,
  /\bin\s+(?:this|that)\s+order\b/i,
  /\b(?:order|sequence)\s+of\s+(?:the\s+)?(?:fields|keys|properties|attributes)\b/i,
  /\b(?:fields|keys|properties|attributes)\s+(?:must|should|need\s+to|have\s+to)\s+(?:appear|come|be\s+(?:listed|ordered|placed|output|returned|written))\s+in\b/i,
  /\b(?:order|sort|arrange)\s+the\s+(?:fields|keys|properties|attributes)\b/i,
];
/** Words that put two named fields in sequence. */
const SEQUENCE_WORDS = /\b(?:then|followed\s+by|after\s+that|before|after|next|finally|first)\b|->|→/i;
/** Property names shorter than this are too likely to be ordinary words. */
const MIN_PROPERTY_NAME = 3;
/** Schemas deeper than this are not searched for property names. */
const MAX_SCHEMA_DEPTH = 16;

/** Whether the request asks for structured output against a schema. */
export function hasResponseSchema(config: GenerateContentConfig | undefined): boolean {
  return config?.responseSchema !== undefined || config?.responseJsonSchema !== undefined;
}

/**
 * Lints for prompt text that states a field order while a response schema is set: the output
 * then orders fields differently from the schema and can loop (GUIDE.md §1, `schema-order`).
 * Finds order phrases, and sentences that put two of the schema's property names in sequence.
 */
export function lintFieldOrder(
  texts: readonly RequestText[],
  config: GenerateContentConfig | undefined,
): RequestLint[] {
  if (!hasResponseSchema(config)) return [];
  const names = propertyNames(config?.responseSchema ?? config?.responseJsonSchema);
  const lints: RequestLint[] = [];
  for (const entry of texts) {
    if (entry.source === 'schema') continue;
    const evidence = orderPhrase(entry.text) ?? namedSequence(entry.text, names);
    if (evidence === undefined) continue;
    lints.push({
      id: 'field-order-instruction',
      path: entry.path,
      message: `${placeOf(entry.source)} tells the model in which order to write the fields ("${clipLintEvidence(evidence)}") while a response schema is set. Remove the order instruction and mark every field required; the schema decides the order.`,
      evidence: clipLintEvidence(evidence),
      remediation: 'drop-field-order-instruction',
      fixable: false,
    });
  }
  return lints;
}

function orderPhrase(text: string): string | undefined {
  for (const pattern of ORDER_PHRASES) {
    const match = pattern.exec(text);
    if (match !== null) return match[0];
  }
  return undefined;
}

function namedSequence(text: string, names: ReadonlySet<string>): string | undefined {
  if (names.size < 2) return undefined;
  for (const sentence of text.split(/[.!?\n]+/)) {
    if (!SEQUENCE_WORDS.test(sentence)) continue;
    const mentioned = sentence.match(/[A-Za-z_][A-Za-z0-9_]*/g)?.filter((word) => names.has(word)) ?? [];
    if (new Set(mentioned).size >= 2) return sentence.trim();
  }
  return undefined;
}

/** Property names declared anywhere in a schema (`properties` keys), at a bounded depth. */
function propertyNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_SCHEMA_DEPTH || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
        for (const name of Object.keys(child)) if (name.length >= MIN_PROPERTY_NAME) names.add(name);
      }
      visit(child, depth + 1);
    }
  };
  visit(schema, 0);
  return names;
}
