/**
 * The lexical state the newline-flood detector needs: whether a text is JSON or prose, and for JSON
 * a minimal incremental lexer that knows only whether a unit lies inside a string, whether it is
 * part of an escape, how deep the containers are and whether a top-level value is complete.
 * {@link FloodLexer.classify} says what one UTF-16 unit adds to a whitespace run: raw and escaped
 * line breaks and tabs, inside strings or between tokens. One unit at a time, no buffering.
 */

/** What one unit adds to a whitespace run (see {@link FloodLexer.classify}). */
export const UNIT_OTHER = 0;
export const UNIT_BLANK = 1;
export const UNIT_LF = 2;
export const UNIT_CR = 3;
export const UNIT_TAB = 4;
/** A backslash that may open an escape; the next unit decides. */
export const UNIT_ESCAPE_PENDING = 5;
export const UNIT_ESCAPED_LF = 6;
export const UNIT_ESCAPED_CR = 7;
export const UNIT_ESCAPED_TAB = 8;

/** The text is not known yet to be JSON or prose. */
export const MODE_UNDECIDED = 0;
export const MODE_PROSE = 1;
export const MODE_STRUCTURED = 2;

const QUOTE = 34;
const BACKSLASH = 92;

/** Units a JSON value may start with, or `]` closing an empty array: `" { [ ] - 0-9 t f n`. */
const JSON_VALUE_STARTS: readonly number[] = [
  34, 123, 91, 93, 45, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 116, 102, 110,
];

/** The index where the run of spaces that ends at `end` in `piece` starts, not before `from`. */
export function trailingSpaces(piece: string, from: number, end: number): number {
  let at = end;
  while (at > from && piece.charCodeAt(at - 1) === 32) at -= 1;
  return at;
}

/**
 * In a JSON string, the index of the first unit at or after `from` that may matter there (a quote,
 * a backslash or a control unit, line breaks and tabs among them), or the piece's length. A loop
 * of its own: string bodies are most of JSON, and three comparisons beat an event table there
 * (measured on legit/ JSON in 64-unit pieces: newline-flood 4.3 -> 3.9 ms/MB).
 */
export function stringStop(piece: string, from: number): number {
  let at = from;
  for (; at < piece.length; at += 1) {
    const code = piece.charCodeAt(at);
    if (code === QUOTE || code === BACKSLASH || code < 32) break;
  }
  return at;
}

/**
 * The units prose rarely holds that still matter to a run: backslash, carriage return, tab. One
 * test for all three costs less than three searches that find nothing (the usual case; measured
 * on 64-unit pieces: newline-flood on prose 1.9 -> 1.6 ms/MB, with literal search units).
 */
const RARE_UNITS = /[\\\r\t]/;

/**
 * The index of the first backslash, carriage return or tab in `piece` at or after `from`, or the
 * piece's length. `first`: no search was made in this piece yet, so one test may answer for all.
 */
export function nextRareUnit(piece: string, from: number, first: boolean): number {
  if (first && !RARE_UNITS.test(piece)) return piece.length;
  return Math.min(
    indexOrEnd(piece, '\\', from),
    indexOrEnd(piece, '\r', from),
    indexOrEnd(piece, '\t', from),
  );
}

/** The index of `unit` in `piece` at or after `from`, or the piece's length. */
function indexOrEnd(piece: string, unit: string, from: number): number {
  const at = piece.indexOf(unit, from);
  return at < 0 ? piece.length : at;
}

function isJsonBlank(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** What a unit outside any escape adds to a run. */
export function rawUnit(code: number): number {
  if (code === 10) return UNIT_LF;
  if (code === 32) return UNIT_BLANK;
  if (code === 9) return UNIT_TAB;
  return code === 13 ? UNIT_CR : UNIT_OTHER;
}

function escapedUnit(code: number): number {
  if (code === 110) return UNIT_ESCAPED_LF; // n
  if (code === 116) return UNIT_ESCAPED_TAB; // t
  return code === 114 ? UNIT_ESCAPED_CR : UNIT_OTHER; // r
}

/**
 * Classifies the units of a text for whitespace counting. In structured mode escapes count only
 * inside JSON strings; prose has no reliable string bounds, so there escapes count anywhere, with
 * backslash parity (`\\n` is an escaped backslash and a plain `n`). In undecided mode the first
 * non-blank unit decides (`{` or `[` is JSON) and the second may overrule it when no JSON value can
 * start there (`[!badge]`, `[link]`, `{{name}}`), so Markdown that opens with a bracket stays prose.
 * Each decision rests on single units, so splitting the text cannot change it. Malformed JSON (the
 * usual state of a truncated model output) never throws: a stray closer at depth 0 is ignored.
 * The state is plain fields so the flood tracker, which extends this class, can skip units that
 * cannot change it and update it in place (one object: no extra loads on the hot path).
 */
export class FloodLexer {
  /** A `MODE_` constant. */
  mode: number;
  /** `{` or `[` while the second non-blank unit may still overrule the JSON decision, else 0. */
  opening = 0;
  /** Prose: a backslash was just read, so the next unit is escaped. */
  proseEscape = false;
  /** JSON: the last unit read lies inside a string (its closing quote excluded). */
  inString = false;
  /** JSON: a backslash inside a string was just read, so the next unit is escaped. */
  jsonEscape = false;
  /** JSON: open objects and arrays. Invariant: while it is above 0, `complete` is false. */
  depth = 0;
  /** JSON: a top-level value has ended and nothing but whitespace has followed it. */
  complete = false;

  constructor(private readonly initialMode: number) {
    this.mode = initialMode;
  }

  /** Read one unit and say what it adds to a whitespace run (a `UNIT_` constant). */
  classify(code: number): number {
    // Fast path: most prose units are neither blank nor a backslash.
    if (code > 32 && code !== BACKSLASH && this.mode === MODE_PROSE && !this.proseEscape) return UNIT_OTHER;
    if (this.opening !== 0 || this.mode === MODE_UNDECIDED) this.decide(code);
    if (this.mode === MODE_STRUCTURED) return this.classifyJson(code);
    if (this.proseEscape) {
      this.proseEscape = false;
      return escapedUnit(code);
    }
    if (code !== BACKSLASH) return rawUnit(code);
    this.proseEscape = true;
    return UNIT_ESCAPE_PENDING;
  }

  /**
   * True when a quote only opens or closes a JSON string: structured mode, decided for good, with
   * no escape pending. (Then no backslash is pending either, and a quote is never a blank.)
   */
  get quoteIsPlain(): boolean {
    return this.mode === MODE_STRUCTURED && this.opening === 0 && !this.jsonEscape;
  }

  /** A quote that {@link quoteIsPlain} allows: open or close a string. */
  protected stepQuote(): void {
    if (this.inString) this.closeString();
    else {
      this.inString = true;
      this.complete = false;
    }
  }

  /** The closing quote of a string. */
  protected closeString(): void {
    this.inString = false;
    if (this.depth === 0) this.complete = true;
  }

  /** Forget everything, as for a new text. */
  protected resetLexer(): void {
    this.resetJson();
    this.mode = this.initialMode;
    this.proseEscape = false;
    this.opening = 0;
  }

  private resetJson(): void {
    this.inString = false;
    this.jsonEscape = false;
    this.depth = 0;
    this.complete = false;
  }

  private classifyJson(code: number): number {
    if (!this.inString) {
      this.stepLayout(code);
      return rawUnit(code);
    }
    if (this.jsonEscape) {
      this.jsonEscape = false;
      return escapedUnit(code);
    }
    if (code === BACKSLASH) {
      this.jsonEscape = true;
      return UNIT_ESCAPE_PENDING;
    }
    if (code === QUOTE) this.closeString();
    return rawUnit(code);
  }

  /** A unit outside strings: a quote opens one, brackets nest, junk at depth 0 is no value yet. */
  private stepLayout(code: number): void {
    if (code === QUOTE) {
      this.inString = true;
      this.complete = false;
    } else if (code === 123 || code === 91) {
      this.depth += 1;
      this.complete = false;
    } else if (code === 125 || code === 93) {
      if (this.depth > 0) {
        this.depth -= 1;
        if (this.depth === 0) this.complete = true;
      }
    } else if (this.depth === 0 && !isJsonBlank(code)) {
      // A top-level number or literal, or junk: not a finished value yet.
      this.complete = false;
    }
  }

  private decide(code: number): void {
    if (isJsonBlank(code)) return;
    if (this.mode === MODE_UNDECIDED) {
      const json = code === 123 || code === 91;
      this.mode = json ? MODE_STRUCTURED : MODE_PROSE;
      this.opening = json ? code : 0;
      return;
    }
    const opening = this.opening;
    this.opening = 0;
    if (opening === 123 ? code === 34 || code === 125 : JSON_VALUE_STARTS.includes(code)) return;
    this.mode = MODE_PROSE;
    this.resetJson();
  }
}
