import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstNumberState,
  hexValue,
  isCompleteNumber,
  nextNumberState,
} from '../../detectors/json-lexical.js';

/** Run the number grammar over `text`: true when it is one complete JSON number. */
function isNumber(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!(first === 0x2d || (first >= 0x30 && first <= 0x39))) return false;
  let state = firstNumberState(first);
  for (let index = 1; index < text.length; index++) {
    state = nextNumberState(state, text.charCodeAt(index));
    if (state < 0) return false;
  }
  return isCompleteNumber(state);
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

describe('JSON number grammar', () => {
  it('accepts exactly the numbers RFC 8259 allows', () => {
    for (const good of ['0', '-0', '12', '1.5', '-0.25e+10', '3E7', '1e-0'])
      expect(isNumber(good), good).toBe(true);
    for (const bad of ['01', '-', '1.', '.5', '1e', '1e+', '+1', '1.2.3', '--1'])
      expect(isNumber(bad), bad).toBe(false);
  });

  it('agrees with the RFC grammar on arbitrary digit soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789-+.eE'), { minLength: 1, maxLength: 12 }),
        (chars) => {
          const text = chars.join('');
          expect(isNumber(text)).toBe(JSON_NUMBER.test(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads hex digits in both cases', () => {
    expect([...'09afAFgG'].map((char) => hexValue(char.charCodeAt(0)))).toEqual([
      0, 9, 10, 15, 10, 15, -1, -1,
    ]);
  });
});
