import { isBoxDrawing, isCloser, isSpaceUnit, isTerminator } from './loop-chars.js';
import type { BlockKind } from './loop-markdown.js';
import type { LoopRing } from './loop-ring.js';

/**
 * Inside a word longer than this, every character becomes an anchor (a rolling hash of the last
 * {@link DENSE_WINDOW} characters), so loops without spaces (`hahaha…`, `Other;Other;…`, CJK
 * text) are found too. Prose words are shorter: the longest word-like runs in legit-docs are
 * URLs and paths, which only cost the slower path.
 */
export const DENSE_WORD = 32;
/** Characters hashed per anchor in a long word. */
export const DENSE_WINDOW = 12;
/** The hash table: 4,096 x 32-bit entries (16 KiB): 16 check bits + the low 16 bits of a position. */
const TABLE_SIZE = 4096;
const CHECK_MASK = 0xffff0000;
const POSITION_MASK = 0xffff;
const BASE = 0x01000193;
const BASE_POWER = powerOf(BASE, DENSE_WINDOW);
const SPACE = 0x20;

function powerOf(base: number, exponent: number): number {
  let out = 1;
  for (let step = 0; step < exponent; step += 1) out = Math.imul(out, base);
  return out;
}

/** Avalanche a 32-bit hash so both its low bits (table index) and high bits (check) are usable. */
function finish(hash: number): number {
  let mixed = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

/** True for characters the fast path takes in bulk: visible ASCII except `\` and `|`. */
export function isPlainUnit(code: number): boolean {
  return code > SPACE && code < 0x7f && code !== 0x5c && code !== 0x7c;
}

/**
 * True for a non-ASCII unit that is neither whitespace nor box-drawing: letters, symbols and
 * surrogate halves, which change nothing inside a line either. The fast path takes them too,
 * but tests for them only where an ASCII test failed, so plain ASCII pays nothing for it
 * (measured: folding this into {@link isPlainUnit} slowed prose by a tenth).
 */
export function isWidePlain(code: number): boolean {
  return code > 0x7e && !isSpaceUnit(code) && !isBoxDrawing(code);
}

/** True for every unit the fast path takes: {@link isPlainUnit} or {@link isWidePlain}. */
export function isBulkUnit(code: number): boolean {
  return isPlainUnit(code) || isWidePlain(code);
}

/**
 * Proposes loop periods in O(1) per anchor. Anchors are content-defined, so every copy of a
 * loop has them at the same places: each space (keyed by the hash of the last three words) and,
 * inside long words, every character (keyed by its last 12 characters). A table remembers where
 * each key was last seen; a key seen again `d` characters later proposes period `d`. Anchoring
 * on spaces instead of every character keeps the table out of the per-character path, which is
 * what makes prose fast (measured: probing at every character halved throughput).
 */
export class AnchorIndex {
  private readonly table = new Int32Array(TABLE_SIZE);
  private word = 0;
  private previousWord = 0;
  private wordBefore = 0;
  private wordLength = 0;
  private window = 0;
  /** The period proposed by the anchor that stopped the last {@link run} (0: none). */
  proposal = 0;

  /** Proposals settled inside {@link run} (one comparison each), for the linear-work meter. */
  rejected = 0;

  constructor(
    private readonly ring: LoopRing,
    private readonly maxPeriod: number,
  ) {}

  /** True when the next plain characters can go through {@link run} (not inside a long word). */
  get sparse(): boolean {
    return this.wordLength < DENSE_WORD - 1;
  }

  /**
   * Append plain characters (ASCII or wide, see {@link isBulkUnit}) from `text[from]` on to the
   * ring, with the single spaces between them (the space anchors are probed here too). Stops at
   * the first character the slow path must see (anything else, a space that is not between two
   * plain characters or that may end a sentence), when the word gets long, or after an anchor
   * that proposes a period (left in {@link proposal}) unless `settle` is set and the proposal is
   * settled here (see {@link settles}). Returns where it stopped.
   */
  run(text: string, from: number, base: number, kind: BlockKind, settle: boolean): number {
    const ring = this.ring;
    const { chars, offsets, kinds, mask } = ring;
    const length = text.length;
    let count = ring.count;
    let word = this.word;
    let wordLength = this.wordLength;
    let index = from;
    let proposal = 0;
    while (index < length) {
      // The characters of a word, in a loop of their own: the hottest path of the detector.
      let code = text.charCodeAt(index);
      while ((code - 0x21) >>> 0 < 0x5e && code !== 0x5c && code !== 0x7c) {
        if (wordLength >= DENSE_WORD - 1) break;
        word = (Math.imul(word, BASE) + code) | 0;
        wordLength += 1;
        const slot = count & mask;
        chars[slot] = code;
        offsets[slot] = base + index;
        kinds[slot] = kind;
        count += 1;
        index += 1;
        code = index < length ? text.charCodeAt(index) : SPACE;
      }
      // A non-ASCII letter or symbol continues the word. It is tested here, out of the hot loop,
      // and stored by a copy of its lines: one loop testing both kinds ran flat prose 20% slower.
      if (index < length && isWidePlain(code)) {
        if (wordLength >= DENSE_WORD - 1) break;
        word = (Math.imul(word, BASE) + code) | 0;
        wordLength += 1;
        const slot = count & mask;
        chars[slot] = code;
        offsets[slot] = base + index;
        kinds[slot] = kind;
        count += 1;
        index += 1;
        continue;
      }
      // Only a single space between two plain characters, not after a sentence end, stays here.
      if (
        index >= length ||
        code !== SPACE ||
        index === from ||
        index + 1 >= length ||
        !isPlainUnit(text.charCodeAt(index + 1))
      )
        break;
      const previous = text.charCodeAt(index - 1);
      if (isTerminator(previous) || isCloser(previous)) break;
      this.word = word;
      proposal = this.spaceAnchor(count);
      word = 0;
      wordLength = 0;
      const slot = count & mask;
      chars[slot] = SPACE;
      offsets[slot] = base + index;
      kinds[slot] = kind;
      count += 1;
      index += 1;
      if (proposal !== 0) {
        if (!settle || !this.settles(proposal, count - 1)) break;
        proposal = 0;
      }
    }
    this.proposal = proposal;
    this.word = word;
    this.wordLength = wordLength;
    ring.count = count;
    return index;
  }

  /**
   * {@link run} for the inside of a long word (see {@link sparse}): appends plain characters
   * other than spaces, probing each one's 12-character window as {@link step} would, and stops
   * at the first other character or after a window that proposes a period (left in
   * {@link proposal}; settled here when `settle`). Long words are URLs and paths in Markdown and
   * JSON (a tenth of legit-docs): one loop instead of a call chain per character.
   */
  runDense(text: string, from: number, base: number, kind: BlockKind, settle: boolean): number {
    const ring = this.ring;
    const { chars, offsets, kinds, mask } = ring;
    const length = text.length;
    let count = ring.count;
    let word = this.word;
    let wordLength = this.wordLength;
    let window = this.window;
    let index = from;
    let proposal = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if ((code - 0x21) >>> 0 >= 0x5e || code === 0x5c || code === 0x7c) break;
      const slot = count & mask;
      chars[slot] = code;
      offsets[slot] = base + index;
      kinds[slot] = kind;
      word = (Math.imul(word, BASE) + code) | 0;
      wordLength += 1;
      window =
        wordLength === DENSE_WORD ? windowAt(chars, mask, count) : roll(window, code, chars, mask, count);
      proposal = this.probe(finish(window), count);
      count += 1;
      index += 1;
      if (proposal !== 0) {
        if (!settle || !this.settles(proposal, count - 1)) break;
        proposal = 0;
      }
    }
    this.proposal = proposal;
    this.word = word;
    this.wordLength = wordLength;
    this.window = window;
    ring.count = count;
    return index;
  }

  /**
   * True when the tracker, holding no candidate, would drop a proposal of `distance` at
   * `position` after at most one comparison: the run then goes on instead of stopping for it.
   * `settle` is only passed when no candidate is live: then nothing else could see the proposal.
   * Repeated JSON keys make every eighth anchor of legit JSON propose a period that one
   * comparison rejects (measured); stopping for each cost a tenth of text-loop's time there.
   */
  private settles(distance: number, position: number): boolean {
    if (distance > this.maxPeriod || distance > position) return true;
    if (!this.ring.rejects(distance, position)) return false;
    this.rejected += 1;
    return true;
  }

  /** Hash the character just written at `position`; returns a proposed period, or 0. */
  step(position: number, code: number): number {
    if (code === SPACE) {
      const distance = this.spaceAnchor(position);
      this.word = 0;
      this.wordLength = 0;
      return distance;
    }
    this.word = (Math.imul(this.word, BASE) + code) | 0;
    this.wordLength += 1;
    if (this.wordLength < DENSE_WORD) return 0;
    const { chars, mask } = this.ring;
    this.window =
      this.wordLength === DENSE_WORD
        ? windowAt(chars, mask, position)
        : roll(this.window, code, chars, mask, position);
    return this.probe(finish(this.window), position);
  }

  /** Forget everything. */
  reset(): void {
    this.table.fill(0);
    this.rejected = 0;
    this.word = 0;
    this.previousWord = 0;
    this.wordBefore = 0;
    this.wordLength = 0;
    this.window = 0;
    this.proposal = 0;
  }

  /** The anchor at a space: keyed by the last three words (the current one just ended). */
  private spaceAnchor(position: number): number {
    const key = finish(Math.imul(Math.imul(this.wordBefore, BASE) ^ this.previousWord, BASE) ^ this.word);
    this.wordBefore = this.previousWord;
    this.previousWord = this.word;
    return this.probe(key, position);
  }

  private probe(key: number, position: number): number {
    const index = key & (TABLE_SIZE - 1);
    const entry = this.table[index]!;
    this.table[index] = (key & CHECK_MASK) | (position & POSITION_MASK);
    if (entry === 0 || ((entry ^ key) & CHECK_MASK) !== 0) return 0;
    return (position - entry) & POSITION_MASK;
  }
}

/** The hash of the {@link DENSE_WINDOW} characters ending at `position`. */
function windowAt(chars: Uint16Array, mask: number, position: number): number {
  let window = 0;
  for (let back = DENSE_WINDOW - 1; back >= 0; back -= 1)
    window = (Math.imul(window, BASE) + chars[(position - back) & mask]!) | 0;
  return window;
}

/** Slide the window hash by one character: `code`, just written at `position`, comes in. */
function roll(window: number, code: number, chars: Uint16Array, mask: number, position: number): number {
  return (
    (Math.imul(window, BASE) + code - Math.imul(chars[(position - DENSE_WINDOW) & mask]!, BASE_POWER)) | 0
  );
}
