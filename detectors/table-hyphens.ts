import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const TableHyphensOptionsSchema = z.object({}).strict();

/** Options of the `table-hyphens` detector. */
export type TableHyphensOptions = z.input<typeof TableHyphensOptionsSchema>;

/** Create the `table-hyphens` detector (placeholder: finds nothing yet). */
export function createTableHyphensDetector(_options: TableHyphensOptions = {}) {
  return { id: 'table-hyphens', push: () => [], end: () => [], reset: () => {} };
}

export const TableHyphensDefinition = defineDetector({
  id: 'table-hyphens',
  summary: 'placeholder',
  optionsSchema: TableHyphensOptionsSchema,
  create: (options) => createTableHyphensDetector(options),
});
