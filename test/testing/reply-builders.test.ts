import { describe, expect, it } from 'vitest';
import { blockedPromptReply, chunksReply, errorReply, textReply } from '../../src/testing/index.js';

/** The issue paths of the InvalidOptionsError `run` throws. */
function issuePaths(run: () => unknown): unknown[] {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ name: 'InvalidOptionsError' });
    return (error as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path);
  }
  throw new Error('expected InvalidOptionsError');
}

/** True when `text` has a high surrogate without its low half, or a low one without its high half. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('textReply', () => {
  it('orders chunks thoughts, answer text, function calls and puts finish fields on the last only', () => {
    const reply = textReply({
      thoughts: ['t'],
      chunks: ['a', 'b'],
      functionCalls: [{ name: 'f', args: { x: 1 } }],
      finishReason: 'MAX_TOKENS',
      finishMessage: 'done',
      promptFeedback: { safetyRatings: [] },
    });
    expect(reply.kind).toBe('chunks');
    expect(reply.fillFromRequest).toBe(true);
    const parts = reply.chunks.map(
      (chunk) => (chunk.candidates as { content: { parts: unknown[] } }[])[0]?.content.parts,
    );
    expect(parts).toEqual([
      [{ text: 't', thought: true }],
      [{ text: 'a' }],
      [{ text: 'b' }],
      [{ functionCall: { name: 'f', args: { x: 1 } } }],
    ]);
    const candidates = reply.chunks.map((chunk) => (chunk.candidates as Record<string, unknown>[])[0]);
    expect(candidates.map((candidate) => candidate?.finishReason)).toEqual([
      undefined,
      undefined,
      undefined,
      'MAX_TOKENS',
    ]);
    expect(candidates.at(-1)?.finishMessage).toBe('done');
    expect(reply.chunks.map((chunk) => 'promptFeedback' in chunk)).toEqual([true, false, false, false]);
  });

  it('sends explicit usage on the last chunk only, and none with usage null', () => {
    const explicit = textReply({ chunks: ['a', 'b'], usage: { candidatesTokenCount: 7 } });
    expect(explicit.chunks.map((chunk) => chunk.usageMetadata)).toEqual([
      undefined,
      { candidatesTokenCount: 7 },
    ]);
    const none = textReply({ chunks: ['a', 'b'], usage: null });
    expect(none.chunks.every((chunk) => chunk.usageMetadata === undefined)).toBe(true);
  });

  it('never splits a surrogate pair when cutting text by chunkSize', () => {
    const text = 'a😀b😀😀c';
    for (const chunkSize of [1, 2, 3]) {
      const pieces = textReply({ text, chunkSize }).chunks.map(
        (chunk) =>
          (chunk.candidates as { content: { parts: { text: string }[] } }[])[0]?.content.parts[0]?.text ?? '',
      );
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) expect(hasLoneSurrogate(piece)).toBe(false);
    }
  });

  it('rejects bad options with InvalidOptionsError naming each path', () => {
    expect(issuePaths(() => textReply({ text: 'a', chunks: ['b'] }))).toEqual([['chunks']]);
    expect(issuePaths(() => textReply({ chunks: ['b'], chunkSize: 2 }))).toEqual([['chunkSize']]);
    expect(issuePaths(() => textReply({ text: 'a', chunkSize: 0 }))).toEqual([['chunkSize']]);
    expect(issuePaths(() => textReply({ text: 'a', chunkDelayMs: 60_000 }))).toEqual([['chunkDelayMs']]);
    expect(issuePaths(() => textReply({ text: 'a', dropAfterChunks: 1, malformedAfterChunks: 2 }))).toEqual([
      ['malformedAfterChunks'],
    ]);
    expect(issuePaths(() => textReply({ functionCalls: [{ name: '' }] }))).toEqual([
      ['functionCalls', 0, 'name'],
    ]);
    expect(issuePaths(() => textReply({ txt: 'typo' } as never))).toEqual([[]]);
  });
});

describe('other builders', () => {
  it('chunksReply keeps raw chunks as given and does not fill them from the request', () => {
    const chunk = { candidates: [], turnToken: 'v1:abc' };
    const reply = chunksReply([chunk], { dropAfterChunks: 0 });
    expect(reply).toEqual({
      kind: 'chunks',
      chunks: [chunk],
      faults: { fault: { kind: 'drop', afterChunks: 0 } },
      fillFromRequest: false,
    });
    expect(() => chunksReply([[1, 2]] as never)).toThrow(TypeError);
    expect(issuePaths(() => chunksReply([], { errorEventAfterChunks: -1 }))).toEqual([
      ['errorEventAfterChunks'],
    ]);
  });

  it('errorReply keeps a headers delay beside the body', () => {
    expect(errorReply(503, { headersDelayMs: 5 })).toMatchObject({
      kind: 'error',
      httpStatus: 503,
      headersDelayMs: 5,
    });
    expect(issuePaths(() => errorReply(503, { retryDelay: -2 }))).toEqual([['retryDelay']]);
  });

  it('blockedPromptReply leaves the ratings out when none are given', () => {
    expect(blockedPromptReply('OTHER').chunks).toEqual([
      { promptFeedback: { blockReason: 'OTHER' }, usageMetadata: {} },
    ]);
  });
});
