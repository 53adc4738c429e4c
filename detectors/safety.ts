import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const SafetyOptionsSchema = z.object({}).strict();

/** Options of the `safety` detector. */
export type SafetyOptions = z.input<typeof SafetyOptionsSchema>;

/** Create the `safety` detector (placeholder: finds nothing yet). */
export function createSafetyDetector(_options: SafetyOptions = {}) {
  return { id: 'safety', push: () => [], end: () => [], reset: () => {} };
}

export const SafetyDefinition = defineDetector({
  id: 'safety',
  summary: 'placeholder',
  optionsSchema: SafetyOptionsSchema,
  create: (options) => createSafetyDetector(options),
});
