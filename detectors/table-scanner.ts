/**
 * The scanning both table detectors share: a Markdown line tracker fed piece by piece, the evidence
 * window, and the native-speed skipping of stretches and whole lines that cannot change their state.
 * Each detector keeps its own scan loop and calls into one {@link TableScan}: shared code called
 * back from a common base class made the hot loop polymorphic when both detectors run (measured:
 * both on markdown 9.2 -> 11 ms/MB), while these calls always see the same classes.
 */
import type { GuardEvent } from '../src/events.js';
import { type Finding, NO_FINDINGS } from '../src/finding.js';
import type { DetectorContext } from '../src/registry.js';
import { isBlank, MarkdownLineState } from './markdown-line.js';
import { StreamWindow } from './stream-window.js';
import { passLines, TableStops } from './table-stops.js';

const LF = 10;
const HYPHEN = 45;
/**
 * Longest hyphen run searched for natively in skipped stretches; a longer bar (options allow up to
 * 1e9) makes runs past this length tracked unit by unit instead: same findings, no giant pattern.
 */
const LONGEST_PATTERN = 1024;
/** Longest line left unread across pieces; far inside the 1 KiB the evidence window holds. */
const DEFER_LIMIT = 256;
/** What {@link TableScan.resume} returns when the unread units must be read now. */
export const READ_UNREAD = -1;

/** Where the run of hyphens that ends `piece` starts, not before `from`; the length if none. */
function runStart(piece: string, from: number): number {
  let at = piece.length;
  while (at > from && piece.charCodeAt(at - 1) === HYPHEN) at -= 1;
  return at;
}

/**
 * The state a table detector's scan loop shares: where the stream stands in its lines, the next
 * stops in the current piece, the evidence window, the findings of the current call, and the units
 * of a line left unread across pieces (see {@link nextLine}).
 */
export class TableScan {
  readonly lines = new MarkdownLineState();
  readonly window = new StreamWindow();
  readonly stops: TableStops;
  candidate = 0;
  /** Absolute offset just past the last piece scanned. */
  position = 0;
  /** Units of the current line left unread so far, up to {@link position}; 0 when none. */
  unread = 0;
  /** True when the unread units are the start of a row (see {@link passRow}). */
  private unreadRow = false;
  private unreadPipes = 0;
  private rowLength = 0;
  private rowPipes = 0;
  private found: Finding[] | undefined;
  /** Lines this long may matter even without a pipe (a hyphen run could reach the bar). */
  private readonly longLine: number;
  private readonly deferLimit: number;
  /** True when hyphen runs matter in skipped stretches (a run bar was given). */
  private readonly runs: boolean;

  /** `runBar`: hyphens in one run that matter anywhere (0: none do); `meter` counts the work. */
  constructor(
    runBar: number,
    private readonly meter: DetectorContext['meter'],
  ) {
    this.runs = runBar > 0;
    this.longLine = this.runs ? runBar : Number.POSITIVE_INFINITY;
    this.deferLimit = Math.min(this.longLine, DEFER_LIMIT);
    this.stops = new TableStops(this.runs ? '-'.repeat(Math.min(runBar, LONGEST_PATTERN)) : '');
  }

  /** True when the event is text to scan; note its candidate. */
  accepts(event: GuardEvent): event is GuardEvent & { type: 'text-delta' } {
    if (event.type !== 'text-delta' || event.text === '') return false;
    this.candidate = event.candidate;
    return true;
  }

  /** True when unread units must be read before `offset`: the offsets have a gap. */
  gapAt(offset: number): boolean {
    return this.unread > 0 && offset !== this.position;
  }

  /** Before scanning `piece` (at `offset`): hold it for evidence, search it from now on. */
  enter(piece: string, offset: number): void {
    this.window.enter(piece, offset);
    this.stops.start(piece);
  }

  /** After scanning `piece`: keep it for evidence, count the work, return the findings. */
  leave(piece: string, offset: number): Finding[] {
    this.stops.release();
    this.window.leave();
    this.position = offset + piece.length;
    if (this.meter) this.meter.units += piece.length;
    return this.take();
  }

  /** Add a finding to what this push or end returns. */
  report(finding: Finding): void {
    if (this.found === undefined) this.found = [];
    this.found.push(finding);
  }

  /** The findings of this call, allocated only when there are some (most pushes have none). */
  take(): Finding[] {
    const found = this.found;
    if (found === undefined) return NO_FINDINGS;
    this.found = undefined;
    return found;
  }

  /** Forget everything, as for a new text. */
  reset(): void {
    this.lines.reset();
    this.window.reset();
    this.candidate = 0;
    this.position = 0;
    this.unread = 0;
    this.unreadRow = false;
    this.found = undefined;
  }

  /**
   * From `from`, where the tracker may skip: the next unit that matters (a line feed, left for the
   * caller; a pipe; a hyphen run long enough for the bar, or one that reaches the piece's end and
   * may go on), or the piece's length. Settles the escape the skipped units leave pending.
   */
  skip(piece: string, from: number): number {
    const stops = this.stops;
    const stop = stops.find(from);
    if (stops.isLineFeed(stop)) return stop;
    const at = stop === piece.length && this.runs ? runStart(piece, from) : stop;
    this.lines.skipped(piece, from, at);
    return at;
  }

  /** True when the unit at `index` is a line feed: known without reading it when it was a stop. */
  atLineFeed(piece: string, index: number): boolean {
    return this.stops.isLineFeed(index) || piece.charCodeAt(index) === LF;
  }

  /**
   * After the caller ended a line at a line feed, from `at` (just past it): pass the lines that
   * cannot matter, then begin the next line: leave it unread (returning the piece's length) or pass
   * its indentation and, when plain, its first unit (the tracker's `canSkip` then holds).
   */
  nextLine(piece: string, at: number, offset: number): number {
    const start = passLines(this.lines, this.stops, piece, at, offset, this.longLine);
    return this.deferLine(piece, start) ? piece.length : this.lines.beginLine(piece, start);
  }

  /**
   * At the start of a piece with a line left unread: end it unread when it ends here still plain,
   * keep it unread while it stays plain and short, else return {@link READ_UNREAD}: the caller
   * reads it (see {@link takeUnread}) and starts the search on `piece` again. Otherwise returns
   * where scanning resumes, as {@link nextLine} does.
   */
  resume(piece: string, offset: number): number {
    if (this.unreadRow) return this.resumeRow(piece, offset);
    const stops = this.stops;
    const stop = stops.find(0);
    const length = this.unread + stop;
    if (length >= this.deferLimit || stops.fence(0) < stop) return READ_UNREAD;
    if (stops.isLineFeed(stop)) {
      this.unread = 0;
      this.lines.passPlainLines(1, offset + stop + 1);
      return this.nextLine(piece, stop + 1, offset);
    }
    if (stop !== piece.length) return READ_UNREAD;
    this.unread = length;
    return piece.length;
  }

  /**
   * Let rows be passed unread (see {@link passRow}) while they are shorter than `length` units and
   * hold at most `pipes` pipes.
   */
  passRowsUnder(length: number, pipes: number): void {
    this.rowLength = Math.min(length, DEFER_LIMIT);
    this.rowPipes = pipes;
  }

  /**
   * At `at`, a pipe that starts (after indentation) a row of a table that can no longer earn a
   * finding: pass the row unread when it is short enough (see {@link passRowsUnder}), to its line
   * feed or, left unread, to the piece's end. Returns where scanning resumes, or -1 when the row
   * must be read. Pipes are counted by native search, one per cell, instead of reading every unit.
   */
  passRow(piece: string, at: number, offset: number): number {
    const stop = this.rowEnd(piece, at, 0);
    if (stop < 0) return -1;
    const length = offset + stop - this.lines.lineStart;
    if (length >= this.rowLength) return -1;
    if (stop === piece.length) {
      this.unread = length;
      this.unreadRow = true;
      return stop;
    }
    this.lines.passTableRow(offset + stop + 1);
    return this.nextLine(piece, stop + 1, offset);
  }

  /** {@link resume} for a row left unread by {@link passRow}. */
  private resumeRow(piece: string, offset: number): number {
    const stop = this.rowEnd(piece, 0, this.unreadPipes);
    if (stop < 0) return READ_UNREAD;
    const length = this.unread + stop;
    if (length >= this.rowLength) return READ_UNREAD;
    if (stop === piece.length) {
      this.unread = length;
      return stop;
    }
    this.unread = 0;
    this.unreadRow = false;
    this.lines.passTableRow(offset + stop + 1);
    return this.nextLine(piece, stop + 1, offset);
  }

  /**
   * The row's line feed at or after `from`, or the piece's length, counting its pipes on from
   * `pipes` into {@link unreadPipes}; -1 once they pass the row's bar.
   */
  private rowEnd(piece: string, from: number, pipes: number): number {
    const stops = this.stops;
    let count = pipes;
    let stop = stops.find(from);
    for (; stop < piece.length && !stops.isLineFeed(stop); stop = stops.find(stop + 1)) {
      count += 1;
      if (count > this.rowPipes) return -1;
    }
    this.unreadPipes = count;
    return stop;
  }

  /**
   * Forget the unread units and return the absolute offset where they start: the caller reads them
   * again from the window's held pieces (see {@link firstHeld}), none of them unread after.
   */
  takeUnread(): number {
    const from = this.position - this.unread;
    this.unread = 0;
    this.unreadRow = false;
    return from;
  }

  /**
   * The index of the oldest held piece (see `StreamWindow.heldPiece`) that reaches `from`. Searched
   * from the newest: at most one step per unread piece, each of which holds an unread unit.
   */
  firstHeld(from: number): number {
    const window = this.window;
    let index = window.heldCount - 1;
    while (index > 0 && window.heldOffset(index) > from) index -= 1;
    return Math.max(index, 0);
  }

  /**
   * When the line starting at `at` is indented and the rest of the piece holds no line feed, pipe,
   * fence character or long run, leave it unread: if it ends in the next piece still plain, it never
   * needs reading (JSON: reading the indentation of each piece's last line cost 0.4 ms/MB).
   */
  private deferLine(piece: string, at: number): boolean {
    const stops = this.stops;
    const rest = piece.length - at;
    if (rest === 0 || rest >= this.deferLimit || !isBlank(piece.charCodeAt(at))) return false;
    // Only where fences were searched already (indented lines were passed): markdown's occasional
    // indented line spent more on fence searches than reading it saved (measured: 0.4 ms/MB).
    if (!stops.fenceSearched || stops.find(at) !== piece.length || stops.fence(at) !== piece.length)
      return false;
    this.unread = rest;
    return true;
  }
}
