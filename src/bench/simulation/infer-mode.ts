import { rewriteEscapes } from '../../remediation/escape-rewrite.js';
import type { BenchCase } from '../bench-config.js';
import { defaultBaseRate, type SimulatedMode } from './failure-model.js';
import type { SimulatedCase } from './simulation-scenario.js';

const TABLE_WORDS = /\btables?\b|\btabular\b|\|\s*-{3,}/i;

/** The prompt text of a case: its `prompt`, or the text parts of its `contents`. */
export function casePromptText(entry: BenchCase): string {
  if (entry.prompt !== undefined) return entry.prompt;
  const texts: string[] = [];
  for (const content of entry.contents ?? []) {
    const parts = Array.isArray(content.parts) ? content.parts : [];
    for (const part of parts) {
      const text = (part as { text?: unknown } | null)?.text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts.join('\n');
}

/**
 * The failure mode a case is most exposed to, when its config does not say (`simulate.mode`):
 * tools → tool-call loop; structured output → newline flood when the prompt carries `\u` or `\t`
 * escapes, else schema order; a table asked for → runaway separator; otherwise a text loop.
 */
export function inferMode(entry: BenchCase): SimulatedMode {
  const prompt = casePromptText(entry);
  if ((entry.tools?.length ?? 0) > 0) return 'tool-call-loop';
  const structured = entry.schema !== undefined || entry.config?.responseMimeType === 'application/json';
  if (structured) return rewriteEscapes(prompt).count > 0 ? 'newline-flood' : 'schema-order';
  if (TABLE_WORDS.test(prompt) || TABLE_WORDS.test(entry.systemInstruction ?? '')) return 'table-hyphens';
  return 'text-loop';
}

/** What the simulation plays for a case: its configured mode and rate, or inferred defaults. */
export function simulatedCase(entry: BenchCase): SimulatedCase {
  const mode = entry.simulate?.mode ?? inferMode(entry);
  return { mode, baseRate: entry.simulate?.baseRate ?? defaultBaseRate(mode) };
}
