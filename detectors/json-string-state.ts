/**
 * A minimal incremental JSON lexer: it knows only whether a unit lies inside a string, whether it
 * is part of an escape, how deep the containers are and whether a top-level value is complete.
 * Enough for the newline-flood detector to tell escaped `\n` inside strings from layout whitespace,
 * one UTF-16 unit at a time and without buffering.
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
