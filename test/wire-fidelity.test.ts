import { ApiError, type GenerateContentParameters, GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import type { GuardEvent } from '../src/events.js';
import { createNormalizer } from '../src/normalize.js';
import {
  clearGenaiEnv,
  type GenaiWireInteraction,
  type GenaiWireRecording,
  replayScenario,
  startFakeGemini,
} from '../src/testing/index.js';
import { routeOf } from '../src/testing/replay.js';
import { listCorpus, readCorpusJson, reportMissingCorpus } from './support/corpus.js';

/** Request body fields the SDK takes from `config` rather than at the top level. */
const CONFIG_FIELDS = [
  'systemInstruction',
  'tools',
  'toolConfig',
  'safetySettings',
  'cachedContent',
] as const;

/**
 * The SDK call that produces the recorded request body: `generationConfig` fields go flat into
 * `config`, as do the other top-level fields.
 */
function paramsOf(body: Record<string, unknown>, model: string): GenerateContentParameters {
  const { contents, generationConfig, ...rest } = body;
  const config: Record<string, unknown> = { ...(generationConfig as Record<string, unknown> | undefined) };
  for (const field of CONFIG_FIELDS) {
    if (rest[field] !== undefined) config[field] = rest[field];
    delete rest[field];
  }
  expect(Object.keys(rest), 'request fields this test does not know how to send').toEqual([]);
  return { model, contents: contents as GenerateContentParameters['contents'], config };
}

/** Events from normalising `chunks` one by one with one normaliser, as a stream would arrive. */
function normalizeAll(chunks: readonly unknown[]): GuardEvent[] {
  const normalizer = createNormalizer();
  return chunks.flatMap((chunk) => normalizer.push(chunk));
}

/** Send one recorded request through the real SDK; returns what it yielded, or the error. */
async function callLike(
  ai: GoogleGenAI,
  interaction: GenaiWireInteraction,
): Promise<{ chunks: unknown[]; error?: unknown }> {
  const route = routeOf(interaction);
  if (!route) throw new Error(`unexpected recorded URL ${interaction.request.url}`);
  const body = (interaction.request.bodySegments?.[0] ?? {}) as Record<string, unknown>;
  const params = paramsOf(body, route.model);
  const chunks: unknown[] = [];
  try {
    if (route.stream) {
      for await (const chunk of await ai.models.generateContentStream(params)) chunks.push(chunk);
    } else {
      chunks.push(await ai.models.generateContent(params));
    }
  } catch (error) {
    return { chunks, error };
  }
  return { chunks };
}

const files = listCorpus('genai-wire').filter((file) => file.endsWith('.json'));

describe.runIf(reportMissingCorpus('genai-wire recordings'))('wire fidelity of the fake server', () => {
  it('finds the recordings', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s so the SDK yields the events of the recorded bodies', async (file) => {
    const recording = readCorpusJson<GenaiWireRecording>(file);
    const restore = clearGenaiEnv();
    const fake = await startFakeGemini({ scenario: replayScenario(recording) });
    try {
      for (const [position, interaction] of recording.interactions.entries()) {
        const route = routeOf(interaction);
        const ai = new GoogleGenAI({
          apiKey: 'test-key',
          httpOptions: { baseUrl: fake.baseUrl, apiVersion: route?.apiVersion ?? '' },
        });
        const { chunks, error } = await callLike(ai, interaction);
        const request = fake.requests[position];
        // The SDK put the recorded request on the wire again, at the recorded path.
        expect(request?.path).toBe(interaction.request.url.split('?')[0]);
        expect(request?.body).toEqual(interaction.request.bodySegments?.[0]);
        const { statusCode, bodySegments } = interaction.response;
        if (statusCode >= 400) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(statusCode);
          const recorded = bodySegments[0] as { error: { message: string } };
          expect((error as ApiError).message).toContain(JSON.stringify(recorded.error.message).slice(1, -1));
          continue;
        }
        expect(error).toBeUndefined();
        expect(chunks).toHaveLength(bodySegments.length);
        const expected = normalizeAll(bodySegments);
        expect(expected.length).toBeGreaterThan(0);
        expect(normalizeAll(chunks)).toEqual(expected);
      }
      expect(fake.requests).toHaveLength(recording.interactions.length);
    } finally {
      await fake.close();
      restore();
    }
  });
});
