/**
 * A minimal incremental JSON lexer: it knows only whether a unit lies inside a string, whether it
 * is part of an escape, how deep the containers are and whether a top-level value is complete.
 * On top of it, {@link WhitespaceUnits} classifies units for the newline-flood detector: raw and
 * escaped line breaks and tabs, inside strings or between tokens. One UTF-16 unit at a time, no
 * buffering.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** A unit outside strings: layout whitespace, punctuation, numbers, literals. */
export const JSON_LAYOUT = 0;
/** A unit inside a string that is not part of an escape. */
export const JSON_STRING = 1;
/** The backslash that opens an escape inside a string. */
export const JSON_ESCAPE_START = 2;
/** The unit right after that backslash: `n`, `t`, `r`, `"`, `\`, `u`... */
export const JSON_ESCAPED = 3;
/** A quote that opens or closes a string. */
export const JSON_QUOTE = 4;

/** What {@link JsonStringState.step} says about a unit. */
export type JsonUnitClass =
  | typeof JSON_LAYOUT
  | typeof JSON_STRING
  | typeof JSON_ESCAPE_START
  | typeof JSON_ESCAPED
  | typeof JSON_QUOTE;

function isJsonBlank(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * String and nesting state of a JSON text read unit by unit. Malformed JSON (the usual state of a
 * truncated model output) never throws: a stray closer at depth 0 is ignored, and `\\n` is a
 * backslash escape followed by a plain `n`, never a newline escape.
 */
export class JsonStringState {
  /** True while the last unit read lies inside a string (its closing quote excluded). */
  inString = false;
  /** Open objects and arrays. */
  depth = 0;
  /** True once a top-level value has ended and nothing but whitespace has followed it. */
  complete = false;
  private escape = false;

  /** True right after a backslash inside a string: the next unit is escaped. */
  get escapePending(): boolean {
    return this.escape;
  }

  /** Read one UTF-16 unit and say what it is. */
  step(code: number): JsonUnitClass {
    if (this.inString) {
      if (this.escape) {
        this.escape = false;
        return JSON_ESCAPED;
      }
      if (code === BACKSLASH) {
        this.escape = true;
        return JSON_ESCAPE_START;
      }
      if (code !== QUOTE) return JSON_STRING;
      this.inString = false;
      if (this.depth === 0) this.complete = true;
      return JSON_QUOTE;
    }
    if (code === QUOTE) {
      this.inString = true;
      this.complete = false;
      return JSON_QUOTE;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      this.depth += 1;
      this.complete = false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (this.depth > 0) {
        this.depth -= 1;
        if (this.depth === 0) this.complete = true;
      }
    } else if (this.depth === 0 && !isJsonBlank(code)) {
      // A top-level number or literal, or junk: not a finished value yet.
      this.complete = false;
    }
    return JSON_LAYOUT;
  }

  /** Forget everything, as for a new text. */
  reset(): void {
    this.inString = false;
    this.depth = 0;
    this.complete = false;
    this.escape = false;
  }
}

import { NEAR_UNITS, StopScanner } from './stream-window.js';

/** What one unit adds to a whitespace run (see {@link WhitespaceUnits}). */
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

/** Units a JSON value may start with, or `]` closing an empty array: `" { [ ] - 0-9 t f n`. */
const JSON_VALUE_STARTS: readonly number[] = [
  34, 123, 91, 93, 45, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 116, 102, 110,
];

/*
 * The units that can matter outside a blank stretch. Spaces matter too, but only as the start of a
 * stretch that a later stop may count: {@link trailingSpaces} finds them once a stop is reached.
 */
/** In prose: line breaks, tabs and the backslash. */
const PROSE_STOPS = '\n\r\t\\';
/** Inside a JSON string: line breaks, tabs, the backslash and the closing quote. */
const STRING_STOPS = '\n\r\t\\"';
/** Between tokens inside a container: line breaks, tabs, quotes and brackets. */
const LAYOUT_STOPS = '\n\r\t"{}[]';

/** The index where the run of spaces that ends at `end` in `piece` starts, not before `from`. */
export function trailingSpaces(piece: string, from: number, end: number): number {
  let at = end;
  while (at > from && piece.charCodeAt(at - 1) === 32) at -= 1;
  return at;
}

function rawUnit(code: number): number {
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
 * Each decision rests on single units, so splitting the text cannot change it.
 */
export class WhitespaceUnits {
  readonly json = new JsonStringState();
  mode: number;
  private readonly proseStops = new StopScanner(PROSE_STOPS);
  private readonly stringStops = new StopScanner(STRING_STOPS, NEAR_UNITS);
  private readonly layoutStops = new StopScanner(LAYOUT_STOPS, NEAR_UNITS);
  private proseEscape = false;
  /** `{` or `[` while the second non-blank unit may still overrule the JSON decision, else 0. */
  private opening = 0;

  constructor(private readonly initialMode: number) {
    this.mode = initialMode;
  }

  /** Read one unit and say what it adds to a whitespace run (a `UNIT_` constant). */
  classify(code: number): number {
    // Fast path: most prose units are neither blank nor a backslash.
    if (code > 32 && code !== 92 && this.mode === MODE_PROSE && !this.proseEscape) return UNIT_OTHER;
    if (this.opening !== 0 || this.mode === MODE_UNDECIDED) this.decide(code);
    if (this.mode === MODE_STRUCTURED) {
      const kind = this.json.step(code);
      if (kind === JSON_ESCAPE_START) return UNIT_ESCAPE_PENDING;
      if (kind === JSON_ESCAPED) return escapedUnit(code);
      return kind === JSON_QUOTE ? UNIT_OTHER : rawUnit(code);
    }
    if (this.proseEscape) {
      this.proseEscape = false;
      return escapedUnit(code);
    }
    if (code !== 92) return rawUnit(code);
    this.proseEscape = true;
    return UNIT_ESCAPE_PENDING;
  }

  /**
   * The scanner that finds the units that can matter next, when only those can (plain prose, or
   * the inside of a JSON string with no escape pending, or the layout inside a container); undefined
   * when every unit matters. Only valid outside a blank stretch. Call {@link startPiece} first.
   */
  stops(): StopScanner | undefined {
    if (this.mode === MODE_PROSE) return this.proseEscape ? undefined : this.proseStops;
    if (this.mode !== MODE_STRUCTURED || this.opening !== 0) return undefined;
    const json = this.json;
    if (json.inString) return json.escapePending ? undefined : this.stringStops;
    // Inside a container, numbers, literals, commas and colons change nothing.
    return json.depth > 0 ? this.layoutStops : undefined;
  }

  /** Prepare the scanners of {@link stops} for a new piece. */
  startPiece(piece: string): void {
    this.proseStops.start(piece);
    this.stringStops.start(piece);
    this.layoutStops.start(piece);
  }

  /** Done with the piece: let the scanners drop it (see {@link StopScanner.release}). */
  releasePiece(): void {
    this.proseStops.release();
    this.stringStops.release();
    this.layoutStops.release();
  }

  /**
   * True when a quote only opens or closes a JSON string: structured mode, decided for good, with
   * no escape pending. (Then no backslash is pending either, and a quote is never a blank.)
   */
  get quoteIsPlain(): boolean {
    return this.mode === MODE_STRUCTURED && this.opening === 0 && !this.json.escapePending;
  }

  /**
   * True when a space would be a plain blank that changes no state here: no escape is pending.
   * (In undecided mode a blank decides nothing, and no escape can be pending.)
   */
  get spaceIsPlain(): boolean {
    return !this.proseEscape && !this.json.escapePending;
  }

  reset(): void {
    this.json.reset();
    this.mode = this.initialMode;
    this.proseEscape = false;
    this.opening = 0;
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
    this.json.reset();
  }
}
