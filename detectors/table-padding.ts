/**
 * `table-padding`: Markdown table rows padded to line columns up visually, with long runs of
 * spaces, of one short repeated token (`&nbsp;`, a word, `- `), or of empty cells (`| | | |`).
 * Padding at all is a prevention signal (`warn`, once per table, when the padded run ends); a run
 * that keeps growing is a runaway (`abort`, the moment it crosses the bar). Only table rows count,
 * and code fences are not tables. Separator rows and hyphen runs belong to `table-hyphens`.
 */
import { z } from 'zod';
import type { Detector } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
import { barCount, checkBarPairs } from './support.js';
import { TABLE_PADDING_ID, TablePaddingDetector } from './table-padding-detector.js';

export { MAX_TOKEN, MIN_REPEATS } from './padding-tokens.js';

/**
 * Warn from 4 spaces in a row inside a table row: the guide says one space on each side of a cell
 * is enough and padding to match widths must not happen. Many human tables pad (legit-docs: most
 * padded rows have 4 to 353 spaces), so this warn fires on them by design, once per table.
 */
export const WARN_SPACES = 4;
/** Abort at 640 spaces: the measured maximum is 353 (legit-docs nushell-book configuration.md), so 1.8x. */
export const ABORT_SPACES = 640;
/**
 * Warn when one short token (4 times or more) or one character repeats over 64 units of a table
 * row. Measured maxima in legit/ and legit-docs/ table rows: 43 units for a token (`<` across the
 * cells of nushell-book's operator map), 8 for a character; so legit tables never earn this warn.
 */
export const WARN_REPEAT = 64;
/** Abort when one token or character repeats over 256 units: six times the legit maximum of 43. */
export const ABORT_REPEAT = 256;
/** Warn at 16 empty cells in one row. Measured maxima: 5 in a legit table row, 12 in any line. */
export const WARN_EMPTY_CELLS = 16;
/** Abort at 64 empty cells in one row (`| | | |...`): over five times any measured line. */
export const ABORT_EMPTY_CELLS = 64;

const BAR_PAIRS = [
  ['warnSpaces', 'abortSpaces'],
  ['warnRepeat', 'abortRepeat'],
  ['warnEmptyCells', 'abortEmptyCells'],
] as const;

/** Options of the `table-padding` detector; bars count UTF-16 units, or cells for the cell bars. */
export const TablePaddingOptionsSchema = z
  .object({
    /** Spaces in a row inside a table row that earn a `warn` (once per table). */
    warnSpaces: barCount('warnSpaces', 2).default(WARN_SPACES),
    /** Spaces in a row inside a table row that earn an `abort`. */
    abortSpaces: barCount('abortSpaces', 8).default(ABORT_SPACES),
    /** Units covered by one repeated token or character that earn a `warn`. */
    warnRepeat: barCount('warnRepeat', 8).default(WARN_REPEAT),
    /** Units covered by one repeated token or character that earn an `abort`. */
    abortRepeat: barCount('abortRepeat', 16).default(ABORT_REPEAT),
    /** Empty cells in one row that earn a `warn`. */
    warnEmptyCells: barCount('warnEmptyCells', 2).default(WARN_EMPTY_CELLS),
    /** Empty cells in one row that earn an `abort`. */
    abortEmptyCells: barCount('abortEmptyCells', 4).default(ABORT_EMPTY_CELLS),
  })
  .strict()
  .superRefine(checkBarPairs(BAR_PAIRS));

/** Options of the `table-padding` detector. */
export type TablePaddingOptions = z.input<typeof TablePaddingOptionsSchema>;

const ID = TABLE_PADDING_ID;

/**
 * Create the `table-padding` detector. It reads answer text only (`text-delta`). Throws
 * `InvalidOptionsError` for bad options.
 */
export function createTablePaddingDetector(
  options: TablePaddingOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(TablePaddingOptionsSchema, options, `options of detector "${ID}"`);
  return new TablePaddingDetector(settings, context.meter);
}

/** The `table-padding` entry of the default detector set. */
export const TablePaddingDefinition = defineDetector({
  id: ID,
  summary: 'Markdown table cells padded with long runs of spaces, repeated tokens or empty cells.',
  optionsSchema: TablePaddingOptionsSchema,
  create: (options, context) => createTablePaddingDetector(options, context),
});
