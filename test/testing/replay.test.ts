import type { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { type GenaiWireRecording, replayScenario } from '../../src/testing/index.js';
import { collect, MODEL, rejectionOf, withFake } from './with-fake.js';

const textChunk = (text: string) => ({ candidates: [{ content: { parts: [{ text }], role: 'model' } }] });

/** A two-interaction recording written for this test: a stream, then a non-stream call. */
const RECORDING: GenaiWireRecording = {
  recordID: 'two-calls',
  interactions: [
    {
      request: { method: 'POST', url: `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse` },
      response: { statusCode: 200, bodySegments: [textChunk('first '), textChunk('stream')] },
    },
    {
      request: { method: 'POST', url: `/v1beta/models/${MODEL}:generateContent` },
      response: { statusCode: 200, bodySegments: [{ ...textChunk('whole'), turnToken: 'kept' }] },
    },
  ],
};

describe('replayScenario', () => {
  it('answers the nth request with the nth interaction, streams as events and bodies whole', async () => {
    await withFake({ scenario: replayScenario(RECORDING) }, async (fake, ai) => {
      const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'q' }));
      expect(chunks.map((chunk) => chunk.text)).toEqual(['first ', 'stream']);
      const response = await fetch(`${fake.baseUrl}/v1beta/models/${MODEL}:generateContent`, {
        method: 'POST',
        body: '{}',
      });
      // Replayed verbatim: the wire-only field the SDK would drop is still there.
      expect(await response.json()).toEqual({ ...textChunk('whole'), turnToken: 'kept' });
    });
  });

  it('answers a request past the end with 500 and a request for another method with 400', async () => {
    await withFake({ scenario: replayScenario(RECORDING) }, async (_fake, ai) => {
      const mismatch = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
      expect(mismatch).toMatchObject({ status: 400 });
      expect((mismatch as ApiError).message).toContain('replay mismatch at interaction 1');
      await ai.models.generateContent({ model: MODEL, contents: 'q' });
      const exhausted = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
      expect(exhausted).toMatchObject({ status: 500 });
      expect((exhausted as ApiError).message).toContain('replay exhausted');
    });
  });

  it('replays an error with its recorded status, content type and body', async () => {
    const body = { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } };
    const recording: GenaiWireRecording = {
      interactions: [
        {
          request: { url: `/v1/models/${MODEL}:generateContent` },
          response: { statusCode: 429, headers: { 'Content-Type': 'text/plain' }, bodySegments: [body] },
        },
      ],
    };
    await withFake({ scenario: replayScenario(recording) }, async (_fake, ai) => {
      const error = (await rejectionOf(
        ai.models.generateContent({ model: MODEL, contents: 'q' }),
      )) as ApiError;
      expect(error.status).toBe(429);
      // text/plain is not JSON to the SDK, so it wraps the raw body text.
      expect(JSON.parse(JSON.parse(error.message).error.message)).toEqual(body);
    });
  });

  it('throws TypeError at once for something that is not a recording', () => {
    expect(() => replayScenario({ interactions: [] })).toThrow(TypeError);
    expect(() => replayScenario(null as never)).toThrow(TypeError);
    const noUrl = { interactions: [{ request: {}, response: { statusCode: 200, bodySegments: [] } }] };
    expect(() => replayScenario(noUrl as never)).toThrow('interaction 0');
    const arraySegment = {
      interactions: [
        {
          request: { url: '/v1/models/m:generateContent' },
          response: { statusCode: 200, bodySegments: [[]] },
        },
      ],
    };
    expect(() => replayScenario(arraySegment as never)).toThrow(TypeError);
  });
});
