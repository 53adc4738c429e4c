/**
 * The units of a line left unread across pieces, for the table detectors' scan (table-scanner.ts
 * extends this class: one object holds all the scan state). A line that cannot matter yet is not
 * read: when it ends still plain it is counted, and when something that matters turns up (a pipe,
 * a fence character, a long line) the detector reads it again from the evidence window. Whole
 * plain pieces (no pipe, no fence character) are passed this way without reading their lines.
 */
import { isBlank, MarkdownLineState } from './markdown-line.js';
import { StreamWindow } from './stream-window.js';
import { passLines, TableStops } from './table-stops.js';

/** Longest line left unread across pieces; far inside the 1 KiB the evidence window holds. */
const DEFER_LIMIT = 256;
/** What {@link UnreadLines.resume} returns when the unread units must be read now. */
export const READ_UNREAD = -1;

/**
 * True when the unit at `from` in `piece` is there and not blank: then a line's body began there.
 * Only that unit is read: a blank one answers no, though the body may begin after it (callers
 * then take the slower, safe path), since reading indentation to its end cost more than it saved
 * (JSON, where every line is indented: 1 ms/MB within the default set).
 */
function hasBody(piece: string, from: number): boolean {
  return from < piece.length && !isBlank(piece.charCodeAt(from));
}

/**
 * Where the stream stands in its lines, the next stops in the current piece, the evidence window,
 * and the units of the current line left unread (see {@link nextLine} and {@link openLine}).
 */
export class UnreadLines {
  readonly lines = new MarkdownLineState();
  readonly window = new StreamWindow();
  readonly stops: TableStops;
  /** Absolute offset just past the last piece scanned. */
  position = 0;
  /** Units of the current line left unread so far, up to {@link position}; 0 when none. */
  unread = 0;
  /** True when the unread units are the start of a row (see {@link passRow}). */
  private unreadRow = false;
  /**
   * True when the unread units are known to hold a non-blank one: the line's body began there with
   * none of `|`, a backtick or a tilde, so fence characters later on the line cannot open a fence.
   */
  private unreadBegun = false;
  private unreadPipes = 0;
  private rowLength = 0;
  private rowPipes = 0;
  private readonly deferLimit: number;

  /**
   * `longLine`: lines this long may matter even without a pipe (a hyphen run could reach its bar);
   * `pattern`: the hyphen run the stops search for (see `TableStops`), or none.
   */
  constructor(
    protected readonly longLine: number,
    pattern: string,
  ) {
    this.deferLimit = Math.min(longLine, DEFER_LIMIT);
    this.stops = new TableStops(pattern);
  }

  /** Forget the unread units and where the stream stands, as for a new text. */
  protected resetLines(): void {
    this.lines.reset();
    this.window.reset();
    this.position = 0;
    this.unread = 0;
    this.unreadRow = false;
    this.unreadBegun = false;
  }

  /**
   * Units of the current line that may be taken as unread at the start of `piece` (at `offset`):
   * those left unread, or the blanks read so far of a line whose body has not begun (they changed
   * nothing); -1 when the line was read further (or is a row left unread, or the offsets jump).
   */
  openLine(offset: number): number {
    if (this.unread > 0) return this.unreadRow ? -1 : this.unread;
    const blanks = this.position - this.lines.lineStart;
    return this.lines.atLineStart && offset === this.position && blanks < this.deferLimit ? blanks : -1;
  }

  /**
   * At the start of a piece (see `TableStops.pipeFreeFrom`): true when `piece` holds no pipe and no
   * fence character from `from` on and is shorter than a hyphen bar. Then no line that starts there
   * can become a table row, a separator or a fence, or hold a run that reaches a bar, so those lines
   * may be counted without reading them (see {@link passPlain}).
   */
  plainFrom(piece: string, from: number): boolean {
    const stops = this.stops;
    return piece.length < this.longLine && stops.pipeFreeFrom(from) && stops.fenceFreeFrom(from);
  }

  /**
   * A piece with no line feed, on the open line (see {@link openLine}, `open` units so far): leave
   * it unread too, when it holds no pipe and (before the line's body began) no fence character,
   * and the line stays short. False when it must be read.
   */
  continueOpen(piece: string, open: number): boolean {
    if (!this.mayLeaveUnread(open + piece.length) || this.stops.pipeFrom(0) < piece.length) return false;
    const begun = this.unread > 0 && this.unreadBegun;
    if (!begun && !this.stops.fenceFreeFrom(0)) return false;
    this.unreadBegun = begun || hasBody(piece, 0);
    this.unread = open + piece.length;
    return true;
  }

  /**
   * True when the open line (see {@link openLine}, `open` units so far) may end unread at the line
   * feed at `lineFeed`: short, with no pipe and (before its body began) no fence character.
   */
  openLineEnds(lineFeed: number, open: number): boolean {
    if (!this.mayLeaveUnread(open + lineFeed) || this.stops.pipeFrom(0) < lineFeed) return false;
    return (this.unread > 0 && this.unreadBegun) || this.stops.fence(0) > lineFeed;
  }

  /** True when a line of `length` units may be left unread (or passed unread, when it ends). */
  mayLeaveUnread(length: number): boolean {
    return length < this.deferLimit;
  }

  /**
   * The current line ends at `lineFeed` and the rest of the piece is plain (see {@link plainFrom}):
   * the caller ended the line if it read it, else `open` >= 0 (see {@link openLine}) and it ends
   * here unread. Count the lines that end after it, in one tight loop, and leave the last one unread.
   * Returns the piece's length, or where the last line starts when it is too long to leave unread
   * (the caller reads it).
   */
  passPlain(piece: string, lineFeed: number, offset: number, open: number): number {
    const lines = this.lines;
    let last = lineFeed;
    let count = open >= 0 ? 1 : 0;
    if (open >= 0) this.unread = 0;
    for (let next = piece.indexOf('\n', last + 1); next >= 0; next = piece.indexOf('\n', next + 1)) {
      last = next;
      count += 1;
    }
    if (count > 0) lines.passPlainLines(count, offset + last + 1);
    const rest = piece.length - last - 1;
    if (rest >= this.deferLimit) return last + 1;
    this.unread = rest;
    this.unreadBegun = hasBody(piece, last + 1);
    return piece.length;
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
    if (length >= this.deferLimit || (!this.unreadBegun && stops.fence(0) < stop)) return READ_UNREAD;
    if (stops.isLineFeed(stop)) {
      this.unread = 0;
      this.lines.passPlainLines(1, offset + stop + 1);
      return this.nextLine(piece, stop + 1, offset);
    }
    if (stop !== piece.length) return READ_UNREAD;
    this.unread = length;
    if (!this.unreadBegun) this.unreadBegun = hasBody(piece, 0);
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
    this.unreadBegun = false;
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
    this.unreadBegun = false;
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
  protected deferLine(piece: string, at: number): boolean {
    const stops = this.stops;
    const rest = piece.length - at;
    if (rest === 0 || rest >= this.deferLimit || !isBlank(piece.charCodeAt(at))) return false;
    // Only where fences were searched already (indented lines were passed): markdown's occasional
    // indented line spent more on fence searches than reading it saved (measured: 0.4 ms/MB).
    if (!stops.fenceSearched || stops.find(at) !== piece.length || stops.fence(at) !== piece.length)
      return false;
    this.unread = rest;
    this.unreadBegun = false;
    return true;
  }
}
