/** Character classes and the number grammar of JSON (RFC 8259), shared by the tokenizer. */

/** JSON whitespace: space, tab, line feed, carriage return. */
export function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** An ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Value of a hexadecimal digit, or -1. */
export function hexValue(code: number): number {
  if (isDigit(code)) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Decoded values of the one-character escapes, keyed by the character after the backslash. */
export const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

/** The three literal words. */
export const LITERALS = ['true', 'false', 'null'] as const;

/** Number sub-states, after: `-`, a leading `0`, more integer digits, `.`, fraction digits, `e`, its sign, exponent digits. */
export const N_MINUS = 0;
export const N_ZERO = 1;
export const N_INT = 2;
export const N_DOT = 3;
export const N_FRACTION = 4;
export const N_E = 5;
export const N_E_SIGN = 6;
export const N_EXPONENT = 7;

/** Number sub-state after the first character (`-` or a digit). */
export function firstNumberState(code: number): number {
  return code === 0x2d ? N_MINUS : code === 0x30 ? N_ZERO : N_INT;
}

/** True when a number may end in this sub-state. */
export function isCompleteNumber(state: number): boolean {
  return state === N_ZERO || state === N_INT || state === N_FRACTION || state === N_EXPONENT;
}

/** Next number sub-state after `code`, or -1 when `code` cannot continue the number. */
export function nextNumberState(state: number, code: number): number {
  const digit = isDigit(code);
  const exponentMark = (code | 0x20) === 0x65;
  switch (state) {
    case N_MINUS:
      return code === 0x30 ? N_ZERO : digit ? N_INT : -1;
    case N_ZERO:
      return code === 0x2e ? N_DOT : exponentMark ? N_E : -1;
    case N_INT:
      return code === 0x2e ? N_DOT : exponentMark ? N_E : digit ? N_INT : -1;
    case N_DOT:
      return digit ? N_FRACTION : -1;
    case N_FRACTION:
      return exponentMark ? N_E : digit ? N_FRACTION : -1;
    case N_E:
      return code === 0x2b || code === 0x2d ? N_E_SIGN : digit ? N_EXPONENT : -1;
    default:
      return digit ? N_EXPONENT : -1;
  }
}
