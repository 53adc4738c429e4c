import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const RecitationOptionsSchema = z.object({}).strict();

/** Options of the `recitation` detector. */
export type RecitationOptions = z.input<typeof RecitationOptionsSchema>;

/** Create the `recitation` detector (placeholder: finds nothing yet). */
export function createRecitationDetector(_options: RecitationOptions = {}) {
  return { id: 'recitation', push: () => [], end: () => [], reset: () => {} };
}

export const RecitationDefinition = defineDetector({
  id: 'recitation',
  summary: 'placeholder',
  optionsSchema: RecitationOptionsSchema,
  create: (options) => createRecitationDetector(options),
});
