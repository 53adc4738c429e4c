/**
 * `table-hyphens`: Markdown table separator rows whose cells run far past the three hyphens the
 * guide asks for. A separator cell with more hyphens than needed is a prevention signal (`warn`,
 * at the end of the row); a hyphen run that keeps growing is a runaway (`abort`, the moment it
 * crosses the bar, mid-line, even before the row is recognisable as a separator).
 */
import type { GuardEvent } from '../src/events.js';
import { type Detector, type Finding, NO_FINDINGS } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
import { type TableHyphensOptions, TableHyphensOptionsSchema } from './table-hyphens-options.js';
import { type HyphenBars, HyphenTracker, TABLE_HYPHENS_ID } from './table-hyphens-tracker.js';
import { READ_UNREAD, runStart, TableScan } from './table-scanner.js';

export {
  ABORT_HYPHENS,
  ABORT_SEPARATOR_CELLS,
  type TableHyphensOptions,
  TableHyphensOptionsSchema,
  WARN_CELL_HYPHENS,
} from './table-hyphens-options.js';

const LF = 10;
const HYPHEN = 45;
const BACKSLASH = 92;

const ID = TABLE_HYPHENS_ID;

/**
 * The `table-hyphens` detector: it skips at native speed what cannot matter (whole plain pieces and
 * lines, the rest of a line that is no separator and too short for a bar) and feeds the other
 * units to the state machine (table-hyphens-tracker.ts).
 */
class TableHyphensDetector extends HyphenTracker implements Detector {
  readonly id = ID;

  constructor(settings: HyphenBars, meter: DetectorContext['meter']) {
    super(settings, new TableScan(settings.abortHyphens, meter));
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
   * The fast path, for a piece whose lines hold nothing this detector reads but their ends (and the
   * pipes of the first): the current line is open (see `TableScan.openLine`), or no separator with
   * no run open, and the lines that start here hold no pipe and no fence character. Returns where
   * scanning must go on: 0 when the piece is not such a piece, else mostly its length. Measured on
   * 64-unit pieces (with the skips below): prose 2.1 -> 1.5 ms/MB, legit/ JSON 2.2 -> 1.9.
   */
  private passPlain(piece: string, offset: number): number {
    const { scan, lines } = this;
    const open = scan.openLine(offset);
    if (open < 0 && !(this.run === 0 && !this.filler && lines.canSkip)) return 0;
    const lineFeed = scan.stops.lineFeedFrom(0);
    if (lineFeed === piece.length)
      return open < 0 ? this.continueLine(piece) : scan.continueOpen(piece, open) ? lineFeed : 0;
    if (open >= 0 && !scan.openLineEnds(lineFeed, open)) return 0;
    if (!scan.plainFrom(piece, lineFeed + 1)) return 0;
    if (open < 0) {
      if (this.passableEnd(piece, 0, offset) < 0) return 0;
      this.finishLine(offset + lineFeed);
    }
    return scan.passPlain(piece, lineFeed, offset, open);
  }

  /**
   * A piece with no line feed, shorter than the run bar, on a line that is no separator with no run
   * open: only pipes and a hyphen run that ends the piece (it may go on) matter. Returns where
   * scanning must go on.
   */
  private continueLine(piece: string): number {
    const length = piece.length;
    if (length >= this.settings.abortHyphens || this.scan.stops.pipeFrom(0) < length) return 0;
    if (piece.charCodeAt(length - 1) === HYPHEN) return 0;
    this.lines.skipped(piece, 0, piece.length);
    return piece.length;
  }

  end(): Finding[] {
    if (this.scan.unread > 0) this.readUnread();
    this.finishLine(this.scan.position);
    return this.scan.take();
  }

  reset(): void {
    this.scan.reset();
    this.lastAbortStart = -1;
    this.clearLine();
  }

  /** Scan `piece` (at absolute `offset`) from `start`: 0, but when reading unread units again. */
  private scanPiece(piece: string, offset: number, start = 0): void {
    const { scan, lines } = this;
    let index = start;
    if (scan.unread > 0) {
      index = scan.resume(piece, offset);
      if (index === READ_UNREAD) {
        this.readUnread();
        scan.stops.start(piece);
        index = 0;
      } else if (lines.canSkip) this.filler = false;
    }
    while (index < piece.length) {
      // Inside a line that is no separator only a few units matter: its end, when it is too short
      // for any bar, else its pipes and the hyphen runs that may reach one.
      if (lines.canSkip) {
        const end = this.passableEnd(piece, index, offset);
        if (end >= 0) index = end;
        else if (this.maySkip(piece, index, offset)) {
          index = scan.skip(piece, index);
          if (index === piece.length) break;
        }
      }
      if (!scan.atLineFeed(piece, index)) index = this.track(piece, index, offset);
      else {
        this.finishLine(offset + index);
        index = scan.nextLine(piece, index + 1, offset);
        if (lines.canSkip) this.filler = false;
      }
    }
  }

  /**
   * Track units one by one from `index` (not a line feed) until skipping may resume, a line feed
   * (returned, not taken) or the piece's end.
   */
  private track(piece: string, index: number, offset: number): number {
    const lines = this.lines;
    const stops = this.scan.stops;
    const lineFeed = stops.lineFeedFrom(index);
    let at = index;
    do {
      if (!lines.inBody) {
        // Indentation can neither start a run nor end one (none is open at a line's start).
        at = lines.beginLine(piece, at);
        if (lines.canSkip) {
          this.filler = false;
          return at;
        }
        if (at === piece.length) return at;
        if (lines.inMarker) {
          const end = this.markerEnd(piece, at, offset, lineFeed);
          if (end > at) {
            at = lines.passMarker(piece, at, end);
            this.run = 0;
            continue;
          }
        }
      }
      const code = piece.charCodeAt(at);
      if (code === LF) return at;
      if (code === HYPHEN && lines.inBody) {
        const end = this.passHyphens(piece, at, offset);
        if (end > at) {
          at = end;
          continue;
        }
      }
      this.step(code, offset + at);
      at += 1;
    } while (at < piece.length && !(lines.canSkip && this.maySkip(piece, at, offset)));
    return at;
  }

  /**
   * In a fence marker line, from `at`: where the units may be passed to in bulk (see
   * `MarkdownLineState.passMarker`), or `at` itself. They run to the line feed or, when it lies past
   * this piece, to a hyphen run that ends the piece (it may go on); they must hold no pipe, follow
   * no pipe's segment (`filler`, counted unit by unit) and end the line short of the bar, so no run
   * in them can reach it (the last one is no hyphen).
   */
  private markerEnd(piece: string, at: number, offset: number, lineFeed: number): number {
    const end = lineFeed < piece.length ? lineFeed : runStart(piece, at);
    if (end <= at || this.filler || this.scan.stops.pipeFrom(at) < end) return at;
    return offset + end - this.lines.lineStart < this.settings.abortHyphens ? end : at;
  }

  /**
   * With `canSkip` holding at `index`: true when the units up to the next stop (see
   * `TableScan.skip`) may be skipped: no run or segment is open, or the stop is a pipe or line
   * feed of a line too short to reach a bar (a pipe closes the segment, a line feed the line).
   */
  private maySkip(piece: string, index: number, offset: number): boolean {
    if (this.run === 0 && !this.filler) return true;
    const stops = this.scan.stops;
    const stop = stops.find(index);
    return (
      stops.isLineFeedOrPipe(stop) &&
      stop < piece.length &&
      offset + stop - this.lines.lineStart < this.settings.abortHyphens
    );
  }

  /**
   * Where the current line, no separator (`canSkip` holds), may be passed to: its line feed, when
   * it lies in this piece and the line is too short to reach a bar; else -1. Of its units only
   * whether it has a pipe matters (the separator row below needs one above): a table row costs
   * two searches instead of a few tracked units per cell.
   */
  private passableEnd(piece: string, index: number, offset: number): number {
    const { lines } = this;
    const stops = this.scan.stops;
    const lineFeed = stops.lineFeedFrom(index);
    if (lineFeed === piece.length || offset + lineFeed - lines.lineStart >= this.settings.abortHyphens)
      return -1;
    if (lines.pipes === 0) {
      const pipe = stops.pipeFrom(index);
      if (pipe < lineFeed) {
        if (pipe > index && piece.charCodeAt(pipe - 1) === BACKSLASH) return -1;
        lines.notePipe();
      }
    }
    return lineFeed;
  }

  /**
   * Read the units left unread: plain units of one line, shorter than any bar, they find nothing.
   * They are read in the held pieces themselves, not in a joined copy: scanning strings of another
   * kind made V8's string reads polymorphic (markdown after prose: 3.6 -> 4.4 ms/MB).
   */
  private readUnread(): void {
    const scan = this.scan;
    const from = scan.takeUnread();
    const window = scan.window;
    for (let index = scan.firstHeld(from); index < window.heldCount; index += 1) {
      const piece = window.heldPiece(index);
      const offset = window.heldOffset(index);
      scan.stops.start(piece);
      this.scanPiece(piece, offset, Math.max(0, from - offset));
    }
  }
}

/**
 * Create the `table-hyphens` detector. It reads answer text only (`text-delta`); thoughts are not
 * rendered as tables. Aborts apply inside code fences too (a 640-hyphen line is a runaway wherever
 * it is, and the fenced maximum in the corpus is 293); the separator warn only outside them.
 * Throws `InvalidOptionsError` for bad options.
 */
export function createTableHyphensDetector(
  options: TableHyphensOptions = {},
  context: DetectorContext = {},
): Detector {
  const settings = parseOptions(TableHyphensOptionsSchema, options, `options of detector "${ID}"`);
  return new TableHyphensDetector(settings, context.meter);
}

/** The `table-hyphens` entry of the default detector set. */
export const TableHyphensDefinition = defineDetector({
  id: ID,
  summary: 'Markdown table separators whose hyphen runs grow past the 3 hyphens a cell needs.',
  optionsSchema: TableHyphensOptionsSchema,
  create: (options, context) => createTableHyphensDetector(options, context),
});
