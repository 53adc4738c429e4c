import levenshtein from 'fast-levenshtein';
import { isDigitUnit, isLetterUnit, isWordUnit } from './loop-chars.js';
import { BLOCK_CODE, BLOCK_LIST, BLOCK_TABLE } from './loop-markdown.js';
import type { LoopRing } from './loop-ring.js';
import type { LoopSink } from './loop-sink.js';
import {
  DRIFT_ABORT_LINKS,
  DRIFT_WARN_LINKS,
  LEVEL_ABORT,
  LEVEL_NONE,
  LEVEL_WARN,
  type LoopLevel,
} from './loop-thresholds.js';

/** Units shorter than this are skipped (neither counted nor breaking a chain): "Done.", "I'll send.". */
export const DRIFT_MIN_UNIT_CHARS = 20;
/** Units with fewer words are skipped: identifiers and paths (recon-18007 lines have one word). */
export const DRIFT_MIN_UNIT_WORDS = 4;
/** Units longer than this are not compared and break a chain; bounds the work per comparison. */
export const DRIFT_MAX_UNIT_CHARS = 400;
/**
 * Units whose letters are under this share of their visible characters are not prose and are
 * skipped: lines of code or data (`,opmode(0, 0, 0, 0, 1, iABC)` lines with an OP_ comment in
 * legit/005 have 0.42) share templates legitimately; degenerate drift units score 0.9 or more.
 */
export const DRIFT_MIN_LETTER_SHARE = 0.7;
/**
 * The units of a chain must cover at least half of the text it spans: a template line recurring
 * between other lines (a JSON test suite's "description" every ~390 characters, legit/010) is
 * structure, while a drifting loop is the sentences themselves (degenerate/003 and 019: ~100%).
 */
export const DRIFT_MIN_COVERAGE = 0.5;
/** Each unit is compared with this many previous units (a cycle of up to four sentences). */
export const DRIFT_LOOKBACK = 4;
/** A slot is at most this long on either side ("speech recognition" in degenerate/003 is 18). */
export const SLOT_MAX_CHARS = 24;
/** and at most this many words ("motion and fitness" in degenerate/003 is 3). */
export const SLOT_MAX_WORDS = 3;
/** Units must share at least this much text around the slot. */
export const DRIFT_MIN_SHARED = 24;
/** Levenshtein distance of the two units over the longer length, at most. */
export const DRIFT_MAX_EDIT_RATIO = 0.25;

const NO_MATCH = 0;
const DRIFTED = 1;
const SAME = 2;

/**
 * Finds drifting loops: consecutive units (sentences or lines) that repeat a template and change
 * only one slot, such as "... denies camera permissions." / "... denies photo library
 * permissions." Each finished unit is compared with the last {@link DRIFT_LOOKBACK} units: the
 * common prefix and suffix are stripped (O(unit) work), and the remaining slots must be short,
 * made of words, and not differ only in digits (counters and verse numbers are legitimate);
 * their distance is measured with `fast-levenshtein` on the slots only (at most 24 x 24). A chain
 * of such units is a loop. Units in tables and code are not compared (rows and lines of code
 * share templates by nature); list items whose slot is at the end share a prefix, which is not a
 * loop either.
 */
export class DriftTracker {
  /** Units of work done (characters compared), for the linear-work meter. */
  work = 0;
  private unitStart = 0;
  private readonly starts = new Float64Array(DRIFT_LOOKBACK);
  private readonly lengths = new Int32Array(DRIFT_LOOKBACK);
  private stored = 0;
  private newest = 0;
  private links = 0;
  private chainStart = 0;
  private chainOffset = 0;
  private chainExact = true;
  private covered = 0;
  private level: LoopLevel = LEVEL_NONE;

  constructor(
    private readonly ring: LoopRing,
    private readonly sink: LoopSink,
  ) {}

  /** A unit ended just before absolute position `end`; the next one starts after it. */
  endUnit(end: number): void {
    const start = this.unitStart;
    this.unitStart = end + 1;
    const length = end - start;
    if (length <= 0) return;
    const kind = this.ring.kinds[start & this.ring.mask];
    if (
      length > DRIFT_MAX_UNIT_CHARS ||
      !this.ring.holds(start) ||
      kind === BLOCK_TABLE ||
      kind === BLOCK_CODE
    ) {
      this.breakChain(end);
      this.stored = 0;
      return;
    }
    if (length < DRIFT_MIN_UNIT_CHARS || !this.isProse(start, length)) return;
    let verdict = NO_MATCH;
    let matched = 0;
    let matchedLength = 0;
    for (let back = 0; back < this.stored && verdict === NO_MATCH; back += 1) {
      const entry = (this.newest - back + DRIFT_LOOKBACK) % DRIFT_LOOKBACK;
      matched = this.starts[entry] ?? 0;
      matchedLength = this.lengths[entry] ?? 0;
      if (this.ring.holds(matched))
        verdict = this.compare(start, length, matched, matchedLength, kind === BLOCK_LIST);
    }
    if (verdict === NO_MATCH) this.breakChain(end);
    else this.extendChain(start, end, matched, matchedLength, verdict === SAME);
    this.newest = (this.newest + 1) % DRIFT_LOOKBACK;
    this.starts[this.newest] = start;
    this.lengths[this.newest] = length;
    this.stored = Math.min(this.stored + 1, DRIFT_LOOKBACK);
  }

  /** True while a chain that reported at `level` or above is still growing. */
  hasLiveReport(level: LoopLevel): boolean {
    return this.level >= level && this.level > LEVEL_NONE;
  }

  /** Forget everything. */
  reset(): void {
    this.unitStart = 0;
    this.stored = 0;
    this.links = 0;
    this.level = LEVEL_NONE;
    this.work = 0;
  }

  /** Enough words, and mostly letters. */
  private isProse(start: number, length: number): boolean {
    let words = 1;
    let letters = 0;
    for (let index = 0; index < length; index += 1) {
      const code = this.ring.charAt(start + index);
      if (code === 0x20) words += 1;
      else if (isLetterUnit(code)) letters += 1;
    }
    this.work += length;
    return words >= DRIFT_MIN_UNIT_WORDS && letters >= DRIFT_MIN_LETTER_SHARE * (length - words + 1);
  }

  private extendChain(
    start: number,
    end: number,
    matched: number,
    matchedLength: number,
    same: boolean,
  ): void {
    if (this.links === 0) {
      this.chainStart = matched;
      this.chainOffset = this.ring.offsetAt(matched);
      this.chainExact = true;
      this.covered = matchedLength;
    }
    this.links += 1;
    this.covered += end - start;
    if (!same) this.chainExact = false;
    if (this.covered < DRIFT_MIN_COVERAGE * (end - this.chainStart)) return;
    const level =
      this.links >= DRIFT_ABORT_LINKS ? LEVEL_ABORT : this.links >= DRIFT_WARN_LINKS ? LEVEL_WARN : 0;
    if (level <= this.level) return;
    this.sink.report({
      level,
      start: this.chainOffset,
      end: this.ring.offsetAt(end - 1) + 1,
      period: start - matched,
      copies: this.links + 1,
      exact: this.chainExact,
      evidence: this.ring.text(start, Math.min(end, start + 201)),
    });
    this.level = level;
  }

  private breakChain(end: number): void {
    if (this.level > LEVEL_NONE && end > this.chainStart)
      this.sink.loopEnded(this.level, this.ring.offsetAt(end - 1) + 1);
    this.links = 0;
    this.level = LEVEL_NONE;
  }

  /** Compare unit `a` with an earlier unit `b`: the same, one slot drifted, or no match. */
  private compare(a: number, lengthA: number, b: number, lengthB: number, inList: boolean): number {
    const ring = this.ring;
    const shortest = Math.min(lengthA, lengthB);
    let prefix = 0;
    while (prefix < shortest && ring.charAt(a + prefix) === ring.charAt(b + prefix)) prefix += 1;
    if (prefix === lengthA && lengthA === lengthB) {
      this.work += prefix;
      return SAME;
    }
    let suffix = 0;
    while (
      suffix < shortest - prefix &&
      ring.charAt(a + lengthA - 1 - suffix) === ring.charAt(b + lengthB - 1 - suffix)
    ) {
      suffix += 1;
    }
    this.work += prefix + suffix;
    // Widen the slot to whole words, so "camera" vs "contacts" is compared, not "amera" vs "ontacts".
    while (prefix > 0 && this.splitsWord(a, lengthA, b, lengthB, prefix)) prefix -= 1;
    while (suffix > 0 && this.splitsWord(a, lengthA, b, lengthB, -suffix)) suffix -= 1;
    const slotA = lengthA - prefix - suffix;
    const slotB = lengthB - prefix - suffix;
    if (slotA < 1 || slotB < 1 || slotA > SLOT_MAX_CHARS || slotB > SLOT_MAX_CHARS) return NO_MATCH;
    if (prefix + suffix < DRIFT_MIN_SHARED) return NO_MATCH;
    if (inList && !this.hasLetter(a + lengthA - suffix, suffix)) return NO_MATCH;
    const textA = this.slotText(a + prefix, slotA);
    const textB = this.slotText(b + prefix, slotB);
    if (textA === undefined || textB === undefined || withoutDigits(textA) === withoutDigits(textB))
      return NO_MATCH;
    this.work += slotA * slotB;
    const distance = levenshtein.get(textA, textB);
    return distance <= DRIFT_MAX_EDIT_RATIO * Math.max(lengthA, lengthB) ? DRIFTED : NO_MATCH;
  }

  /**
   * Whether a cut at `cut` (from the start when positive, from the end when not) falls inside a
   * word of either unit: the shared side ends with a word character and a slot starts with one.
   */
  private splitsWord(a: number, lengthA: number, b: number, lengthB: number, cut: number): boolean {
    const ring = this.ring;
    if (cut > 0) {
      if (!isWordUnit(ring.charAt(a + cut - 1))) return false;
      return (
        (cut < lengthA && isWordUnit(ring.charAt(a + cut))) ||
        (cut < lengthB && isWordUnit(ring.charAt(b + cut)))
      );
    }
    const shared = -cut;
    if (!isWordUnit(ring.charAt(a + lengthA - shared))) return false;
    const lastA = lengthA - shared - 1;
    const lastB = lengthB - shared - 1;
    return (
      (lastA >= 0 && isWordUnit(ring.charAt(a + lastA))) || (lastB >= 0 && isWordUnit(ring.charAt(b + lastB)))
    );
  }

  private hasLetter(start: number, length: number): boolean {
    for (let index = 0; index < length; index += 1)
      if (isLetterUnit(this.ring.charAt(start + index))) return true;
    return false;
  }

  /** The slot's text if it is at most {@link SLOT_MAX_WORDS} words of word characters, else undefined. */
  private slotText(start: number, length: number): string | undefined {
    let words = 1;
    for (let index = 0; index < length; index += 1) {
      const code = this.ring.charAt(start + index);
      if (code === 0x20) words += 1;
      else if (!isWordUnit(code)) return undefined;
    }
    return words <= SLOT_MAX_WORDS ? this.ring.text(start, start + length) : undefined;
  }
}

function withoutDigits(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isDigitUnit(code)) out += text[index];
  }
  return out;
}
