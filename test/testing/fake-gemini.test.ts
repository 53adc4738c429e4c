import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import {
  blockedPromptReply,
  DEFAULT_REPLY_TEXT,
  type Scenario,
  startFakeGemini,
  textReply,
} from '../../src/testing/index.js';
import { collect, MODEL, rejectionOf, withFake } from './with-fake.js';

describe('startFakeGemini through the real SDK', () => {
  it('answers generateContent with the default text and records the request', async () => {
    await withFake({}, async (fake, ai) => {
      const response = await ai.models.generateContent({ model: MODEL, contents: 'Say hello' });
      expect(response.text).toBe(DEFAULT_REPLY_TEXT);
      expect(response.candidates?.[0]?.finishReason).toBe('STOP');
      expect(fake.requests).toHaveLength(1);
      const [request] = fake.requests;
      expect(request).toMatchObject({
        id: 1,
        method: 'generateContent',
        apiVersion: 'v1',
        model: MODEL,
        stream: false,
        path: `/v1/models/${MODEL}:generateContent`,
        hasApiKey: true,
        chunksPlanned: 1,
        chunksSent: 1,
        completed: true,
        clientDisconnected: false,
      });
      expect(request?.body.contents).toEqual([{ parts: [{ text: 'Say hello' }], role: 'user' }]);
    });
  });

  it('streams each scripted chunk as one SDK chunk with running usage and a final finishReason', async () => {
    const scenario: Scenario = () => textReply({ chunks: ['Hel', 'lo ', 'world'] });
    await withFake({ scenario }, async (fake, ai) => {
      const chunks = await collect(
        await ai.models.generateContentStream({ model: MODEL, contents: 'Say hello' }),
      );
      expect(chunks.map((chunk) => chunk.text)).toEqual(['Hel', 'lo ', 'world']);
      // 'Say hello' is 9 characters: 3 prompt tokens; the answer grows 3 → 6 → 11 characters.
      expect(chunks.map((chunk) => chunk.usageMetadata)).toEqual([
        { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 },
        { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
        { promptTokenCount: 3, candidatesTokenCount: 3, totalTokenCount: 6 },
      ]);
      expect(chunks.map((chunk) => chunk.candidates?.[0]?.finishReason)).toEqual([
        undefined,
        undefined,
        'STOP',
      ]);
      expect(chunks.every((chunk) => chunk.modelVersion === MODEL)).toBe(true);
      expect(fake.requests[0]).toMatchObject({
        stream: true,
        query: { alt: 'sse' },
        chunksSent: 3,
        completed: true,
      });
    });
  });

  it('splits text by chunkSize and merges the chunks back into one part on the non-stream endpoint', async () => {
    const scenario: Scenario = () => textReply({ text: 'abcdefghij', chunkSize: 4, responseId: 'r-1' });
    await withFake({ scenario }, async (_fake, ai) => {
      const streamed = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'x' }));
      expect(streamed.map((chunk) => chunk.text)).toEqual(['abcd', 'efgh', 'ij']);
      const whole = await ai.models.generateContent({ model: MODEL, contents: 'x' });
      expect(whole.candidates?.[0]?.content?.parts).toEqual([{ text: 'abcdefghij' }]);
      expect(whole.responseId).toBe('r-1');
      expect(whole.usageMetadata?.candidatesTokenCount).toBe(3);
    });
  });

  it('sends thoughts as thought parts that the SDK keeps out of text', async () => {
    const scenario: Scenario = () =>
      textReply({ thoughts: ['Planning.', ' Checking.'], chunks: ['An', 'swer'] });
    await withFake({ scenario }, async (_fake, ai) => {
      const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'q' }));
      expect(chunks[0]?.candidates?.[0]?.content?.parts).toEqual([{ text: 'Planning.', thought: true }]);
      expect(chunks[0]?.text).toBeUndefined();
      expect(chunks.at(-1)?.usageMetadata?.thoughtsTokenCount).toBe(5);
      const whole = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(whole.candidates?.[0]?.content?.parts).toEqual([
        { text: 'Planning. Checking.', thought: true },
        { text: 'Answer' },
      ]);
      expect(whole.text).toBe('Answer');
    });
  });

  it('returns scripted function calls through the SDK functionCalls getter', async () => {
    const calls = [
      { name: 'get_weather', args: { city: 'Paris' }, id: 'call-1' },
      { name: 'get_time', args: { zone: 'CET' } },
    ];
    const scenario: Scenario = () =>
      textReply({ functionCalls: calls, finishMessage: 'Model generated function call(s).' });
    await withFake({ scenario }, async (_fake, ai) => {
      const response = await ai.models.generateContent({ model: MODEL, contents: 'weather?' });
      expect(response.functionCalls).toEqual(calls);
      expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    });
  });

  it('answers a blocked prompt with one chunk of promptFeedback and no candidates', async () => {
    const ratings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];
    await withFake({ scenario: () => blockedPromptReply('SAFETY', ratings) }, async (_fake, ai) => {
      const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'bad' }));
      expect(chunks).toHaveLength(1);
      expect(chunks[0]?.candidates).toBeUndefined();
      expect(chunks[0]?.text).toBeUndefined();
      expect(chunks[0]?.promptFeedback).toEqual({ blockReason: 'SAFETY', safetyRatings: ratings });
      expect(chunks[0]?.usageMetadata).toEqual({ promptTokenCount: 1, totalTokenCount: 1 });
    });
  });

  it('stops with SAFETY and the ratings on the last chunk after partial text', async () => {
    const ratings = [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'MEDIUM', blocked: true }];
    const scenario: Scenario = () =>
      textReply({ chunks: ['Partial answer'], finishReason: 'SAFETY', safetyRatings: ratings });
    await withFake({ scenario }, async (_fake, ai) => {
      const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'q' }));
      expect(chunks.map((chunk) => chunk.text)).toEqual(['Partial answer']);
      expect(chunks[0]?.candidates?.[0]).toMatchObject({ finishReason: 'SAFETY', safetyRatings: ratings });
    });
  });

  it('sends a SAFETY stop without text as a candidate with no content', async () => {
    await withFake({ scenario: () => textReply({ finishReason: 'SAFETY' }) }, async (_fake, ai) => {
      const response = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(response.candidates?.[0]?.content).toBeUndefined();
      expect(response.candidates?.[0]?.finishReason).toBe('SAFETY');
      expect(response.text).toBeUndefined();
    });
  });

  it('sends RECITATION citations as citationSources, which the SDK exposes as citations', async () => {
    const citations = [{ startIndex: 0, endIndex: 12, uri: 'https://example.org/poem', license: 'CC-BY' }];
    const scenario: Scenario = () =>
      textReply({ text: 'Roses are red', finishReason: 'RECITATION', citations });
    await withFake({ scenario }, async (_fake, ai) => {
      const response = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(response.candidates?.[0]?.finishReason).toBe('RECITATION');
      expect(response.candidates?.[0]?.citationMetadata).toEqual({ citations });
    });
  });

  it('passes an unknown finish reason through as the raw string, and null sends none', async () => {
    await withFake({}, async (fake, ai) => {
      fake.setScenario(() => textReply({ text: 'x', finishReason: 'BRAND_NEW_REASON' }));
      const novel = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(novel.candidates?.[0]?.finishReason).toBe('BRAND_NEW_REASON');
      fake.setScenario(() => textReply({ text: 'x', finishReason: null }));
      const none = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(none.candidates?.[0]?.finishReason).toBeUndefined();
    });
  });

  it('accepts any API version segment and a base-URL path prefix', async () => {
    await withFake({}, async (fake) => {
      const ai = new GoogleGenAI({
        apiKey: 'test-key',
        httpOptions: { baseUrl: `${fake.baseUrl}/some/prefix/`, apiVersion: 'v1beta' },
      });
      const response = await ai.models.generateContent({ model: MODEL, contents: 'q' });
      expect(response.text).toBe(DEFAULT_REPLY_TEXT);
      expect(fake.requests[0]).toMatchObject({
        apiVersion: 'v1beta',
        model: MODEL,
        path: `/some/prefix/v1beta/models/${MODEL}:generateContent`,
      });
    });
  });

  it('never records the API key, from the header or from a key query parameter', async () => {
    const secret = 'AIzaSy-not-a-real-key-0123456789';
    await withFake({}, async (fake) => {
      const ai = new GoogleGenAI({ apiKey: secret, httpOptions: { baseUrl: fake.baseUrl } });
      await ai.models.generateContent({ model: MODEL, contents: 'q' });
      await fetch(`${fake.baseUrl}/v1beta/models/${MODEL}:generateContent?key=${secret}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify({ contents: [] }),
      });
      expect(fake.requests.map((request) => request.hasApiKey)).toEqual([true, true]);
      expect(fake.requests[1]?.query).toEqual({});
      expect(JSON.stringify(fake.requests)).not.toContain(secret);
    });
  });

  it('counts attempts per model and method and numbers requests overall', async () => {
    const seen: [number, number][] = [];
    const scenario: Scenario = (_request, context) => {
      seen.push([context.attempt, context.requestIndex]);
      return textReply({ text: 'ok' });
    };
    await withFake({ scenario }, async (_fake, ai) => {
      await ai.models.generateContent({ model: 'model-a', contents: 'q' });
      await ai.models.generateContent({ model: 'model-a', contents: 'q' });
      await ai.models.generateContent({ model: 'model-b', contents: 'q' });
      await collect(await ai.models.generateContentStream({ model: 'model-a', contents: 'q' }));
    });
    expect(seen).toEqual([
      [1, 0],
      [2, 1],
      [1, 2],
      [1, 3],
    ]);
  });

  it('draws the same random numbers for the same seed and different ones for another seed', async () => {
    const run = (seed: number) =>
      withFake(
        { seed, scenario: (_request, context) => textReply({ text: String(context.random()) }) },
        async (_f, ai) => {
          const texts: (string | undefined)[] = [];
          for (let round = 0; round < 3; round += 1) {
            texts.push((await ai.models.generateContent({ model: MODEL, contents: 'q' })).text);
          }
          return texts;
        },
      );
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(await run(43)).not.toEqual(first);
  });

  it('answers 500 INTERNAL and records the message when the scenario throws', async () => {
    const scenario: Scenario = () => {
      throw new Error('scenario bug');
    };
    await withFake({ scenario }, async (fake, ai) => {
      const error = await rejectionOf(ai.models.generateContent({ model: MODEL, contents: 'q' }));
      expect(error).toMatchObject({ name: 'ApiError', status: 500 });
      expect(fake.requests[0]?.scenarioError).toBe('scenario bug');
    });
  });
});

describe('startFakeGemini routing and lifecycle', () => {
  it('answers unknown paths with a 404 JSON error and bad JSON with 400 INVALID_ARGUMENT', async () => {
    await withFake({}, async (fake) => {
      const unknown = await fetch(`${fake.baseUrl}/v1/models/${MODEL}:countTokens`, {
        method: 'POST',
        body: '{}',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
      const wrongVerb = await fetch(`${fake.baseUrl}/v1/models/${MODEL}:generateContent`);
      expect(wrongVerb.status).toBe(404);
      const badJson = await fetch(`${fake.baseUrl}/v1/models/${MODEL}:generateContent`, {
        method: 'POST',
        body: '{"contents": [',
      });
      expect(badJson.status).toBe(400);
      expect(await badJson.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
      expect(fake.requests).toHaveLength(0);
    });
  });

  it('rejects bad options with InvalidOptionsError naming the option', async () => {
    await expect(startFakeGemini({ port: 70_000 })).rejects.toMatchObject({
      name: 'InvalidOptionsError',
      issues: [expect.objectContaining({ path: ['port'] })],
    });
    await expect(startFakeGemini({ chunkDelayMs: -1 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['chunkDelayMs'] })],
    });
  });

  it('leaves no server, socket or timer open after close(), even mid-stream', async () => {
    const timersBefore = resourceCounts().Timeout ?? 0;
    const chunks = Array.from({ length: 40 }, (_, position) => `piece ${position} `);
    const fake = await startFakeGemini({ chunkDelayMs: 1_000, scenario: () => textReply({ chunks }) });
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: fake.baseUrl } });
    const stream = await ai.models.generateContentStream({ model: MODEL, contents: 'q' });
    const pending = stream.next();
    await fake.close();
    await expect(pending).rejects.toThrow(TypeError);
    // The closed handles are released on a later turn of the event loop; give it a bounded number.
    for (let turn = 0; turn < 100 && !released(timersBefore); turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Earlier tests' servers are closed too, so no TCP handle at all may remain.
    expect(resourceCounts()).toMatchObject({ TCPServerWrap: 0, TCPSocketWrap: 0 });
    // The 1 s chunk timer must have been cleared, not left to fire later.
    expect(resourceCounts().Timeout).toBeLessThanOrEqual(timersBefore);
    expect(fake.requests[0]).toMatchObject({ clientDisconnected: false, completed: false, chunksSent: 0 });
    await expect(
      fetch(`${fake.baseUrl}/v1/models/${MODEL}:generateContent`, { method: 'POST' }),
    ).rejects.toThrow('fetch failed');
  });
});

const WATCHED_RESOURCES = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED_RESOURCES.map((name) => [name, 0]));
  for (const name of process.getActiveResourcesInfo()) {
    if (name in counts) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

function released(timersBefore: number): boolean {
  const counts = resourceCounts();
  return counts.TCPServerWrap === 0 && counts.TCPSocketWrap === 0 && (counts.Timeout ?? 0) <= timersBefore;
}
