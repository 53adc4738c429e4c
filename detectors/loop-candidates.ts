import { BLOCK_CODE, BLOCK_PROSE, BLOCK_TABLE, type BlockKind } from './loop-markdown.js';
import type { LoopRing } from './loop-ring.js';
import type { LoopSink } from './loop-sink.js';
import { exactLevel, type LoopLevel, repeatedForNextLevel, type UnitClass } from './loop-thresholds.js';

/** Candidate periods verified at once; a loop needs one, nested loops two or three. */
export const MAX_CANDIDATES = 8;
/** Re-evaluate a live candidate at least this often, since its Markdown block may change. */
const RECHECK_INTERVAL = 64;
const UNKNOWN_UNIT = -1;

/**
 * The candidate periods of the exact-loop tracker (loop-periodic.ts extends this class): one slot
 * each, held in typed arrays the tracker's hot loops read directly, and what happens to a slot
 * outside those loops: opening, eviction, removal, and the check against the bars that reports a
 * loop once per level. A base class rather than a member object, so the hot loops read the
 * arrays as fields of the tracker itself, with no extra indirection.
 */
export abstract class CandidateSlots {
  /** Units of work done here (characters compared); see the tracker's `work`. */
  protected done = 0;
  /** Live candidates, in slots 0 to `active - 1`. */
  protected active = 0;
  protected readonly periods = new Int32Array(MAX_CANDIDATES);
  protected readonly repeated = new Int32Array(MAX_CANDIDATES);
  protected readonly tableChars = new Int32Array(MAX_CANDIDATES);
  protected readonly codeChars = new Int32Array(MAX_CANDIDATES);
  protected readonly nextCheck = new Int32Array(MAX_CANDIDATES);
  protected readonly levels = new Uint8Array(MAX_CANDIDATES);
  protected readonly units = new Int8Array(MAX_CANDIDATES);
  protected readonly startPositions = new Float64Array(MAX_CANDIDATES);
  protected readonly startOffsets = new Float64Array(MAX_CANDIDATES);

  constructor(
    protected readonly ring: LoopRing,
    protected readonly sink: LoopSink,
  ) {}

  /** True while a candidate that reported at `level` or above is still running. */
  hasLiveReport(level: LoopLevel): boolean {
    for (let slot = 0; slot < this.active; slot += 1) if ((this.levels[slot] ?? 0) >= level) return true;
    return false;
  }

  /** How many characters the live candidates can take before one may be due for a check. */
  protected untilCheck(): number {
    let until = RECHECK_INTERVAL;
    for (let slot = 0; slot < this.active; slot += 1)
      until = Math.min(until, this.nextCheck[slot]! - this.repeated[slot]! - 1);
    return until;
  }

  /**
   * Start tracking period `distance` in `slot`: a repetition of `matched` characters ending at
   * `position`, `table` and `code` of them in tables and code. Checked against the bars at once.
   */
  protected open(
    slot: number,
    distance: number,
    matched: number,
    table: number,
    code: number,
    position: number,
  ): void {
    const start = position - matched - distance + 1;
    this.periods[slot] = distance;
    this.repeated[slot] = matched;
    this.tableChars[slot] = table;
    this.codeChars[slot] = code;
    this.levels[slot] = 0;
    this.units[slot] = UNKNOWN_UNIT;
    this.startPositions[slot] = start;
    this.startOffsets[slot] = this.ring.offsetAt(start);
    this.nextCheck[slot] = 0;
    this.check(slot, position);
  }

  /** A free slot, or the weakest one if it is weaker than a new run of `matched`; -1 if none. */
  protected freeSlot(matched: number): number {
    if (this.active < MAX_CANDIDATES) {
      this.active += 1;
      return this.active - 1;
    }
    let weakest = 0;
    for (let slot = 1; slot < MAX_CANDIDATES; slot += 1) {
      if ((this.repeated[slot] ?? 0) < (this.repeated[weakest] ?? 0)) weakest = slot;
    }
    if ((this.repeated[weakest] ?? 0) >= matched) return -1;
    const level = this.levels[weakest] ?? 0;
    if (level > 0) this.sink.loopEnded(level as LoopLevel, this.ring.offsetAt(this.ring.count - 1));
    return weakest;
  }

  protected remove(slot: number, position: number): void {
    const level = this.levels[slot] ?? 0;
    if (level > 0) this.sink.loopEnded(level as LoopLevel, this.ring.offsetAt(position));
    const last = this.active - 1;
    this.periods[slot] = this.periods[last] ?? 0;
    this.repeated[slot] = this.repeated[last] ?? 0;
    this.tableChars[slot] = this.tableChars[last] ?? 0;
    this.codeChars[slot] = this.codeChars[last] ?? 0;
    this.nextCheck[slot] = this.nextCheck[last] ?? 0;
    this.levels[slot] = this.levels[last] ?? 0;
    this.units[slot] = this.units[last] ?? 0;
    this.startPositions[slot] = this.startPositions[last] ?? 0;
    this.startOffsets[slot] = this.startOffsets[last] ?? 0;
    this.active = last;
  }

  /** Evaluate a candidate against the bars and report a new level once. */
  protected check(slot: number, position: number): void {
    const period = this.periods[slot] ?? 1;
    const repeated = this.repeated[slot] ?? 0;
    let unit = this.units[slot] ?? UNKNOWN_UNIT;
    if (unit === UNKNOWN_UNIT) {
      unit = this.ring.unitClass(period, position);
      this.done += period;
      this.units[slot] = unit;
    }
    const block = this.blockOf(slot, repeated);
    const level = exactLevel(period, repeated, unit as UnitClass, block);
    const reported = this.levels[slot] ?? 0;
    if (level > reported) {
      this.report(slot, level, position);
      this.levels[slot] = level;
    }
    const needed = repeatedForNextLevel(
      period,
      unit as UnitClass,
      block,
      Math.max(level, reported) as LoopLevel,
    );
    this.nextCheck[slot] = Math.min(needed, repeated + RECHECK_INTERVAL);
  }

  private blockOf(slot: number, repeated: number): BlockKind {
    if ((this.tableChars[slot] ?? 0) * 2 > repeated) return BLOCK_TABLE;
    if ((this.codeChars[slot] ?? 0) * 2 > repeated) return BLOCK_CODE;
    return BLOCK_PROSE;
  }

  private report(slot: number, level: LoopLevel, position: number): void {
    const period = this.periods[slot] ?? 1;
    const repeated = this.repeated[slot] ?? 0;
    const start = this.startPositions[slot] ?? 0;
    const copies = (repeated + period) / period;
    const lastCopy = start + Math.floor((position + 1 - start) / period - 1) * period;
    this.sink.report({
      level,
      start: this.startOffsets[slot] ?? 0,
      end: this.ring.offsetAt(position) + 1,
      period,
      copies,
      exact: true,
      evidence: this.ring.copyText(lastCopy, Math.min(period, 201), period),
    });
  }
}
