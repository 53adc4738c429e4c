import type { GenerateContentParameters } from '@google/genai';
import { collectRequestTexts, setAtPath } from '../request/request-texts.js';

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const LOWER_U = 0x75;
const LOWER_T = 0x74;
/** Length of `\uXXXX`. */
const UNICODE_ESCAPE_LENGTH = 6;

/** A text with its `\u` and `\t` escapes rewritten, and how many were. */
export interface EscapeRewrite {
  readonly text: string;
  readonly count: number;
}

/** One escape {@link rewriteEscapes} rewrites: where it starts, how long it is, what it becomes. */
export interface EscapeSequence {
  readonly at: number;
  readonly length: number;
  readonly replacement: string;
}

/**
 * The escape sequences the guide says models imitate into newline floods, in order, each with
 * what it should be written as: `\uXXXX` becomes the character itself (a surrogate pair
 * `\uD83D\uDE00` is one escape and becomes one emoji) and `\t` becomes a tab. So that JSON
 * examples stay valid, `\u000a`, `\u0022` and `\u005c` become the allowed escapes `\n`, `\"` and
 * `\\`. Not listed: escaped backslashes (`\\u0041` is a backslash and `u0041`), lone surrogates
 * and other control characters (no character to write), and an escape that is the whole of an
 * inline code span (`` `\t` ``), which names the escape rather than uses it (the escape-policy
 * snippet does that). The request lint and the rewrite both read escapes through this function.
 */
export function findEscapes(text: string): EscapeSequence[] {
  const found: EscapeSequence[] = [];
  let index = text.indexOf('\\');
  while (index >= 0) {
    let runEnd = index;
    while (text.charCodeAt(runEnd) === BACKSLASH) runEnd += 1;
    const run = runEnd - index;
    // An even run is escaped backslashes; an odd run's last backslash starts an escape.
    const escapeAt = runEnd - 1;
    const sequence = run % 2 === 0 ? undefined : readEscape(text, escapeAt);
    if (sequence === undefined || isMention(text, escapeAt, sequence.length, run - 1)) {
      index = text.indexOf('\\', runEnd);
      continue;
    }
    found.push({ at: escapeAt, length: sequence.length, replacement: sequence.replacement });
    index = text.indexOf('\\', escapeAt + sequence.length);
  }
  return found;
}

/** `text` with every escape {@link findEscapes} lists written as it says, and how many there were. */
export function rewriteEscapes(text: string): EscapeRewrite {
  const escapes = findEscapes(text);
  if (escapes.length === 0) return { text, count: 0 };
  const out: string[] = [];
  let copied = 0;
  for (const sequence of escapes) {
    out.push(text.slice(copied, sequence.at), sequence.replacement);
    copied = sequence.at + sequence.length;
  }
  out.push(text.slice(copied));
  return { text: out.join(''), count: escapes.length };
}

/** The rewrite of the escape at `at` (a backslash), or undefined when it is kept. */
function readEscape(text: string, at: number): { replacement: string; length: number } | undefined {
  const kind = text.charCodeAt(at + 1);
  if (kind === LOWER_T) return { replacement: '\t', length: 2 };
  if (kind !== LOWER_U) return undefined;
  const code = hex4(text, at + 2);
  if (code === undefined) return undefined;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(at + UNICODE_ESCAPE_LENGTH) === BACKSLASH ? hex4(text, at + 8) : undefined;
    if (text.charCodeAt(at + 7) !== LOWER_U || low === undefined || low < 0xdc00 || low > 0xdfff)
      return undefined;
    return { replacement: String.fromCharCode(code, low), length: 2 * UNICODE_ESCAPE_LENGTH };
  }
  if (code >= 0xdc00 && code <= 0xdfff) return undefined;
  const replacement = characterFor(code);
  return replacement === undefined ? undefined : { replacement, length: UNICODE_ESCAPE_LENGTH };
}

function characterFor(code: number): string | undefined {
  if (code === 0x0a) return '\\n';
  if (code === 0x22) return '\\"';
  if (code === 0x5c) return '\\\\';
  if (code === 0x09) return '\t';
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return undefined;
  return String.fromCharCode(code);
}

function hex4(text: string, at: number): number | undefined {
  const digits = text.slice(at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : undefined;
}

/** `` `\t` ``: a code span holding nothing but the escape (a single backslash before it). */
function isMention(text: string, at: number, length: number, extraBackslashes: number): boolean {
  return (
    extraBackslashes === 0 &&
    text.charCodeAt(at - 1) === BACKTICK &&
    text.charCodeAt(at + length) === BACKTICK
  );
}

/** A request with its escapes rewritten, and how many were. */
export interface RequestEscapeRewrite {
  readonly request: GenerateContentParameters;
  readonly count: number;
}

/**
 * Rewrite the escapes in the request's own texts: user contents, the system instruction and the
 * descriptions and examples of the response schema. Model turns are left exactly as they were
 * (Gemini 3 checks replayed model parts against their thought signatures). Never mutates.
 */
export function rewriteRequestEscapes(request: GenerateContentParameters): RequestEscapeRewrite {
  let result = request;
  let count = 0;
  for (const item of collectRequestTexts(request)) {
    if (item.role === 'model') continue;
    const rewritten = rewriteEscapes(item.text);
    if (rewritten.count === 0) continue;
    count += rewritten.count;
    result = setAtPath(result, item.path, rewritten.text);
  }
  return { request: result, count };
}

/** How many `\u` and `\t` escapes the request's own texts hold (what {@link rewriteRequestEscapes} would rewrite). */
export function countRequestEscapes(request: GenerateContentParameters): number {
  let count = 0;
  for (const item of collectRequestTexts(request)) {
    if (item.role !== 'model') count += rewriteEscapes(item.text).count;
  }
  return count;
}
