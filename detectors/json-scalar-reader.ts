/**
 * Reads one JSON scalar or key for the tokenizer: strings (escapes and `\uXXXX` decoded), numbers
 * (the RFC 8259 grammar) and `true`/`false`/`null`. It hashes the token as it goes, keeps a key's
 * decoded text up to the key cap, and passes string-value text and number characters to the
 * handler. Each call says whether the token goes on, ended, or failed.
 */
import type { JsonHandler, JsonScalarKind } from './json-events.js';
import { hashUnit, SEED_KEY, SEED_LITERAL, SEED_NUMBER, SEED_STRING } from './json-hash.js';
import {
  firstNumberState,
  hexValue,
  isCompleteNumber,
  LITERALS,
  nextNumberState,
  SIMPLE_ESCAPES,
} from './json-lexical.js';

/** The token goes on. */
export const SCALAR_MORE = 0;
/** The token ended with this character. */
export const SCALAR_DONE = 1;
/** The token ended just before this character, which must be read again (numbers end that way). */
export const SCALAR_ENDED_BEFORE = 2;
/** This character cannot continue the token; see {@link JsonScalarReader.failure}. */
export const SCALAR_FAILED = 3;

const IN_STRING = 0;
const IN_ESCAPE = 1;
const IN_UNICODE = 2;
const IN_NUMBER = 3;
const IN_LITERAL = 4;

/** See the file comment. One reader serves one tokenizer, one token at a time. */
export class JsonScalarReader {
  /** What is being read: a scalar kind, or `key`. */
  kind: JsonScalarKind | 'key' = 'string';
  start = 0;
  hash = 0;
  /** A key's decoded text, cut at the key cap, and its full length. */
  keyText = '';
  keyLength = 0;
  /** Why the last {@link SCALAR_FAILED} happened. */
  failure = '';
  /** After {@link scan}: what happened at the character where it stopped. */
  result = SCALAR_MORE;
  private mode = IN_STRING;
  private numberState = 0;
  private literal = '';
  private literalIndex = 0;
  private unicodeValue = 0;
  private unicodeCount = 0;

  constructor(
    private readonly handler: JsonHandler,
    private readonly maxKeyLength: number,
  ) {}

  /** True while plain string characters can be scanned in a run. */
  get inStringRun(): boolean {
    return this.mode === IN_STRING;
  }

  /** A string (or key) opens with the quote at `position`. */
  beginString(position: number, isKey: boolean): void {
    this.kind = isKey ? 'key' : 'string';
    this.start = position;
    this.hash = isKey ? SEED_KEY : SEED_STRING;
    this.mode = IN_STRING;
    this.keyText = '';
    this.keyLength = 0;
  }

  /** A number opens with `code` (`-` or a digit). */
  beginNumber(code: number, position: number): void {
    this.kind = 'number';
    this.start = position;
    this.mode = IN_NUMBER;
    this.numberState = firstNumberState(code);
    this.hash = hashUnit(SEED_NUMBER, code);
  }

  /** A literal may open with `code`; returns {@link SCALAR_FAILED} when no literal starts so. */
  beginLiteral(code: number, position: number): number {
    const literal = LITERALS.find((word) => word.charCodeAt(0) === code);
    if (literal === undefined) {
      this.failure = 'expected a value';
      return SCALAR_FAILED;
    }
    this.kind = 'literal';
    this.start = position;
    this.mode = IN_LITERAL;
    this.literal = literal;
    this.literalIndex = 1;
    this.hash = hashUnit(SEED_LITERAL, code);
    return SCALAR_MORE;
  }

  /**
   * Scan plain string characters from `from` up to a quote or a backslash (or the piece's end).
   * Returns the index after the character it stopped at; {@link result} says what that was.
   */
  scan(text: string, from: number, offset: number): number {
    let index = from;
    let hash = this.hash;
    let code = 0;
    while (index < text.length) {
      code = text.charCodeAt(index);
      if (code === 0x22 || code === 0x5c) break;
      hash = hashUnit(hash, code);
      index++;
    }
    this.hash = hash;
    if (index > from) {
      if (this.kind === 'key') this.appendKey(text, from, index);
      else this.handler.stringText?.(text, from, index, offset + from);
    }
    if (index >= text.length) {
      this.result = SCALAR_MORE;
      return index;
    }
    if (code === 0x5c) this.mode = IN_ESCAPE;
    this.result = code === 0x22 ? SCALAR_DONE : SCALAR_MORE;
    return index + 1;
  }

  /** One character of an escape, a number or a literal. */
  step(code: number, position: number): number {
    switch (this.mode) {
      case IN_ESCAPE:
        return this.stepEscape(code, position);
      case IN_UNICODE:
        return this.stepUnicode(code, position);
      case IN_NUMBER:
        return this.stepNumber(code, position);
      default:
        return this.stepLiteral(code);
    }
  }

  private appendKey(text: string, from: number, to: number): void {
    this.keyLength += to - from;
    const room = this.maxKeyLength - this.keyText.length;
    if (room > 0) this.keyText += text.slice(from, from + Math.min(room, to - from));
  }

  private stepEscape(code: number, position: number): number {
    if (code === 0x75) {
      this.mode = IN_UNICODE;
      this.unicodeValue = 0;
      this.unicodeCount = 0;
      return SCALAR_MORE;
    }
    const decoded = SIMPLE_ESCAPES.get(code);
    if (decoded === undefined) return this.fail('invalid escape in a string');
    this.emitEscape(decoded, position - 1);
    return SCALAR_MORE;
  }

  private stepUnicode(code: number, position: number): number {
    const value = hexValue(code);
    if (value < 0) return this.fail('invalid \\u escape in a string');
    this.unicodeValue = this.unicodeValue * 16 + value;
    // The backslash of `\uXXXX` sits five units before its last hex digit.
    if (++this.unicodeCount === 4) this.emitEscape(this.unicodeValue, position - 5);
    return SCALAR_MORE;
  }

  private emitEscape(decoded: number, backslash: number): void {
    this.mode = IN_STRING;
    this.hash = hashUnit(this.hash, decoded);
    if (this.kind !== 'key') {
      this.handler.stringEscape?.(decoded, backslash);
      return;
    }
    this.keyLength++;
    if (this.keyText.length < this.maxKeyLength) this.keyText += String.fromCharCode(decoded);
  }

  private stepNumber(code: number, position: number): number {
    const next = nextNumberState(this.numberState, code);
    if (next >= 0) {
      this.numberState = next;
      this.hash = hashUnit(this.hash, code);
      this.handler.numberChar?.(this.start, position);
      return SCALAR_MORE;
    }
    return isCompleteNumber(this.numberState) ? SCALAR_ENDED_BEFORE : this.fail('malformed number');
  }

  private stepLiteral(code: number): number {
    if (this.literal.charCodeAt(this.literalIndex) !== code) return this.fail('expected true, false or null');
    this.hash = hashUnit(this.hash, code);
    return ++this.literalIndex === this.literal.length ? SCALAR_DONE : SCALAR_MORE;
  }

  private fail(reason: string): number {
    this.failure = reason;
    return SCALAR_FAILED;
  }
}
