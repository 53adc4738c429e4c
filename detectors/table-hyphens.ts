/**
 * `table-hyphens`: Markdown table separator rows whose cells run far past the three hyphens the
 * guide asks for. A separator cell with more hyphens than needed is a prevention signal (`warn`,
 * at the end of the row); a hyphen run that keeps growing is a runaway (`abort`, the moment it
 * crosses the bar, mid-line, even before the row is recognisable as a separator).
 */
import type { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import { type Detector, type Finding, NO_FINDINGS } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { isBlank, type MarkdownLineState, OTHER_UNIT, PLAIN } from './markdown-line.js';
import { makeFinding } from './support.js';
import { type TableHyphensOptions, TableHyphensOptionsSchema } from './table-hyphens-options.js';
import { READ_UNREAD, TableScan } from './table-scanner.js';

export {
  ABORT_HYPHENS,
  ABORT_SEPARATOR_CELLS,
  type TableHyphensOptions,
  TableHyphensOptionsSchema,
  WARN_CELL_HYPHENS,
} from './table-hyphens-options.js';

const LF = 10;
const HYPHEN = 45;
const COLON = 58;

const ID = 'table-hyphens';
const REMEDIATIONS: readonly RemediationId[] = ['table-format', 'raise-temperature'];

const MESSAGES = {
  separatorCell: (length: number) =>
    `A table separator cell ran away to ${length} hyphens (3 are enough); the output is degenerate.`,
  hyphenRun: (length: number) =>
    `A run of ${length} hyphens, a table separator running away; the output is degenerate.`,
  separatorCells: (pipes: number) =>
    `A table separator row ran away to ${pipes} cells; the output is degenerate.`,
  warn: (hyphens: number) =>
    `A table separator cell uses ${hyphens} hyphens where 3 are enough; send the table guidelines with the next request.`,
};

type Settings = z.output<typeof TableHyphensOptionsSchema>;

/**
 * The state machine. A "segment" is the text between two pipes (or a line end); it is "filler"
 * while it holds only `-`, `:` and blanks, so `| - - - |` counts as one separator cell.
 */
class TableHyphensDetector implements Detector {
  readonly id = ID;
  private readonly scan: TableScan;
  private readonly lines: MarkdownLineState;
  private run = 0;
  private runStart = 0;
  private filler = true;
  private segmentHyphens = 0;
  private segmentStart = 0;
  private segmentEnd = 0;
  private segmentCell = 1;
  // The longest filler segment of the current line: the cell a separator warn names.
  private longestHyphens = 0;
  private longestStart = 0;
  private longestEnd = 0;
  private longestCell = 1;
  private lastAbortStart = -1;
  private rowAborted = false;

  constructor(
    private readonly settings: Settings,
    meter: DetectorContext['meter'],
  ) {
    this.scan = new TableScan(settings.abortHyphens, meter);
    this.lines = this.scan.lines;
  }

  push(event: GuardEvent): Finding[] {
    const scan = this.scan;
    if (!scan.accepts(event)) return NO_FINDINGS;
    if (scan.gapAt(event.offset)) this.readUnread();
    scan.enter(event.text, event.offset);
    this.scanPiece(event.text, event.offset);
    return scan.leave(event.text, event.offset);
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
      // Inside a line that is no separator, with no hyphen run open, only a few units matter.
      if (this.run === 0 && !this.filler && lines.canSkip) {
        index = scan.skip(piece, index);
        if (index === piece.length) break;
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
      }
      const code = piece.charCodeAt(at);
      if (code === LF) return at;
      this.step(code, offset + at);
      at += 1;
    } while (at < piece.length && !(this.run === 0 && !this.filler && lines.canSkip));
    return at;
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

  private step(code: number, pos: number): void {
    const lines = this.lines;
    const pipesBefore = lines.pipes;
    const kind = lines.advance(code);
    if (kind !== OTHER_UNIT) {
      this.run = 0;
      if (kind === PLAIN) this.filler = false;
      return;
    }
    if (code === HYPHEN) {
      this.onHyphen(pos);
      return;
    }
    this.run = 0;
    if (lines.pipes !== pipesBefore) this.onPipe(pos);
    else if (code !== COLON && !isBlank(code)) this.filler = false;
  }

  private onHyphen(pos: number): void {
    if (this.run === 0) this.runStart = pos;
    this.run += 1;
    if (this.filler) {
      if (this.segmentHyphens === 0) this.segmentStart = pos;
      this.segmentHyphens += 1;
      this.segmentEnd = pos + 1;
    }
    const length = this.filler ? this.segmentHyphens : this.run;
    const start = this.filler ? this.segmentStart : this.runStart;
    if (length < this.settings.abortHyphens || start === this.lastAbortStart) return;
    this.lastAbortStart = start;
    this.rowAborted = true;
    const separator = this.filler && this.lines.delimiterOnly && this.lines.pipes > 0;
    const message = separator ? MESSAGES.separatorCell(length) : MESSAGES.hyphenRun(length);
    const kind = separator ? 'separator-cell' : 'hyphen-run';
    this.scan.report(this.finding('abort', message, start, pos + 1, start, pos + 1, { kind, length }));
  }

  private onPipe(pos: number): void {
    this.closeSegment();
    const { pipes, delimiterOnly, hyphens, lineStart } = this.lines;
    if (pipes !== this.settings.abortSeparatorCells || !delimiterOnly || hyphens === 0) return;
    this.rowAborted = true;
    const data = { kind: 'separator-cells', length: pipes };
    this.scan.report(
      this.finding('abort', MESSAGES.separatorCells(pipes), lineStart, pos + 1, lineStart, pos + 1, data),
    );
  }

  /** At a line end (a line feed at `pos`, or the end of the text): the separator-row warn. */
  private finishLine(pos: number): void {
    // A line with any other unit is no separator row: the usual case, kept small to inline.
    if (this.lines.delimiterOnly) this.checkSeparator(pos);
    this.lines.endLine(pos);
    this.clearLine();
  }

  private checkSeparator(pos: number): void {
    this.closeSegment();
    const lines = this.lines;
    const separatorRow = !lines.inFence && lines.pipes > 0 && lines.hyphens > 0 && lines.previousPipes > 0;
    if (!separatorRow || this.rowAborted || this.longestHyphens < this.settings.warnCellHyphens) return;
    const length = this.longestHyphens;
    const data = { kind: 'separator-cell', length, cell: this.longestCell };
    const { longestStart, longestEnd } = this;
    this.scan.report(
      this.finding('warn', MESSAGES.warn(length), longestStart, longestEnd, lines.lineStart, pos, data),
    );
  }

  private closeSegment(): void {
    if (this.filler && this.segmentHyphens > this.longestHyphens) {
      this.longestHyphens = this.segmentHyphens;
      this.longestStart = this.segmentStart;
      this.longestEnd = this.segmentEnd;
      this.longestCell = this.segmentCell;
    }
    this.filler = true;
    this.segmentHyphens = 0;
    this.segmentCell = this.lines.cell;
  }

  private clearLine(): void {
    this.run = 0;
    this.rowAborted = false;
    this.filler = true;
    this.segmentHyphens = 0;
    this.segmentCell = 1;
    this.longestHyphens = 0;
    this.longestCell = 1;
  }

  /** A finding about `start..end`; the evidence is the text from `from` to `to` with context. */
  private finding(
    severity: 'warn' | 'abort',
    message: string,
    start: number,
    end: number,
    from: number,
    to: number,
    data: { kind: string; length: number; cell?: number },
  ): Finding {
    const where = { line: this.lines.line, column: start - this.lines.lineStart, cell: this.lines.cell };
    return makeFinding({
      detector: ID,
      severity,
      message,
      candidate: this.scan.candidate,
      start,
      end,
      evidence: this.scan.window.excerpt(from, to, to),
      remediations: REMEDIATIONS,
      data: { ...where, ...data },
    });
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
