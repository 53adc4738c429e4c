import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const MaxTokensOptionsSchema = z.object({}).strict();

/** Options of the `max-tokens` detector. */
export type MaxTokensOptions = z.input<typeof MaxTokensOptionsSchema>;

/** Create the `max-tokens` detector (placeholder: finds nothing yet). */
export function createMaxTokensDetector(_options: MaxTokensOptions = {}) {
  return { id: 'max-tokens', push: () => [], end: () => [], reset: () => {} };
}

export const MaxTokensDefinition = defineDetector({
  id: 'max-tokens',
  summary: 'placeholder',
  optionsSchema: MaxTokensOptionsSchema,
  create: (options) => createMaxTokensDetector(options),
});
