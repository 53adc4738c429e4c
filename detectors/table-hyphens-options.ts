/** `table-hyphens` bars and options schema: measured data, kept apart from the state machine. */
import { z } from 'zod';
import { barCount } from './support.js';

/**
 * Warn from 4 hyphens in one separator cell: the guide allows exactly 3 (`|---|`, `|:---|`) and
 * says more "can result in errors". Human tables often use more (legit-docs: most of its 1,051
 * separator rows do), so this warn fires on them by design; a 3-hyphen table never warns.
 */
export const WARN_CELL_HYPHENS = 4;
/**
 * Abort at 640 hyphens in one run or one separator cell. Measured maxima: 366 in a legit-docs
 * separator cell (nushell-book configuration.md), 293 inside a code fence, 366 anywhere in legit/
 * and legit-docs/. 640 is 1.75x the largest and stops a runaway of thousands within 640 units.
 */
export const ABORT_HYPHENS = 640;
/**
 * Abort when a delimiter-only row (`|-|-|-|...`) reaches 128 pipes. Measured maximum: 7 pipes on a
 * delimiter row, 13 on any table row, in legit/ and legit-docs/; 128 is ten times the widest table
 * and stops `|---|` repeated within about 512 units.
 */
export const ABORT_SEPARATOR_CELLS = 128;

/** Options of the `table-hyphens` detector; every bar is a count of UTF-16 units. */
export const TableHyphensOptionsSchema = z
  .object({
    /** Hyphens in one separator cell that earn a `warn`; at least 4, so `|---|` never warns. */
    warnCellHyphens: barCount('warnCellHyphens', 4).default(WARN_CELL_HYPHENS),
    /** Hyphens in one run (or one separator cell) that earn an `abort`. */
    abortHyphens: barCount('abortHyphens', 8).default(ABORT_HYPHENS),
    /** Pipes on a delimiter-only row that earn an `abort`. */
    abortSeparatorCells: barCount('abortSeparatorCells', 16).default(ABORT_SEPARATOR_CELLS),
  })
  .strict()
  .refine((options) => options.warnCellHyphens < options.abortHyphens, {
    message: 'warnCellHyphens must be below abortHyphens',
    path: ['warnCellHyphens'],
  });

/** Options of the `table-hyphens` detector. */
export type TableHyphensOptions = z.input<typeof TableHyphensOptionsSchema>;
