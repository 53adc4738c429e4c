import type { GuardEvent } from '../events.js';
import { normalizeHistory } from '../history.js';
import { createNormalizer, isRecord } from '../normalize.js';

/** How `gemini-guard inspect` read a file. */
export type InputKind = 'text' | 'response' | 'stream' | 'history' | 'sse';

/** A file turned into what the inspector consumes. */
export interface ParsedInput {
  readonly kind: InputKind;
  /** For `text`: the raw text, fed as text-delta events by the caller (so it can be chunked). */
  readonly text?: string;
  /** For responses, streams, SSE captures and histories: the chunks (or turns) to feed, in order. */
  readonly chunks?: readonly unknown[];
  /** Events for history input (already normalised). */
  readonly events?: readonly GuardEvent[];
  /** Problems met while reading that did not stop it (for example an SSE event that is not JSON). */
  readonly notes: readonly string[];
}

/** Split an SSE capture into its `data:` payloads, parsed as JSON. Events are separated by a blank line. */
export function parseSse(text: string): { chunks: unknown[]; notes: string[] } {
  const chunks: unknown[] = [];
  const notes: string[] = [];
  const events = text.split(/\r\n\r\n|\n\n|\r\r/);
  events.forEach((raw, index) => {
    const event = raw.trim();
    if (event === '') return;
    const data = event
      .split(/\r\n|\n|\r/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '') return;
    try {
      chunks.push(JSON.parse(data));
    } catch {
      notes.push(
        `SSE event ${index + 1} is not valid JSON and was skipped (it starts: ${data.slice(0, 40)})`,
      );
    }
  });
  return { chunks, notes };
}

function isResponseLike(value: unknown): boolean {
  return isRecord(value) && ('candidates' in value || 'promptFeedback' in value);
}

function isTurnLike(value: unknown): boolean {
  return isRecord(value) && typeof value.role === 'string' && Array.isArray(value.parts);
}

/**
 * Decide what a file holds, by its content (and a `.sse` name): an SSE capture, a response, the
 * chunks of one stream, a conversation history, or else model text (invalid JSON included).
 */
export function parseInput(content: string, name = ''): ParsedInput {
  const trimmed = content.trimStart();
  if (name.endsWith('.sse') || trimmed.startsWith('data:')) {
    const { chunks, notes } = parseSse(content);
    return { kind: 'sse', chunks, notes };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      return { kind: 'text', text: content, notes: [] };
    }
    if (isResponseLike(value)) return { kind: 'response', chunks: [value], notes: [] };
    if (Array.isArray(value) && value.length > 0) {
      if (value.every(isResponseLike)) return { kind: 'stream', chunks: value, notes: [] };
      if (value.every(isTurnLike)) return { kind: 'history', events: normalizeHistory(value), notes: [] };
    }
  }
  return { kind: 'text', text: content, notes: [] };
}

/**
 * The answer (or thought) text of each candidate, rebuilt from the chunks, so findings' offsets
 * can be shown as line:column and excerpts.
 */
export function candidateTexts(input: ParsedInput): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (event: GuardEvent) => {
    if (event.type !== 'text-delta' && event.type !== 'thought-delta') return;
    const key = `${event.candidate}:${event.type === 'text-delta' ? 'text' : 'thought'}`;
    texts.set(key, (texts.get(key) ?? '') + event.text);
  };
  if (input.text !== undefined) texts.set('0:text', input.text);
  if (input.events) for (const event of input.events) add(event);
  if (input.chunks) {
    const normalizer = createNormalizer();
    for (const chunk of input.chunks) for (const event of normalizer.push(chunk)) add(event);
  }
  return texts;
}
