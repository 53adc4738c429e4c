/**
 * Decides, character by character, whether a model's answer is JSON: it is when the first
 * non-whitespace character is `{` or `[`, or when the answer opens with a fence line
 * (```` ```json ```` or a bare ```` ``` ````, since models wrap JSON in fences) followed by `{` or `[`.
 */
import { isJsonWhitespace } from './json-lexical.js';

/** Keep feeding: nothing decided yet. */
export const PRELUDE_WAIT = 0;
/** This character is the root `{` or `[`. */
export const PRELUDE_ROOT = 1;
/** The answer is not JSON. */
export const PRELUDE_NOT_JSON = 2;

/** What {@link JsonPrelude.step} decided. */
export type PreludeVerdict = typeof PRELUDE_WAIT | typeof PRELUDE_ROOT | typeof PRELUDE_NOT_JSON;

/** A fence needs at least three backticks (CommonMark). */
const MIN_FENCE_TICKS = 3;
/** Longer language tags cannot be `json`; stop collecting there. */
const MAX_FENCE_TAG = 8;
const BYTE_ORDER_MARK = 0xfeff;
const BACKTICK = 0x60;

/** The state machine before the root value. */
export class JsonPrelude {
  /** True once a fence line was read. */
  fenced = false;
  private inFenceLine = false;
  private ticks = 0;
  private tag = '';

  /** Read one character. */
  step(code: number): PreludeVerdict {
    if (this.inFenceLine) return this.stepFenceLine(code);
    if (isJsonWhitespace(code) || code === BYTE_ORDER_MARK) return PRELUDE_WAIT;
    if (code === 0x7b || code === 0x5b) return PRELUDE_ROOT;
    if (code !== BACKTICK || this.fenced) return PRELUDE_NOT_JSON;
    this.inFenceLine = true;
    this.ticks = 1;
    return PRELUDE_WAIT;
  }

  /** Forget everything. */
  reset(): void {
    this.fenced = false;
    this.inFenceLine = false;
    this.ticks = 0;
    this.tag = '';
  }

  private stepFenceLine(code: number): PreludeVerdict {
    if (code === BACKTICK && this.tag === '') {
      this.ticks++;
      return PRELUDE_WAIT;
    }
    if (this.ticks < MIN_FENCE_TICKS) return PRELUDE_NOT_JSON;
    if (code === 0x0a) {
      this.inFenceLine = false;
      this.fenced = true;
      return this.tag === '' || this.tag === 'json' ? PRELUDE_WAIT : PRELUDE_NOT_JSON;
    }
    if (code === 0x20 || code === 0x09 || code === 0x0d) return PRELUDE_WAIT;
    this.tag += String.fromCharCode(code >= 0x41 && code <= 0x5a ? code | 0x20 : code);
    return this.tag.length > MAX_FENCE_TAG ? PRELUDE_NOT_JSON : PRELUDE_WAIT;
  }
}
