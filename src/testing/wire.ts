import { isRecord } from '../normalize.js';
import { estimateTokens } from './text-chunks.js';

type WireChunk = Record<string, unknown>;
type Part = Record<string, unknown>;

const USAGE_PARTS = [
  'promptTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
];

/** Characters of text in the request's `contents` and `systemInstruction` parts. */
export function promptCharacters(body: Readonly<Record<string, unknown>>): number {
  let characters = 0;
  const contents = Array.isArray(body.contents) ? body.contents : [];
  for (const content of [...contents, body.systemInstruction]) {
    if (!isRecord(content) || !Array.isArray(content.parts)) continue;
    for (const part of content.parts) {
      if (isRecord(part) && typeof part.text === 'string') characters += part.text.length;
    }
  }
  return characters;
}

/**
 * Complete a scripted chunk from the request: the prompt's token count in `usageMetadata` (and a
 * total that includes it) and `modelVersion` when the script left it out. Returns a copy.
 */
export function fillChunk(chunk: WireChunk, promptTokens: number, model: string): WireChunk {
  const filled: WireChunk = { ...chunk };
  if (isRecord(chunk.usageMetadata)) {
    const usage: Record<string, unknown> = { promptTokenCount: promptTokens, ...chunk.usageMetadata };
    let total = 0;
    for (const key of USAGE_PARTS) total += typeof usage[key] === 'number' ? usage[key] : 0;
    usage.totalTokenCount = total;
    filled.usageMetadata = usage;
  }
  if (filled.modelVersion === undefined) filled.modelVersion = model;
  return filled;
}

/** Tokens of the request's prompt text, by the same rule as the reply's usage. */
export function promptTokensOf(body: Readonly<Record<string, unknown>>): number {
  return estimateTokens(promptCharacters(body));
}

/**
 * Merge stream chunks into the one response the non-stream endpoint returns: per candidate
 * (by `index`, else position) consecutive text parts of the same kind (thought or answer) are
 * joined and other parts kept in order; the last finish fields, ratings and citations win;
 * top-level fields come from the last chunk that has them, `promptFeedback` from the first.
 */
export function mergeChunks(chunks: readonly WireChunk[]): WireChunk {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const merged: WireChunk = {};
  const candidates = new Map<number, Record<string, unknown>>();
  for (const chunk of chunks) {
    for (const [key, value] of Object.entries(chunk)) {
      if (key === 'candidates') continue;
      if (key === 'promptFeedback' && merged.promptFeedback !== undefined) continue;
      merged[key] = value;
    }
    const list = Array.isArray(chunk.candidates) ? chunk.candidates : [];
    list.forEach((candidate, position) => {
      if (!isRecord(candidate)) return;
      const index = typeof candidate.index === 'number' ? candidate.index : position;
      candidates.set(index, mergeCandidate(candidates.get(index), candidate));
    });
  }
  if (candidates.size > 0) {
    merged.candidates = [...candidates.entries()].sort(([a], [b]) => a - b).map(([, candidate]) => candidate);
  }
  return merged;
}

function mergeCandidate(
  previous: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...previous };
  for (const [key, value] of Object.entries(next)) {
    if (key !== 'content') merged[key] = value;
  }
  const before = isRecord(previous?.content) ? previous.content : undefined;
  const after = isRecord(next.content) ? next.content : undefined;
  if (before || after) {
    const parts: Part[] = Array.isArray(before?.parts) ? [...before.parts] : [];
    for (const part of Array.isArray(after?.parts) ? after.parts : []) appendPart(parts, part);
    merged.content = { ...before, ...after, parts };
  }
  return merged;
}

/** Append `part`, joining it to the previous part when both are text of the same kind. */
function appendPart(parts: Part[], part: unknown): void {
  if (!isRecord(part)) return;
  const previous = parts[parts.length - 1];
  if (previous && isJoinableText(previous) && isJoinableText(part) && previous.thought === part.thought) {
    parts[parts.length - 1] = { ...previous, ...part, text: `${previous.text}${part.text}` };
    return;
  }
  parts.push({ ...part });
}

function isJoinableText(part: Part): part is Part & { text: string } {
  return (
    typeof part.text === 'string' &&
    !Object.keys(part).some((key) => key !== 'text' && key !== 'thought' && key !== 'thoughtSignature')
  );
}
