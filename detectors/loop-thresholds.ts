import { BLOCK_CODE, BLOCK_TABLE, type BlockKind } from './loop-markdown.js';

/**
 * The bars of the text-loop detector. Measurements quoted here were taken on the shared corpus
 * with the detector's own normalisation (whitespace runs collapsed, box-drawing dropped):
 * "legit" = corpus/legit + corpus/legit-docs (1,003 files, 5 MB), "degenerate" = the text-loop and
 * json-loop cases of corpus/degenerate plus corpus/gemini-cli-issues. `repeated` = characters of
 * an exact periodic stretch after its first copy; `copies` = stretch length / period.
 */

/** Finding levels, as numbers so trackers can compare them. */
export type LoopLevel = 0 | 1 | 2;
/** Nothing to report. */
export const LEVEL_NONE = 0;
/** A loop is likely: report `warn`. */
export const LEVEL_WARN = 1;
/** A loop is certain: report `abort`. */
export const LEVEL_ABORT = 2;

/** What one period of an exact loop is made of. */
export type UnitClass = 0 | 1 | 2;
/** At least one letter: words repeat. */
export const UNIT_WORDS = 0;
/** Digits (and punctuation) but no letter: `0, 0, 0, ` in arrays, hex dumps. */
export const UNIT_DIGITS = 1;
/** Punctuation or symbols only: rules, separators, dots, ASCII art. */
export const UNIT_SYMBOLS = 2;

/**
 * Prose: abort at three copies. Legit prose stretches with letters reach at most 2.33 copies for
 * periods of 11 and more (docs__integrations__application-integration.md, p=12; 2.18 over 30,
 * legit/011-gitignore-visualstudio.txt, p=38) and 4.8 copies below (legit/024-awesome-list.md,
 * `> <br` p=5); degenerate/002 shows 3.2 copies of a 126-char sentence and degenerate/014 3.3
 * copies of a 35-char clause.
 */
export const ABORT_MIN_COPIES = 3;
/**
 * Prose: and at least 64 repeated characters. Legit prose stretches of 2.5 or more copies repeat
 * at most 19 characters (`> <br` above); the shortest degenerate loop that must abort,
 * degenerate/017 (`, "guests" `, p=11), shows 68 repeated characters.
 */
export const ABORT_MIN_REPEATED = 64;
/**
 * Periods of 1-3 characters need twice as much: they are single-token runs (`aaaa`, `!?!?`) that
 * legit text also makes (legit max: 14 repeated `f` in 006-lua-testes-strings-asserts).
 */
export const SHORT_PERIOD = 3;
/** Repeated characters needed to abort a period of at most {@link SHORT_PERIOD}. */
export const SHORT_PERIOD_MIN_REPEATED = 128;
/** Prose warn: 2.5 copies and 40 repeated characters (2x the legit prose max of 19 at >= 2.5 copies). */
export const WARN_MIN_COPIES = 2.5;
/** Repeated characters needed for a prose warn. */
export const WARN_MIN_REPEATED = 40;
/**
 * Prose warn also at two full copies of a block this long: the longest legit period with a full
 * second copy is 75 (docs__reference__configuration.md, JSON in a code fence; legit prose
 * stretches of 96+ chars reach 1.66 copies); degenerate/004, 007, 009 and 010 show 2.2-2.9
 * copies of 92-499 char blocks.
 */
export const WARN_LONG_PERIOD = 96;

/**
 * Tables compare whole rows and need more: legit table stretches reach 5.6 copies
 * (nushell-commands from_ics.md, `[list 0 items]` cells of a box table, 69 repeated).
 */
export const TABLE_ABORT_MIN_COPIES = 8;
/** Repeated characters needed to abort in a table. */
export const TABLE_ABORT_MIN_REPEATED = 256;
/** Table warn: copies (legit max 5.6, above). */
export const TABLE_WARN_MIN_COPIES = 6;
/** Table warn: repeated characters. */
export const TABLE_WARN_MIN_REPEATED = 128;

/**
 * Code repeats (zeroed arrays, asserts): legit code-fence stretches with letters reach 3.33 copies
 * (`null, ` p=6, docs__integrations__application-integration.md) and 21 repeated characters at
 * three copies (`| flatten ` p=10, book__working_with_lists.md).
 */
export const CODE_ABORT_MIN_COPIES = 5;
/** Repeated characters needed to abort in a code block. */
export const CODE_ABORT_MIN_REPEATED = 160;
/** Code warn: copies. */
export const CODE_WARN_MIN_COPIES = 3;
/** Code warn: repeated characters. */
export const CODE_WARN_MIN_REPEATED = 96;

/**
 * Units without letters are data or decoration: digit units abort only after 1,024 repeated
 * characters (legit max: 42 repeated, matrix_zeros.md `[0.0, 0.0, 0.0, 0.0], `).
 */
export const DIGITS_ABORT_MIN_REPEATED = 1024;
/** Digit units warn after this many repeated characters. */
export const DIGITS_WARN_MIN_REPEATED = 256;
/**
 * Symbol-only units (rules, dots, ASCII art) abort only after 4,096 repeated characters: legit
 * separator cells reach 366 hyphens (book__configuration.md); runaway hyphens in tables are the
 * table-hyphens detector's job, this bar only stops an endless flood of one symbol pattern.
 */
export const SYMBOLS_ABORT_MIN_REPEATED = 4096;
/** Symbol units warn after this many repeated characters (3x the legit maximum of 365). */
export const SYMBOLS_WARN_MIN_REPEATED = 1024;

/** A bar: at least this many copies and this many repeated characters. */
interface Bar {
  readonly copies: number;
  readonly repeated: number;
}

const PROSE_BARS: readonly [Bar, Bar] = [
  { copies: WARN_MIN_COPIES, repeated: WARN_MIN_REPEATED },
  { copies: ABORT_MIN_COPIES, repeated: ABORT_MIN_REPEATED },
];
const SHORT_PERIOD_BARS: readonly [Bar, Bar] = [
  { copies: WARN_MIN_COPIES, repeated: WARN_MIN_REPEATED },
  { copies: ABORT_MIN_COPIES, repeated: SHORT_PERIOD_MIN_REPEATED },
];
const TABLE_BARS: readonly [Bar, Bar] = [
  { copies: TABLE_WARN_MIN_COPIES, repeated: TABLE_WARN_MIN_REPEATED },
  { copies: TABLE_ABORT_MIN_COPIES, repeated: TABLE_ABORT_MIN_REPEATED },
];
const CODE_BARS: readonly [Bar, Bar] = [
  { copies: CODE_WARN_MIN_COPIES, repeated: CODE_WARN_MIN_REPEATED },
  { copies: CODE_ABORT_MIN_COPIES, repeated: CODE_ABORT_MIN_REPEATED },
];
const DIGITS_BARS: readonly [Bar, Bar] = [
  { copies: 1, repeated: DIGITS_WARN_MIN_REPEATED },
  { copies: 1, repeated: DIGITS_ABORT_MIN_REPEATED },
];
const SYMBOLS_BARS: readonly [Bar, Bar] = [
  { copies: 1, repeated: SYMBOLS_WARN_MIN_REPEATED },
  { copies: 1, repeated: SYMBOLS_ABORT_MIN_REPEATED },
];

function barsFor(period: number, unit: UnitClass, block: BlockKind): readonly [Bar, Bar] {
  if (unit === UNIT_SYMBOLS) return SYMBOLS_BARS;
  if (unit === UNIT_DIGITS) return DIGITS_BARS;
  if (block === BLOCK_TABLE) return TABLE_BARS;
  if (block === BLOCK_CODE) return CODE_BARS;
  return period <= SHORT_PERIOD ? SHORT_PERIOD_BARS : PROSE_BARS;
}

/** Repeated characters a stretch of `period` needs to pass `bar`. */
function repeatedNeeded(bar: Bar, period: number): number {
  return Math.max(bar.repeated, Math.ceil((bar.copies - 1) * period));
}

/** Repeated characters needed for a warn: prose also warns at two copies of a long block. */
function warnNeeded(period: number, unit: UnitClass, block: BlockKind): number {
  const bars = barsFor(period, unit, block);
  const needed = repeatedNeeded(bars[0], period);
  const longBlock = bars === PROSE_BARS && period >= WARN_LONG_PERIOD;
  return longBlock ? Math.min(needed, period) : needed;
}

/** The level an exact periodic stretch has reached. `block` is where most of it lies. */
export function exactLevel(period: number, repeated: number, unit: UnitClass, block: BlockKind): LoopLevel {
  if (repeated >= repeatedNeeded(barsFor(period, unit, block)[1], period)) return LEVEL_ABORT;
  return repeated >= warnNeeded(period, unit, block) ? LEVEL_WARN : LEVEL_NONE;
}

/** Repeated characters at which a stretch now at `level` can reach the next level (Infinity: none). */
export function repeatedForNextLevel(
  period: number,
  unit: UnitClass,
  block: BlockKind,
  level: LoopLevel,
): number {
  if (level >= LEVEL_ABORT) return Number.POSITIVE_INFINITY;
  if (level === LEVEL_WARN) return repeatedNeeded(barsFor(period, unit, block)[1], period);
  return warnNeeded(period, unit, block);
}

/**
 * Drift chains (units that each repeat one of the last four units with one slot changed) warn at
 * six links. Legit chains reach 3 links (legit/003-express-history-changelog.md and
 * nushell-commands polars_selector_alpha.md); degenerate/003 shows 12 links.
 */
export const DRIFT_WARN_LINKS = 6;
/** Drift abort: ten links (eleven units), 3x the legit maximum of 3. */
export const DRIFT_ABORT_LINKS = 10;
/**
 * Chains whose slot always ends the unit ("... for all dreams.") need twice as much: that is
 * also the shape of a legit enumeration ("Added support for Ruby.") and of gemini-cli's false
 * positive on lists sharing a prefix (recon-18007). degenerate/019 runs such chains for 40+ units.
 */
export const DRIFT_END_WARN_LINKS = 12;
/** Drift abort for chains whose slots end their units. */
export const DRIFT_END_ABORT_LINKS = 20;
