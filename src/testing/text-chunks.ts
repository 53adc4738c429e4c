import type { TextReplyOptions } from './reply-builders.js';

/**
 * Characters per token for the automatic usage figures: Google's rule of thumb for Gemini
 * ("a token is about four characters"). Only the shape of the numbers matters to tests.
 */
export const CHARS_PER_TOKEN = 4;

type WireChunk = Record<string, unknown>;
type Part = Record<string, unknown>;

/** Tokens for `characters` characters, rounded up, by {@link CHARS_PER_TOKEN}. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / CHARS_PER_TOKEN);
}

/** One chunk's parts and how many answer and thought characters they add. */
interface Piece {
  readonly parts: Part[];
  readonly answerChars: number;
  readonly thoughtChars: number;
}

/** Build the wire chunks of a text reply (see `TextReplyOptions` for the order). */
export function buildTextChunks(options: TextReplyOptions): WireChunk[] {
  const pieces = piecesOf(options);
  // A reply with nothing to say (a SAFETY stop, say) is one chunk whose candidate has no content.
  if (pieces.length === 0) pieces.push({ parts: [], answerChars: 0, thoughtChars: 0 });
  let answerChars = 0;
  let thoughtChars = 0;
  const hasThoughts = (options.thoughts?.length ?? 0) > 0;
  return pieces.map((piece, position) => {
    answerChars += piece.answerChars;
    thoughtChars += piece.thoughtChars;
    const last = position === pieces.length - 1;
    const chunk: WireChunk = { candidates: [candidateOf(piece.parts, last, options)] };
    if (position === 0 && options.promptFeedback) chunk.promptFeedback = { ...options.promptFeedback };
    const usage = usageOf(options, last, answerChars, hasThoughts ? thoughtChars : undefined);
    if (usage) chunk.usageMetadata = usage;
    if (options.modelVersion !== undefined) chunk.modelVersion = options.modelVersion;
    if (options.responseId !== undefined) chunk.responseId = options.responseId;
    return chunk;
  });
}

function piecesOf(options: TextReplyOptions): Piece[] {
  const pieces: Piece[] = [];
  for (const thought of options.thoughts ?? []) {
    pieces.push({ parts: [{ text: thought, thought: true }], answerChars: 0, thoughtChars: thought.length });
  }
  const texts = options.chunks ?? splitText(options.text ?? '', options.chunkSize);
  for (const text of texts) pieces.push({ parts: [{ text }], answerChars: text.length, thoughtChars: 0 });
  const calls = options.functionCalls ?? [];
  if (calls.length > 0) {
    let characters = 0;
    const parts = calls.map((call) => {
      const args = { ...(call.args ?? {}) };
      characters += call.name.length + JSON.stringify(args).length;
      return { functionCall: { name: call.name, args, ...(call.id === undefined ? {} : { id: call.id }) } };
    });
    pieces.push({ parts, answerChars: characters, thoughtChars: 0 });
  }
  return pieces;
}

/** Cut `text` every `size` UTF-16 units (whole when no size), never inside a surrogate pair. */
export function splitText(text: string, size?: number): string[] {
  if (text === '') return [];
  if (size === undefined) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const before = text.charCodeAt(end - 1);
    if (end < text.length && before >= 0xd800 && before <= 0xdbff) end += end - start > 1 ? -1 : 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function candidateOf(parts: Part[], last: boolean, options: TextReplyOptions): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  if (parts.length > 0) candidate.content = { parts, role: 'model' };
  if (last) {
    const finishReason = options.finishReason === undefined ? 'STOP' : options.finishReason;
    if (finishReason !== null) candidate.finishReason = finishReason;
    if (options.finishMessage !== undefined) candidate.finishMessage = options.finishMessage;
    if (options.safetyRatings)
      candidate.safetyRatings = options.safetyRatings.map((rating) => ({ ...rating }));
    if (options.citations) {
      candidate.citationMetadata = {
        citationSources: options.citations.map((citation) => ({ ...citation })),
      };
    }
  }
  candidate.index = 0;
  return candidate;
}

function usageOf(
  options: TextReplyOptions,
  last: boolean,
  answerChars: number,
  thoughtChars: number | undefined,
): Record<string, number> | undefined {
  if (options.usage === null) return undefined;
  if (options.usage !== undefined) return last ? { ...options.usage } : undefined;
  const candidatesTokenCount = estimateTokens(answerChars);
  const thoughts = thoughtChars === undefined ? undefined : estimateTokens(thoughtChars);
  return {
    candidatesTokenCount,
    ...(thoughts === undefined ? {} : { thoughtsTokenCount: thoughts }),
    totalTokenCount: candidatesTokenCount + (thoughts ?? 0),
  };
}
