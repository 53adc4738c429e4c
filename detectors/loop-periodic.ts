import { isDigitUnit, isLetterUnit } from './loop-chars.js';
import { BLOCK_CODE, BLOCK_PROSE, BLOCK_TABLE, type BlockKind } from './loop-markdown.js';
import { type LoopRing, RING_CAPACITY } from './loop-ring.js';
import {
  exactLevel,
  type LoopLevel,
  repeatedForNextLevel,
  UNIT_DIGITS,
  UNIT_SYMBOLS,
  UNIT_WORDS,
  type UnitClass,
} from './loop-thresholds.js';
import type { LoopSink } from './loop-sink.js';

/**
 * Length of the hashed window. A repeated 12-char window proposes a period; shorter windows
 * (8) made the common phrases of prose (" of the ") propose periods at every few characters.
 */
export const HASH_WINDOW = 12;
/** Hash table of window -> last position: 8,192 x 16-bit entries = 16 KiB, direct-mapped. */
const TABLE_BITS = 13;
/** Candidate periods verified at once; a loop needs one, nested loops two or three. */
export const MAX_CANDIDATES = 8;
/** Re-evaluate a live candidate at least this often, since its Markdown block may change. */
const RECHECK_INTERVAL = 64;
const HASH_BASE = 0x01000193;
const HASH_BASE_POWER = powerOf(HASH_BASE, HASH_WINDOW);
const UNKNOWN_UNIT = -1;

function powerOf(base: number, exponent: number): number {
  let out = 1;
  for (let step = 0; step < exponent; step += 1) out = Math.imul(out, base);
  return out;
}

/**
 * Finds exact periodic stretches of the normalised text, one character at a time. A rolling hash
 * of the last {@link HASH_WINDOW} characters and a table of where each window was last seen
 * propose a period in O(1); a proposed period is verified by comparing characters, and then kept
 * as a candidate that is checked with one comparison per character (s[i] === s[i - period]) until
 * it breaks. Memory is fixed (the table and {@link MAX_CANDIDATES} slots); work per character is
 * O(candidates), plus the verification of each proposal (counted in `work`).
 */
export class PeriodicTracker {
  /** Units of work done (characters compared), for the linear-work meter. */
  work = 0;
  private readonly table = new Uint16Array(1 << TABLE_BITS);
  private hash = 0;
  private active = 0;
  private readonly periods = new Int32Array(MAX_CANDIDATES);
  private readonly repeated = new Int32Array(MAX_CANDIDATES);
  private readonly tableChars = new Int32Array(MAX_CANDIDATES);
  private readonly codeChars = new Int32Array(MAX_CANDIDATES);
  private readonly nextCheck = new Int32Array(MAX_CANDIDATES);
  private readonly levels = new Uint8Array(MAX_CANDIDATES);
  private readonly units = new Int8Array(MAX_CANDIDATES);
  private readonly startPositions = new Float64Array(MAX_CANDIDATES);
  private readonly startOffsets = new Float64Array(MAX_CANDIDATES);

  constructor(
    private readonly ring: LoopRing,
    private readonly maxPeriod: number,
    private readonly sink: LoopSink,
  ) {}

  /** Process the character just written at absolute `position`. */
  step(position: number): void {
    const chars = this.ring.chars;
    const mask = this.ring.mask;
    const code = chars[position & mask] ?? 0;
    let slot = 0;
    while (slot < this.active) {
      const period = this.periods[slot] ?? 0;
      if (chars[(position - period) & mask] === code) {
        this.extend(slot, position);
        slot += 1;
      } else {
        this.remove(slot, position);
      }
    }
    this.work += 1 + this.active;
    let hash = (Math.imul(this.hash, HASH_BASE) + code) | 0;
    if (position >= HASH_WINDOW) hash = (hash - Math.imul(chars[(position - HASH_WINDOW) & mask] ?? 0, HASH_BASE_POWER)) | 0;
    this.hash = hash;
    if (position + 1 < HASH_WINDOW) return;
    const index = Math.imul(hash, 0x9e3779b1) >>> (32 - TABLE_BITS);
    const previous = this.table[index] ?? 0;
    this.table[index] = position & 0xffff;
    const distance = (position - previous) & 0xffff;
    if (distance !== 0 && distance <= this.maxPeriod && distance + HASH_WINDOW <= position + 1) {
      this.propose(distance, position);
    }
  }

  /** True while a candidate that reported at `level` or above is still running. */
  hasLiveReport(level: LoopLevel): boolean {
    for (let slot = 0; slot < this.active; slot += 1) if ((this.levels[slot] ?? 0) >= level) return true;
    return false;
  }

  /** Forget everything. */
  reset(): void {
    this.table.fill(0);
    this.hash = 0;
    this.active = 0;
    this.work = 0;
  }

  private extend(slot: number, position: number): void {
    const repeated = (this.repeated[slot] ?? 0) + 1;
    this.repeated[slot] = repeated;
    const kind = this.ring.kinds[position & this.ring.mask];
    if (kind === BLOCK_TABLE) this.tableChars[slot] = (this.tableChars[slot] ?? 0) + 1;
    else if (kind === BLOCK_CODE) this.codeChars[slot] = (this.codeChars[slot] ?? 0) + 1;
    if (repeated >= (this.nextCheck[slot] ?? 0)) this.check(slot, position);
  }

  /** A window repeats at `distance`: verify it and start tracking that period. */
  private propose(distance: number, position: number): void {
    for (let slot = 0; slot < this.active; slot += 1) if (distance % (this.periods[slot] ?? 1) === 0) return;
    const chars = this.ring.chars;
    const kinds = this.ring.kinds;
    const mask = this.ring.mask;
    const limit = Math.min(position - distance + 1, RING_CAPACITY - 1 - distance);
    let matched = 0;
    let table = 0;
    let code = 0;
    while (matched < limit && chars[(position - matched) & mask] === chars[(position - distance - matched) & mask]) {
      const kind = kinds[(position - matched) & mask];
      if (kind === BLOCK_TABLE) table += 1;
      else if (kind === BLOCK_CODE) code += 1;
      matched += 1;
    }
    this.work += matched + 1;
    if (matched < HASH_WINDOW) return;
    const slot = this.freeSlot(matched);
    if (slot < 0) return;
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
  private freeSlot(matched: number): number {
    if (this.active < MAX_CANDIDATES) {
      this.active += 1;
      return this.active - 1;
    }
    let weakest = 0;
    for (let slot = 1; slot < MAX_CANDIDATES; slot += 1) {
      if ((this.repeated[slot] ?? 0) < (this.repeated[weakest] ?? 0)) weakest = slot;
    }
    return (this.repeated[weakest] ?? 0) < matched ? weakest : -1;
  }

  private remove(slot: number, position: number): void {
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
  private check(slot: number, position: number): void {
    const period = this.periods[slot] ?? 1;
    const repeated = this.repeated[slot] ?? 0;
    let unit = this.units[slot] ?? UNKNOWN_UNIT;
    if (unit === UNKNOWN_UNIT) {
      unit = this.unitClass(period, position);
      this.units[slot] = unit;
    }
    const block = this.blockOf(slot, repeated);
    const level = exactLevel(period, repeated, unit as UnitClass, block);
    const reported = this.levels[slot] ?? 0;
    if (level > reported) {
      this.report(slot, level, position);
      this.levels[slot] = level;
    }
    const needed = repeatedForNextLevel(period, unit as UnitClass, block, Math.max(level, reported) as LoopLevel);
    this.nextCheck[slot] = Math.min(needed, repeated + RECHECK_INTERVAL);
  }

  private blockOf(slot: number, repeated: number): BlockKind {
    if ((this.tableChars[slot] ?? 0) * 2 > repeated) return BLOCK_TABLE;
    if ((this.codeChars[slot] ?? 0) * 2 > repeated) return BLOCK_CODE;
    return BLOCK_PROSE;
  }

  /** Letters, digits or symbols only, over one period (computed once per candidate). */
  private unitClass(period: number, position: number): UnitClass {
    let digits = false;
    this.work += period;
    for (let back = 0; back < period; back += 1) {
      const code = this.ring.charAt(position - back);
      if (isLetterUnit(code)) return UNIT_WORDS;
      if (isDigitUnit(code)) digits = true;
    }
    return digits ? UNIT_DIGITS : UNIT_SYMBOLS;
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
      evidence: this.ring.text(lastCopy, Math.min(lastCopy + period, lastCopy + 201)),
    });
  }
}
