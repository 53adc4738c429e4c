/**
 * Reads one JSON scalar or key for the tokenizer: strings (escapes and `\uXXXX` decoded), numbers
 * (the RFC 8259 grammar) and `true`/`false`/`null`. It hashes the token as it goes, keeps a key's
 * decoded text up to the key cap, cuts string values into words (for handlers with `stringWord`)
 * and reports number growth (`numberRun`). Each call says whether the token goes on, ended, or
 * failed. Strings and numbers are read in tight runs; escapes and literals a character at a time.
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
/** The token ended just before this character, which is read next as punctuation (numbers end so). */
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
  /** Words of string values are cut only for handlers that want them. */
  private readonly splitWords: boolean;
  private inWord = false;
  private wordHash = 0;
  private wordStart = 0;
  private wordLength = 0;

  constructor(
    private readonly handler: JsonHandler,
    private readonly maxKeyLength: number,
  ) {
    this.splitWords = typeof handler.stringWord === 'function';
  }

  /** True while characters can be read in a run with {@link scan}: plain string text, or digits. */
  get inRun(): boolean {
    return this.mode === IN_STRING || this.mode === IN_NUMBER;
  }

  /** A string (or key) opens with the quote at `position`. */
  beginString(position: number, isKey: boolean): void {
    this.kind = isKey ? 'key' : 'string';
    this.start = position;
    this.hash = isKey ? SEED_KEY : SEED_STRING;
    this.mode = IN_STRING;
    this.keyText = '';
    this.keyLength = 0;
    this.inWord = false;
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
   * Read a run from `from`: string text up to a quote or a backslash, or number characters up to
   * the first that cannot continue the number (or the piece's end). Returns the index to go on
   * from: after the quote or backslash, or at the character that ended the number;
   * {@link result} says what happened there.
   */
  scan(text: string, from: number, offset: number): number {
    if (this.mode === IN_NUMBER) return this.scanNumber(text, from, offset);
    const isKey = this.kind === 'key';
    const index = !isKey && this.splitWords ? this.scanWords(text, from, offset) : this.scanPlain(text, from);
    if (isKey && index > from) this.appendKey(text, from, index);
    if (index >= text.length) {
      this.result = SCALAR_MORE;
      return index;
    }
    if (text.charCodeAt(index) === 0x5c) {
      this.mode = IN_ESCAPE;
      this.result = SCALAR_MORE;
    } else {
      if (this.inWord) this.endWord(offset + index);
      this.result = SCALAR_DONE;
    }
    return index + 1;
  }

  /** String characters up to a quote or a backslash, hashed. */
  private scanPlain(text: string, from: number): number {
    let index = from;
    let hash = this.hash;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22 || code === 0x5c) break;
      hash = hashUnit(hash, code);
      index++;
    }
    this.hash = hash;
    return index;
  }

  /** Like {@link scanPlain}, also cutting the text into whitespace-separated words in the same pass. */
  private scanWords(text: string, from: number, offset: number): number {
    let index = from;
    let hash = this.hash;
    let inWord = this.inWord;
    let wordHash = this.wordHash;
    let wordFrom = from;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22 || code === 0x5c) break;
      hash = hashUnit(hash, code);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) {
        if (inWord) {
          inWord = false;
          this.wordHash = wordHash;
          this.wordLength += index - wordFrom;
          this.endWord(offset + index);
        }
      } else if (inWord) {
        wordHash = hashUnit(wordHash, code);
      } else {
        inWord = true;
        wordHash = hashUnit(SEED_STRING, code);
        wordFrom = index;
        this.wordStart = offset + index;
        this.wordLength = 0;
      }
      index++;
    }
    this.hash = hash;
    this.inWord = inWord;
    this.wordHash = wordHash;
    if (inWord) this.wordLength += index - wordFrom;
    return index;
  }

  private endWord(end: number): void {
    this.inWord = false;
    this.handler.stringWord?.(this.wordHash, this.wordLength, this.wordStart, end);
  }

  /** One character of an escape or a literal. */
  step(code: number, position: number): number {
    switch (this.mode) {
      case IN_ESCAPE:
        return this.stepEscape(code, position);
      case IN_UNICODE:
        return this.stepUnicode(code, position);
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
      if (this.splitWords) this.escapeInWords(decoded, backslash);
      return;
    }
    this.keyLength++;
    if (this.keyText.length < this.maxKeyLength) this.keyText += String.fromCharCode(decoded);
  }

  /** A decoded escape splits words when it is whitespace (`\n`, `\t`) and is part of one otherwise. */
  private escapeInWords(decoded: number, backslash: number): void {
    if (decoded === 0x20 || decoded === 0x0a || decoded === 0x0d || decoded === 0x09) {
      if (this.inWord) this.endWord(backslash);
      return;
    }
    if (!this.inWord) {
      this.inWord = true;
      this.wordHash = SEED_STRING;
      this.wordStart = backslash;
      this.wordLength = 0;
    }
    this.wordHash = hashUnit(this.wordHash, decoded);
    this.wordLength++;
  }

  private scanNumber(text: string, from: number, offset: number): number {
    let index = from;
    let state = this.numberState;
    let hash = this.hash;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      const next = nextNumberState(state, code);
      if (next < 0) break;
      state = next;
      hash = hashUnit(hash, code);
      index++;
    }
    this.numberState = state;
    this.hash = hash;
    if (index > from) this.handler.numberRun?.(this.start, offset + from, offset + index);
    if (index >= text.length) this.result = SCALAR_MORE;
    else if (isCompleteNumber(state)) this.result = SCALAR_ENDED_BEFORE;
    else this.result = this.fail('malformed number');
    return index;
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
