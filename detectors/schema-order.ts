/**
 * `schema-order`: structured-output loops and field-order problems in a JSON answer, found while
 * it streams. The guide ties repeated text in structured output to fields emitted in a different
 * order from the schema; this detector reports
 * - keys out of the schema's order (`propertyOrdering`, else declaration order): `warn`;
 * - a duplicate key in one object: `warn`; the same key over and over (`duplicateKeyAbort`
 *   times in one object): `abort`;
 * - array items that start repeating, one item or a cycle of up to `maxPeriod` items
 *   (`"AI","AI","AI",...`): `warn` when likely, `abort` when certain;
 * - a string value repeating one word (`own own own ...`) and a runaway number literal.
 * Without a schema only duplicates and repeats are checked. Only answers that start like JSON are
 * read (see `json-prelude.ts`). Memory is fixed (see the trackers); work is linear.
 */
import { z } from 'zod';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import { type DetectorContext, defineDetector } from '../src/registry.js';
import { type OrderFindingKind, SchemaOrderScanner } from './schema-order-scanner.js';

/** Bars of the array-item repeat rule. */
const itemBars = z
  .object({
    /**
     * Warn at 6 copies covering 64+ characters. Measured: the longest run of equal items in the
     * legit JSON corpus (the JSON files of corpus/legit and the ```json blocks of legit-docs) is 4
     * copies over 103 characters (legit 007, spinner frames); the 64-character floor means a data
     * series of one-digit numbers needs 32 equal values before a warning.
     */
    warnCopies: z.number().int().min(2).max(100_000).default(6),
    warnChars: z.number().int().min(1).max(10_000_000).default(64),
    /**
     * Abort at 8 copies (twice the legit maximum of 4) covering 2048+ characters (20 times the
     * longest legit run). A run that long is a loop that would otherwise go on to the token limit
     * (degenerate/015 repeated `"AI",` for 64 KB), while runs of tiny items need hundreds of copies
     * (about 680 of `0, `), so data series, padding and blank grids stay clear (a 16 by 16 grid of
     * zeros is 528 characters).
     */
    abortCopies: z.number().int().min(2).max(100_000).default(8),
    abortChars: z.number().int().min(1).max(10_000_000).default(2048),
  })
  .strict();

/** Bars of the repeated-word rule inside one string value. */
const wordBars = z
  .object({
    /**
     * Measured: the longest run of one word inside a legit JSON string is 8 copies of `_` over 25
     * characters (legit 016, ASCII-art digits). Warn at 12 copies (1.5 times that) over 32+
     * characters; abort at 16 copies (twice) over 64+ characters (2.5 times), so a run of a
     * one-letter word needs 32 copies. degenerate/016 repeats `own` 31 times before it is cut.
     */
    warnCopies: z.number().int().min(2).max(100_000).default(12),
    warnChars: z.number().int().min(1).max(10_000_000).default(32),
    abortCopies: z.number().int().min(2).max(100_000).default(16),
    abortChars: z.number().int().min(1).max(10_000_000).default(64),
  })
  .strict();

/**
 * Options of `schema-order`. Each `abort` bar must not be below its `warn` bar.
 * Defaults come from measurements on the corpus (see each field).
 */
export const SchemaOrderOptionsSchema = z
  .object({
    /** Check key order against the schema (when there is one). */
    checkOrder: z.boolean().default(true),
    items: itemBars.prefault({}),
    words: wordBars.prefault({}),
    /** Longest repeating cycle of array items looked for. Legit cycles measured: period 2 at most. */
    maxPeriod: z.number().int().min(1).max(32).default(8),
    /**
     * Occurrences of one key in one object that make a loop certain. The legit JSON corpus has no
     * duplicate key at all; 8 matches the copies an item run needs before an abort.
     */
    duplicateKeyAbort: z.number().int().min(2).max(100_000).default(8),
    /**
     * Number literal length (characters) that warns, and that aborts. The longest legit number
     * measured has 20 characters and a double never needs more than about 25; models caught in a
     * number loop (cookbook#1288) emit digits until the token limit.
     */
    numberWarnChars: z.number().int().min(2).max(10_000_000).default(64),
    numberAbortChars: z.number().int().min(2).max(10_000_000).default(256),
  })
  .strict()
  .superRefine((options, context) => {
    const pairs: [number, number, (string | number)[]][] = [
      [options.items.warnCopies, options.items.abortCopies, ['items', 'abortCopies']],
      [options.items.warnChars, options.items.abortChars, ['items', 'abortChars']],
      [options.words.warnCopies, options.words.abortCopies, ['words', 'abortCopies']],
      [options.words.warnChars, options.words.abortChars, ['words', 'abortChars']],
      [options.numberWarnChars, options.numberAbortChars, ['numberAbortChars']],
    ];
    for (const [warn, abort, path] of pairs) {
      if (abort < warn)
        context.addIssue({ code: 'custom', path, message: `must be at least the warn bar (${warn})` });
    }
  });

/** Options of the `schema-order` detector (input form: every field optional). */
export type SchemaOrderOptions = z.input<typeof SchemaOrderOptionsSchema>;
/** The kinds of problem `schema-order` reports, in `data.reason`. */
export type SchemaOrderReason = OrderFindingKind;

/**
 * Create the `schema-order` detector for one candidate. `context.schema` (Gemini `responseSchema`,
 * JSON Schema or zod) enables the order check; `context.meter` counts work.
 * Bad options throw `InvalidOptionsError` naming each path.
 */
export function createSchemaOrderDetector(
  options: SchemaOrderOptions = {},
  context: DetectorContext = {},
): Detector {
  const parsed = parseOptions(SchemaOrderOptionsSchema, options, 'options of detector "schema-order"');
  let scanner = new SchemaOrderScanner(parsed, context.schema);
  let counted = 0;
  return {
    id: 'schema-order',
    accepts: ['text-delta'],
    push(event): Finding[] {
      if (event.type !== 'text-delta') return [];
      const found = scanner.read(event.text, event.offset, event.candidate);
      if (context.meter) {
        context.meter.units += scanner.units - counted;
        counted = scanner.units;
      }
      return found;
    },
    end: () => [],
    reset() {
      scanner = new SchemaOrderScanner(parsed, context.schema);
      counted = 0;
    },
  };
}

/** The `schema-order` entry of the default detector set. */
export const SchemaOrderDefinition = defineDetector({
  id: 'schema-order',
  summary: 'JSON answers: keys out of schema order, duplicate keys, and repeating items, words or digits',
  optionsSchema: SchemaOrderOptionsSchema,
  create: (options, context) => createSchemaOrderDetector(options, context),
});
