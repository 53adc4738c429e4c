import { describe, expect, it } from 'vitest';
import { mergeChunks } from '../../src/testing/index.js';
import { fillChunk, promptCharacters } from '../../src/testing/wire.js';

const candidate = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  content: { parts, role: 'model' },
  ...extra,
});

describe('mergeChunks', () => {
  it('joins consecutive text of the same kind and keeps other parts in order', () => {
    const merged = mergeChunks([
      { candidates: [candidate([{ text: 'th', thought: true }])] },
      { candidates: [candidate([{ text: 'ink', thought: true }, { text: 'Hi' }])] },
      { candidates: [candidate([{ text: ' there' }, { functionCall: { name: 'f', args: {} } }])] },
      {
        candidates: [candidate([{ text: 'after' }], { finishReason: 'STOP' })],
        usageMetadata: { totalTokenCount: 9 },
      },
    ]);
    expect(merged).toEqual({
      candidates: [
        candidate(
          [
            { text: 'think', thought: true },
            { text: 'Hi there' },
            { functionCall: { name: 'f', args: {} } },
            { text: 'after' },
          ],
          { finishReason: 'STOP' },
        ),
      ],
      usageMetadata: { totalTokenCount: 9 },
    });
  });

  it('keeps candidates apart by index, absent index meaning array position', () => {
    const merged = mergeChunks([
      { candidates: [candidate([{ text: 'a' }]), candidate([{ text: 'x' }], { index: 1 })] },
      { candidates: [candidate([{ text: 'y' }], { index: 1 }), candidate([{ text: 'b' }], { index: 0 })] },
    ]);
    expect(merged.candidates).toEqual([
      candidate([{ text: 'ab' }], { index: 0 }),
      candidate([{ text: 'xy' }], { index: 1 }),
    ]);
  });

  it('keeps the first promptFeedback and the last top-level fields', () => {
    const merged = mergeChunks([
      { promptFeedback: { blockReason: 'SAFETY' }, modelVersion: 'a', responseId: 'r1' },
      { promptFeedback: { blockReason: 'OTHER' }, modelVersion: 'b' },
    ]);
    expect(merged).toEqual({
      promptFeedback: { blockReason: 'SAFETY' },
      modelVersion: 'b',
      responseId: 'r1',
    });
  });

  it('returns a single chunk unchanged, unknown fields included', () => {
    const chunk = { candidates: [candidate([{ text: 'a' }])], turnToken: 'v1:x' };
    expect(mergeChunks([chunk])).toBe(chunk);
  });
});

describe('fillChunk', () => {
  it('adds the prompt count to the usage total and the model version when missing', () => {
    const filled = fillChunk({ usageMetadata: { candidatesTokenCount: 2, thoughtsTokenCount: 3 } }, 5, 'm');
    expect(filled).toEqual({
      usageMetadata: {
        promptTokenCount: 5,
        candidatesTokenCount: 2,
        thoughtsTokenCount: 3,
        totalTokenCount: 10,
      },
      modelVersion: 'm',
    });
    expect(fillChunk({ modelVersion: 'kept' }, 5, 'm')).toEqual({ modelVersion: 'kept' });
  });

  it('counts prompt text in contents and systemInstruction, skipping malformed entries', () => {
    const body = {
      contents: [{ parts: [{ text: 'abc' }, { inlineData: {} }, 'junk'] }, null, { parts: 'x' }],
      systemInstruction: { parts: [{ text: 'de' }] },
    };
    expect(promptCharacters(body)).toBe(5);
    expect(promptCharacters({ contents: 'not a list' })).toBe(0);
  });
});
