import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const SchemaInvalidOptionsSchema = z.object({}).strict();

/** Options of the `schema-invalid` detector. */
export type SchemaInvalidOptions = z.input<typeof SchemaInvalidOptionsSchema>;

/** Create the `schema-invalid` detector (placeholder: finds nothing yet). */
export function createSchemaInvalidDetector(_options: SchemaInvalidOptions = {}) {
  return { id: 'schema-invalid', push: () => [], end: () => [], reset: () => {} };
}

export const SchemaInvalidDefinition = defineDetector({
  id: 'schema-invalid',
  summary: 'placeholder',
  optionsSchema: SchemaInvalidOptionsSchema,
  create: (options) => createSchemaInvalidDetector(options),
});
