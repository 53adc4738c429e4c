/**
 * `table-hyphens`: Markdown table separator rows whose cells run far past the three hyphens the
 * guide asks for. A separator cell with more hyphens than needed is a prevention signal (`warn`,
 * at the end of the row); a hyphen run that keeps growing is a runaway (`abort`, the moment it
 * crosses the bar, mid-line, even before the row is recognisable as a separator).
 */
import type { z } from 'zod';
import type { GuardEvent } from '../src/events.js';
import type { Detector, Finding } from '../src/finding.js';
import { parseOptions } from '../src/options.js';
import type { DetectorContext } from '../src/registry.js';
import { defineDetector } from '../src/registry.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { isBlank, MarkdownLineState, OTHER_UNIT, PLAIN } from './markdown-line.js';
import { StopScanner, StreamWindow } from './stream-window.js';
import { makeFinding } from './support.js';
import { type TableHyphensOptions, TableHyphensOptionsSchema } from './table-hyphens-options.js';

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
/** The units that can start a run, a cell or a line; backslashes are settled on arrival. */
const STOP_UNITS = '\n-|';

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
  private readonly lines = new MarkdownLineState();
  private readonly window = new StreamWindow();
  private readonly stops = new StopScanner(STOP_UNITS);
  private candidate = 0;
  private position = 0;
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
    private readonly meter: DetectorContext['meter'],
  ) {}

  push(event: GuardEvent): Finding[] {
    if (event.type !== 'text-delta' || event.text === '') return [];
    this.candidate = event.candidate;
    const found: Finding[] = [];
    this.window.enter(event.text, event.offset);
    this.scan(event.text, event.offset, found);
    this.stops.release();
    this.window.leave();
    this.position = event.offset + event.text.length;
    if (this.meter) this.meter.units += event.text.length;
    return found;
  }

  end(): Finding[] {
    const found: Finding[] = [];
    this.finishLine(this.position, found);
    return found;
  }

  reset(): void {
    this.lines.reset();
    this.window.reset();
    this.candidate = 0;
    this.position = 0;
    this.lastAbortStart = -1;
    this.clearLine();
  }

  private scan(piece: string, offset: number, found: Finding[]): void {
    const lines = this.lines;
    const stops = this.stops;
    stops.start(piece);
    for (let index = 0; index < piece.length; index += 1) {
      // Inside a line that is no separator, with no hyphen run open, only these units matter.
      if (this.run === 0 && !this.filler && lines.canSkip) {
        const stop = stops.find(index);
        lines.skipped(piece, index, stop);
        index = stop;
        if (index === piece.length) break;
      } else {
        // Indentation can neither start a run nor end one (none is open at a line's start).
        index = lines.skipIndent(piece, index);
        if (index === piece.length) break;
      }
      const code = piece.charCodeAt(index);
      if (code === LF) {
        this.finishLine(offset + index, found);
        continue;
      }
      const pipesBefore = lines.pipes;
      const kind = lines.advance(code);
      if (kind !== OTHER_UNIT) {
        this.run = 0;
        if (kind === PLAIN) this.filler = false;
        continue;
      }
      if (code === HYPHEN) {
        this.onHyphen(offset + index, found);
        continue;
      }
      this.run = 0;
      if (lines.pipes !== pipesBefore) this.onPipe(offset + index, found);
      else if (code !== COLON && !isBlank(code)) this.filler = false;
    }
  }

  private onHyphen(pos: number, found: Finding[]): void {
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
    found.push(this.finding('abort', message, start, pos + 1, start, pos + 1, { kind, length }));
  }

  private onPipe(pos: number, found: Finding[]): void {
    this.closeSegment();
    const { pipes, delimiterOnly, hyphens, lineStart } = this.lines;
    if (pipes !== this.settings.abortSeparatorCells || !delimiterOnly || hyphens === 0) return;
    this.rowAborted = true;
    const data = { kind: 'separator-cells', length: pipes };
    found.push(
      this.finding('abort', MESSAGES.separatorCells(pipes), lineStart, pos + 1, lineStart, pos + 1, data),
    );
  }

  /** At a line end (a line feed at `pos`, or the end of the text): the separator-row warn. */
  private finishLine(pos: number, found: Finding[]): void {
    this.closeSegment();
    const lines = this.lines;
    const separatorRow =
      !lines.inFence &&
      lines.delimiterOnly &&
      lines.pipes > 0 &&
      lines.hyphens > 0 &&
      lines.previousPipes > 0;
    if (separatorRow && !this.rowAborted && this.longestHyphens >= this.settings.warnCellHyphens) {
      const length = this.longestHyphens;
      const data = { kind: 'separator-cell', length, cell: this.longestCell };
      const { longestStart, longestEnd } = this;
      found.push(
        this.finding('warn', MESSAGES.warn(length), longestStart, longestEnd, lines.lineStart, pos, data),
      );
    }
    lines.endLine(pos);
    this.clearLine();
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
      candidate: this.candidate,
      start,
      end,
      evidence: this.window.excerpt(from, to, to),
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
