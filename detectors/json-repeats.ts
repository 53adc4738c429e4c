/**
 * Repetition trackers for JSON answers. Items are compared by hash and length (see `json-hash.ts`),
 * never kept, so memory is fixed whatever the answer's size.
 * - {@link ItemRepeatTracker}: in each open array, a run of items that repeats with a period of
 *   1 to `maxPeriod` items (`"AI","AI","AI"` has period 1; `A,B,A,B` period 2).
 * - {@link WordRepeatTracker}: inside one string value, the same whitespace-separated word again
 *   and again (`own own own ...`); the tokenizer cuts the words (see `JsonHandler.stringWord`).
 */

/** How long a run must be to count: both at least `copies` repetitions and `chars` characters. */
export interface RunBar {
  readonly copies: number;
  readonly chars: number;
}

/** Warn and abort bars of one tracker. */
export interface RunBars {
  readonly warn: RunBar;
  readonly abort: RunBar;
}

/** A run that reached a bar. `start`/`end`: from the first repeated unit to the end of the last. */
export interface RunHit {
  readonly severity: 'warn' | 'abort';
  /** Repeating unit, in items (arrays) or words (strings). */
  readonly period: number;
  readonly copies: number;
  readonly start: number;
  readonly end: number;
  /** Where the last repeated unit (item or word) starts. */
  readonly lastStart: number;
}

function severityOf(bars: RunBars, copies: number, chars: number): 0 | 1 | 2 {
  if (copies >= bars.abort.copies && chars >= bars.abort.chars) return 2;
  return copies >= bars.warn.copies && chars >= bars.warn.chars ? 1 : 0;
}

/**
 * Per array level: a ring of the last `maxPeriod + 1` items (hash, length, start) and, for each
 * period p, how many items in a row equal the item p places before. O(maxPeriod) work per item.
 * Arrays nested deeper than `maxLevels` are not tracked.
 */
export class ItemRepeatTracker {
  /** Comparisons made (for work meters). */
  units = 0;
  private readonly ring: number;
  private readonly hashes: Int32Array;
  private readonly lengths: Uint32Array;
  private readonly starts: Float64Array;
  private readonly counts: Float64Array;
  private readonly matches: Uint32Array;
  private readonly runStarts: Float64Array;
  /** Severity already returned for the current run of each (level, period): 0, 1 (warn) or 2. */
  private readonly reported: Uint8Array;

  constructor(
    private readonly bars: RunBars,
    private readonly maxPeriod: number,
    private readonly maxLevels: number,
  ) {
    this.ring = maxPeriod + 1;
    this.hashes = new Int32Array((maxLevels + 1) * this.ring);
    this.lengths = new Uint32Array((maxLevels + 1) * this.ring);
    this.starts = new Float64Array((maxLevels + 1) * this.ring);
    this.counts = new Float64Array(maxLevels + 1);
    this.matches = new Uint32Array((maxLevels + 1) * (maxPeriod + 1));
    this.runStarts = new Float64Array((maxLevels + 1) * (maxPeriod + 1));
    this.reported = new Uint8Array((maxLevels + 1) * (maxPeriod + 1));
  }

  /** An array opened at `level`. */
  begin(level: number): void {
    if (level > this.maxLevels) return;
    this.counts[level] = 0;
    this.matches.fill(0, level * (this.maxPeriod + 1), (level + 1) * (this.maxPeriod + 1));
  }

  /** An item of the array at `level` completed. Returns the strongest bar newly reached, if any. */
  item(level: number, hash: number, start: number, end: number): RunHit | undefined {
    if (level > this.maxLevels) return undefined;
    const count = this.counts[level] ?? 0;
    let best: RunHit | undefined;
    for (let period = 1; period <= Math.min(this.maxPeriod, count); period++) {
      this.units++;
      const hit = this.matchPeriod(level, period, count, hash, start, end);
      if (hit && (!best || (hit.severity === 'abort' && best.severity === 'warn'))) best = hit;
    }
    const slot = level * this.ring + (count % this.ring);
    this.hashes[slot] = hash;
    this.lengths[slot] = end - start;
    this.starts[slot] = start;
    this.counts[level] = count + 1;
    return best;
  }

  /** Compare the item with the one `period` places before; a hit when the run newly reaches a bar. */
  private matchPeriod(
    level: number,
    period: number,
    count: number,
    hash: number,
    start: number,
    end: number,
  ) {
    const index = level * (this.maxPeriod + 1) + period;
    const slot = level * this.ring + ((count - period) % this.ring);
    if (this.hashes[slot] !== hash || this.lengths[slot] !== end - start) {
      this.matches[index] = 0;
      return undefined;
    }
    const matched = (this.matches[index] ?? 0) + 1;
    this.matches[index] = matched;
    if (matched === 1) {
      this.runStarts[index] = this.starts[slot] ?? start;
      this.reported[index] = 0;
    }
    // A run that a shorter period already covers (A A A A is period 1, not 2) is not reported again.
    if (this.coveredByDivisor(level, period, matched)) return undefined;
    const runStart = this.runStarts[index] ?? start;
    const copies = Math.floor((matched + period) / period);
    const reached = severityOf(this.bars, copies, end - runStart);
    if (reached <= (this.reported[index] ?? 0)) return undefined;
    this.reported[index] = reached;
    const hit: RunHit = {
      severity: reached === 2 ? 'abort' : 'warn',
      period,
      copies,
      start: runStart,
      end,
      lastStart: start,
    };
    return hit;
  }

  private coveredByDivisor(level: number, period: number, matched: number): boolean {
    const base = level * (this.maxPeriod + 1);
    for (let divisor = 1; divisor < period; divisor++) {
      this.units++;
      if (period % divisor === 0 && (this.matches[base + divisor] ?? 0) + divisor >= matched + period)
        return true;
    }
    return false;
  }
}

/** Counts the same word repeated back to back inside one string value (words come from the tokenizer). */
export class WordRepeatTracker {
  /** Words compared (for work meters). */
  units = 0;
  private previousHash = 0;
  private previousLength = -1;
  private copies = 0;
  private runStart = 0;
  /** Severity already reported for the current run: 0, 1 (warn) or 2 (abort). */
  private runLevel = 0;
  private readonly minCopies: number;

  constructor(
    private readonly bars: RunBars,
    private readonly onHit: (hit: RunHit) => void,
  ) {
    this.minCopies = Math.min(bars.warn.copies, bars.abort.copies);
  }

  /** A string value opened: runs do not cross values. */
  begin(): void {
    this.previousLength = -1;
    this.copies = 0;
  }

  /** A word of the current string value, from `start` to `end`; `hash` and `length` identify it. */
  word(hash: number, length: number, start: number, end: number): void {
    this.units++;
    if (hash === this.previousHash && length === this.previousLength) this.copies++;
    else {
      this.copies = 1;
      this.runStart = start;
      this.runLevel = 0;
      this.previousHash = hash;
      this.previousLength = length;
    }
    // Most words start a new run: skip the bar check until the run could reach a bar.
    if (this.copies < this.minCopies) return;
    const reached = severityOf(this.bars, this.copies, end - this.runStart);
    if (reached <= this.runLevel) return;
    this.runLevel = reached;
    const severity = reached === 2 ? 'abort' : 'warn';
    this.onHit({ severity, period: 1, copies: this.copies, start: this.runStart, end, lastStart: start });
  }
}
