import { describe, expect, it } from 'vitest';
import { EXCERPT_SPAN, ExcerptWindow } from '../../detectors/json-excerpt.js';
import { splitEvery } from '../support/feed.js';

/** Feed `text` in pieces of `size` and cut `[start, end)` while reading the piece that holds `end - 1`. */
function cut(text: string, size: number, start: number, end: number): string | undefined {
  const window = new ExcerptWindow();
  let offset = 0;
  let result: string | undefined;
  for (const piece of splitEvery(text, size)) {
    window.begin(piece, offset);
    if (end - 1 >= offset && end - 1 < offset + piece.length) result = window.excerpt(start, end);
    window.finish();
    offset += piece.length;
  }
  return result;
}

describe('ExcerptWindow', () => {
  const text = Array.from({ length: 600 }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');

  it('cuts the same excerpt whatever the piece size', () => {
    for (const [start, end] of [
      [0, 5],
      [100, 299],
      [350, 600],
    ] as const) {
      const expected = text.slice(Math.max(start, end - EXCERPT_SPAN), end);
      for (const size of [1, 7, 64, 512, 600]) expect(cut(text, size, start, end), `${size}`).toBe(expected);
    }
  });

  it('keeps the end of a long range, without a lone low surrogate at the front', () => {
    const emoji = '🙂'.repeat(150);
    const excerpt = cut(emoji, 9, 0, 300 - 1) ?? '';
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_SPAN);
    expect(excerpt.charCodeAt(0)).toBe(0xd83d);
  });
});
