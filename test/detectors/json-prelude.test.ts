import { describe, expect, it } from 'vitest';
import { JsonPrelude, PRELUDE_NOT_JSON, PRELUDE_ROOT, PRELUDE_WAIT } from '../../detectors/json-prelude.js';

/** The verdict at the first character that decides, or WAIT when none does. */
function verdict(text: string): [number, number] {
  const prelude = new JsonPrelude();
  for (let index = 0; index < text.length; index++) {
    const result = prelude.step(text.charCodeAt(index));
    if (result !== PRELUDE_WAIT) return [result, index];
  }
  return [PRELUDE_WAIT, text.length];
}

describe('JsonPrelude', () => {
  it('finds the root bracket after whitespace or a json fence line', () => {
    expect(verdict(' \n{')).toEqual([PRELUDE_ROOT, 2]);
    expect(verdict('[')).toEqual([PRELUDE_ROOT, 0]);
    expect(verdict('```json\n  [')).toEqual([PRELUDE_ROOT, 10]);
    expect(verdict('````\n{')).toEqual([PRELUDE_ROOT, 5]);
    expect(verdict('``` JSON\r\n{')).toEqual([PRELUDE_ROOT, 10]);
  });

  it('decides "not JSON" at the first character that shows it', () => {
    expect(verdict('  Hello')).toEqual([PRELUDE_NOT_JSON, 2]);
    expect(verdict('``json\n{')).toEqual([PRELUDE_NOT_JSON, 2]);
    expect(verdict('```ts\n{')).toEqual([PRELUDE_NOT_JSON, 5]);
    expect(verdict('```jsonjsonjson\n{')).toEqual([PRELUDE_NOT_JSON, 11]);
    expect(verdict('```\n```\n{')).toEqual([PRELUDE_NOT_JSON, 4]);
  });

  it('waits while nothing is decided, and forgets the fence on reset', () => {
    const prelude = new JsonPrelude();
    for (const code of [...'```\n'].map((char) => char.charCodeAt(0)))
      expect(prelude.step(code)).toBe(PRELUDE_WAIT);
    expect(prelude.fenced).toBe(true);
    prelude.reset();
    expect(prelude.fenced).toBe(false);
  });
});
