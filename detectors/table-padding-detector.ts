/** The `table-padding` scan: which units reach the state machine (table-padding-tracker.ts). */
import type { GuardEvent } from '../src/events.js';
import { type Detector, type Finding, NO_FINDINGS } from '../src/finding.js';
import type { DetectorContext } from '../src/registry.js';
import { type PaddingBars, PaddingTracker, TABLE_PADDING_ID } from './table-padding-tracker.js';
import { READ_UNREAD, TableScan } from './table-scanner.js';

export { type PaddingBars, TABLE_PADDING_ID } from './table-padding-tracker.js';

const LF = 10;
const SPACE = 32;
const PIPE = 124;

/**
 * The `table-padding` detector: outside table rows it skips to the next line feed or pipe at
 * native speed, passes whole lines (and rows that can no longer find anything) unread, and feeds
 * the units of table rows to the state machine.
 */
export class TablePaddingDetector extends PaddingTracker implements Detector {
  readonly id = TABLE_PADDING_ID;
  /** True while reading units left unread, which must not be left unread again. */
  private reading = false;

  constructor(settings: PaddingBars, meter: DetectorContext['meter']) {
    super(settings, new TableScan(0, meter));
    this.scan.passRowsUnder(Math.min(settings.abortSpaces, settings.abortRepeat), settings.abortEmptyCells);
  }

  push(event: GuardEvent): Finding[] {
    const scan = this.scan;
    if (!scan.accepts(event)) return NO_FINDINGS;
    if (scan.gapAt(event.offset)) this.readUnread();
    scan.enter(event.text, event.offset);
    const start = this.passPlain(event.text, event.offset);
    if (start < event.text.length) this.scanPiece(event.text, event.offset, start);
    return scan.leave(event.text, event.offset);
  }

  /**
   * The fast path, for a piece whose lines hold nothing this detector reads but their ends: the
   * current line is open (see `TableScan.openLine`) or can no longer be a row, and the lines that
   * start here hold no pipe and no fence character. Returns where scanning must go on: 0 when the
   * piece is not such a piece, else mostly its length. Measured on 64-unit pieces (with the jumps
   * over lines that cannot be rows): prose 2.0 -> 1.5 ms/MB, legit/ JSON 2.1 -> 1.8.
   */
  private passPlain(piece: string, offset: number): number {
    const { scan, lines } = this;
    const open = scan.openLine(offset);
    if (open < 0 && !lines.rowClosed) return 0;
    const lineFeed = scan.stops.lineFeedFrom(0);
    if (lineFeed === piece.length) return open < 0 || scan.continueOpen(piece, open) ? lineFeed : 0;
    if ((open >= 0 && !scan.openLineEnds(lineFeed, open)) || !scan.plainFrom(piece, lineFeed + 1)) return 0;
    if (open < 0) this.finishLine(offset + lineFeed);
    return scan.passPlain(piece, lineFeed, offset, open);
  }

  end(): Finding[] {
    if (this.scan.unread > 0) this.readUnread();
    this.finishLine(this.scan.position);
    return this.scan.take();
  }

  reset(): void {
    this.scan.reset();
    this.warnedTable = 0;
    this.clearLine();
  }

  /** Scan `piece` (at absolute `offset`) from `start`: 0, but when reading unread units again. */
  private scanPiece(piece: string, offset: number, start = 0): void {
    const { scan, lines } = this;
    let index = scan.unread > 0 ? scan.resume(piece, offset) : start;
    if (index === READ_UNREAD) {
      this.readUnread();
      scan.stops.start(piece);
      index = 0;
    }
    while (index < piece.length) {
      if (lines.tableRow) {
        index = this.scanRow(piece, index, offset);
        if (index === piece.length) break;
      } else if (lines.rowClosed) {
        // A line that can no longer be a row holds nothing to read but its end.
        index = scan.stops.lineFeedFrom(index);
        if (index === piece.length) break;
      } else if (lines.canSkip) {
        // Outside table rows only a pipe (a row without its leading pipe) or a line end matters.
        index = scan.skip(piece, index);
        if (index === piece.length) break;
      } else if (!lines.inBody) {
        // Indentation, before any pipe: not a table row yet, so nothing to track.
        index = lines.beginLine(piece, index);
        if (lines.canSkip || index === piece.length) continue;
        if (this.rowPassable(piece, index)) {
          const next = scan.passRow(piece, index, offset);
          if (next >= 0) {
            index = next;
            continue;
          }
        }
      }
      if (piece.charCodeAt(index) !== LF) index = this.take(piece, index, offset);
      else {
        this.finishLine(offset + index);
        index = scan.nextLine(piece, index + 1, offset);
      }
    }
  }

  /**
   * Track the unit at `index` (no line feed), or in a fence marker line the units up to its end,
   * which change nothing here but the marker's state. Returns the index after them.
   */
  private take(piece: string, index: number, offset: number): number {
    if (this.lines.inMarker) {
      const stops = this.scan.stops;
      const end = stops.lineFeedFrom(index);
      if (stops.pipeFrom(index) >= end) return this.lines.passMarker(piece, index, end);
    }
    this.step(piece.charCodeAt(index), offset + index);
    return index + 1;
  }

  /**
   * In a table row, from `index`: track every unit up to the line feed (returned, not taken) or the
   * piece's end.
   */
  private scanRow(piece: string, index: number, offset: number): number {
    let at = index;
    while (at < piece.length) {
      if (this.charRun > 0 && this.charCode === SPACE && this.tokens.length === 0 && this.lines.inBody) {
        at = this.skipPadding(piece, at);
        if (at === piece.length) break;
      }
      if (this.pending === undefined && this.lines.inBody) {
        at = this.passUnits(piece, at, offset);
        if (at === piece.length) break;
      }
      const code = piece.charCodeAt(at);
      if (code === LF) break;
      this.step(code, offset + at);
      at += 1;
    }
    return at;
  }

  /**
   * Read the units left unread: the start of a plain line or of a row that can find nothing (see
   * {@link rowPassable}), so nothing is reported while reading them.
   */
  private readUnread(): void {
    const scan = this.scan;
    const from = scan.takeUnread();
    const window = scan.window;
    this.reading = true;
    for (let index = scan.firstHeld(from); index < window.heldCount; index += 1) {
      const piece = window.heldPiece(index);
      const offset = window.heldOffset(index);
      scan.stops.start(piece);
      this.scanPiece(piece, offset, Math.max(0, from - offset));
    }
    this.reading = false;
  }

  /**
   * At `index`, a line's first unit after its indentation: true when it starts a row that can find
   * nothing, so it may be passed unread. Such a row continues a table that was already reported
   * (at most one warn per table) and, while shorter than both repeat bars with at most
   * `abortEmptyCells` pipes, cannot abort. Legit tables are warned on their first padded row:
   * passing the rest cut markdown from 4.5 to 3.7 ms/MB.
   */
  private rowPassable(piece: string, index: number): boolean {
    const lines = this.lines;
    return (
      !this.reading &&
      this.warnedTable === lines.tableCount &&
      lines.atLineStart &&
      lines.continuesTable &&
      piece.charCodeAt(index) === PIPE
    );
  }
}
