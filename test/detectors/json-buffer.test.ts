import { describe, expect, it } from 'vitest';
import { CappedTextBuffer } from '../../detectors/json-buffer.js';

describe('CappedTextBuffer', () => {
  it('gives back exactly what was appended, lone surrogates and long texts included', () => {
    const buffer = new CappedTextBuffer(100_000);
    const text = `a\ud800b\udc00${'é🙂'.repeat(20_000)}`;
    for (let start = 0; start < text.length; start += 7)
      buffer.append(text, start, Math.min(text.length, start + 7));
    expect(buffer.text()).toBe(text);
    expect(buffer.length).toBe(text.length);
  });

  it('appends part of a piece', () => {
    const buffer = new CappedTextBuffer(10);
    buffer.append('xxabcxx', 2, 5);
    expect(buffer.text()).toBe('abc');
  });

  it('drops everything and refuses more once the cap would be passed', () => {
    const buffer = new CappedTextBuffer(5);
    expect(buffer.append('abcde', 0, 5)).toBe(true);
    expect(buffer.append('f', 0, 1)).toBe(false);
    expect([buffer.overflowed, buffer.length, buffer.text()]).toEqual([true, 0, '']);
    expect(buffer.append('g', 0, 1)).toBe(false);
    buffer.reset();
    expect([buffer.append('h', 0, 1), buffer.text()]).toEqual([true, 'h']);
  });
});
