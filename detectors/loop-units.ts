import levenshtein from 'fast-levenshtein';
import { isDigitUnit, isLetterUnit, isWordUnit } from './loop-chars.js';
import type { LoopRing } from './loop-ring.js';

/** Units with fewer words never link: identifiers and paths (recon-18007 lines have one word). */
export const DRIFT_MIN_UNIT_WORDS = 4;
/**
 * Units whose letters are under this share of their visible characters are not prose and never
 * link: lines of code or data (legit/005's `,opmode(0, 0, 0, 0, 1, iABC)` lines, each with an
 * OP_ comment, have 0.42) share templates legitimately; degenerate drift units score 0.9 or more.
 */
export const DRIFT_MIN_LETTER_SHARE = 0.7;
/** A slot is at most this long on either side ("speech recognition" in degenerate/003 is 18). */
export const SLOT_MAX_CHARS = 24;
/** and at most this many words ("motion and fitness" in degenerate/003 is 3). */
export const SLOT_MAX_WORDS = 3;
/** Units must share at least this much text around the slot. */
export const DRIFT_MIN_SHARED = 24;
/**
 * Levenshtein distance of the two units over the longer length, at most: a slot is a small part
 * of its sentence. The biggest change in degenerate/003 ("speech recognition" -> "motion and
 * fitness", 16 edits) is 18% of its 87-char line; a 20-char slot in a 40-char sentence is not.
 */
export const DRIFT_MAX_EDIT_RATIO = 0.35;

/** How two units compare. */
export type UnitMatch = 0 | 1 | 2 | 3;
/** Not a repeat. */
export const NO_MATCH = 0;
/** Identical. */
export const SAME = 1;
/** One slot changed, with words after it ("... denies camera permissions."). */
export const DRIFTED = 2;
/** One slot changed at the very end, only punctuation after it ("... for all dreams."). */
export const DRIFTED_AT_END = 3;

/**
 * Compares two units (sentences or lines) held in the normalised ring. The common prefix and
 * suffix are stripped (O(unit) work, usually a few characters for unrelated units), the rest
 * (the slot) is widened to whole words and must be short, made of words, and not differ only in
 * digits (counters and verse numbers are legitimate); its edit distance is then measured with
 * `fast-levenshtein` on the slots only (at most 24 x 24 cells, since the distance of two strings
 * equals the distance of what is left after removing a common prefix and suffix).
 */
export class UnitComparer {
  /** Units of work done (characters compared), for the linear-work meter. */
  work = 0;

  constructor(private readonly ring: LoopRing) {}

  /**
   * False when units `a` and `b` cannot match, found with at most four comparisons: a match
   * leaves slots of at most SLOT_MAX_CHARS, so the shared prefix plus suffix is at least
   * `T` = max(DRIFT_MIN_SHARED, longer length - SLOT_MAX_CHARS), and one of the two is at least
   * `T / 2` long. A prefix that long needs equal first characters and equal characters at
   * `T / 2 - 1`; a suffix, likewise from the end. Measured on 1 MB of legit prose, Markdown and
   * JSON: the full comparison runs for 2%, 4% and 15% of the pairs it ran for before.
   */
  mayMatch(a: number, lengthA: number, b: number, lengthB: number): boolean {
    const { chars, mask } = this.ring;
    this.work += 2;
    // First and last characters: most pairs of units differ in both, and end here.
    const sameFirst = chars[a & mask] === chars[b & mask];
    const sameLast = chars[(a + lengthA - 1) & mask] === chars[(b + lengthB - 1) & mask];
    if (!sameFirst && !sameLast) return false;
    const shortest = Math.min(lengthA, lengthB);
    const half = Math.ceil(Math.max(DRIFT_MIN_SHARED, Math.max(lengthA, lengthB) - SLOT_MAX_CHARS) / 2);
    if (half > shortest) return false;
    this.work += 2;
    return (
      (sameFirst && chars[(a + half - 1) & mask] === chars[(b + half - 1) & mask]) ||
      (sameLast && chars[(a + lengthA - half) & mask] === chars[(b + lengthB - half) & mask])
    );
  }

  /** Compare unit `a` with an earlier unit `b` (start positions and lengths in the ring). */
  compare(a: number, lengthA: number, b: number, lengthB: number): UnitMatch {
    // Slots are at most SLOT_MAX_CHARS long, so lengths further apart cannot match.
    if (lengthA - lengthB > SLOT_MAX_CHARS || lengthB - lengthA > SLOT_MAX_CHARS) return NO_MATCH;
    const { chars, mask } = this.ring;
    const shortest = Math.min(lengthA, lengthB);
    let prefix = 0;
    while (prefix < shortest && chars[(a + prefix) & mask] === chars[(b + prefix) & mask]) prefix += 1;
    if (prefix === lengthA && lengthA === lengthB) {
      this.work += prefix;
      return SAME;
    }
    const endA = a + lengthA - 1;
    const endB = b + lengthB - 1;
    let suffix = 0;
    while (suffix < shortest - prefix && chars[(endA - suffix) & mask] === chars[(endB - suffix) & mask])
      suffix += 1;
    this.work += prefix + suffix;
    // Widening below only lengthens the slots and shortens the shared text: reject early.
    if (lengthA - prefix - suffix > SLOT_MAX_CHARS || lengthB - prefix - suffix > SLOT_MAX_CHARS)
      return NO_MATCH;
    if (prefix + suffix < DRIFT_MIN_SHARED) return NO_MATCH;
    // Widen the slot to whole words, so "camera" vs "contacts" is compared, not "amera" vs "ontacts".
    while (prefix > 0 && this.cutsWordAtStart(a, lengthA, b, lengthB, prefix)) prefix -= 1;
    while (suffix > 0 && this.cutsWordAtEnd(a, lengthA, b, lengthB, suffix)) suffix -= 1;
    return this.judgeSlots(a, lengthA, b, lengthB, prefix, suffix);
  }

  /** Enough words, and mostly letters: a sentence, not a line of code or an identifier. */
  isProse(start: number, length: number): boolean {
    const { chars, mask } = this.ring;
    let words = 1;
    let letters = 0;
    for (let index = 0; index < length; index += 1) {
      const code = chars[(start + index) & mask]!;
      if (code === 0x20) words += 1;
      else if (code < 0x80 ? ((code | 0x20) - 0x61) >>> 0 < 26 : isLetterUnit(code)) letters += 1;
    }
    this.work += length;
    return words >= DRIFT_MIN_UNIT_WORDS && letters >= DRIFT_MIN_LETTER_SHARE * (length - words + 1);
  }

  private judgeSlots(
    a: number,
    lengthA: number,
    b: number,
    lengthB: number,
    prefix: number,
    suffix: number,
  ): UnitMatch {
    const slotA = lengthA - prefix - suffix;
    const slotB = lengthB - prefix - suffix;
    if (slotA < 1 || slotB < 1 || slotA > SLOT_MAX_CHARS || slotB > SLOT_MAX_CHARS) return NO_MATCH;
    if (prefix + suffix < DRIFT_MIN_SHARED) return NO_MATCH;
    const textA = this.slotText(a + prefix, slotA);
    const textB = this.slotText(b + prefix, slotB);
    if (textA === undefined || textB === undefined || withoutDigits(textA) === withoutDigits(textB))
      return NO_MATCH;
    this.work += slotA * slotB;
    if (levenshtein.get(textA, textB) > DRIFT_MAX_EDIT_RATIO * Math.max(lengthA, lengthB)) return NO_MATCH;
    return this.hasLetter(a + lengthA - suffix, suffix) ? DRIFTED : DRIFTED_AT_END;
  }

  /** Whether a shared prefix of `cut` characters ends inside a word of either unit. */
  private cutsWordAtStart(a: number, lengthA: number, b: number, lengthB: number, cut: number): boolean {
    const ring = this.ring;
    if (!isWordUnit(ring.charAt(a + cut - 1))) return false;
    return (
      (cut < lengthA && isWordUnit(ring.charAt(a + cut))) ||
      (cut < lengthB && isWordUnit(ring.charAt(b + cut)))
    );
  }

  /** Whether a shared suffix of `cut` characters starts inside a word of either unit. */
  private cutsWordAtEnd(a: number, lengthA: number, b: number, lengthB: number, cut: number): boolean {
    const ring = this.ring;
    if (!isWordUnit(ring.charAt(a + lengthA - cut))) return false;
    const lastA = lengthA - cut - 1;
    const lastB = lengthB - cut - 1;
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
    if (!isDigitUnit(text.charCodeAt(index))) out += text[index];
  }
  return out;
}
