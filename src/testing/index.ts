/**
 * The `gemini-output-guard/testing` entry: a loopback Gemini-compatible HTTP server for tests,
 * driven through the real `@google/genai` client.
 *
 * Tests that build clients must clear the SDK's environment variables first
 * (`GOOGLE_GENAI_USE_VERTEXAI`, `GOOGLE_GENAI_USE_ENTERPRISE`, `GOOGLE_GEMINI_BASE_URL`,
 * `GOOGLE_GENAI_API_VERSION`, `GOOGLE_API_KEY`, `GEMINI_API_KEY`): use {@link clearGenaiEnv}.
 *
 * @example
 * import { clearGenaiEnv, createTestClient, startFakeGemini, textReply } from 'gemini-output-guard/testing';
 *
 * const restore = clearGenaiEnv();
 * const fake = await startFakeGemini({ scenario: () => textReply({ chunks: ['Hel', 'lo'] }) });
 * const ai = createTestClient(fake.baseUrl);
 * const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
 * await fake.close();
 * restore();
 */

export { createFakeClock, type FakeClock } from '../resilience/fake-clock.js';
export { clearGenaiEnv, createTestClient, GENAI_ENV_VARIABLES, TEST_API_KEY } from './client.js';
export { buildErrorBody, RETRY_INFO_TYPE } from './error-body.js';
export { DEFAULT_REPLY_TEXT, startFakeGemini } from './fake-gemini.js';
export { createRandom } from './random.js';
export { type GenaiWireInteraction, type GenaiWireRecording, replayScenario } from './replay.js';
export {
  blockedPromptReply,
  chunksReply,
  type ErrorReplyBuilderOptions,
  errorReply,
  type ScriptedFunctionCall,
  type TextReplyOptions,
  textReply,
} from './reply-builders.js';
export { MAX_DELAY_MS } from './reply-schemas.js';
export { MAX_BODY_BYTES } from './request-parsing.js';
export * from './scenarios/index.js';
export { CHARS_PER_TOKEN } from './text-chunks.js';
export type {
  ChunksReply,
  ErrorReply,
  ErrorReplyOptions,
  FakeGemini,
  FakeGeminiOptions,
  FakeRequest,
  GenerateMethod,
  GoogleErrorBody,
  RawReply,
  ReplyFaults,
  Scenario,
  ScenarioContext,
  ScenarioReply,
  StreamFaults,
  TerminalFault,
} from './types.js';
export { mergeChunks } from './wire.js';
