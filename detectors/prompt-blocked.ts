import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const PromptBlockedOptionsSchema = z.object({}).strict();

/** Options of the `prompt-blocked` detector. */
export type PromptBlockedOptions = z.input<typeof PromptBlockedOptionsSchema>;

/** Create the `prompt-blocked` detector (placeholder: finds nothing yet). */
export function createPromptBlockedDetector(_options: PromptBlockedOptions = {}) {
  return { id: 'prompt-blocked', push: () => [], end: () => [], reset: () => {} };
}

export const PromptBlockedDefinition = defineDetector({
  id: 'prompt-blocked',
  summary: 'placeholder',
  optionsSchema: PromptBlockedOptionsSchema,
  create: (options) => createPromptBlockedDetector(options),
});
