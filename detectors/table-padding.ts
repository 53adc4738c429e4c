import { z } from 'zod';
import { defineDetector } from '../src/registry.js';

// Placeholder: replaced by the real detector.
export const TablePaddingOptionsSchema = z.object({}).strict();

/** Options of the `table-padding` detector. */
export type TablePaddingOptions = z.input<typeof TablePaddingOptionsSchema>;

/** Create the `table-padding` detector (placeholder: finds nothing yet). */
export function createTablePaddingDetector(_options: TablePaddingOptions = {}) {
  return { id: 'table-padding', push: () => [], end: () => [], reset: () => {} };
}

export const TablePaddingDefinition = defineDetector({
  id: 'table-padding',
  summary: 'placeholder',
  optionsSchema: TablePaddingOptionsSchema,
  create: (options) => createTablePaddingDetector(options),
});
