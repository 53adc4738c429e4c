import type { GuardEvent } from '../../src/events.js';
import type { Detector, Finding } from '../../src/finding.js';
import { splitEvery, splitRandomly } from './feed.js';

/**
 * Test support for the finish and block classifiers:
 * - a tolerant reader that turns pasted responses (truncated JSON, PHP var_dump, snake_case
 *   pseudo-JSON, protobuf text, SSE streams) into Gemini-shaped response objects. It copies the
 *   fields it finds (finishReason, blockReason, safety ratings, citations, usage, streamed text);
 *   it never decides what a case means.
 * - a feeder that sends the same answer text split every way, followed by closing events.
 */

type Json = Record<string, unknown>;

/** A field found in a dump: key (camelCase) and its scalar value, in document order. */
interface Field {
  readonly at: number;
  readonly key: string;
  readonly value: string | number | boolean;
}

const RATING_KEYS = new Set(['category', 'probability', 'blocked']);
const CITATION_KEYS = new Set(['startIndex', 'endIndex', 'uri', 'title', 'license']);
const USAGE_KEYS = new Set([
  'promptTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'totalTokenCount',
]);

/** `"key": "text" | number | true | false` in JSON or pseudo-JSON (closed strings only). */
const JSON_FIELD =
  /"([A-Za-z_]+)"\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(true|false))/g;
/** PHP var_dump: `["key"]=>` then `enum(A\B::VALUE)`, `string(n) "text"`, `int(n)`, `float(n)` or `bool(b)`. */
const PHP_FIELD =
  /\["([A-Za-z_]+)"\]=>\s*(?:enum\([^)]*?::(\w+)\)|string\(\d+\)\s*"([^"]*)"|(?:int|float)\((-?[\d.eE+-]+)\)|bool\((true|false)\))/g;
/** Protobuf text format: `key: VALUE` or `key: "text"` alone on a line. */
const PROTO_FIELD = /^[ \t]*([A-Za-z_]\w*)[ \t]*:[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|([^\s{}"]+))[ \t]*$/gm;

/**
 * Read a pasted response. Returns the chunks a stream would deliver: several for an SSE paste
 * (`data:` lines; unparseable lines, such as a cut last line, are skipped), else one response.
 * Whole JSON is used as it is; anything else is scanned for fields.
 */
export function readResponseDump(text: string): Json[] {
  if (/^data:/m.test(text)) return readServerSentEvents(text);
  const parsed = tryParse(text);
  if (parsed && ('candidates' in parsed || 'promptFeedback' in parsed)) return [parsed];
  return [responseFromFields(scanFields(text))];
}

function tryParse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function readServerSentEvents(text: string): Json[] {
  const chunks: Json[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const payload = tryParse(line.slice('data:'.length).trim());
    if (!payload) continue;
    if (Array.isArray(payload.choices)) chunks.push(fromChatCompletionChunk(payload.choices));
    else chunks.push(payload);
  }
  return chunks;
}

/** An OpenAI-style chunk (as LiteLLM relays Gemini): `choices[].delta.content`, `finish_reason`. */
function fromChatCompletionChunk(choices: unknown[]): Json {
  const candidates = choices.map((choice, position) => {
    const record = (typeof choice === 'object' && choice !== null ? choice : {}) as Json;
    const delta = (typeof record.delta === 'object' && record.delta !== null ? record.delta : {}) as Json;
    const text = typeof delta.content === 'string' ? delta.content : '';
    return {
      index: typeof record.index === 'number' ? record.index : position,
      content: { role: 'model', parts: text === '' ? [] : [{ text }] },
      ...(typeof record.finish_reason === 'string' ? { finishReason: record.finish_reason } : {}),
    };
  });
  return { candidates };
}

function scanFields(text: string): Field[] {
  const fields: Field[] = [];
  for (const match of text.matchAll(JSON_FIELD)) {
    fields.push(field(match.index, match[1], match[2] ?? match[3] ?? match[4]));
  }
  for (const match of text.matchAll(PHP_FIELD)) {
    fields.push(field(match.index, match[1], match[2] ?? match[3] ?? match[4] ?? match[5]));
  }
  for (const match of text.matchAll(PROTO_FIELD)) {
    fields.push(field(match.index, match[1], match[2] ?? match[3]));
  }
  return fields.sort((a, b) => a.at - b.at);
}

function field(at: number, rawKey: string | undefined, raw: string | undefined): Field {
  const key = (rawKey ?? '').replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const text = raw ?? '';
  const value =
    text === 'true' ? true : text === 'false' ? false : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return { at, key, value };
}

/** Group consecutive fields into objects, starting a new one when a key comes again. */
function addToGroups(groups: Json[], key: string, value: unknown): void {
  const current = groups.at(-1);
  if (!current || key in current) groups.push({ [key]: value });
  else current[key] = value;
}

function responseFromFields(fields: readonly Field[]): Json {
  const candidate: Json = {};
  const feedback: Json = {};
  const ratings: Json[] = [];
  const citations: Json[] = [];
  const usage: Json = {};
  for (const { key, value } of fields) {
    if (key === 'finishReason' && !('finishReason' in candidate)) candidate.finishReason = value;
    else if (key === 'blockReason' && !('blockReason' in feedback)) feedback.blockReason = value;
    else if (RATING_KEYS.has(key)) addToGroups(ratings, key, value);
    else if (CITATION_KEYS.has(key)) addToGroups(citations, key, value);
    else if (USAGE_KEYS.has(key) && typeof value === 'number') usage[key] = value;
  }
  // Ratings without a finish reason beside a block reason are the prompt's own.
  if ('blockReason' in feedback && !('finishReason' in candidate)) feedback.safetyRatings = ratings;
  else if (ratings.length > 0) candidate.safetyRatings = ratings;
  if (citations.length > 0) candidate.citationMetadata = { citationSources: citations };
  return {
    ...(Object.keys(candidate).length > 0 ? { candidates: [candidate] } : {}),
    ...(Object.keys(feedback).length > 0 ? { promptFeedback: feedback } : {}),
    ...(Object.keys(usage).length > 0 ? { usageMetadata: usage } : {}),
  };
}

/**
 * Feed the same answer text whole, one character at a time, in 7- and 64-char pieces and at two
 * random splittings, each to a fresh detector, followed by the events `closing(textLength)` makes;
 * then end the detector. Returns the findings of each way, keyed by a label.
 */
export function feedTextThen(
  create: () => Detector,
  text: string,
  closing: (textLength: number) => GuardEvent[],
): Record<string, Finding[]> {
  const ways: Record<string, string[]> = {
    whole: [text],
    'one char': splitEvery(text, 1),
    '7 chars': splitEvery(text, 7),
    '64 chars': splitEvery(text, 64),
    'random 1': splitRandomly(text, 11),
    'random 2': splitRandomly(text, 12, 5),
  };
  const out: Record<string, Finding[]> = {};
  for (const [label, pieces] of Object.entries(ways)) {
    const detector = create();
    const findings: Finding[] = [];
    let offset = 0;
    for (const piece of pieces) {
      if (piece === '') continue;
      findings.push(...detector.push({ type: 'text-delta', candidate: 0, text: piece, offset }));
      offset += piece.length;
    }
    for (const event of closing(offset)) findings.push(...detector.push(event));
    findings.push(...detector.end());
    out[label] = findings;
  }
  return out;
}
