import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const FinishOtherOptionsSchema = z.object({}).strict();

/** Options of the `finish-other` detector. */
export type FinishOtherOptions = z.input<typeof FinishOtherOptionsSchema>;

/** Create the `finish-other` detector (placeholder: finds nothing yet). */
export function createFinishOtherDetector(_options: FinishOtherOptions = {}) {
  return { id: 'finish-other', push: () => [], end: () => [], reset: () => {} };
}

export const FinishOtherDefinition = defineDetector({
  id: 'finish-other',
  summary: 'placeholder',
  optionsSchema: FinishOtherOptionsSchema,
  create: (options) => createFinishOtherDetector(options),
});
