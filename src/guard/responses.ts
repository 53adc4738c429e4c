import { type Candidate, type Content, GenerateContentResponse, type Part } from '@google/genai';
import type { UsageInfo } from '../events.js';
import { usageOf as usageInfoOf } from '../normalize.js';

/** The answer text of candidate 0 (text parts that are not thoughts), as the SDK's `text` reads it. */
export function answerText(response: GenerateContentResponse | undefined): string {
  let text = '';
  for (const part of response?.candidates?.[0]?.content?.parts ?? []) {
    if (part.thought !== true && typeof part.text === 'string') text += part.text;
  }
  return text;
}

/** A new `GenerateContentResponse` with the given fields (so getters such as `text` work). */
export function makeResponse(fields: Partial<GenerateContentResponse>): GenerateContentResponse {
  return Object.assign(new GenerateContentResponse(), fields);
}

/** A chunk that carries only answer text, for text the guard adds to a stream (a kept prefix, a repair). */
export function textChunk(text: string, modelVersion?: string): GenerateContentResponse {
  return makeResponse({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0 }],
    ...(modelVersion === undefined ? {} : { modelVersion }),
  });
}

/**
 * Merge stream chunks into one response, as the non-stream call would have returned it: parts
 * of each candidate (by `index`, else position) kept in order and unchanged (thought signatures
 * stay on their parts); the last finish reason, ratings and citations; the last usage; the
 * first prompt feedback. When the SDK ran tools itself, its stream holds a `user` turn of
 * results after each model turn of calls: as in the non-stream call, the response is the last
 * model turn, and the turns before it go to `automaticFunctionCallingHistory` (only those turns:
 * the non-stream call's history also starts with the request's contents).
 */
export function mergeResponses(chunks: readonly GenerateContentResponse[]): GenerateContentResponse {
  const candidates = new Map<number, Candidate>();
  const toolTurns: Content[] = [];
  const merged: Partial<GenerateContentResponse> = {};
  for (const chunk of chunks) {
    if (chunk.promptFeedback && !merged.promptFeedback) merged.promptFeedback = chunk.promptFeedback;
    if (chunk.usageMetadata) merged.usageMetadata = chunk.usageMetadata;
    if (chunk.modelVersion) merged.modelVersion = chunk.modelVersion;
    if (chunk.responseId) merged.responseId = chunk.responseId;
    (chunk.candidates ?? []).forEach((candidate, position) => {
      const index = candidate.index ?? position;
      const previous = candidates.get(index) ?? {};
      if (candidate.content?.role === 'user') {
        // The results the SDK sent: the model turn so far and this one are history now.
        toolTurns.push({ role: 'model', parts: previous.content?.parts ?? [] }, candidate.content);
        candidates.delete(index);
        return;
      }
      const parts: Part[] = [...(previous.content?.parts ?? []), ...(candidate.content?.parts ?? [])];
      const { content: _content, ...rest } = candidate;
      candidates.set(index, { ...previous, ...rest, content: { role: 'model', parts } });
    });
  }
  if (candidates.size > 0)
    merged.candidates = [...candidates.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  if (toolTurns.length > 0) merged.automaticFunctionCallingHistory = toolTurns;
  return makeResponse(merged);
}

/**
 * A copy of `response` whose candidate-0 answer text is `text`: thought parts and non-text parts
 * (function calls) are kept in place; the answer text parts are replaced by one text part.
 */
export function withAnswerText(response: GenerateContentResponse, text: string): GenerateContentResponse {
  const [first, ...others] = response.candidates ?? [];
  const parts = first?.content?.parts ?? [];
  const kept: Part[] = [];
  let placed = false;
  for (const part of parts) {
    if (part.thought !== true && typeof part.text === 'string') {
      if (!placed) kept.push({ text });
      placed = true;
    } else {
      kept.push(part);
    }
  }
  if (!placed) kept.push({ text });
  const candidate: Candidate = { ...(first ?? { index: 0 }), content: { role: 'model', parts: kept } };
  return makeResponse({ ...response, candidates: [candidate, ...others] });
}

/** A copy of `response` whose candidate-0 parts start with `prefix` as a text part (a continued answer). */
export function withPrefix(response: GenerateContentResponse, prefix: string): GenerateContentResponse {
  const [first, ...others] = response.candidates ?? [];
  const parts: Part[] = [{ text: prefix }, ...(first?.content?.parts ?? [])];
  const candidate: Candidate = { ...(first ?? { index: 0 }), content: { role: 'model', parts } };
  return makeResponse({ ...response, candidates: [candidate, ...others] });
}

/** The finish reason of candidate 0, or of the prompt block (`BLOCKED:<reason>`) when there is no candidate. */
export function finishReasonOf(response: GenerateContentResponse | undefined): string | undefined {
  const reason = response?.candidates?.[0]?.finishReason;
  if (reason !== undefined) return String(reason);
  const block = response?.promptFeedback?.blockReason;
  return block === undefined ? undefined : `BLOCKED:${String(block)}`;
}

/** The usage of a response as plain data. */
export function usageOf(response: GenerateContentResponse | undefined): UsageInfo | undefined {
  return usageInfoOf(response?.usageMetadata);
}
