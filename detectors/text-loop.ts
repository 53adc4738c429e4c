import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const TextLoopOptionsSchema = z.object({}).strict();

/** Options of the `text-loop` detector. */
export type TextLoopOptions = z.input<typeof TextLoopOptionsSchema>;

/** Create the `text-loop` detector (placeholder: finds nothing yet). */
export function createTextLoopDetector(_options: TextLoopOptions = {}) {
  return { id: 'text-loop', push: () => [], end: () => [], reset: () => {} };
}

export const TextLoopDefinition = defineDetector({
  id: 'text-loop',
  summary: 'placeholder',
  optionsSchema: TextLoopOptionsSchema,
  create: (options) => createTextLoopDetector(options),
});
