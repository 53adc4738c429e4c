/**
 * Character classes used by the text-loop detector, on UTF-16 code units. Each test is a few
 * integer comparisons so the per-character loop stays fast; none allocates.
 */

/** True for whitespace and control units: they collapse into one space when normalising. */
export function isSpaceUnit(code: number): boolean {
  if (code <= 0x20) return true;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True for units that end a line (LF, CR, NEL, LINE/PARAGRAPH SEPARATOR). */
export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/**
 * Box-drawing characters (U+2500-U+257F): terminal panels and TUI borders pasted around model
 * output. They are dropped from the normalised text (the model never wrote them) but still count
 * as cell separators when deciding whether a line is a table.
 */
export function isBoxDrawing(code: number): boolean {
  return code >= 0x2500 && code <= 0x257f;
}

/**
 * A letter, approximately: ASCII letters, and non-ASCII units outside the punctuation, symbol,
 * box-drawing, CJK-punctuation, private-use, variation-selector and surrogate ranges (emoji
 * are surrogate pairs and count as symbols). Good enough to tell a word loop from a run of rules, dots or digits.
 */
export function isLetterUnit(code: number): boolean {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  if (code < 0xc0) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code >= 0xe000 && code <= 0xf8ff) return false;
  if (code >= 0xfe00 && code <= 0xfe0f) return false;
  if (code >= 0xff00 && code <= 0xff20) return false;
  return code !== 0xd7 && code !== 0xf7;
}

/** ASCII digit. */
export function isDigitUnit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A unit that can sit inside a word: letter, digit, apostrophe, hyphen or underscore. */
export function isWordUnit(code: number): boolean {
  return (
    isLetterUnit(code) ||
    isDigitUnit(code) ||
    code === 0x27 ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2019
  );
}

/** Sentence terminators (ASCII and full-width): a unit boundary when whitespace follows. */
export function isTerminator(code: number): boolean {
  return (
    code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3002 || code === 0xff01 || code === 0xff1f
  );
}

/** Closing quotes and brackets that may sit between a terminator and the following space. */
export function isCloser(code: number): boolean {
  return (
    code === 0x22 || code === 0x27 || code === 0x29 || code === 0x5d || code === 0x201d || code === 0x2019
  );
}

/** The value of a hexadecimal digit, or -1. */
export function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}
