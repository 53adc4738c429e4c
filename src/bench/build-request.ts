import type { ContentListUnion, GenerateContentConfig, GenerateContentParameters } from '@google/genai';
import type { SnippetTexts } from '../remediation/snippets.js';
import { appendToSystemInstruction } from '../remediation/system-instruction.js';
import type { SnippetId } from '../remediation-ids.js';
import type { BenchCase, BenchVariant } from './bench-config.js';

/** Gemini `responseSchema` type names are upper case (`OBJECT`); JSON Schema's are lower case. */
const GEMINI_TYPE = /^[A-Z_]+$/;

/** True when a schema is a Gemini `responseSchema` rather than a JSON Schema. */
export function isGeminiSchema(schema: Readonly<Record<string, unknown>>): boolean {
  if ('$schema' in schema || '$defs' in schema || '$ref' in schema) return false;
  return typeof schema.type === 'string' && GEMINI_TYPE.test(schema.type);
}

/** The snippet ids a variant adds to a case, in order, each once. */
export function variantSnippets(entry: BenchCase, variant: BenchVariant): SnippetId[] {
  const ids = [...(variant.caseSnippets ? entry.snippets : []), ...variant.snippets];
  return ids.filter((snippet, index) => ids.indexOf(snippet) === index);
}

/**
 * The request one run of `entry` under `variant` sends to `model`: the case's prompt, schema
 * (with `responseMimeType: application/json`), tools and config; then the variant's config patch
 * and temperature; the variant's system instruction replaces the case's; the variant's snippets
 * (and, with `caseSnippets`, the case's own) are added at the END of the system instruction, as
 * the guard's remediation adds them. Nothing is shared with the config objects.
 */
export function buildRequest(
  entry: BenchCase,
  variant: BenchVariant,
  model: string,
  snippets: SnippetTexts,
): GenerateContentParameters {
  const config: Record<string, unknown> = structuredClone(entry.config ?? {});
  if (entry.schema !== undefined) {
    config.responseMimeType = 'application/json';
    config[isGeminiSchema(entry.schema) ? 'responseSchema' : 'responseJsonSchema'] = structuredClone(
      entry.schema,
    );
  }
  if (entry.tools !== undefined) config.tools = structuredClone(entry.tools);
  Object.assign(config, structuredClone(variant.config ?? {}));
  if (variant.temperature !== undefined) config.temperature = variant.temperature;
  const base = variant.systemInstruction ?? entry.systemInstruction ?? config.systemInstruction;
  const instruction = appendToSystemInstruction(
    base as GenerateContentConfig['systemInstruction'],
    variantSnippets(entry, variant).map((id) => snippets[id]),
  );
  if (instruction === undefined || instruction === '') delete config.systemInstruction;
  else config.systemInstruction = instruction;
  const contents = (entry.prompt ?? structuredClone(entry.contents)) as ContentListUnion;
  return { model, contents, config: config as GenerateContentConfig };
}
