import { isDigitUnit } from './loop-chars.js';
import { BLOCK_CODE, BLOCK_LIST, BLOCK_TABLE } from './loop-markdown.js';
import type { LoopRing } from './loop-ring.js';
import type { LoopSink } from './loop-sink.js';
import {
  DRIFT_ABORT_LINKS,
  DRIFT_END_ABORT_LINKS,
  DRIFT_END_WARN_LINKS,
  DRIFT_WARN_LINKS,
  LEVEL_ABORT,
  LEVEL_NONE,
  LEVEL_WARN,
  type LoopLevel,
} from './loop-thresholds.js';
import {
  DRIFT_MIN_UNIT_WORDS,
  DRIFTED_AT_END,
  NO_MATCH,
  SAME,
  UnitComparer,
  type UnitMatch,
} from './loop-units.js';

/** Units shorter than this are skipped (neither counted nor breaking a chain): "Done.", "I'll send.". */
export const DRIFT_MIN_UNIT_CHARS = 20;
/** Units longer than this are not compared and break a chain; bounds the work per comparison. */
export const DRIFT_MAX_UNIT_CHARS = 400;
/** Each unit is compared with this many previous units (a cycle of up to four sentences). */
export const DRIFT_LOOKBACK = 4;
/**
 * The units of a chain must cover at least half of the text it spans: a template line recurring
 * between other lines (a JSON test suite's "description" every ~390 characters, legit/010) is
 * structure, while a drifting loop is the sentences themselves (degenerate/003 and 019: ~100%).
 */
export const DRIFT_MIN_COVERAGE = 0.5;

/**
 * Finds drifting loops: consecutive units (sentences, or lines) that repeat a template and change
 * only one slot, such as "... denies camera permissions." / "... denies photo library
 * permissions.". Each finished unit is compared (see {@link UnitComparer}) with the last
 * {@link DRIFT_LOOKBACK} units; a chain of matching units is a loop. Units in tables and code are
 * not compared (rows and lines of code share templates by nature); list items whose slot is at
 * the end share a prefix, which is not a loop either. Memory: four unit positions.
 */
export class DriftTracker {
  private readonly units: UnitComparer;
  private unitStart = 0;
  /** The ring's count of spaces when the last unit ended. */
  private spacesBefore = 0;
  private readonly starts = new Float64Array(DRIFT_LOOKBACK);
  private readonly lengths = new Int32Array(DRIFT_LOOKBACK);
  private stored = 0;
  private newest = 0;
  private links = 0;
  private chainStart = 0;
  private chainOffset = 0;
  private chainExact = true;
  /** True while every changed slot of the chain ended its unit (identical units do not count). */
  private slotsAtEnd = true;
  private matchedEntry = 0;
  private covered = 0;
  private level: LoopLevel = LEVEL_NONE;

  constructor(
    private readonly ring: LoopRing,
    private readonly sink: LoopSink,
  ) {
    this.units = new UnitComparer(ring);
  }

  /** Units of work done (characters compared), for the linear-work meter. */
  get work(): number {
    return this.units.work;
  }

  /** A unit ended just before absolute position `end`; the next one starts after it. */
  endUnit(end: number): void {
    const first = this.unitStart;
    this.unitStart = end + 1;
    // The unit's spaces: those written since the last unit ended, but the one that ends it.
    const spaces = this.ring.spaces;
    const unitSpaces = spaces - this.spacesBefore - (end < this.ring.count ? 1 : 0);
    this.spacesBefore = spaces;
    if (end <= first) return;
    // A line turns into a table row at its third separator: the boundary space carries the kind
    // the line ended with, so look at both ends of the unit.
    const kind = this.ring.kinds[first & this.ring.mask]!;
    const endKind = end < this.ring.count ? this.ring.kinds[end & this.ring.mask]! : kind;
    if (
      end - first > DRIFT_MAX_UNIT_CHARS ||
      !this.ring.holds(first) ||
      isStructure(kind) ||
      isStructure(endKind)
    ) {
      this.breakChain(end);
      this.stored = 0;
      return;
    }
    const inList = kind === BLOCK_LIST || endKind === BLOCK_LIST;
    // An ordered item's number is structure: "23. Retry the call." repeats "22. Retry the call.".
    const start = inList ? this.afterItemNumber(first, end) : first;
    if (end - start < DRIFT_MIN_UNIT_CHARS) return;
    // A unit with fewer words is no prose and links to nothing (see match), so it is not compared:
    // most lines of JSON and of code (measured: 8% of text-loop's time on legit JSON).
    const verdict = unitSpaces < DRIFT_MIN_UNIT_WORDS - 1 ? NO_MATCH : this.match(start, end - start, inList);
    if (verdict === NO_MATCH) this.breakChain(end);
    else this.extendChain(start, end, this.matchedEntry, verdict);
    this.newest = (this.newest + 1) % DRIFT_LOOKBACK;
    this.starts[this.newest] = start;
    this.lengths[this.newest] = end - start;
    this.stored = Math.min(this.stored + 1, DRIFT_LOOKBACK);
  }

  /**
   * True when the next {@link endUnit} can neither report nor end a reported loop: no chain has
   * reported, and one more link cannot reach the warn bar. It then calls nothing outside.
   */
  get quiet(): boolean {
    return this.level === LEVEL_NONE && this.links < Math.min(DRIFT_WARN_LINKS, DRIFT_END_WARN_LINKS) - 1;
  }

  /** True while a chain that reported at `level` or above is still growing. */
  hasLiveReport(level: LoopLevel): boolean {
    return this.level >= level && this.level > LEVEL_NONE;
  }

  /** Forget everything. */
  reset(): void {
    this.unitStart = 0;
    this.spacesBefore = 0;
    this.stored = 0;
    this.links = 0;
    this.level = LEVEL_NONE;
    this.units.work = 0;
  }

  /** Compare a unit with the stored ones, newest first; the matching entry is left in `matchedEntry`. */
  private match(start: number, length: number, inList: boolean): UnitMatch {
    let verdict: UnitMatch = NO_MATCH;
    for (let back = 0; back < this.stored && verdict === NO_MATCH; back += 1) {
      this.matchedEntry = (this.newest - back + DRIFT_LOOKBACK) % DRIFT_LOOKBACK;
      const earlier = this.starts[this.matchedEntry]!;
      const earlierLength = this.lengths[this.matchedEntry]!;
      if (this.ring.holds(earlier) && this.units.mayMatch(start, length, earlier, earlierLength))
        verdict = this.units.compare(start, length, earlier, earlierLength);
    }
    // List items that share a prefix are not a loop (recon-18007, PR #18975 of gemini-cli).
    if (verdict === DRIFTED_AT_END && inList) return NO_MATCH;
    // Only prose units link (checked on a match only, which is rare, to keep the common path cheap).
    if (verdict !== NO_MATCH && !this.units.isProse(start, length)) return NO_MATCH;
    return verdict;
  }

  /** Where an ordered-list item's text starts: after `12. ` or `3) `, else at `start`. */
  private afterItemNumber(start: number, end: number): number {
    let position = start;
    while (position < end && position - start < 9 && isDigitUnit(this.ring.charAt(position))) position += 1;
    if (position === start || position + 1 >= end) return start;
    const mark = this.ring.charAt(position);
    if ((mark !== 0x2e && mark !== 0x29) || this.ring.charAt(position + 1) !== 0x20) return start;
    return position + 2;
  }

  private extendChain(start: number, end: number, entry: number, verdict: UnitMatch): void {
    const matched = this.starts[entry]!;
    if (this.links === 0) {
      this.chainStart = matched;
      this.chainOffset = this.ring.offsetAt(matched);
      this.chainExact = true;
      this.slotsAtEnd = true;
      this.covered = this.lengths[entry]!;
    }
    this.links += 1;
    this.covered += end - start;
    if (verdict !== SAME) this.chainExact = false;
    if (verdict !== DRIFTED_AT_END) this.slotsAtEnd = false;
    const level = this.chainLevel(end);
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

  /** The level the chain has reached; chains whose slots all end their units need more links. */
  private chainLevel(end: number): LoopLevel {
    if (this.covered < DRIFT_MIN_COVERAGE * (end - this.chainStart)) return LEVEL_NONE;
    const abortAt = this.slotsAtEnd ? DRIFT_END_ABORT_LINKS : DRIFT_ABORT_LINKS;
    const warnAt = this.slotsAtEnd ? DRIFT_END_WARN_LINKS : DRIFT_WARN_LINKS;
    if (this.links >= abortAt) return LEVEL_ABORT;
    return this.links >= warnAt ? LEVEL_WARN : LEVEL_NONE;
  }

  private breakChain(end: number): void {
    if (this.level > LEVEL_NONE && end > this.chainStart)
      this.sink.loopEnded(this.level, this.ring.offsetAt(end - 1) + 1);
    this.links = 0;
    this.level = LEVEL_NONE;
  }
}

/** Tables and code share templates by nature: their lines never form drift chains. */
function isStructure(kind: number): boolean {
  return kind === BLOCK_TABLE || kind === BLOCK_CODE;
}
