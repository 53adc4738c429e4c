import { describe, expect, it } from 'vitest';
import {
  answerText,
  finishReasonOf,
  makeResponse,
  mergeResponses,
  withAnswerText,
  withPrefix,
} from '../../src/guard/responses.js';

const chunks = [
  makeResponse({
    candidates: [{ content: { role: 'model', parts: [{ text: 'think', thought: true }] }, index: 0 }],
  }),
  makeResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] }),
  makeResponse({
    candidates: [
      {
        content: {
          role: 'model',
          parts: [{ text: 'lo', thoughtSignature: 'sig' }, { functionCall: { name: 'f' } }],
        },
        index: 0,
        finishReason: 'STOP' as never,
      },
    ],
    usageMetadata: { candidatesTokenCount: 3 },
  }),
];

describe('mergeResponses', () => {
  it('keeps every part in order and unchanged, with the last finish reason and usage', () => {
    const merged = mergeResponses(chunks);
    expect(merged.candidates?.[0]?.content?.parts).toEqual([
      { text: 'think', thought: true },
      { text: 'Hel' },
      { text: 'lo', thoughtSignature: 'sig' },
      { functionCall: { name: 'f' } },
    ]);
    expect(finishReasonOf(merged)).toBe('STOP');
    expect(merged.usageMetadata?.candidatesTokenCount).toBe(3);
    expect(answerText(merged)).toBe('Hello');
    expect(merged.automaticFunctionCallingHistory).toBeUndefined();
  });

  it('keeps the last model turn of a stream in which the SDK ran tools, the turns before it as history', () => {
    const call = { functionCall: { name: 'f', args: {} }, thoughtSignature: 'sig' };
    const result = { functionResponse: { name: 'f', response: { ok: true } } };
    const merged = mergeResponses([
      makeResponse({
        candidates: [{ content: { role: 'model', parts: [call] }, finishReason: 'STOP' as never }],
      }),
      makeResponse({ candidates: [{ content: { role: 'user', parts: [result] } }] }),
      makeResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'Do' }] }, index: 0 }] }),
      makeResponse({
        candidates: [{ content: { role: 'model', parts: [{ text: 'ne' }] }, finishReason: 'STOP' as never }],
      }),
    ]);
    expect(merged.candidates?.[0]?.content).toEqual({
      role: 'model',
      parts: [{ text: 'Do' }, { text: 'ne' }],
    });
    expect(merged.automaticFunctionCallingHistory).toEqual([
      { role: 'model', parts: [call] },
      { role: 'user', parts: [result] },
    ]);
    expect(answerText(merged)).toBe('Done');
  });
});

describe('response rewrites', () => {
  it('replace the answer text but keep thoughts and calls in place', () => {
    const rewritten = withAnswerText(mergeResponses(chunks), 'Hi');
    expect(rewritten.candidates?.[0]?.content?.parts).toEqual([
      { text: 'think', thought: true },
      { text: 'Hi' },
      { functionCall: { name: 'f' } },
    ]);
    expect(rewritten.text).toBe('Hi');
  });

  it('put a kept prefix before the continuation', () => {
    expect(withPrefix(chunks[1]!, 'Say: ').text).toBe('Say: Hel');
  });

  it('name a prompt block when there is no candidate', () => {
    expect(finishReasonOf(makeResponse({ promptFeedback: { blockReason: 'OTHER' as never } }))).toBe(
      'BLOCKED:OTHER',
    );
  });
});
