/**
 * An incremental, truncation-tolerant JSON tokenizer: a character-level state machine that turns
 * a model's answer into structural events (see `json-events.ts`) with absolute offsets, the same
 * events whatever way the text is split into pieces. `json-prelude.ts` decides whether the answer
 * is JSON at all; if not, the rest is ignored cheaply.
 *
 * Deliberate leniency: raw control characters (a raw newline, say) inside strings are accepted,
 * because models emit them and the loops we look for often sit in such strings; `JSON.parse` still
 * rejects the document, and `schema-invalid` reports that.
 *
 * Bounded memory: nesting deeper than `maxDepth` is an error; keys are kept decoded only up to
 * `maxKeyLength` units (longer ones are cut; their hash still covers every unit). On bad input the
 * tokenizer calls `error` once and ignores the rest. It never throws.
 */
import {
  CONTAINER_ARRAY as ARRAY,
  JsonContainerStack,
  CONTAINER_KIND_NAMES as KIND_NAMES,
  CONTAINER_OBJECT as OBJECT,
} from './json-container-stack.js';
import type { JsonHandler, JsonScalarKind, JsonStatus } from './json-events.js';
import { mixHash } from './json-hash.js';
import { isDigit, isJsonWhitespace } from './json-lexical.js';
import { JsonPrelude, PRELUDE_NOT_JSON, PRELUDE_ROOT } from './json-prelude.js';
import {
  JsonScalarReader,
  SCALAR_DONE,
  SCALAR_ENDED_BEFORE,
  SCALAR_FAILED,
  SCALAR_MORE,
} from './json-scalar-reader.js';

/** Nesting cap. Legit JSON in the corpus nests at most 10 deep; 256 leaves a wide margin. */
export const DEFAULT_MAX_DEPTH = 256;
/** Key cap in UTF-16 units. The longest key in the legit JSON corpus has 45 units. */
export const DEFAULT_MAX_KEY_LENGTH = 128;

/** Tokenizer limits (defaults {@link DEFAULT_MAX_DEPTH} and {@link DEFAULT_MAX_KEY_LENGTH}). */
export interface JsonTokenizerOptions {
  readonly maxDepth?: number;
  readonly maxKeyLength?: number;
}

// States. The last three ignore all further input.
const PRELUDE = 0;
const VALUE = 1;
const VALUE_OR_END = 2;
const KEY_OR_END = 3;
const KEY = 4;
const COLON = 5;
const AFTER_VALUE = 6;
/** Inside a string, number or literal: the scalar reader has it. */
const SCALAR = 7;
const AFTER_ROOT = 8;
const DONE = 9;
const ERROR = 10;
const NOT_JSON = 11;

/** Feed pieces with {@link JsonTokenizer.write}; read {@link JsonTokenizer.status} at the end. */
export class JsonTokenizer extends JsonContainerStack {
  /** Characters looked at so far (for work meters). */
  units = 0;
  /** Offset of the root `{` or `[`, or -1. */
  rootStart = -1;
  /** Offset one past the root's closing bracket, or -1. */
  rootEnd = -1;
  /** Where and why the input stopped being JSON (when {@link status} is `error`). */
  errorOffset = -1;
  errorReason = '';
  /** Offset of the character that showed the answer is not JSON, or -1. */
  notJsonOffset = -1;

  private readonly prelude = new JsonPrelude();
  private state = PRELUDE;
  private readonly reader: JsonScalarReader;

  constructor(
    private readonly handler: JsonHandler,
    options: JsonTokenizerOptions = {},
  ) {
    super(options.maxDepth ?? DEFAULT_MAX_DEPTH);
    this.reader = new JsonScalarReader(handler, options.maxKeyLength ?? DEFAULT_MAX_KEY_LENGTH);
  }

  /** Where the tokenizer stands now. */
  get status(): JsonStatus {
    const state = this.state;
    if (state === PRELUDE) return 'waiting';
    if (state === NOT_JSON) return 'not-json';
    if (state === ERROR) return 'error';
    return state >= AFTER_ROOT ? 'complete' : 'open';
  }

  /** True once further input cannot change anything (not JSON, an error, or past a closing fence). */
  get idle(): boolean {
    return this.state >= DONE;
  }

  /** True when the answer opened with a code fence line. */
  get fenced(): boolean {
    return this.prelude.fenced;
  }

  /** Feed one piece that starts at absolute offset `offset`. */
  write(text: string, offset: number): void {
    const reader = this.reader;
    const length = text.length;
    let index = 0;
    while (index < length) {
      const state = this.state;
      if (state >= DONE) {
        this.units += length - index;
        return;
      }
      if (state === SCALAR && reader.inRun) {
        index = this.scanRun(text, index, offset);
        continue;
      }
      const code = text.charCodeAt(index);
      this.units++;
      // Whitespace between tokens is the commonest character in pretty-printed JSON: skip it here.
      if (state !== SCALAR && state !== PRELUDE && isJsonWhitespace(code)) index++;
      else if (this.step(code, offset + index)) index++;
    }
  }

  /** A run of string characters or number digits; returns the index to go on from. */
  private scanRun(text: string, index: number, offset: number): number {
    const reader = this.reader;
    const next = reader.scan(text, index, offset);
    this.units += next - index;
    const result = reader.result;
    if (result === SCALAR_FAILED) this.fail(offset + next, reader.failure);
    // A string ends with its quote (scanned); a number ends before the character that stops it
    // (not scanned): either way the token ends at `next`.
    else if (result !== SCALAR_MORE) this.scalarDone(offset + next);
    return next;
  }

  /** Forget everything. */
  reset(): void {
    this.prelude.reset();
    this.state = PRELUDE;
    this.depth = 0;
    this.units = 0;
    this.rootStart = -1;
    this.rootEnd = -1;
    this.errorOffset = -1;
    this.errorReason = '';
    this.notJsonOffset = -1;
  }

  /** One character outside a string run. Returns false when the character must be read again. */
  private step(code: number, position: number): boolean {
    switch (this.state) {
      case PRELUDE: {
        const verdict = this.prelude.step(code);
        if (verdict === PRELUDE_ROOT) this.openContainer(code === 0x7b ? OBJECT : ARRAY, position);
        else if (verdict === PRELUDE_NOT_JSON) {
          this.state = NOT_JSON;
          this.notJsonOffset = position;
        }
        return true;
      }
      case SCALAR: {
        const result = this.reader.step(code, position);
        if (result === SCALAR_FAILED) this.fail(position, this.reader.failure);
        else if (result !== SCALAR_MORE) this.scalarDone(result === SCALAR_DONE ? position + 1 : position);
        return result !== SCALAR_ENDED_BEFORE;
      }
      default:
        if (!isJsonWhitespace(code)) this.stepStructure(code, position);
        return true;
    }
  }

  /** Between tokens: punctuation, and the first character of a value or a key. */
  private stepStructure(code: number, position: number): void {
    switch (this.state) {
      case VALUE:
      case VALUE_OR_END:
        if (code === 0x5d && this.state === VALUE_OR_END) this.closeContainer(ARRAY, position);
        else this.beginValue(code, position);
        return;
      case KEY_OR_END:
      case KEY:
        if (code === 0x22) this.beginKey(position);
        else if (code === 0x7d && this.state === KEY_OR_END) this.closeContainer(OBJECT, position);
        else this.fail(position, 'expected a quoted key');
        return;
      case COLON:
        if (code === 0x3a) this.state = VALUE;
        else this.fail(position, 'expected ":" after a key');
        return;
      case AFTER_VALUE:
        if (code === 0x2c) this.nextItem();
        else if (code === 0x7d || code === 0x5d)
          this.closeContainer(code === 0x7d ? OBJECT : ARRAY, position);
        else this.fail(position, 'expected "," or a closing bracket');
        return;
      default:
        // After the root only a closing fence may come, and only when the answer opened with one.
        if (code === 0x60 && this.prelude.fenced) this.state = DONE;
        else this.fail(position, 'unexpected text after the JSON value');
    }
  }

  private nextItem(): void {
    if (this.kinds[this.depth] === ARRAY) {
      this.indexes[this.depth] = (this.indexes[this.depth] ?? 0) + 1;
      this.state = VALUE;
    } else this.state = KEY;
  }

  private beginValue(code: number, position: number): void {
    if (code === 0x7b || code === 0x5b) {
      this.openContainer(code === 0x7b ? OBJECT : ARRAY, position);
      return;
    }
    if (code === 0x22) this.reader.beginString(position, false);
    else if (code === 0x2d || isDigit(code)) this.reader.beginNumber(code, position);
    else if (this.reader.beginLiteral(code, position) === SCALAR_FAILED) {
      this.fail(position, this.reader.failure);
      return;
    }
    this.state = SCALAR;
    const kind = this.reader.kind as JsonScalarKind;
    this.handler.scalarStart?.(kind, position, this.depth);
    if (kind === 'number') this.handler.numberRun?.(position, position, position + 1);
  }

  private beginKey(position: number): void {
    this.reader.beginString(position, true);
    this.state = SCALAR;
  }

  /** The scalar reader finished a token that ends (exclusive) at `end`. */
  private scalarDone(end: number): void {
    const reader = this.reader;
    if (reader.kind !== 'key') {
      this.handler.scalarEnd?.(reader.kind, reader.start, end, reader.hash, this.depth);
      this.valueDone(reader.hash, end);
      return;
    }
    const level = this.depth;
    this.keys[level] = reader.keyText;
    this.hashes[level] = mixHash(this.hashes[level] ?? 0, reader.hash);
    this.state = COLON;
    this.handler.key?.(reader.keyText, reader.start, end, reader.hash, level, reader.keyLength);
  }

  private openContainer(kind: number, position: number): void {
    if (this.depth >= this.maxDepth) {
      this.fail(position, `nesting deeper than ${this.maxDepth} levels`);
      return;
    }
    if (this.depth === 0) this.rootStart = position;
    const level = this.pushLevel(kind, position);
    this.state = kind === OBJECT ? KEY_OR_END : VALUE_OR_END;
    this.handler.containerStart?.(KIND_NAMES[kind] ?? 'object', position, level);
  }

  private closeContainer(kind: number, position: number): void {
    const level = this.depth;
    if (this.kinds[level] !== kind) {
      this.fail(position, 'closing bracket does not match the open one');
      return;
    }
    const hash = mixHash(this.hashes[level] ?? 0, kind);
    const start = this.starts[level] ?? position;
    this.depth--;
    this.handler.containerEnd?.(KIND_NAMES[kind] ?? 'object', start, position + 1, hash, level);
    this.valueDone(hash, position + 1);
  }

  private valueDone(hash: number, end: number): void {
    if (this.depth === 0) {
      this.rootEnd = end;
      this.state = AFTER_ROOT;
      return;
    }
    this.hashes[this.depth] = mixHash(this.hashes[this.depth] ?? 0, hash);
    this.state = AFTER_VALUE;
  }

  private fail(position: number, reason: string): void {
    this.state = ERROR;
    this.errorOffset = position;
    this.errorReason = reason;
    this.handler.error?.(position, reason);
  }
}
