import { describe, expect, it } from 'vitest';
import {
  CONTINUE_INSTRUCTION,
  cleanPrefix,
  continuationRequest,
  toContentList,
} from '../../src/remediation/continuation.js';
import { deepFreeze, finding } from './support.js';

describe('cleanPrefix', () => {
  it('keeps the text before the first abort-level finding, cut back to a line break', () => {
    const text = 'Line one.\nLine two.\n| a |\n|-----------';
    const start = text.indexOf('|-');
    expect(cleanPrefix(text, [finding('table-hyphens', [], 'abort', { start, end: text.length })])).toBe(
      'Line one.\nLine two.\n| a |\n',
    );
  });

  it('keeps everything when no finding aborts, and nothing when the problem starts on the first line', () => {
    expect(cleanPrefix('all fine', [finding('text-loop', [], 'warn', { start: 2 })])).toBe('all fine');
    expect(cleanPrefix('loop loop loop', [finding('text-loop', [], 'abort', { start: 5 })])).toBe('');
  });

  it('ignores findings about thought text', () => {
    expect(cleanPrefix('answer', [finding('text-loop', [], 'abort', { channel: 'thought', start: 0 })])).toBe(
      'answer',
    );
  });
});

describe('continuationRequest', () => {
  it('appends the prefix as the model turn and a request to continue, without mutating', () => {
    const request = deepFreeze({
      model: 'gemini-2.5-flash',
      contents: 'Write a report.',
      config: { temperature: 1 },
    });
    const next = continuationRequest(request, 'Part one.\n');
    expect(next.contents).toEqual([
      { role: 'user', parts: [{ text: 'Write a report.' }] },
      { role: 'model', parts: [{ text: 'Part one.\n' }] },
      { role: 'user', parts: [{ text: CONTINUE_INSTRUCTION }] },
    ]);
    expect(next.config).toBe(request.config);
  });
});

describe('toContentList', () => {
  it('accepts every contents form the SDK accepts', () => {
    expect(toContentList('hi')).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
    expect(toContentList({ text: 'hi' })).toEqual([{ role: 'user', parts: [{ text: 'hi' }] }]);
    expect(toContentList(['a', { text: 'b' }])).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
    ]);
    const turns = [
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ text: 'a', thoughtSignature: 'sig' }] },
    ];
    expect(toContentList(turns)).toEqual(turns);
    expect(toContentList(turns)[1]).toBe(turns[1]);
  });
});
