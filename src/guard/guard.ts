import type { CreateChatParameters, GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { type GuardOptions, resolveGuardSettings } from './guard-options.js';
import type { GuardResult } from './guard-types.js';
import { createGuardedChat, type GuardedChat } from './guarded-chat.js';
import { type GuardedContentStream, guardedStreamEvents, toContentStream } from './guarded-stream.js';
import type { GuardStreamEvent } from './stream-events.js';
import { type GuardableClient, runGuardedCall } from './unary-call.js';

/** A guarded client: the SDK's call signatures, plus forms that return the guard's full record. */
export interface GuardedClient {
  /** Drop-in replacements for `ai.models.generateContent` and `ai.models.generateContentStream`. */
  readonly models: {
    /** Resolves to the final response; `guardResultOf(response)` gives the attempts and totals. */
    generateContent(params: GenerateContentParameters): Promise<GenerateContentResponse>;
    /** Resolves to the chunks to show; `.result` gives the attempts and totals once read to the end. */
    generateContentStream(params: GenerateContentParameters): Promise<GuardedContentStream>;
  };
  /** Guarded multi-turn chats for agent loops (tool-call tracking across turns, parts replayed unchanged). */
  readonly chats: { create(params: CreateChatParameters): GuardedChat };
  /** One guarded non-streaming call, resolving to the full {@link GuardResult}. */
  generate(params: GenerateContentParameters): Promise<GuardResult>;
  /** One guarded streaming call as display events (chunks, retractions, attempts); returns the result. */
  stream(params: GenerateContentParameters): AsyncGenerator<GuardStreamEvent, GuardResult, undefined>;
}

const results = new WeakMap<GenerateContentResponse, GuardResult>();

/**
 * Wrap a `GoogleGenAI` client so every call is guarded: each attempt is inspected (a stream is
 * closed at the first abort-level finding), the findings are mapped to the guide's documented
 * fixes, the request is rewritten, and the call is asked again, bounded by `maxAttempts`, a
 * total output-token budget and an `AbortSignal`. Options are validated here, once.
 *
 * @example
 * const guarded = guard(ai, { maxAttempts: 3, onAttempt: (a) => console.log(a.attempt, a.verdict) });
 * const response = await guarded.models.generateContent({ model: 'gemini-2.5-flash', contents });
 * console.log(response.text, guardResultOf(response)?.totals);
 */
export function guard(ai: GuardableClient, options: GuardOptions = {}): GuardedClient {
  const settings = resolveGuardSettings(options);
  const generate = async (params: GenerateContentParameters): Promise<GuardResult> => {
    const result = await runGuardedCall(ai, params, settings);
    results.set(result.response, result);
    return result;
  };
  return {
    models: {
      async generateContent(params) {
        return (await generate(params)).response;
      },
      generateContentStream: (params) => toContentStream(guardedStreamEvents(ai, params, settings)),
    },
    chats: { create: (params) => createGuardedChat(ai, settings, params) },
    generate,
    stream: (params) => guardedStreamEvents(ai, params, settings),
  };
}

/** The guard's record of a response returned by `guarded.models.generateContent`. */
export function guardResultOf(response: GenerateContentResponse): GuardResult | undefined {
  return results.get(response);
}
