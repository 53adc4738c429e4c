import type { GoogleGenAI } from '@google/genai';
import { clearGenaiEnv, createTestClient, startFakeGemini } from '../../src/testing/index.js';
import type { FakeGemini, FakeGeminiOptions } from '../../src/testing/types.js';

/** The model name the tests ask for. */
export const MODEL = 'gemini-2.5-flash';

/**
 * Start a fake server and a real SDK client on it, run `body`, and always close the server, so a
 * failing assertion cannot leave a socket or timer open. The SDK's environment variables are
 * cleared for the duration.
 */
export async function withFake<T>(
  options: FakeGeminiOptions,
  body: (fake: FakeGemini, ai: GoogleGenAI) => Promise<T>,
): Promise<T> {
  const restore = clearGenaiEnv();
  const fake = await startFakeGemini(options);
  try {
    return await body(fake, createTestClient(fake.baseUrl));
  } finally {
    await fake.close();
    restore();
  }
}

/** Read a whole SDK stream into an array of chunks. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
