/**
 * Repetition trackers for JSON answers. Items are compared by hash and length (see `json-hash.ts`),
 * never kept, so memory is fixed whatever the answer's size.
 * - {@link ItemRepeatTracker}: in each open array, a run of items that repeats with a period of
 *   1 to `maxPeriod` items (`"AI","AI","AI"` has period 1; `A,B,A,B` period 2).
 * - {@link WordRepeatTracker}: inside one string value, the same whitespace-separated word again
 *   and again (`own own own ...`).
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
  private readonly lengths: Float64Array;
  private readonly starts: Float64Array;
  private readonly counts: Float64Array;
  private readonly matches: Float64Array;
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
    this.lengths = new Float64Array((maxLevels + 1) * this.ring);
    this.starts = new Float64Array((maxLevels + 1) * this.ring);
    this.counts = new Float64Array(maxLevels + 1);
    this.matches = new Float64Array((maxLevels + 1) * (maxPeriod + 1));
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

/** Word separators: JSON whitespace, as raw characters or as decoded escapes (`\n`, `\t`). */
function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Counts the same word repeated back to back inside one string value. */
export class WordRepeatTracker {
  /** Characters looked at (for work meters). */
  units = 0;
  private inWord = false;
  private wordHash = 0;
  private wordStart = 0;
  private wordLength = 0;
  private previousHash = 0;
  private previousLength = -1;
  private copies = 0;
  private runStart = 0;
  /** Severity already reported for the current run: 0, 1 (warn) or 2 (abort). */
  private runLevel = 0;

  constructor(
    private readonly bars: RunBars,
    private readonly onHit: (hit: RunHit) => void,
  ) {}

  /** A string value opened. */
  begin(): void {
    this.inWord = false;
    this.previousLength = -1;
    this.copies = 0;
  }

  /** Plain characters `text.slice(from, to)` at absolute `offset`. */
  text(text: string, from: number, to: number, offset: number): void {
    this.units += to - from;
    for (let index = from; index < to; index++) {
      this.unit(text.charCodeAt(index), offset + index - from, 1);
    }
  }

  /** A decoded escape whose source text (`\n`, `\u0041`) spans `width` units from `offset`. */
  escape(code: number, offset: number, width: number): void {
    this.unit(code, offset, width);
  }

  /** The string value closed at `offset` (its closing quote). */
  end(offset: number): void {
    if (this.inWord) this.endWord(offset);
  }

  private unit(code: number, offset: number, width: number): void {
    if (isSeparator(code)) {
      if (this.inWord) this.endWord(offset);
      return;
    }
    if (!this.inWord) {
      this.inWord = true;
      this.wordHash = 0x811c9dc5 | 0;
      this.wordStart = offset;
      this.wordLength = 0;
    }
    this.wordHash = Math.imul(this.wordHash ^ code, 0x01000193);
    this.wordLength += width;
  }

  private endWord(end: number): void {
    this.inWord = false;
    if (this.wordHash === this.previousHash && this.wordLength === this.previousLength) this.copies++;
    else {
      this.copies = 1;
      this.runStart = this.wordStart;
      this.runLevel = 0;
    }
    this.previousHash = this.wordHash;
    this.previousLength = this.wordLength;
    const reached = severityOf(this.bars, this.copies, end - this.runStart);
    if (reached > this.runLevel) {
      this.runLevel = reached;
      const severity = reached === 2 ? 'abort' : 'warn';
      this.onHit({
        severity,
        period: 1,
        copies: this.copies,
        start: this.runStart,
        end,
        lastStart: this.wordStart,
      });
    }
  }
}
