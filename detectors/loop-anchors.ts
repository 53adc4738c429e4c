import { isBoxDrawing, isCloser, isSpaceUnit, isTerminator } from './loop-chars.js';
import { BLOCK_PROSE, type BlockKind, isPlainStarter } from './loop-markdown.js';
import type { LoopRing } from './loop-ring.js';
import type { BoundaryHost, ProposalJudge } from './loop-sink.js';

// What the runs read and call is module-local: an exported or imported binding is read through
// its module cell at each use (measured: exporting BASE slowed flat prose by 4%, calling the
// character tests as exports rather than module-local functions slowed prose by 3%, and the two imported
// sentence tests at every space, rather than a local table, cost 4% of flat prose).
/**
 * Inside a word longer than this, every character becomes an anchor (a rolling hash of the last
 * {@link DENSE_WINDOW} characters), so loops without spaces (`hahaha…`, `Other;Other;…`, CJK
 * text) are found too. Prose words are shorter: the longest word-like runs in legit-docs are
 * URLs and paths, which only cost the slower path.
 */
const DENSE_WORD = 32;
/** Characters hashed per anchor in a long word. */
const DENSE_WINDOW = 12;
/** The hash table: 4,096 x 32-bit entries (16 KiB): 16 check bits + the low 16 bits of a position. */
const TABLE_SIZE = 4096;
const CHECK_MASK = 0xffff0000;
const POSITION_MASK = 0xffff;
const BASE = 0x01000193;
const BASE_POWER = powerOf(BASE, DENSE_WINDOW);
const SPACE = 0x20;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const TAB = 0x09;
/** {@link AnchorIndex.freeUntil} while no candidate is live: runs are free everywhere. */
export const RUN_FREE = 0x7fffffff;
/** ASCII sentence terminators and closers (see `isTerminator`, `isCloser`), by code. */
const SENTENCE_MARKS = new Uint8Array(128);
for (const code of [0x2e, 0x21, 0x3f, 0x22, 0x27, 0x29, 0x5d]) SENTENCE_MARKS[code] = 1;

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

/**
 * True for characters the fast path takes in bulk: visible ASCII except `\` and `|`. Module-local,
 * as the run's other tests are (see the note at the top).
 */
function isPlainUnit(code: number): boolean {
  return code > SPACE && code < 0x7f && code !== 0x5c && code !== 0x7c;
}

/**
 * True for a non-ASCII unit that is neither whitespace nor box-drawing: letters, symbols and
 * surrogate halves, which change nothing inside a line either. The fast path takes them too,
 * but tests for them only where an ASCII test failed, so plain ASCII pays nothing for it
 * (measured: folding this into {@link isPlainUnit} slowed prose by a tenth).
 */
function isWidePlain(code: number): boolean {
  return code > 0x7e && !isSpaceUnit(code) && !isBoxDrawing(code);
}

/** True for every unit the fast path takes: {@link isPlainUnit} or {@link isWidePlain}. */
export function isBulkUnit(code: number): boolean {
  return isPlainUnit(code) || isWidePlain(code);
}

/** True when a space after `code` may end a sentence: a terminator or a closer. */
function mayEndSentence(code: number): boolean {
  return code < 0x80 ? SENTENCE_MARKS[code] === 1 : isTerminator(code) || isCloser(code);
}

/**
 * Proposes loop periods in O(1) per anchor. Anchors are content-defined, so every copy of a
 * loop has them at the same places: each space (keyed by the hash of the last three words) and,
 * inside long words, every character (keyed by its last 12 characters). A table remembers where
 * each key was last seen; a key seen again `d` characters later proposes period `d`. Anchoring
 * on spaces instead of every character keeps the table out of the per-character path, which is
 * what makes prose fast (measured: probing at every character halved throughput).
 *
 * Characters come one at a time ({@link step}) or plain text in bulk ({@link run}). A run also
 * passes sentence ends and line breaks (unit boundaries, see {@link passBoundary}), which the
 * normaliser's slow path took one at a time before: two thirds of the stops of a run in legit
 * prose and half in JSON (measured), each a chain of calls.
 */
export abstract class AnchorIndex {
  private readonly table = new Int32Array(TABLE_SIZE);
  /** Hash and length of the current word, and the hashes of the two words before it. */
  protected word = 0;
  protected wordLength = 0;
  private previousWord = 0;
  private wordBefore = 0;
  private window = 0;
  /** The period proposed by the anchor that stopped the last run (0: none). */
  proposal = 0;
  /** The Markdown block of the line the last run ended in (it may pass line breaks). */
  kind: BlockKind = BLOCK_PROSE;
  /**
   * From this position on, a run stores characters only where the slow path would have stopped
   * it (it stops at every proposal, and leaves unit boundaries to the slow path); set by the
   * tracker before each run. While candidates are live it is the first position where one may be
   * due for a check: a check reads the ring count (the evidence of a long period) and the ring
   * must still hold what it compares, so checks must happen when they did one character at a
   * time. {@link RUN_FREE} when no candidate is live.
   */
  freeUntil = RUN_FREE;

  constructor(
    protected readonly ring: LoopRing,
    private readonly maxPeriod: number,
    private readonly judge: ProposalJudge,
    protected readonly host: BoundaryHost,
  ) {}

  /** True when the next plain characters can go through {@link run} (not inside a long word). */
  get sparse(): boolean {
    return this.wordLength < DENSE_WORD - 1;
  }

  /**
   * Append plain characters (ASCII or wide, see {@link isBulkUnit}) from `text[from]` on to the
   * ring, with the single spaces, sentence ends and line breaks between them (probing their
   * anchors); `kind` is the Markdown block of the current line and `base` the original offset of
   * `text[0]`. Stops at the first character the slow path must see, when the word gets long, or
   * after an anchor that proposes a period not settled here (left in {@link proposal}, see
   * {@link settles}). Returns where it stopped.
   */
  run(text: string, from: number, base: number, kind: BlockKind): number {
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
      if (index >= length) break;
      if (code === SPACE) {
        // A single space between two plain characters; after a sentence end, a unit boundary.
        if (index + 1 >= length || !isPlainUnit(text.charCodeAt(index + 1))) break;
        const previous = text.charCodeAt(index - 1);
        if (mayEndSentence(previous)) {
          // The slow path took these spaces: past `freeUntil`, it still does.
          if (count >= this.freeUntil) break;
          if (this.endsSentence(previous, count)) {
            this.word = word;
            ring.count = count;
            if (!this.passBoundary(base + index, kind)) break;
            count += 1;
            word = 0;
            wordLength = 0;
            index += 1;
            continue;
          }
        }
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
          if (!this.settles(proposal, count - 1)) break;
          proposal = 0;
        }
        continue;
      }
      if (code !== NEWLINE && code !== RETURN) break;
      // A line break, blank lines and indentation before a line that starts plain: one space that
      // ends a unit, and the next line's body (see MarkdownContext.breakToBody).
      const start = blanksEnd(text, index + 1);
      if (start >= length || !isPlainStarter(text.charCodeAt(start))) break;
      this.word = word;
      ring.count = count;
      if (!this.passBoundary(base + index, kind)) break;
      kind = this.host.breakLine();
      count += 1;
      word = 0;
      wordLength = 0;
      index = start;
    }
    this.proposal = proposal;
    this.word = word;
    this.wordLength = wordLength;
    this.kind = kind;
    ring.count = count;
    return index;
  }

  /**
   * {@link run} for the inside of a long word (see {@link sparse}): appends plain characters
   * other than spaces, probing each one's 12-character window as {@link step} would, and stops
   * at the first other character or after a window that proposes a period not settled here
   * (left in {@link proposal}). Long words are URLs and paths in Markdown and JSON (a tenth of
   * legit-docs): one loop instead of a call chain per character.
   */
  runDense(text: string, from: number, base: number, kind: BlockKind): number {
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
        if (!this.settles(proposal, count - 1)) break;
        proposal = 0;
      }
    }
    this.proposal = proposal;
    this.word = word;
    this.wordLength = wordLength;
    this.window = window;
    this.kind = kind;
    ring.count = count;
    return index;
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
    this.word = 0;
    this.previousWord = 0;
    this.wordBefore = 0;
    this.wordLength = 0;
    this.window = 0;
    this.proposal = 0;
    this.kind = BLOCK_PROSE;
    this.freeUntil = RUN_FREE;
  }

  /**
   * Pass a unit-ending space (original offset `offset`, block `kind`) at the ring's count, the
   * current word being in the fields; false, changing nothing, when the run must stop before it.
   */
  protected abstract passBoundary(offset: number, kind: BlockKind): boolean;

  /** True when a space after `previous` (a terminator or a closer) at `position` ends a sentence. */
  protected abstract endsSentence(previous: number, position: number): boolean;

  /**
   * True when a proposal of `distance` at `position` would be dropped once the tracker sees it:
   * the run then goes on instead of stopping for it. Repeated JSON keys make every eighth anchor
   * of legit JSON propose a period that one comparison rejects (measured); stopping for each
   * cost a tenth of text-loop's time there.
   */
  protected settles(distance: number, position: number): boolean {
    if (position >= this.freeUntil) return false;
    return distance > this.maxPeriod || distance > position || this.judge.drops(distance, position);
  }

  /** The anchor at a space: keyed by the last three words (the current one just ended). */
  protected spaceAnchor(position: number): number {
    this.ring.spaces += 1;
    const key = this.spaceKey();
    this.wordBefore = this.previousWord;
    this.previousWord = this.word;
    return this.probe(key, position);
  }

  /** The key of the anchor of a space that ends the current word. */
  protected spaceKey(): number {
    return finish(Math.imul(Math.imul(this.wordBefore, BASE) ^ this.previousWord, BASE) ^ this.word);
  }

  /** Record the anchor `key` of a space at `position` (peeked before): the current word ends. */
  protected commitSpace(key: number, position: number): void {
    this.table[key & (TABLE_SIZE - 1)] = (key & CHECK_MASK) | (position & POSITION_MASK);
    this.wordBefore = this.previousWord;
    this.previousWord = this.word;
    this.word = 0;
    this.wordLength = 0;
    this.ring.spaces += 1;
  }

  /** The period `key` would propose at `position` (0: none), leaving the table unchanged. */
  protected peek(key: number, position: number): number {
    const entry = this.table[key & (TABLE_SIZE - 1)]!;
    if (entry === 0 || ((entry ^ key) & CHECK_MASK) !== 0) return 0;
    return (position - entry) & POSITION_MASK;
  }

  private probe(key: number, position: number): number {
    const distance = this.peek(key, position);
    this.table[key & (TABLE_SIZE - 1)] = (key & CHECK_MASK) | (position & POSITION_MASK);
    return distance;
  }
}

/** The end of the blanks (line breaks, spaces, tabs) from `text[from]` on. */
function blanksEnd(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code !== SPACE && code !== NEWLINE && code !== RETURN && code !== TAB) break;
    index += 1;
  }
  return index;
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
