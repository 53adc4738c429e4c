import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const NewlineFloodOptionsSchema = z.object({}).strict();

/** Options of the `newline-flood` detector. */
export type NewlineFloodOptions = z.input<typeof NewlineFloodOptionsSchema>;

/** Create the `newline-flood` detector (placeholder: finds nothing yet). */
export function createNewlineFloodDetector(_options: NewlineFloodOptions = {}) {
  return { id: 'newline-flood', push: () => [], end: () => [], reset: () => {} };
}

export const NewlineFloodDefinition = defineDetector({
  id: 'newline-flood',
  summary: 'placeholder',
  optionsSchema: NewlineFloodOptionsSchema,
  create: (options) => createNewlineFloodDetector(options),
});
