import type { GenerateContentParameters } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  countRequestEscapes,
  rewriteEscapes,
  rewriteRequestEscapes,
} from '../../src/remediation/escape-rewrite.js';
import { DEFAULT_SNIPPETS } from '../../src/remediation/snippets.js';
import { deepFreeze } from './support.js';

describe('rewriteEscapes', () => {
  it('writes \\u escapes as the characters they stand for', () => {
    expect(rewriteEscapes('Caf\\u00e9 Mart\\u00EDn')).toEqual({ text: 'Café Martín', count: 2 });
  });

  it('joins a surrogate pair into one character', () => {
    expect(rewriteEscapes('smile \\ud83d\\ude00!')).toEqual({ text: 'smile 😀!', count: 1 });
  });

  it('turns \\t into a tab', () => {
    expect(rewriteEscapes('a\\tb')).toEqual({ text: 'a\tb', count: 1 });
  });

  it('keeps JSON examples valid: line feed, quote and backslash become the allowed escapes', () => {
    expect(rewriteEscapes('"x\\u000ay\\u0022z\\u005c"').text).toBe('"x\\ny\\"z\\\\"');
  });

  it('leaves escaped backslashes, lone surrogates, control characters and short escapes alone', () => {
    for (const text of ['\\\\u0041', '\\ud800x', '\\u0001', '\\u12', '\\n and \\"', 'C:\\\\temp']) {
      expect(rewriteEscapes(text)).toEqual({ text, count: 0 });
    }
  });

  it('counts an odd run of backslashes as an escaped backslash plus an escape', () => {
    expect(rewriteEscapes('\\\\\\u0041')).toEqual({ text: '\\\\A', count: 1 });
  });

  it('keeps an escape named in an inline code span, as the escape-policy snippet does', () => {
    expect(rewriteEscapes('never write `\\t`')).toEqual({ text: 'never write `\\t`', count: 0 });
    expect(rewriteEscapes(DEFAULT_SNIPPETS['escape-policy']).count).toBe(0);
  });
});

describe('rewriteRequestEscapes', () => {
  const request = deepFreeze({
    model: 'gemini-2.5-flash',
    contents: [
      { role: 'user', parts: [{ text: 'Example: {"name": "Caf\\u00e9"}' }] },
      { role: 'model', parts: [{ text: 'Earlier: \\u00e9', thoughtSignature: 'c2ln' }] },
    ],
    config: {
      systemInstruction: 'Columns are separated by \\t.',
      responseSchema: {
        type: 'OBJECT',
        properties: { name: { type: 'STRING', description: 'like Caf\\u00e9' } },
      },
    },
  }) as GenerateContentParameters;

  it('rewrites user turns, the system instruction and schema descriptions, and never mutates', () => {
    const { request: rewritten, count } = rewriteRequestEscapes(request);
    expect(count).toBe(3);
    expect(countRequestEscapes(request)).toBe(3);
    const contents = rewritten.contents as { parts: { text: string }[] }[];
    expect(contents[0]?.parts[0]?.text).toBe('Example: {"name": "Café"}');
    expect(rewritten.config?.systemInstruction).toBe('Columns are separated by \t.');
    expect(JSON.stringify(rewritten.config?.responseSchema)).toContain('like Café');
    expect(countRequestEscapes(rewritten)).toBe(0);
  });

  it('leaves model turns exactly as they were, signature and all', () => {
    const contents = rewriteRequestEscapes(request).request.contents as unknown[];
    expect(contents[1]).toBe((request.contents as unknown[])[1]);
  });
});
