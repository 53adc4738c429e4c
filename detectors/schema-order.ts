import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const SchemaOrderOptionsSchema = z.object({}).strict();

/** Options of the `schema-order` detector. */
export type SchemaOrderOptions = z.input<typeof SchemaOrderOptionsSchema>;

/** Create the `schema-order` detector (placeholder: finds nothing yet). */
export function createSchemaOrderDetector(_options: SchemaOrderOptions = {}) {
  return { id: 'schema-order', push: () => [], end: () => [], reset: () => {} };
}

export const SchemaOrderDefinition = defineDetector({
  id: 'schema-order',
  summary: 'placeholder',
  optionsSchema: SchemaOrderOptionsSchema,
  create: (options) => createSchemaOrderDetector(options),
});
