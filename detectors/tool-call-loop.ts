import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const ToolCallLoopOptionsSchema = z.object({}).strict();

/** Options of the `tool-call-loop` detector. */
export type ToolCallLoopOptions = z.input<typeof ToolCallLoopOptionsSchema>;

/** Create the `tool-call-loop` detector (placeholder: finds nothing yet). */
export function createToolCallLoopDetector(_options: ToolCallLoopOptions = {}) {
  return { id: 'tool-call-loop', push: () => [], end: () => [], reset: () => {} };
}

export const ToolCallLoopDefinition = defineDetector({
  id: 'tool-call-loop',
  summary: 'placeholder',
  optionsSchema: ToolCallLoopOptionsSchema,
  create: (options) => createToolCallLoopDetector(options),
});
