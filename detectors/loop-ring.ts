import { isDigitUnit, isLetterUnit } from './loop-chars.js';
import type { BlockKind } from './loop-markdown.js';
import { UNIT_DIGITS, UNIT_SYMBOLS, UNIT_WORDS, type UnitClass } from './loop-thresholds.js';

/**
 * Capacity of the normalised-text ring, in UTF-16 units (a power of two so positions wrap with a
 * mask). It must exceed the longest period the detector verifies (the `maxPeriod` option, at most
 * {@link MAX_PERIOD_LIMIT}) plus the lookback of the drift units; older text is overwritten.
 * Memory: 4,096 x (2 + 4 + 1) bytes = 28 KiB per watched channel.
 */
export const RING_CAPACITY = 4096;

/** A proposed period must match at least this many characters back to be tracked. */
export const MIN_PROPOSAL_MATCH = 32;

/** The largest `maxPeriod` the ring supports: every compared unit must still be in the ring. */
export const MAX_PERIOD_LIMIT = 3500;

/**
 * The last {@link RING_CAPACITY} characters of the normalised text of one channel, with, for
 * each, its UTF-16 offset in the original text (for reporting) and its Markdown block kind.
 * Positions are absolute counts of normalised characters; `count` is how many were written.
 * Offsets are stored as unsigned 32-bit integers (texts beyond 4 GiB units would wrap).
 */
export class LoopRing {
  readonly chars = new Uint16Array(RING_CAPACITY);
  readonly offsets = new Uint32Array(RING_CAPACITY);
  readonly kinds = new Uint8Array(RING_CAPACITY);
  readonly mask = RING_CAPACITY - 1;
  count = 0;
  /**
   * Spaces written so far, counted where they are written (by the anchor index, which sees every
   * one): a drift unit with too few spaces has too few words to be prose.
   */
  spaces = 0;

  /** Append one normalised character; returns its absolute position. */
  push(code: number, offset: number, kind: BlockKind): number {
    const position = this.count;
    const slot = position & this.mask;
    this.chars[slot] = code;
    this.offsets[slot] = offset;
    this.kinds[slot] = kind;
    this.count = position + 1;
    return position;
  }

  /** The character at absolute position `position` (must be within the last capacity). */
  charAt(position: number): number {
    return this.chars[position & this.mask] ?? 0;
  }

  /** Original offset of the character at `position`. */
  offsetAt(position: number): number {
    return this.offsets[position & this.mask] ?? 0;
  }

  /** True when `position` has been written and not yet overwritten. */
  holds(position: number): boolean {
    return position >= 0 && position < this.count && this.count - position <= RING_CAPACITY;
  }

  /** The normalised text between two absolute positions (clamped to what is held), for evidence. */
  text(from: number, to: number): string {
    const start = Math.max(from, this.count - RING_CAPACITY, 0);
    let out = '';
    for (let position = start; position < to && position < this.count; position += 1) {
      out += String.fromCharCode(this.charAt(position));
    }
    return out;
  }

  /**
   * True when a repetition at `distance` ending at `position` cannot reach
   * {@link MIN_PROPOSAL_MATCH} characters: too little text is held, or the character that many
   * back already differs. One comparison rejects most proposals (a repeated three-word key in
   * JSON or prose matches only a few characters) without a backward scan.
   */
  rejects(distance: number, position: number): boolean {
    const limit = Math.min(position - distance + 1, RING_CAPACITY - 1 - distance);
    const back = position - (MIN_PROPOSAL_MATCH - 1);
    return (
      limit < MIN_PROPOSAL_MATCH || this.chars[back & this.mask] !== this.chars[(back - distance) & this.mask]
    );
  }

  /** Letters, digits or symbols only, over the `period` characters ending at `position`. */
  unitClass(period: number, position: number): UnitClass {
    let digits = false;
    for (let back = 0; back < period; back += 1) {
      const code = this.charAt(position - back);
      if (isLetterUnit(code)) return UNIT_WORDS;
      if (isDigitUnit(code)) digits = true;
    }
    return digits ? UNIT_DIGITS : UNIT_SYMBOLS;
  }

  /**
   * The first `length` characters of a loop's copy starting at `from`. A copy of a long period
   * may have left the ring; its characters then equal those one period later, in the next copy.
   */
  copyText(from: number, length: number, period: number): string {
    let out = '';
    for (let index = 0; index < length; index += 1) {
      const position = this.holds(from + index) ? from + index : from + index + period;
      out += String.fromCharCode(this.charAt(position));
    }
    return out;
  }

  /** Forget everything (characters are zeroed so the rolling hash starts the same way). */
  reset(): void {
    this.chars.fill(0);
    this.count = 0;
    this.spaces = 0;
  }
}
