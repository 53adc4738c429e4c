/**
 * The `table-hyphens` state machine, unit by unit: hyphen runs, separator segments and cells, and
 * the warn or abort each may earn. table-hyphens.ts decides which units reach it (skipping what
 * cannot matter); table-hyphens-options.ts holds the measured bars.
 */
import type { z } from 'zod';
import type { Finding } from '../src/finding.js';
import type { RemediationId } from '../src/remediation-ids.js';
import { isBlank, type MarkdownLineState, OTHER_UNIT, PLAIN } from './markdown-line.js';
import { makeFinding } from './support.js';
import type { TableHyphensOptionsSchema } from './table-hyphens-options.js';
import type { TableScan } from './table-scanner.js';

const HYPHEN = 45;
const COLON = 58;

/** The id of the `table-hyphens` detector, which its findings name. */
export const TABLE_HYPHENS_ID = 'table-hyphens';

const ID = TABLE_HYPHENS_ID;
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

/** The parsed `table-hyphens` options. */
export type HyphenBars = z.output<typeof TableHyphensOptionsSchema>;

/**
 * The state machine. A "segment" is the text between two pipes (or a line end); it is "filler"
 * while it holds only `-`, `:` and blanks, so `| - - - |` counts as one separator cell.
 */
export class HyphenTracker {
  protected readonly lines: MarkdownLineState;
  protected run = 0;
  private runStart = 0;
  protected filler = true;
  private segmentHyphens = 0;
  private segmentStart = 0;
  private segmentEnd = 0;
  private segmentCell = 1;
  // The longest filler segment of the current line: the cell a separator warn names.
  private longestHyphens = 0;
  private longestStart = 0;
  private longestEnd = 0;
  private longestCell = 1;
  protected lastAbortStart = -1;
  private rowAborted = false;

  constructor(
    protected readonly settings: HyphenBars,
    protected readonly scan: TableScan,
  ) {
    this.lines = scan.lines;
  }

  /**
   * From `at`, a hyphen in a line's body: take the hyphens of its run that cannot bring a run or a
   * segment to the abort bar, as {@link step} would one by one. Returns the index after them.
   * Separator rows are mostly hyphens (measured on them: 15 -> 5.5 ns a unit).
   */
  protected passHyphens(piece: string, at: number, offset: number): number {
    const limit = this.settings.abortHyphens - 1 - (this.filler ? this.segmentHyphens : this.run);
    const max = Math.min(piece.length, at + limit);
    let end = at;
    while (end < max && piece.charCodeAt(end) === HYPHEN) end += 1;
    const count = end - at;
    if (count === 0) return at;
    this.lines.takeUnits(count, false);
    const pos = offset + at;
    if (this.run === 0) this.runStart = pos;
    this.run += count;
    if (this.filler) {
      if (this.segmentHyphens === 0) this.segmentStart = pos;
      this.segmentHyphens += count;
      this.segmentEnd = pos + count;
    }
    return end;
  }

  /** Track one unit (`code` at absolute `pos`), never a line feed. */
  protected step(code: number, pos: number): void {
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
  protected finishLine(pos: number): void {
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

  protected clearLine(): void {
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
